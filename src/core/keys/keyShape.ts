/** What an OpenAI key looks like. Lengths are undocumented and change: use them only to spot truncation. */
import * as l10n from '@vscode/l10n';
import { detectPlaceholder } from './placeholder';

export type KeyType = 'project' | 'service_account' | 'admin' | 'legacy' | 'unknown';

export interface KeyPrefix {
  prefix: string;
  type: KeyType;
  label: string;
  /** Shortest length seen for real keys of this type; far shorter means a cut copy. */
  minimumLength: number;
  /** Length of a current key of this type. */
  typicalLength: number;
}

/** Longest prefix first, so `sk-proj-` wins over `sk-`. */
export const KEY_PREFIXES: readonly KeyPrefix[] = [
  { prefix: 'sk-svcacct-', type: 'service_account', get label() { return l10n.t('service account key'); }, minimumLength: 56, typicalLength: 167 },
  { prefix: 'sk-admin-', type: 'admin', get label() { return l10n.t('Admin API key'); }, minimumLength: 100, typicalLength: 133 },
  { prefix: 'sk-proj-', type: 'project', get label() { return l10n.t('project key'); }, minimumLength: 48, typicalLength: 164 },
  { prefix: 'sk-None-', type: 'legacy', get label() { return l10n.t('project-less key (sk-None-)'); }, minimumLength: 48, typicalLength: 164 },
  { prefix: 'sk-', type: 'legacy', get label() { return l10n.t('legacy user key'); }, minimumLength: 40, typicalLength: 51 },
];

/** base64("OpenAI"): real keys carry it in their middle, with as many characters after it as before. */
export const KEY_MARKER = 'T3BlbkFJ';

const KEY_BODY = /^[A-Za-z0-9_-]*$/;

export function keyPrefixOf(value: string): KeyPrefix | undefined {
  return KEY_PREFIXES.find((p) => value.startsWith(p.prefix));
}

export function keyTypeOf(value: string): KeyType {
  return keyPrefixOf(value)?.type ?? 'unknown';
}

export function hasOnlyKeyCharacters(value: string): boolean {
  return KEY_BODY.test(value);
}

export interface MarkerBalance {
  before: number;
  after: number;
}

/** Characters before and after the marker, counted from the end of the prefix. */
export function markerBalance(value: string): MarkerBalance | undefined {
  const prefix = keyPrefixOf(value);
  if (!prefix) {
    return undefined;
  }
  const at = value.indexOf(KEY_MARKER, prefix.prefix.length);
  if (at < 0 || value.indexOf(KEY_MARKER, at + KEY_MARKER.length) >= 0) {
    return undefined;
  }
  return { before: at - prefix.prefix.length, after: value.length - at - KEY_MARKER.length };
}

/** Does this look like an OpenAI secret key (as opposed to a placeholder or another secret)? */
export function looksLikeOpenAiKey(value: string): boolean {
  if (!value.startsWith('sk-') && !value.includes(KEY_MARKER)) {
    return false;
  }
  return !value.startsWith('sk-ant-') && (value.includes(KEY_MARKER) || /^sk-[A-Za-z0-9_-]{20,}$/.test(value));
}

/**
 * A key that may be live, as opposed to the examples templates hold (`sk-your_openai_api_key_here`,
 * `sk-xxxx…`): OpenAI-shaped, not a placeholder, and either carrying the marker or as random as real keys
 * are (upper and lower case letters and digits).
 */
export function looksLikeLiveKey(value: string): boolean {
  if (!looksLikeOpenAiKey(value) || detectPlaceholder(value)) {
    return false;
  }
  if (value.includes(KEY_MARKER)) {
    return true;
  }
  const body = value.slice(keyPrefixOf(value)?.prefix.length ?? 0);
  return body.length >= 32 && /[a-z]/.test(body) && /[A-Z]/.test(body) && /[0-9]/.test(body);
}
