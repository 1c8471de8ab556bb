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
  /** x-ratelimit-* and retry-after headers, when present. */
  rateLimit?: Record<string, string>;
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
