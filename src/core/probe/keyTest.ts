import * as l10n from '@vscode/l10n';
import { DEFAULT_BASE_URL, DEFAULT_REALTIME_MODEL, DEFAULT_TIMEOUT_MS } from './defaults';
import { keyProblems } from './keyProblems';
import type { ValueOrigin } from '../lintValue';
import { KeyType, keyTypeOf } from '../keys/keyShape';
import { maskKey } from '../keys/mask';
import { RealtimeProbeDeps, probeRealtime } from './realtimeProbe';
import { RestProbeDeps, probeRest } from './restProbe';
import type { RealtimeResult, RestResult } from './types';
import { Verdict, combineVerdict, malformedVerdict } from './verdict';

export { DEFAULT_BASE_URL, DEFAULT_REALTIME_MODEL, DEFAULT_TIMEOUT_MS } from './defaults';
export { keyProblems } from './keyProblems';

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
}

export interface KeyTestReport {
  key: { masked: string; type: KeyType; source: string; problems: string[] };
  baseUrl: string;
  baseUrlIsDefault: boolean;
  realtimeModel: string;
  organization: string | null;
  project: string | null;
  sent: boolean;
  rest: RestResult;
  realtime: RealtimeResult | null;
  verdict: Verdict;
}

export interface KeyTestDeps {
  rest?: RestProbeDeps;
  realtime?: RealtimeProbeDeps;
}


/**
 * Tests a key against the REST API and the Realtime API in parallel (total time is about the slower of the
 * two), each with its own timeout. A malformed key is reported without a network call unless asked.
 */
export async function testKey(request: KeyTestRequest, deps: KeyTestDeps = {}): Promise<KeyTestReport> {
  const baseUrl = (request.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const realtimeModel = request.realtimeModel ?? DEFAULT_REALTIME_MODEL;
  const problems = keyProblems(request.key, { origin: request.origin, name: request.variable, destination: baseUrl });
  const report = {
    key: { masked: maskKey(request.key), type: keyTypeOf(request.key), source: request.source, problems },
    baseUrl,
    baseUrlIsDefault: baseUrl === DEFAULT_BASE_URL,
    realtimeModel,
    organization: request.organization ?? null,
    project: request.project ?? null,
  };
  if (problems.length > 0 && !request.sendMalformed) {
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
      realtime: null,
      verdict: malformedVerdict(problems),
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
  };
  const [rest, realtime] = await Promise.all([
    probeRest(target, deps.rest),
    request.realtime === false ? Promise.resolve(null) : probeRealtime(target, deps.realtime),
  ]);
  return { ...report, sent: true, rest, realtime, verdict: combineVerdict(rest, realtime, realtimeModel) };
}
