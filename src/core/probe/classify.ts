import * as l10n from '@vscode/l10n';
import type { ProbeStatus } from './types';

/** What the server said, however it said it (HTTP body, Realtime error event, close reason). */
export interface ServerError {
  httpStatus?: number | null;
  code?: string | null;
  type?: string | null;
  message?: string | null;
}

// billing_hard_limit_reached is a 400 (dfinke/PowerShellAI#127): the cause is the same as running out of credit.
const QUOTA_CODES = new Set(['insufficient_quota', 'credit_balance_exhausted', 'organization_spend_limit_exceeded', 'project_spend_limit_exceeded', 'billing_hard_limit_reached']);
const ORG_CODES = new Set(['mismatched_organization', 'invalid_organization', 'no_organization', 'mismatched_project', 'invalid_project']);
const MODEL_CODES = new Set(['model_not_found', 'invalid_model', 'missing_model']);

/**
 * Maps an error to the status vocabulary by its code first, then its message, then its HTTP status.
 * A restricted key (valid, missing scopes) is never reported as invalid.
 */
export function classifyServerError(error: ServerError, keyIsAdmin: boolean): ProbeStatus {
  // The code is the most specific signal; the type only when there is no code.
  const code = error.code ?? error.type ?? '';
  const message = error.message ?? '';
  const status = error.httpStatus ?? 0;
  if (code === 'ip_not_authorized') {
    return 'ip_not_allowed';
  }
  if (/missing scopes|insufficient permissions/i.test(message)) {
    return 'restricted_key';
  }
  if (code === 'billing_not_active' || /account is not active.*billing/i.test(message)) {
    return 'billing_inactive';
  }
  if (QUOTA_CODES.has(code)) {
    return 'no_quota';
  }
  if (code === 'rate_limit_exceeded' || /rate limit reached/i.test(message)) {
    return 'rate_limited';
  }
  if (code === 'unsupported_country_region_territory' || /country, region, or territory not supported/i.test(message)) {
    return 'region_unsupported';
  }
  if (ORG_CODES.has(code) || /OpenAI-(Organization|Project) header/i.test(message)) {
    return 'org_mismatch';
  }
  if (/\bIP\b.*(not (authorized|allowed)|allow.?list)/i.test(message)) {
    return 'ip_not_allowed';
  }
  if (MODEL_CODES.has(code) || /model .* does not exist or you do not have access/i.test(message)) {
    return 'model_unavailable';
  }
  if (code === 'beta_api_shape_disabled') {
    return 'protocol_error';
  }
  if (keyIsAdmin && (status === 401 || status === 403 || code === 'invalid_api_key' || /admin/i.test(message))) {
    return 'admin_key';
  }
  if (code === 'invalid_api_key' || status === 401 || /incorrect api key|didn't provide an api key/i.test(message)) {
    return 'invalid_key';
  }
  if (status === 403) {
    return 'access_denied';
  }
  if (status === 429) {
    return 'rate_limited';
  }
  if (status >= 500 || error.type === 'server_error' || code === 'server_error') {
    return 'server_error';
  }
  return 'protocol_error';
}

/** `invalid_request_error.invalid_api_key` -> type and code. */
export function parseCloseReason(reason: string): { type: string | null; code: string | null } {
  const match = /^([a-z_]+)\.([a-z_]+)$/.exec(reason.trim());
  return match ? { type: match[1], code: match[2] } : { type: null, code: null };
}

/** The TLS failures a user can act on, by Node's error code: what it means in words. */
const TLS_PROBLEMS: Record<string, () => string> = {
  SELF_SIGNED_CERT_IN_CHAIN: () => l10n.t('a self-signed certificate in the chain (a proxy or antivirus that inspects TLS?)'),
  DEPTH_ZERO_SELF_SIGNED_CERT: () => l10n.t('a self-signed certificate'),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: () => l10n.t('a certificate from an authority this machine does not trust'),
  UNABLE_TO_GET_ISSUER_CERT: () => l10n.t('a certificate from an authority this machine does not trust'),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: () => l10n.t('a certificate from an authority this machine does not trust'),
  CERT_UNTRUSTED: () => l10n.t('a certificate from an authority this machine does not trust'),
  CERT_HAS_EXPIRED: () => l10n.t('an expired certificate'),
  CERT_NOT_YET_VALID: () => l10n.t('a certificate that is not valid yet (check the clock)'),
  ERR_TLS_CERT_ALTNAME_INVALID: () => l10n.t('a certificate for another host name (hostname mismatch)'),
};

const NETWORK_CODE = /^E[A-Z_]+$|^UND_ERR|^ERR_TLS_|^ERR_SSL_/;

/**
 * A network failure's code (ECONNREFUSED, ENOTFOUND, a TLS certificate problem, ...) found anywhere in an
 * error's cause chain.
 */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODE.test(code) || code in TLS_PROBLEMS)) {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The TLS problem behind a failure code, in words, when it is one. */
export function tlsProblem(code: string | null | undefined): string | undefined {
  return code ? TLS_PROBLEMS[code]?.() : undefined;
}
