import * as l10n from '@vscode/l10n';
import { ApiOutcome, RestDeps, callApi } from './apiCall';
import { classifyServerError, tlsProblem } from './classify';
import { DEFAULT_FULL_TEST_MODEL, MAX_BODY_BYTES } from './defaults';
import { inferenceEndpointFor } from './fullTestPlan';
import { keyTypeOf } from '../keys/keyShape';
import { displayUrl, safeText } from './serverFields';
import { Clock, InferenceResult, ProbeStatus, ProbeTarget, RestResult, systemClock } from './types';

export interface RestProbeDeps extends RestDeps {
  clock?: Clock;
}

const MAX_MESSAGE = 300;

/** Everything a REST result needs that is not about the answer itself. */
type Outcome = {
  status: ProbeStatus;
  message: string;
  httpStatus?: number | null;
  code?: string | null;
  type?: string | null;
  requestId?: string | null;
  rateLimit?: Record<string, string>;
  cause?: string | null;
  missingScopes?: string[];
};

/**
 * The free test's REST call, no tokens: `GET /models/{realtime model}` when Realtime is tested (a 404
 * model_not_found there means the key is valid but the model is not available to it), else `GET /models`.
 */
export async function probeRest(target: ProbeTarget, deps: RestProbeDeps = {}, options: { checkRealtimeModel: boolean } = { checkRealtimeModel: true }): Promise<RestResult> {
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const path = options.checkRealtimeModel ? `/models/${encodeURIComponent(target.realtimeModel)}` : '/models';
  const where = `${displayUrl(target.baseUrl)}${path}`;
  const outcome = await callApi(target, deps, (client, signal) => client.get(path, { signal }).withResponse());
  let listed: boolean | null = null;
  let described: Outcome;
  if (outcome.kind === 'answer') {
    const data = outcome.data as { data?: unknown; id?: unknown } | null;
    const valid = outcome.contentType.includes('json') && typeof data === 'object' && data !== null && (options.checkRealtimeModel ? typeof data.id === 'string' : Array.isArray(data.data));
    if (!valid) {
      described = {
        status: 'protocol_error',
        httpStatus: outcome.httpStatus,
        requestId: outcome.requestId,
        message: l10n.t('{0} answered {1} without the API\'s JSON (content-type {2}): this base URL does not look like the OpenAI API.', where, outcome.httpStatus, outcome.contentType.split(';')[0] || l10n.t('none')),
      };
    } else {
      listed = options.checkRealtimeModel ? true : (data.data as Array<{ id?: unknown }>).some((m) => m?.id === target.realtimeModel);
      described = {
        status: 'ok',
        httpStatus: outcome.httpStatus,
        requestId: outcome.requestId,
        rateLimit: outcome.rateLimit,
        message: options.checkRealtimeModel
          ? l10n.t('The key is valid: GET {0} answered {1}.', path, outcome.httpStatus)
          : l10n.t('The key can list models ({0} visible).', (data.data as unknown[]).length),
      };
    }
  } else if (outcome.kind === 'error' && options.checkRealtimeModel && outcome.code === 'model_not_found') {
    // Only a valid key gets model_not_found: the key works, the Realtime model is not available to it.
    listed = false;
    described = {
      status: 'ok',
      httpStatus: outcome.httpStatus,
      code: outcome.code,
      type: outcome.type,
      requestId: outcome.requestId,
      message: l10n.t('The key is valid, but GET {0} answered {1} model_not_found: {2} is not available to it.', path, outcome.httpStatus, target.realtimeModel),
    };
  } else {
    described = describeFailure(outcome, target, where);
  }
  return restResult(target, described, clock.now() - started, { realtimeModelListed: listed });
}

/**
 * The full test's one paid REST call, the cheapest that meets billing: an embedding of one word, or a
 * one-token chat completion when the configured model is not an embedding model.
 */
