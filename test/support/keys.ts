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
