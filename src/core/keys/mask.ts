import { keyPrefixOf } from './keyShape';

/**
 * `sk-proj-…a1B2`: the prefix and the last four characters. Short values show nothing but their length,
 * so a truncated key never leaks most of itself.
 */
export function maskKey(value: string): string {
  const prefix = keyPrefixOf(value)?.prefix ?? '';
  const rest = value.length - prefix.length;
  if (rest < 12) {
    return `${prefix}…(${value.length} chars)`;
  }
  return `${prefix}…${value.slice(-4)}`;
}

/** Replaces every occurrence of each secret in `text` by its mask: a last line of defence for logs. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8) {
      out = out.split(secret).join(maskKey(secret));
    }
  }
  return out;
}
