/**
 * Generated test keys with the real shapes (prefix, body, the T3BlbkFJ marker in the middle). They are built
 * at run time so no key-shaped string sits in the repository; none of them was ever a real key.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const MARKER = ['T3Bl', 'bkFJ'].join('');

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

function body(length: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += ALPHABET[Math.floor(random() * ALPHABET.length)];
  }
  return out;
}

export type FakeKeyType = 'project' | 'service_account' | 'admin' | 'legacy' | 'none' | 'early-project';

/** A key of the given type: current lengths (project 164, service account 167, admin 133, legacy 51). */
export function fakeKey(type: FakeKeyType = 'project', seed = 1): string {
  const random = seededRandom(seed * 7919 + type.length);
  switch (type) {
    case 'project':
      return `sk-proj-${body(74, random)}${MARKER}${body(74, random)}`;
    case 'early-project':
      return `sk-proj-${body(20, random)}${MARKER}${body(20, random)}`;
    case 'service_account':
      return `sk-svcacct-${body(74, random)}${MARKER}${body(74, random)}`;
    case 'admin':
      return `sk-admin-${body(58, random)}${MARKER}${body(58, random)}`;
    case 'none':
      return `sk-None-${body(74, random)}${MARKER}${body(74, random)}`;
    case 'legacy':
      return `sk-${body(20, random).replace(/[_-]/g, 'x')}${MARKER}${body(20, random).replace(/[_-]/g, 'y')}`;
  }
}

export const ALL_KEY_TYPES: FakeKeyType[] = ['project', 'early-project', 'service_account', 'admin', 'legacy', 'none'];

export type OtherProviderKeyType =
  | 'azure'
  | 'azure84'
  | 'deepseek'
  | 'groq'
  | 'openrouter'
  | 'anthropic'
  | 'xai'
  | 'google'
  | 'perplexity'
  | 'together'
  | 'huggingface'
  | 'github';

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function from(alphabet: string, length: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[Math.floor(random() * alphabet.length)];
  }
  return out;
}

/**
 * Other providers' keys with their public shapes (prefix, alphabet, length), built at run time like `fakeKey`
 * so that no key-shaped literal sits in the repository. None was ever a real key.
 */
export function fakeProviderKey(type: OtherProviderKeyType, seed = 1): string {
  const random = seededRandom(seed * 104729 + type.length * 31 + type.charCodeAt(0));
  const join = (...parts: string[]) => parts.join('');
  switch (type) {
    case 'azure':
      return from(HEX, 32, random);
    case 'azure84':
      return join(from(ALNUM, 52, random), 'JQQJ', '99', from(ALNUM, 9, random), 'XJ3w3', 'AAAAACOG', from(ALNUM, 4, random));
    case 'deepseek':
      return join('sk', '-', from(HEX, 32, random));
    case 'groq':
      return join('gsk', '_', from(ALNUM, 52, random));
    case 'openrouter':
      return join('sk-or', '-v1-', from(HEX, 64, random));
    case 'anthropic':
      return join('sk-ant', '-api03-', from(ALNUM, 93, random), 'AA');
    case 'xai':
      return join('xai', '-', from(ALNUM, 80, random));
    case 'google':
      return join('AI', 'za', from(ALNUM, 35, random));
    case 'perplexity':
      return join('pplx', '-', from(ALNUM, 48, random));
    case 'together':
      return join('tgp', '_v1_', from(ALNUM, 43, random));
    case 'huggingface':
      return join('hf', '_', from(ALNUM, 34, random));
    case 'github':
      return join('ghp', '_', from(ALNUM, 36, random));
  }
}
