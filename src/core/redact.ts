import { KEY_MARKER } from './keys/keyShape';
import { maskKey } from './keys/mask';

/**
 * The one redaction boundary: every string that leaves the program (CLI output in every format, output
 * channel, notification, diagnostic, hover, tooltip, input-box validation, stored state) goes through
 * `redact` before it is shown, logged, stored or truncated.
 *
 * It masks
 * - every key-shaped token (OpenAI secret keys of every type, ephemeral client secrets, and the keys of other
 *   providers that end up in OPENAI_API_KEY), whatever secrets the caller knows about;
 * - every fragment of 8 or more characters of any secret the caller names (a partial echo of the key under
 *   test, a key cut by a server's truncation), except the public parts every key shares: its type prefix and
 *   the `T3BlbkFJ` marker.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  if (text === '') {
    return text;
  }
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= FRAGMENT_LENGTH) {
      out = out.split(secret).join(maskKey(secret));
    }
  }
  out = maskFragments(out, secrets);
  return out.replace(KEY_SHAPED, (token) => maskToken(token));
}

/** `redact` over every string of a JSON-like value (objects, arrays), for structured output. */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  if (typeof value === 'string') {
    return redact(value, secrets) as T;
  }
  if (Array.isArray(value)) {
    return value.map((v) => redactDeep(v, secrets)) as T;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = redactDeep(v, secrets);
    }
    return out as T;
  }
  return value;
}

/** The shortest fragment of a secret that is masked wherever it appears. */
export const FRAGMENT_LENGTH = 8;

/**
 * Secret-shaped tokens, never in the middle of a word ("task-management-…" is not a key). OpenAI: `sk-…` with at least 16 key characters after `sk-` (so `sk-proj-` alone or a
 * masked `sk-proj-…a1B2` stay readable), anything around the `T3BlbkFJ` marker, `ek_…` client secrets.
 * Other providers: Anthropic `sk-ant-`, OpenRouter `sk-or-`, Groq `gsk_`, xAI `xai-`, Google `AIza`,
 * Hugging Face `hf_`.
 */
const KEY_SHAPED = new RegExp(
  '(?<![A-Za-z0-9])(?:' +
  [
    'sk-[A-Za-z0-9_-]{16,}',
    `[A-Za-z0-9_-]*${KEY_MARKER}[A-Za-z0-9_-]*`,
    'ek_[A-Za-z0-9_-]{16,}',
    'gsk_[A-Za-z0-9]{16,}',
    'xai-[A-Za-z0-9]{16,}',
    'AIza[A-Za-z0-9_-]{30,}',
    'hf_[A-Za-z0-9]{16,}',
  ].join('|') +
  ')',
  'g',
);

function maskToken(token: string): string {
  if (token === KEY_MARKER) {
    return token;
  }
  const known = /^(sk-(?:proj|svcacct|admin|None|ant|or-v1|or)-|sk-|ek_|gsk_|xai-|AIza|hf_)/.exec(token);
  const prefix = known ? known[1] : '';
  if (prefix.startsWith('sk-')) {
    return maskKey(token);
  }
  return token.length - prefix.length < 12 ? `${prefix}…(${token.length} chars)` : `${prefix}…${token.slice(-4)}`;
}

/** The parts of a key everyone knows: masking them would only garble messages. */
function publicPartsOf(secret: string): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  const prefix = /^(sk-(?:proj|svcacct|admin|None)-|sk-|ek_)/.exec(secret);
  if (prefix) {
    parts.push([0, prefix[1].length]);
  }
  for (let at = secret.indexOf(KEY_MARKER); at >= 0; at = secret.indexOf(KEY_MARKER, at + 1)) {
    parts.push([at, at + KEY_MARKER.length]);
  }
  return parts;
}

/** Every window of FRAGMENT_LENGTH characters of the secrets that is not wholly inside a public part. */
function secretWindows(secrets: readonly string[]): Set<string> {
  const windows = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < FRAGMENT_LENGTH) {
      continue;
    }
    const publicParts = publicPartsOf(secret);
    for (let i = 0; i + FRAGMENT_LENGTH <= secret.length; i++) {
      const end = i + FRAGMENT_LENGTH;
      if (publicParts.some(([s, e]) => i >= s && end <= e)) {
        continue;
      }
      windows.add(secret.slice(i, end));
    }
  }
  return windows;
}

