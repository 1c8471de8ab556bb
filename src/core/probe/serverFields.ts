import * as l10n from '@vscode/l10n';
import { redact } from '../redact';

/**
 * Fields a server controls (request ids, error codes, session ids, close reasons, rate-limit headers) are kept
 * only when, once redacted, they still have their documented shape; anything else is dropped. A hostile or
 * broken server can then put nothing in our output but a message, and messages go through `redact`.
 */
const SHAPES = {
  requestId: /^req_[0-9a-f]{1,64}$/,
  code: /^[a-z_]{1,64}$/,
  sessionId: /^sess_[A-Za-z0-9]{1,64}$/,
  closeReason: /^[a-z_]{1,64}\.[a-z_]{1,64}$/,
  scope: /^[a-z][a-z0-9_]{0,40}(?:\.[a-z][a-z0-9_]{0,40}){1,4}$/,
  organization: /^org-[A-Za-z0-9]{1,64}$/,
  project: /^proj_[A-Za-z0-9]{1,64}$/,
  // x-ratelimit-* values are counts or durations ("60000", "6m0s", "20ms"); retry-after is seconds.
  headerValue: /^(?:\d{1,12}(?:\.\d{1,6})?|(?:\d{1,6}(?:\.\d{1,6})?(?:ms|s|m|h)){1,4})$/,
} as const;

export type FieldShape = keyof typeof SHAPES;

/** The value when it is a string of the given shape after redaction, else null. */
export function serverField(value: unknown, shape: FieldShape, secrets: readonly string[]): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const cleaned = redact(value.trim(), secrets);
  return SHAPES[shape].test(cleaned) ? cleaned : null;
}

export const RATE_LIMIT_HEADERS = [
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-tokens',
  'retry-after',
  'retry-after-ms',
] as const;

/** The rate-limit headers that are present and numeric. */
export function rateLimitHeaders(get: (name: string) => string | null | undefined, secrets: readonly string[]): Record<string, string> | undefined {
  const picked: Record<string, string> = {};
  for (const name of RATE_LIMIT_HEADERS) {
    const value = serverField(get(name) ?? null, 'headerValue', secrets);
    if (value !== null) {
      picked[name] = value;
    }
  }
  return Object.keys(picked).length > 0 ? picked : undefined;
}

/** "… Missing scopes: api.model.read, model.request. …" -> the scope names that have a scope's shape. */
export function missingScopesOf(message: string | null | undefined, secrets: readonly string[]): string[] {
  const match = /missing scopes?:\s*([^\n]+)/i.exec(message ?? '');
  if (!match) {
    return [];
  }
  return match[1]
    .split(/[\s,]+/)
    .map((s) => s.replace(/[.;:)]+$/, ''))
    .map((s) => serverField(s, 'scope', secrets))
    .filter((s): s is string => s !== null);
}

/** Scopes whose only absence is harmless to an app: listing and reading models. */
export const MODEL_READ_SCOPES = new Set(['api.model.read', 'model.read']);

/** Text for display: key-shaped tokens and fragments of the secrets masked, and no `user:password@` in any URL. */
export function safeText(text: string, secrets: readonly string[]): string {
  return redact(text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@'), secrets);
}

/**
 * A URL for display: no user:password, no query or fragment (either can hold a secret), and redacted.
 * Unparsable input gives a neutral word instead of its text.
 */
export function displayUrl(url: string, secrets: readonly string[] = []): string {
  try {
    const parsed = new URL(url);
    const auth = parsed.username || parsed.password ? '***@' : '';
    const rest = parsed.search || parsed.hash ? '?…' : '';
    return redact(`${parsed.protocol}//${auth}${parsed.host}${parsed.pathname === '/' && !url.endsWith('/') ? '' : parsed.pathname}${rest}`, secrets);
  } catch {
    return l10n.t('(an address that is not a valid URL)');
  }
}

/** An OpenAI-Organization / OpenAI-Project value for display: itself when it has an ID's shape, else its length. */
export function displayHeaderValue(value: string, kind: 'organization' | 'project', secrets: readonly string[]): string {
  const shaped = serverField(value, kind, secrets);
  if (shaped !== null) {
    return shaped;
  }
  return kind === 'organization'
    ? l10n.t('({0} characters that are not an organization ID)', value.length)
    : l10n.t('({0} characters that are not a project ID)', value.length);
}
