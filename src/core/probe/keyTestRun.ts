import * as l10n from '@vscode/l10n';
import { DEFAULT_BASE_URL, DEFAULT_FULL_TEST_MODEL, DEFAULT_REALTIME_MODEL, DEFAULT_TIMEOUT_MS, testedBaseUrl } from './defaults';
import type { ValueOrigin } from '../lintValue';
import { KeyType, keyTypeOf } from '../keys/keyShape';
import { maskKey } from '../keys/mask';
import { RealtimeProbeDeps, probeRealtime } from './realtimeProbe';
import { RestProbeDeps, probeInference, probeRest } from './restProbe';
import { displayUrl } from './serverFields';
import type { InferenceResult, RealtimeResult, RestResult } from './types';
import { Verdict, combineVerdict, malformedVerdict } from './verdict';

export { DEFAULT_BASE_URL, DEFAULT_FULL_TEST_MODEL, DEFAULT_REALTIME_MODEL, DEFAULT_TIMEOUT_MS } from './defaults';

/** A proxy the test went through, and who configured it: what an app's runtime does with it differs. */
export interface ProxyInUse {
  url: string;
  from: 'environment' | 'vscode';
}

export interface KeyTestRequest {
  key: string;
  /** Where the key came from, for the report: ".env (line 3)", "environment", "SecretStorage". */
  source: string;
  baseUrl?: string;
  organization?: string;
  project?: string;
  realtimeModel?: string;
  timeoutMs?: number;
  realtime?: boolean;
  /** Send the key even when the linter finds it malformed. */
  sendMalformed?: boolean;
  /** Where the key came from and its variable, for the wording of its problems. */
  origin?: ValueOrigin;
  variable?: string;
  signal?: AbortSignal;
  /** The full test: one paid REST call and one Realtime response (never automatic). */
  full?: boolean;
  /** The model of the full test's paid REST call. */
  inferenceModel?: string;
  /** How the caller lets the user choose that model, for the advice: "--inference-model", or the setting. */
  inferenceModelOption?: string;
  /** OPENAI_BASE_URL from the .env under test: where the app sends its key (never where we send it). */
  appBaseUrl?: string;
  proxy?: ProxyInUse;
}

export interface KeyTestReport {
  key: { masked: string; type: KeyType; source: string; problems: string[] };
  baseUrl: string;
  baseUrlIsDefault: boolean;
  /** OPENAI_BASE_URL of the .env under test, when it sets one. */
  appBaseUrl?: string | null;
  realtimeModel: string;
  organization: string | null;
  project: string | null;
  sent: boolean;
  /** Optional only so that reports built by older code still type-check: testKey always sets it. */
  full?: boolean;
  rest: RestResult;
  /** The full test's paid REST call; null in a free test. */
  inference?: InferenceResult | null;
  realtime: RealtimeResult | null;
  verdict: Verdict;
}

export interface KeyTestDeps {
  rest?: RestProbeDeps;
  realtime?: RealtimeProbeDeps;
}

const trimSlashes = (url: string) => url.trim().replace(/\/+$/, '');


/**
 * Tests a key against the REST API and the Realtime API in parallel (total time is about the slower of the
 * two), each bounded by the timeout in every phase. The free test spends nothing; the full test adds one paid
 * REST call and one Realtime response. A malformed key is reported without a network call unless asked.
 */