/** Replaces each run of characters covered by a secret's window with one `…(N chars)` marker. */
function maskFragments(text: string, secrets: readonly string[]): string {
  return maskWindows(text, secretWindows(secrets));
}

/** A window set with the rolling hash of each window, so a text is scanned without cutting it into pieces. */
interface WindowIndex {
  windows: ReadonlySet<string>;
  hashes: ReadonlySet<number>;
}

const HASH_BASE = 131;
/** HASH_BASE to the power FRAGMENT_LENGTH - 1, modulo 2^32: what the character leaving the window weighed. */
const HASH_TOP = Array.from({ length: FRAGMENT_LENGTH - 1 }).reduce<number>((h) => Math.imul(h, HASH_BASE), 1);

function hashAt(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < FRAGMENT_LENGTH; k++) {
    h = (Math.imul(h, HASH_BASE) + text.charCodeAt(at + k)) | 0;
  }
  return h;
}

function indexWindows(windows: ReadonlySet<string>): WindowIndex {
  const hashes = new Set<number>();
  for (const window of windows) {
    hashes.add(hashAt(window, 0));
  }
  return { windows, hashes };
}

function maskWindows(text: string, windows: ReadonlySet<string> | WindowIndex): string {
  const index = windows instanceof Set ? indexWindows(windows) : (windows as WindowIndex);
  if (index.windows.size === 0 || text.length < FRAGMENT_LENGTH) {
    return text;
  }
  let covered: Uint8Array | undefined;
  let h = hashAt(text, 0);
  for (let i = 0; i + FRAGMENT_LENGTH <= text.length; i++) {
    if (i > 0) {
      h = (Math.imul(h - Math.imul(text.charCodeAt(i - 1), HASH_TOP), HASH_BASE) + text.charCodeAt(i + FRAGMENT_LENGTH - 1)) | 0;
    }
    if (index.hashes.has(h) && index.windows.has(text.slice(i, i + FRAGMENT_LENGTH))) {
      covered ??= new Uint8Array(text.length);
      covered.fill(1, i, i + FRAGMENT_LENGTH);
    }
  }
  if (!covered) {
    return text;
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (!covered[i]) {
      out += text[i++];
      continue;
    }
    let end = i;
    while (end < text.length && covered[end]) {
      end++;
    }
    out += `…(${end - i} chars)`;
    i = end;
  }
  return out;
}

/**
 * `redact` with the secrets prepared once, for the many messages of one lint (a thousand findings must not
 * rebuild the fragment set a thousand times). The same masking, in the same order.
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const kept = secrets.filter((s) => s.length >= FRAGMENT_LENGTH);
  let index: WindowIndex | undefined;
  return (text: string) => {
    if (text === '') {
      return text;
    }
    let out = text;
    for (const secret of kept) {
      if (out.includes(secret)) {
        out = out.split(secret).join(maskKey(secret));
      }
    }
    if (kept.length > 0) {
      index ??= indexWindows(secretWindows(kept));
      out = maskWindows(out, index);
    }
    return mayHoldKeyShapedToken(out) ? out.replace(KEY_SHAPED, (token) => maskToken(token)) : out;
  };
}

/** Every KEY_SHAPED token contains one of these: most messages need no regular-expression scan at all. */
function mayHoldKeyShapedToken(text: string): boolean {
  return text.includes('sk-') || text.includes(KEY_MARKER) || text.includes('ek_') || text.includes('sk_') || text.includes('xai-') || text.includes('AIza') || text.includes('hf_');
}

/**
 * Whether a value can be quoted in a message as it is: short, made of words (no run of more than 10 letters
 * and digits), nothing key-shaped. `your-api-key-here`, `changeme`, `sk-proj-...sQoA` can; anything that could
 * hold a key (`sk-proj-…` followed by `...`, a key in angle brackets) cannot.
 */
export function isHarmlessToQuote(value: string): boolean {
  return value.length <= 48 && !/[A-Za-z0-9]{11,}/.test(value) && !value.includes(KEY_MARKER) && value.replace(KEY_SHAPED, '') === value;
}
