import * as l10n from '@vscode/l10n';
import OpenAI from 'openai';
import { redactSecrets } from '../keys/mask';
import { classifyServerError, networkErrorCode } from './classify';
import { CancelledError, Clock, ProbeTarget, RestResult, systemClock } from './types';
import { keyTypeOf } from '../keys/keyShape';

export interface RestProbeDeps {
  clock?: Clock;
  /** A fetch to use instead of the global one (the CLI passes undici's, with a proxy). */
  fetch?: typeof fetch;
  /** Extra fetch options, e.g. `{ dispatcher }` for a proxy. */
  fetchOptions?: Record<string, unknown>;
}

const RATE_LIMIT_HEADERS = [
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-tokens',
  'retry-after',
  'retry-after-ms',
];

/**
 * GET /models with the openai SDK: the cheapest authenticated call (no tokens). No retries, a deadline that
 * covers the body too, redirects not followed (a redirect must never carry the key to another host).
 */
export async function probeRest(target: ProbeTarget, deps: RestProbeDeps = {}): Promise<RestResult> {
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), target.timeoutMs);
  const signal = target.signal ? AbortSignal.any([target.signal, deadline.signal]) : deadline.signal;
  const redact = (text: string) => redactSecrets(text, [target.key]);
  const result = (fields: Partial<RestResult> & Pick<RestResult, 'status' | 'message'>): RestResult => ({
    httpStatus: null,
    code: null,
    type: null,
    requestId: null,
    realtimeModelListed: null,
    ...fields,
    message: redact(fields.message),
    ms: Math.round(clock.now() - started),
  });
  try {
    const client = new OpenAI({
      apiKey: target.key,
      baseURL: target.baseUrl,
      organization: target.organization ?? null,
      project: target.project ?? null,
      adminAPIKey: null,
      webhookSecret: null,
      maxRetries: 0,
      timeout: target.timeoutMs,
      fetch: deps.fetch,
      fetchOptions: { ...deps.fetchOptions, redirect: 'manual' } as never,
    });
    const { data: page, response } = await client.models.list({ signal }).withResponse();
    const models = (page as unknown as { data?: unknown }).data;
    const requestId = response.headers.get('x-request-id');
    const contentType = response.headers.get('content-type') ?? '';
    if (!Array.isArray(models) || !contentType.includes('json')) {
      return result({
        status: 'protocol_error',
        httpStatus: response.status,
        requestId,
        message: l10n.t`${target.baseUrl}/models answered ${response.status} without a model list (content-type ${contentType || 'none'}): this base URL does not look like the OpenAI API.`,
      });
    }
    const listed = models.some((m) => (m as { id?: unknown }).id === target.realtimeModel);
    return result({
      status: 'ok',
      httpStatus: response.status,
      requestId,
      realtimeModelListed: listed,
      rateLimit: pickHeaders(response.headers),
      message: l10n.t`The key can list models (${models.length} visible${listed ? `, ${target.realtimeModel} among them` : `; ${target.realtimeModel} is not among them`}).`,
    });
  } catch (error) {
    if (target.signal?.aborted) {
      throw new CancelledError();
    }
    if (deadline.signal.aborted) {
      return result({ status: 'timeout', message: l10n.t`No complete answer from ${target.baseUrl}/models within ${target.timeoutMs} ms.` });
    }
    if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
      const body = error.error as { message?: unknown } | undefined;
      const serverMessage = typeof body?.message === 'string' ? body.message : error.message;
      if (error.status >= 300 && error.status < 400) {
        const location = error.headers?.get('location') ?? 'an unknown place';
        return result({
          status: 'protocol_error',
          httpStatus: error.status,
          requestId: error.requestID ?? null,
          message: l10n.t`${target.baseUrl}/models redirected to ${location}. The redirect was not followed, so the key was not sent there: set the base URL to the final address if you trust it.`,
        });
      }
      return result({
        status: classifyServerError({ httpStatus: error.status, code: asString(error.code), type: asString(error.type), message: serverMessage }, keyTypeOf(target.key) === 'admin'),
        httpStatus: error.status,
        code: asString(error.code),
        type: asString(error.type),
        requestId: error.requestID ?? null,
        rateLimit: error.headers ? pickHeaders(error.headers) : undefined,
        message: truncate(serverMessage),
      });
    }
    const code = networkErrorCode(error);
    return result({
      status: 'network_error',
      message: l10n.t`Could not reach ${target.baseUrl} (${code ?? (error as Error).message}). Check the address, your network and any proxy (HTTPS_PROXY, or VS Code's http.proxy).`,
    });
  } finally {
    clearTimeout(timer);
  }
}

function pickHeaders(headers: Headers): Record<string, string> | undefined {
  const picked: Record<string, string> = {};
  for (const name of RATE_LIMIT_HEADERS) {
    const value = headers.get(name);
    if (value !== null) {
      picked[name] = value;
    }
  }
  return Object.keys(picked).length > 0 ? picked : undefined;
}

function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 500 ? `${oneLine.slice(0, 500)}…` : oneLine;
}
