/** The vocabulary of a key test, shared by the probes, the CLI's JSON and the extension. */
export const PROBE_STATUSES = [
  'ok',
  'invalid_key',
  'restricted_key',
  'admin_key',
  'no_quota',
  'billing_inactive',
  'rate_limited',
  'region_unsupported',
  'org_mismatch',
  'ip_not_allowed',
  'model_unavailable',
  'access_denied',
  'server_error',
  'timeout',
  'network_error',
  'protocol_error',
] as const;

export type ProbeStatus = (typeof PROBE_STATUSES)[number];

/** Verdicts that mean "this key will not work", as opposed to inconclusive ones (rate limits, timeouts, outages). */
const FAILING: ReadonlySet<string> = new Set<ProbeStatus | 'malformed'>([
  'invalid_key',
  'admin_key',
  'malformed',
  'no_quota',
  'billing_inactive',
  'access_denied',
  'model_unavailable',
  'org_mismatch',
  'restricted_key',
  'region_unsupported',
  'ip_not_allowed',
]);

/** Whether a verdict (or a remembered one) says the key will not work: an error, not a warning. */
export function isFailing(status: string): boolean {
  return FAILING.has(status);
}

export interface RestResult {
  status: ProbeStatus;
  httpStatus: number | null;
  code: string | null;
  type: string | null;
  /** The server's message (keys in it masked) or ours when there was no answer. */
  message: string;
  requestId: string | null;
  ms: number;
  /** Whether GET /models listed the configured Realtime model; null when the list was not readable. */
  realtimeModelListed: boolean | null;
  /** x-ratelimit-* and retry-after headers, when present and numeric. */
  rateLimit?: Record<string, string>;
  /** Why there was no answer: ECONNREFUSED, ENOTFOUND, a TLS certificate code such as SELF_SIGNED_CERT_IN_CHAIN. */
  cause?: string | null;
  /** The scopes a restricted key lacks, from the server's "Missing scopes: …". */
  missingScopes?: string[];
}

/** The full test's one paid REST call. */
export interface InferenceResult {
  status: ProbeStatus;
  httpStatus: number | null;
  code: string | null;
  type: string | null;
  message: string;
  requestId: string | null;
  ms: number;
  model: string;
  /** `/embeddings` or `/chat/completions`. */
  endpoint: string;
  rateLimit?: Record<string, string>;
  cause?: string | null;
  missingScopes?: string[];
}

/** How the full test's Realtime response (response.create) ended. */
export interface RealtimeResponseOutcome {
  /** response.done's status (completed, incomplete, failed, cancelled), or `error` for an error event. */
  status: string;
  code: string | null;
}

export interface RealtimeResult {
  status: ProbeStatus;
  httpStatus: number | null;
  closeCode: number | null;
  closeReason: string | null;
  code: string | null;
  type: string | null;
  message: string;
  /** The upgrade response's x-request-id, or the session id once the session exists. */
  requestId: string | null;
  sessionId: string | null;
  ms: number;
  /** The full test's response.create outcome; null when no response was asked for (the free test). */
  response?: RealtimeResponseOutcome | null;
  cause?: string | null;
  missingScopes?: string[];
}

/** Everything a probe needs; no globals. */
export interface ProbeTarget {
  key: string;
  /** e.g. https://api.openai.com/v1 */
  baseUrl: string;
  organization?: string;
  project?: string;
  realtimeModel: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** The full test: one paid call per API (a REST inference, a Realtime response). */
  full?: boolean;
  /** The model of the full test's REST inference call. */
  inferenceModel?: string;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class CancelledError extends Error {
  constructor() {
    super('The key test was cancelled.');
  }
}