export async function runKeyTest(request: KeyTestRequest, problems: string[], deps: KeyTestDeps = {}): Promise<KeyTestReport> {
  const baseUrl = testedBaseUrl(request);
  const realtimeModel = request.realtimeModel ?? DEFAULT_REALTIME_MODEL;
  const full = request.full === true;
  const report = {
    key: { masked: maskKey(request.key), type: keyTypeOf(request.key), source: request.source, problems },
    baseUrl,
    baseUrlIsDefault: baseUrl === DEFAULT_BASE_URL,
    appBaseUrl: request.appBaseUrl?.trim() ? request.appBaseUrl.trim() : null,
    realtimeModel,
    organization: request.organization ?? null,
    project: request.project ?? null,
    full,
  };
  const notes = contextNotes(request, baseUrl);
  if (problems.length > 0 && !request.sendMalformed) {
    const verdict = malformedVerdict(problems);
    return {
      ...report,
      sent: false,
      rest: {
        status: 'invalid_key',
        httpStatus: null,
        code: 'malformed_key',
        type: null,
        message: l10n.t('Not sent: the key is malformed.'),
        requestId: null,
        ms: 0,
        realtimeModelListed: null,
      },
      inference: null,
      realtime: null,
      verdict: { ...verdict, notes: [...(verdict.notes ?? []), ...notes] },
    };
  }
  const target = {
    key: request.key,
    baseUrl,
    organization: request.organization,
    project: request.project,
    realtimeModel,
    timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: request.signal,
    full,
    inferenceModel: request.inferenceModel ?? DEFAULT_FULL_TEST_MODEL,
  };
  const withRealtime = request.realtime !== false;
  const [rest, inference, realtimeRaw] = await Promise.all([
    probeRest(target, deps.rest, { checkRealtimeModel: withRealtime }),
    full ? probeInference(target, deps.rest) : Promise.resolve(null),
    withRealtime ? probeRealtime(target, deps.realtime) : Promise.resolve(null),
  ]);
  const realtime = modelListingSays(rest, realtimeRaw, realtimeModel);
  const verdict = combineVerdict(rest, realtime, realtimeModel, { inference, full, inferenceModelOption: request.inferenceModelOption });
  return { ...report, sent: true, rest, inference, realtime, verdict: { ...verdict, notes: [...(verdict.notes ?? []), ...notes] } };
}

/**
 * The real API opens a Realtime session even for a model the project cannot use and fails only on the first
 * response: when GET /models/{model} already said model_not_found and no response was asked for, that is the
 * Realtime result.
 */
function modelListingSays(rest: RestResult, realtime: RealtimeResult | null, model: string): RealtimeResult | null {
  if (!realtime || realtime.status !== 'ok' || rest.realtimeModelListed !== false || realtime.response) {
    return realtime;
  }
  return {
    ...realtime,
    status: 'model_unavailable',
    message: l10n.t('The session opened, but GET /models/{0} says the model is not available to this key: its first response would fail with model_not_found.', model),
  };
}

/** Facts about where the key went that do not change the status: the .env's own base URL, a proxy. */
function contextNotes(request: KeyTestRequest, baseUrl: string): string[] {
  const notes: string[] = [];
  const app = request.appBaseUrl?.trim();
  if (app && trimSlashes(app) !== baseUrl) {
    notes.push(
      l10n.t(
        'The .env sets OPENAI_BASE_URL={0}: your app sends its key there, but this test sent it to {1}. To test that endpoint, make it the tested base URL if you trust it.',
        displayUrl(app, [request.key]),
        displayUrl(baseUrl, [request.key]),
      ),
    );
  }
  if (request.proxy?.from === 'environment') {
    notes.push(
      l10n.t(
        'This test went through the proxy {0} (HTTPS_PROXY). Python apps (openai-python, httpx) use it too; a Node app using the openai SDK (built-in fetch) does not, unless it runs with NODE_USE_ENV_PROXY=1 or passes a proxy agent (fetchOptions: { dispatcher: new ProxyAgent(url) }).',
        displayUrl(request.proxy.url, [request.key]),
      ),
    );
  } else if (request.proxy?.from === 'vscode') {
    notes.push(
      l10n.t(
        'This test went through VS Code\'s proxy {0} (http.proxy). Your app does not read VS Code\'s settings: give it HTTPS_PROXY (Python\'s httpx reads it; Node\'s fetch needs NODE_USE_ENV_PROXY=1 or a proxy agent).',
        displayUrl(request.proxy.url, [request.key]),
      ),
    );
  }
  return notes;
}
