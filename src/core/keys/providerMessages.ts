import * as l10n from '@vscode/l10n';
import type { Provider } from './provider';

/** "a Groq key", "an OpenAI key", "an Azure OpenAI key", "a key for localhost:11434". */
export function describeKeyOf(provider: Provider): string {
  switch (provider.kind) {
    case 'openai':
      return l10n.t('an OpenAI key');
    case 'azure':
      return l10n.t('an Azure OpenAI key');
    case 'local':
    case 'custom':
      return l10n.t('a key for {0}', provider.label);
    default:
      return /^([AEIOU]|xAI|NVIDIA)/.test(provider.label) ? l10n.t('an {0} key', provider.label) : l10n.t('a {0} key', provider.label);
  }
}

/** Why a key test did not send the key: "sk-…a1B2 (.env) is a Groq key, so it was not sent to api.openai.com." */
export function notSentSummary(masked: string, source: string, provider: Provider, destinationHost: string): string {
  return l10n.t('{0} ({1}) is {2}, so it was not sent to {3}.', masked, source, describeKeyOf(provider), destinationHost);
}

/** The command that tests the key where it belongs. */
export function testItThere(command: string): string {
  return l10n.t('To test it where it belongs: {0}', command);
}

/** The base URL a test of this key should use instead, or a pattern to fill in for Azure without an endpoint. */
export function testUrlFor(provider: Provider): string {
  return provider.baseUrl ?? (provider.kind === 'azure' ? 'https://<resource>.openai.azure.com/openai/v1' : '<base URL>');
}

/**
 * Why a key found in a UTF-16 file was not sent: dotenv reads the bytes as UTF-8 and gets no such variable,
 * so the app has no key, whatever the key is worth.
 */
export function notReadByDotenvSummary(masked: string, file: string, variable: string, encodingLabel: string): string {
  return l10n.t(
    '{0} is {1} (what PowerShell\'s ">" writes): dotenv reads files as UTF-8 and gets no {2} from it, so the app has no key. {3} was not sent.',
    file,
    encodingLabel,
    variable,
    masked,
  );
}

/** The command that makes dotenv read the file. */
export function resaveAsUtf8Step(command: string): string {
  return l10n.t('Save the file as UTF-8 (same content): {0}', command);
}
