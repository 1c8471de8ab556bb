import type { EnvEntry } from '../dotenv/parse';
import { ProviderConfig, providerConfigFrom } from './provider';
import { roleOf, variablesWithRole } from './variables';

const ORGANIZATION_VARIABLES = variablesWithRole('organization');
const PROJECT_VARIABLES = variablesWithRole('project');

/**
 * Whether a definition holds a key to test: an OpenAI key variable with a value. An admin key is not one: it
 * cannot call models (the `admin-key` rule says so where it is misplaced), so it is neither tested nor moved.
 */
export function holdsKey(entry: EnvEntry): boolean {
  return roleOf(entry.name) === 'key' && entry.value.trim() !== '';
}

/** The organization and project sent with a key, from the first of their variables that has a value. */
export function companionsOf(valueOf: (name: string) => string | undefined): { organization?: string; project?: string } {
  const first = (names: readonly string[]) => names.map((name) => valueOf(name)?.trim()).find((value) => value) || undefined;
  return { organization: first(ORGANIZATION_VARIABLES), project: first(PROJECT_VARIABLES) };
}

/** What a .env holds for a key test: its keys and what goes with them. */
export interface EnvKeys {
  /** Every definition holding a key, in file order (a variable defined twice is here twice). */
  readonly entries: readonly EnvEntry[];
  /** The definitions dotenv uses: the last one of each variable, in the order the variables first appear. */
  readonly effective: readonly EnvEntry[];
  readonly organization?: string;
  readonly project?: string;
  /** Where the file sends its keys (OPENAI_BASE_URL, OPENAI_API_TYPE, AZURE_OPENAI_ENDPOINT…). */
  readonly provider: ProviderConfig;
  /** OPENAI_BASE_URL as dotenv reads it: where the app sends its key. */
  readonly appBaseUrl?: string;
}

/** Which entries of a .env hold a key, and the organization, project and provider that go with them. */
export function envKeysOf(entries: readonly EnvEntry[]): EnvKeys {
  const last = new Map<string, string>();
  const keys: EnvEntry[] = [];
  const effective = new Map<string, EnvEntry>();
  for (const entry of entries) {
    if (!entry.name.includes('OPENAI')) {
      continue;
    }
    last.set(entry.name, entry.value);
    if (holdsKey(entry)) {
      keys.push(entry);
      effective.set(entry.name, entry);
    }
  }
  const valueOf = (name: string) => last.get(name);
  return {
    entries: keys,
    effective: [...effective.values()],
    ...companionsOf(valueOf),
    provider: providerConfigFrom(valueOf),
    appBaseUrl: valueOf('OPENAI_BASE_URL')?.trim() || undefined,
  };
}
