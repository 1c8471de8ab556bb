import { lintValue, ValueOrigin } from '../lintValue';
import { ProviderConfig, providerOfBaseUrl } from '../keys/provider';
import { testedBaseUrl } from './defaults';
import type { KeyTestRequest } from './keyTestRun';

export interface KeyProblemContext {
  /** Where the key came from, for the wording ("from the environment"). */
  origin?: ValueOrigin;
  /** The variable it came from (default OPENAI_API_KEY). */
  name?: string;
  /** Where its file or environment sends it (OPENAI_BASE_URL, OPENAI_API_TYPE…): a Groq key is fine for Groq. */
  provider?: ProviderConfig;
  /**
   * Where a test sends it. A known provider's URL decides which rules apply; a local or unknown server (a proxy,
   * a mock of OpenAI) is taken as a stand-in for OpenAI, so OpenAI's rules apply.
   */
  destination?: string;
}

/** The linter's errors for a key on its own, as one-line messages (the key never appears in them). */
export function keyProblems(key: string, context: KeyProblemContext = {}): string[] {
  let provider = context.provider;
  if (context.destination) {
    const kind = providerOfBaseUrl(context.destination).kind;
    provider = kind === 'local' || kind === 'custom' ? undefined : { baseUrl: context.destination };
  }
  return lintValue(key, { name: context.name, origin: context.origin, provider })
    .filter((f) => f.severity === 'error')
    .map((f) => f.message);
}

/** The format problems of the key a test request sends, worded for where it came from and where it goes. */
export function problemsOf(request: KeyTestRequest): string[] {
  return keyProblems(request.key, { origin: request.origin, name: request.variable, destination: testedBaseUrl(request) });
}
