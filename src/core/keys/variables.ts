/** Which variables hold an OpenAI key or its companions, and which names are near misses. */

export const CANONICAL_KEY_NAME = 'OPENAI_API_KEY';

export type VariableRole = 'key' | 'admin-key' | 'azure-key' | 'organization' | 'project' | 'base-url';

const EXACT_ROLES: ReadonlyMap<string, VariableRole> = new Map([
  ['OPENAI_API_KEY', 'key'],
  ['OPENAI_KEY', 'key'],
  ['OPENAI_SECRET_KEY', 'key'],
  ['OPENAI_TOKEN', 'key'],
  ['OPENAI_ADMIN_KEY', 'admin-key'],
  ['OPENAI_ORG_ID', 'organization'],
  ['OPENAI_ORGANIZATION', 'organization'],
  ['OPENAI_ORGANIZATION_ID', 'organization'],
  ['OPENAI_PROJECT_ID', 'project'],
  ['OPENAI_PROJECT', 'project'],
  ['OPENAI_BASE_URL', 'base-url'],
  ['OPENAI_API_BASE', 'base-url'],
  ['OPENAI_API_BASE_URL', 'base-url'],
]);

/** The exact names of a role, in the order a value is looked up (OPENAI_ORG_ID before OPENAI_ORGANIZATION). */
export function variablesWithRole(role: VariableRole): string[] {
  return [...EXACT_ROLES].filter(([, r]) => r === role).map(([name]) => name);
}

/** Front-end build tools publish variables with these prefixes into the browser bundle. */
export const PUBLIC_PREFIXES = ['NEXT_PUBLIC_', 'NUXT_PUBLIC_', 'EXPO_PUBLIC_', 'REACT_APP_', 'VITE_', 'GATSBY_', 'PUBLIC_'];

export function publicPrefixOf(name: string): string | undefined {
  return PUBLIC_PREFIXES.find((p) => name.startsWith(p));
}

/** The role of a variable by its name; `undefined` for variables that are none of our business. */
export function roleOf(name: string): VariableRole | undefined {
  if (!name.includes('OPENAI')) {
    return undefined;
  }
  const exact = EXACT_ROLES.get(name);
  if (exact) {
    return exact;
  }
  const bare = stripPublicPrefix(name);
  const bareRole = bare === name ? undefined : EXACT_ROLES.get(bare);
  if (bareRole) {
    return bareRole;
  }
  // The suffix rules as string tests: a big file asks this for every OpenAI variable, twice.
  if (name.endsWith('KEY')) {
    // /AZURE_OPENAI_(API_)?KEY$/
    if (name.endsWith('AZURE_OPENAI_KEY') || name.endsWith('AZURE_OPENAI_API_KEY')) {
      return 'azure-key';
    }
    // /OPENAI_ADMIN_(API_)?KEY$/
    if (name.endsWith('OPENAI_ADMIN_KEY') || name.endsWith('OPENAI_ADMIN_API_KEY')) {
      return 'admin-key';
    }
    // /(^|_)OPENAI_(API_)?KEY$/
    if (endsWithWord(name, 'OPENAI_KEY') || endsWithWord(name, 'OPENAI_API_KEY')) {
      return 'key';
    }
  }
  // /^OPENAI_API_KEY[A-Z0-9_]+$/
  return isKeyNameWithSuffix(name) ? 'key' : undefined;
}

/** `name` ends with `suffix`, which is the whole name or follows a `_`. */
function endsWithWord(name: string, suffix: string): boolean {
  return name.endsWith(suffix) && (name.length === suffix.length || name.charCodeAt(name.length - suffix.length - 1) === 0x5f);
}

/** /^OPENAI_API_KEY[A-Z0-9_]+$/ */
function isKeyNameWithSuffix(name: string): boolean {
  if (name.length <= CANONICAL_KEY_NAME.length || !name.startsWith(CANONICAL_KEY_NAME)) {
    return false;
  }
  for (let i = CANONICAL_KEY_NAME.length; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f)) {
      return false;
    }
  }
  return true;
}

function stripPublicPrefix(name: string): string {
  const prefix = publicPrefixOf(name);
  return prefix ? name.slice(prefix.length) : name;
}

/**
 * A name that was probably meant to be OPENAI_API_KEY: a different case, or one or two edits away
 * (OPENAI_APIKEY, OPEN_AI_API_KEY, OPENAI_API_KYE). Known variables of their own are not misspellings.
 */
export function suggestKeyName(name: string): string | undefined {
  if (!mayBeKeyNameLength(name.length) || !/open|key|kye|api/i.test(name)) {
    return undefined;
  }
  if (name === CANONICAL_KEY_NAME || EXACT_ROLES.has(name)) {
    return undefined;
  }
  const upper = name.toUpperCase();
  if (upper === CANONICAL_KEY_NAME) {
    return CANONICAL_KEY_NAME;
  }
  if (upper !== name && roleOf(upper) !== undefined) {
    return upper;
  }
  if (roleOf(name) !== undefined) {
    return undefined;
  }
  if (Math.abs(upper.length - CANONICAL_KEY_NAME.length) > 2 || !upper.includes('KEY') && !upper.includes('OPEN')) {
    return undefined;
  }
  return editDistanceAtMost(upper, CANONICAL_KEY_NAME, 2) ? CANONICAL_KEY_NAME : undefined;
}

/** Whether a name of this length can be a near miss of OPENAI_API_KEY at all (suggestKeyName's first test). */
export function mayBeKeyNameLength(length: number): boolean {
  return Math.abs(length - CANONICAL_KEY_NAME.length) <= 8;
}

/** Optimal string alignment distance (adjacent swaps count as one edit), bounded for speed. */
export function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) {
    return false;
  }
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, previousPrevious[j - 2] + 1);
      }
      current.push(d);
      rowMinimum = Math.min(rowMinimum, d);
    }
    if (rowMinimum > limit) {
      return false;
    }
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length] <= limit;
}
