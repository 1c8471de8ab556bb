import { KEY_MARKER, keyPrefixOf } from '../keys/keyShape';
import { detectPlaceholder } from '../keys/placeholder';

/**
 * Why a key-shaped token is obviously not a real key. A real key's secret part (what follows the type prefix,
 * the `T3BlbkFJ` marker left out) is 40 to 150 random characters from `[A-Za-z0-9_-]`; every test below fails
 * for such a string with a probability under one in a million (checked on generated keys in the unit tests):
 *
 * - `placeholder`: what the `.env` rules call a placeholder or a masked copy (`detectPlaceholder`);
 * - `fake-word`: a segment of the secret (split at `-` and `_`) starts with one of FAKE_WORDS, written in lower
 *   case, upper case or capitalised (`sk-test-…`, `sk-proj-FAKE_…`, `…_Dummy…`), or a FAKE_WORDS word of six
 *   letters or more appears anywhere (`…exampleKey…`);
 * - `low-entropy`: fewer than 3 bits of Shannon entropy per character (random keys have about 5);
 * - `repeated-pattern`: one character six times in a row (`aaaaaa`), or the whole secret is one unit repeated at
 *   least three times (`abc123abc123abc123…`);
 * - `sequence`: six characters in alphabetical or numerical order, up or down (`abcdef`, `123456`, `ZYXWVU`).
 */
export type FakeReason = 'placeholder' | 'fake-word' | 'low-entropy' | 'repeated-pattern' | 'sequence';

export const FAKE_WORDS: readonly string[] = [
  'fake', 'test', 'dummy', 'example', 'sample', 'mock', 'demo', 'placeholder', 'invalid', 'redacted', 'your',
  'notreal', 'fixture', 'bogus',
];

const LONG_FAKE_WORDS = FAKE_WORDS.filter((w) => w.length >= 6);

const MIN_BITS_PER_CHARACTER = 3;
const RUN_LENGTH = 6;

export function fakeKeyReason(token: string): FakeReason | undefined {
  if (detectPlaceholder(token)) {
    return 'placeholder';
  }
  const secret = secretPart(token);
  if (hasFakeWord(secret)) {
    return 'fake-word';
  }
  if (bitsPerCharacter(secret) < MIN_BITS_PER_CHARACTER) {
    return 'low-entropy';
  }
  if (hasRepeatedCharacter(secret) || isRepeatedUnit(secret)) {
    return 'repeated-pattern';
  }
  if (hasSequence(secret)) {
    return 'sequence';
  }
  return undefined;
}

/** The random part of a key: the prefix and the first marker removed. */
export function secretPart(token: string): string {
  const prefix = keyPrefixOf(token)?.prefix ?? '';
  const body = token.slice(prefix.length);
  const at = body.indexOf(KEY_MARKER);
  return at < 0 ? body : body.slice(0, at) + body.slice(at + KEY_MARKER.length);
}

function hasFakeWord(secret: string): boolean {
  const lower = secret.toLowerCase();
  if (LONG_FAKE_WORDS.some((w) => lower.includes(w))) {
    return true;
  }
  for (const segment of secret.split(/[-_]/)) {
    for (const word of FAKE_WORDS) {
      const head = segment.slice(0, word.length);
      if (head.length === word.length && head.toLowerCase() === word && (head === word || head === word.toUpperCase() || head === word[0].toUpperCase() + word.slice(1))) {
        return true;
      }
    }
  }
  return false;
}

export function bitsPerCharacter(text: string): number {
  if (text.length === 0) {
    return 0;
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function hasRepeatedCharacter(text: string): boolean {
  let run = 1;
  for (let i = 1; i < text.length; i++) {
    run = text.charCodeAt(i) === text.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= RUN_LENGTH) {
      return true;
    }
  }
  return false;
}

/** The whole text is a unit repeated three times or more (the last copy may be cut): KMP's smallest period. */
function isRepeatedUnit(text: string): boolean {
  const n = text.length;
  if (n < 3) {
    return false;
  }
  const failure = new Int32Array(n);
  for (let i = 1, k = 0; i < n; i++) {
    while (k > 0 && text.charCodeAt(i) !== text.charCodeAt(k)) {
      k = failure[k - 1];
    }
    if (text.charCodeAt(i) === text.charCodeAt(k)) {
      k++;
    }
    failure[i] = k;
  }
  const period = n - failure[n - 1];
  return period * 3 <= n;
}

function hasSequence(text: string): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < text.length; i++) {
    const previous = text.charCodeAt(i - 1);
    const current = text.charCodeAt(i);
    const sameClass = classOf(previous) !== 0 && classOf(previous) === classOf(current);
    up = sameClass && current === previous + 1 ? up + 1 : 1;
    down = sameClass && current === previous - 1 ? down + 1 : 1;
    if (up >= RUN_LENGTH || down >= RUN_LENGTH) {
      return true;
    }
  }
  return false;
}

function classOf(c: number): number {
  if (c >= 0x30 && c <= 0x39) {
    return 1;
  }
  if (c >= 0x61 && c <= 0x7a) {
    return 2;
  }
  if (c >= 0x41 && c <= 0x5a) {
    return 3;
  }
  return 0;
}