export async function probeInference(target: ProbeTarget, deps: RestProbeDeps = {}): Promise<InferenceResult> {
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const model = target.inferenceModel ?? DEFAULT_FULL_TEST_MODEL;
  const endpoint = inferenceEndpointFor(model);
  const body =
    endpoint === '/embeddings'
      ? { model, input: 'ok', encoding_format: 'base64' }
      : { model, messages: [{ role: 'user', content: 'ok' }], max_completion_tokens: 1 };
  const where = `${displayUrl(target.baseUrl)}${endpoint}`;
  const outcome = await callApi(target, deps, (client, signal) => client.post(endpoint, { body, signal }).withResponse());
  let described: Outcome;
  if (outcome.kind === 'answer') {
    const data = outcome.data as { data?: unknown; choices?: unknown } | null;
    const valid = outcome.contentType.includes('json') && typeof data === 'object' && data !== null && Array.isArray(endpoint === '/embeddings' ? data.data : data.choices);
    described = valid
      ? { status: 'ok', httpStatus: outcome.httpStatus, requestId: outcome.requestId, rateLimit: outcome.rateLimit, message: l10n.t('The paid call succeeded: the account can pay for {0}.', model) }
      : {
          status: 'protocol_error',
          httpStatus: outcome.httpStatus,
          requestId: outcome.requestId,
          message: l10n.t('{0} answered {1} without the API\'s JSON (content-type {2}): this base URL does not look like the OpenAI API.', where, outcome.httpStatus, outcome.contentType.split(';')[0] || l10n.t('none')),
        };
  } else {
    described = describeFailure(outcome, target, where);
  }
  const result: Partial<RestResult> = restResult(target, described, clock.now() - started, { realtimeModelListed: null });
  delete result.realtimeModelListed;
  return { ...(result as RestResult), model, endpoint };
}

/** What a failed call means, in the status vocabulary and one message. */
function describeFailure(outcome: Exclude<ApiOutcome, { kind: 'answer' }>, target: ProbeTarget, where: string): Outcome {
  switch (outcome.kind) {
    case 'error':
      return {
        status: classifyServerError({ httpStatus: outcome.httpStatus, code: outcome.code, type: outcome.type, message: outcome.message }, keyTypeOf(target.key) === 'admin'),
        httpStatus: outcome.httpStatus,
        code: outcome.code,
        type: outcome.type,
        requestId: outcome.requestId,
        rateLimit: outcome.rateLimit,
        missingScopes: outcome.missingScopes,
        message: outcome.message,
      };
    case 'redirect':
      return {
        status: 'protocol_error',
        httpStatus: outcome.httpStatus,
        requestId: outcome.requestId,
        message: l10n.t('{0} redirected to {1}. The redirect was not followed, so the key was not sent there: set the base URL to the final address if you trust it.', where, outcome.location ? displayUrl(outcome.location) : l10n.t('an unknown place')),
      };
    case 'timeout':
      return { status: 'timeout', message: l10n.t('No complete answer from {0} within {1} ms.', where, target.timeoutMs) };
    case 'too_large':
      return { status: 'protocol_error', message: l10n.t('{0} answered with a body larger than {1} MB: the API never does; this base URL does not look like the OpenAI API.', where, MAX_BODY_BYTES / (1024 * 1024)) };
    case 'not_json':
      return { status: 'protocol_error', message: l10n.t('{0} answered, but its body is not valid JSON: this base URL does not look like the OpenAI API.', where) };
    case 'network': {
      const tls = tlsProblem(outcome.cause);
      return {
        status: 'network_error',
        cause: outcome.cause,
        message: tls
          ? l10n.t('Could not reach {0}: the TLS connection failed on {1} ({2}).', where, tls, outcome.cause ?? '')
          : l10n.t('Could not reach {0} ({1}). Check the address, your network and any proxy (HTTPS_PROXY, or VS Code\'s http.proxy).', where, outcome.detail),
      };
    }
  }
}

function restResult(target: ProbeTarget, outcome: Outcome, ms: number, extra: Pick<RestResult, 'realtimeModelListed'>): RestResult {
  const secrets = [target.key];
  return {
    status: outcome.status,
    httpStatus: outcome.httpStatus ?? null,
    code: outcome.code ?? null,
    type: outcome.type ?? null,
    // Redacted first, cut after: a cut never leaves the tail of a key behind.
    message: truncate(safeText(outcome.message, secrets)),
    requestId: outcome.requestId ?? null,
    ms: Math.round(ms),
    ...extra,
    ...(outcome.rateLimit ? { rateLimit: outcome.rateLimit } : {}),
    ...(outcome.cause ? { cause: outcome.cause } : {}),
    ...(outcome.missingScopes && outcome.missingScopes.length > 0 ? { missingScopes: outcome.missingScopes } : {}),
  };
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE)}…` : oneLine;
}
