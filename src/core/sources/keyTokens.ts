import type { Span } from '../dotenv/parse';
import { KEY_MARKER, KeyPrefix, KeyType, keyPrefixOf } from '../keys/keyShape';
import { FakeReason, fakeKeyReason } from './fakeKeys';

/** A key-shaped token in a text: where it is and what kind of OpenAI key it would be. */
export interface KeyToken {
  span: Span;
  type: KeyType;
  prefix: KeyPrefix;
}

/** A key-shaped token that is not taken for a key, and why (for tests and debugging, never shown with the key). */
export interface RejectedToken {
  span: Span;
  reason: FakeReason | 'too-short' | 'too-long' | 'other-provider';
}

export interface TokenScan {
  keys: KeyToken[];
  rejected: RejectedToken[];
}

/** Typed prefixes only OpenAI uses; a bare `sk-` is shared with other providers (DeepSeek, Moonshot…). */
const TYPED_PREFIXES = new Set(['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-']);

/**
 * Characters after the prefix (the marker not counted) below which a token is a fragment, not a key.
 * Real keys have 40 (legacy) to 150; a truncated copy of a real key usually keeps far more than this.
 */
const MIN_SECRET_CHARACTERS = 24;

/** Without the marker, a typed prefix still needs a body this long to be a key (marker-less variants, cut copies). */
const MIN_BODY_WITHOUT_MARKER = 40;

/** Real keys are under 200 characters, two pasted together under 400: a longer run is a blob, not a key. */
const MAX_KEY_LENGTH = 1024;

const BACKSLASH = 0x5c;
const PERCENT = 0x25;
const HYPHEN = 0x2d;
const UNDERSCORE = 0x5f;

/**
 * The cheap test every file passes before any parsing. Every OpenAI key starts with `sk-`, so a text without it
 * holds none (the `T3BlbkFJ` marker would add nothing: it never occurs without the prefix in a key we report).
 */
export function textMayHoldKey(text: string): boolean {
  return text.includes('sk-');
}

const KEY_START = Buffer.from('sk-');

/** The same test on raw bytes, so most files are never decoded. */
export function bytesMayHoldKey(bytes: Uint8Array): boolean {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return b.indexOf(KEY_START) >= 0;
}

export function isKeyCharCode(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x5f || // _
    c === 0x2d // -
  );
}

/**
 * Every OpenAI key in a text, in order, in one linear pass.
 *
 * Every key starts with `sk-` (the marker alone is only a pre-filter hint): searching for the marker as well
 * would add nothing but a second scan.
 *
 * A token is a maximal run of key characters (`[A-Za-z0-9_-]`) that starts with `sk-` (so `task-…` or
 * `risk-…` never match), that holds `sk-` after a `-`/`_` boundary or a `%XX` escape (see keyStartInRun), or
 * that starts with one escape letter after a backslash (`\nsk-…` in JSON or a C-like string). Each run is
 * looked at once, however many `sk-` or markers it holds. Stops after `maxKeys` keys.
 */
export function scanKeyTokens(text: string, maxKeys = Infinity): TokenScan {
  const keys: KeyToken[] = [];
  const rejected: RejectedToken[] = [];
  let covered = 0;
  let from = 0;
  while (from < text.length && keys.length < maxKeys) {
    const hit = text.indexOf('sk-', from);
    if (hit < 0) {
      break;
    }
    if (hit < covered) {
      from = covered;
      continue;
    }
    let start = hit;
    while (start > covered && isKeyCharCode(text.charCodeAt(start - 1))) {
      start--;
    }
    let end = hit;
    while (end < text.length && isKeyCharCode(text.charCodeAt(end))) {
      end++;
    }
    covered = end;
    from = end;
    const tokenStart = keyStartInRun(text, start, end);
    if (tokenStart >= 0) {
      classify(text, { start: tokenStart, end }, keys, rejected);
    }
  }
  return { keys, rejected };
}

/**
 * Where the key starts in a run of key characters, or -1 when the run is not a key token.
 *
 * Inside a run the key may follow a `-` or `_` boundary (`${OPENAI_API_KEY:-sk-…}`, `${VAR-sk-…}`) or the hex
 * digits of a `%XX` escape (`%3Dsk-…`, `%22sk-…`); an `sk-` glued to a letter or digit (`task-`, `xsk-`) is a word.
 * The first such `sk-` wins and the run is searched once, so a hostile run stays linear.
 */
function keyStartInRun(text: string, start: number, end: number): number {
  if (text.startsWith('sk-', start)) {
    return start;
  }
  // `\nsk-proj-…`, `\tsk-…`: an escape letter glued to the key by the run.
  if (start > 0 && text.charCodeAt(start - 1) === BACKSLASH && end - start > 4 && /[ntrbfv0]/.test(text[start]) && text.startsWith('sk-', start + 1)) {
    return start + 1;
  }
  // `%3Dsk-…`: the run starts at the two hex digits of a percent escape.
  if (start > 0 && text.charCodeAt(start - 1) === PERCENT && isHexCharCode(text.charCodeAt(start)) && isHexCharCode(text.charCodeAt(start + 1)) && text.startsWith('sk-', start + 2)) {
    return start + 2;
  }
  for (let at = text.indexOf('sk-', start + 1); at >= 0 && at + 3 <= end; at = text.indexOf('sk-', at + 1)) {
    const before = text.charCodeAt(at - 1);
    if (before === HYPHEN || before === UNDERSCORE) {
      return at;
    }
  }
  return -1;
}

function isHexCharCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function classify(text: string, span: Span, keys: KeyToken[], rejected: RejectedToken[]): void {
  if (span.end - span.start > MAX_KEY_LENGTH) {
    rejected.push({ span, reason: 'too-long' });
    return;
  }
  const token = text.slice(span.start, span.end);
  const prefix = keyPrefixOf(token);
  if (!prefix) {
    return;
  }
  const markerAt = token.indexOf(KEY_MARKER, prefix.prefix.length);
  const bodyLength = token.length - prefix.prefix.length;
  if (markerAt < 0) {
    if (!TYPED_PREFIXES.has(prefix.prefix)) {
      // `sk-ant-…`, `sk-or-v1-…`, DeepSeek's `sk-` + 32 hex: not OpenAI keys.
      if (bodyLength >= MIN_SECRET_CHARACTERS) {
        rejected.push({ span, reason: 'other-provider' });
      }
      return;
    }
    if (bodyLength < MIN_BODY_WITHOUT_MARKER) {
      rejected.push({ span, reason: 'too-short' });
      return;
    }
  } else if (bodyLength - KEY_MARKER.length < MIN_SECRET_CHARACTERS) {
    rejected.push({ span, reason: 'too-short' });
    return;
  }
  const fake = fakeKeyReason(token);
  if (fake) {
    rejected.push({ span, reason: fake });
    return;
  }
  keys.push({ span, type: prefix.type, prefix });
}
