import OpenAI, { ClientOptions } from 'openai';
import { BodyTooLargeError, boundedFetch } from './boundedFetch';
import { networkErrorCode } from './classify';
import { MAX_BODY_BYTES } from './defaults';
import { missingScopesOf, rateLimitHeaders, serverField } from './serverFields';
import { CancelledError, ProbeTarget } from './types';

export interface RestDeps {
  /** A fetch to use instead of the global one (the CLI passes undici's, with its own dispatcher). */
  fetch?: typeof fetch;
  /**
   * Extra fetch options, e.g. `{ dispatcher }` for a proxy: a dispatcher of the undici package, whose types
   * differ from those of Node's built-in fetch (undici-types) though it works with both.
   */
  fetchOptions?: Record<string, unknown>;
}

/** What one REST call came to, with every server field already checked against its shape. */
export type ApiOutcome =
  | { kind: 'answer'; httpStatus: number; contentType: string; data: unknown; requestId: string | null; rateLimit?: Record<string, string> }
  | {
      kind: 'error';
      httpStatus: number;
      code: string | null;
      type: string | null;
      /** The server's message, raw: callers redact it (before truncating). */
      message: string;
      requestId: string | null;
      rateLimit?: Record<string, string>;
      missingScopes: string[];
    }
  | { kind: 'redirect'; httpStatus: number; location: string | null; requestId: string | null }
  | { kind: 'timeout' }
  | { kind: 'too_large' }
  | { kind: 'not_json'; httpStatus: number | null }
  | { kind: 'network'; cause: string | null; detail: string };

/** An SDK client for one key: no retries, our deadline, bodies capped, redirects never followed. */
function clientFor(target: ProbeTarget, deps: RestDeps): OpenAI {
  return new OpenAI({
    apiKey: target.key,
    baseURL: target.baseUrl,
    organization: target.organization ?? null,
    project: target.project ?? null,
    adminAPIKey: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: target.timeoutMs,
    fetch: boundedFetch(deps.fetch ?? globalThis.fetch, MAX_BODY_BYTES),
    fetchOptions: { ...deps.fetchOptions, redirect: 'manual' } as ClientOptions['fetchOptions'],
  });
}

/**
 * Makes one call with the openai SDK under a deadline of `target.timeoutMs` (headers and body included) and
 * sorts out what happened. Throws only CancelledError, when the caller's signal aborts.
 */
export async function callApi(
  target: ProbeTarget,
  deps: RestDeps,
  send: (client: OpenAI, signal: AbortSignal) => Promise<{ data: unknown; response: Response }>,
): Promise<ApiOutcome> {
  const secrets = [target.key];
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), target.timeoutMs);
  const signal = target.signal ? AbortSignal.any([target.signal, deadline.signal]) : deadline.signal;
  try {
    const { data, response } = await send(clientFor(target, deps), signal);
    return {
      kind: 'answer',
      httpStatus: response.status,
      contentType: response.headers.get('content-type') ?? '',
      data,
      requestId: serverField(response.headers.get('x-request-id'), 'requestId', secrets),
      rateLimit: rateLimitHeaders((name) => response.headers.get(name), secrets),
    };
  } catch (error) {
    if (target.signal?.aborted) {
      throw new CancelledError();
    }
    if (deadline.signal.aborted || error instanceof OpenAI.APIConnectionTimeoutError) {
      return { kind: 'timeout' };
    }
    if (error instanceof SyntaxError) {
      return { kind: 'not_json', httpStatus: null };
    }
    if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
      const headers = error.headers;
      const requestId = serverField(headers?.get('x-request-id') ?? null, 'requestId', secrets);
      if (error.status >= 300 && error.status < 400) {
        return { kind: 'redirect', httpStatus: error.status, location: headers?.get('location') ?? null, requestId };
      }
      const body = error.error as { message?: unknown; code?: unknown; type?: unknown } | undefined;
      const message = typeof body?.message === 'string' ? body.message : error.message;
      return {
        kind: 'error',
        httpStatus: error.status,
        code: serverField(body?.code ?? error.code, 'code', secrets),
        type: serverField(body?.type ?? error.type, 'code', secrets),
        message,
        requestId,
        rateLimit: headers ? rateLimitHeaders((name) => headers.get(name), secrets) : undefined,
        missingScopes: missingScopesOf(message, secrets),
      };
    }
    if (causeChainHas(error, BodyTooLargeError)) {
      return { kind: 'too_large' };
    }
    const cause = networkErrorCode(error) ?? null;
    return { kind: 'network', cause, detail: cause ?? describeError(error) };
  } finally {
    clearTimeout(timer);
  }
}

function causeChainHas(error: unknown, type: new (...args: never[]) => Error): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    if (current instanceof type) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The innermost message of an error chain: "other side closed" says more than "Connection error.". */
function describeError(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; current && depth < 8; depth++) {
    if (current instanceof Error && current.message) {
      message = current.message;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}
