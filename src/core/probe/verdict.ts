import * as l10n from '@vscode/l10n';
import { tlsProblem } from './classify';
import { MODEL_READ_SCOPES } from './serverFields';
import type { InferenceResult, ProbeStatus, RealtimeResult, RestResult } from './types';

export const LINKS = {
  apiKeys: 'https://platform.openai.com/api-keys',
  billing: 'https://platform.openai.com/settings/organization/billing/overview',
  limits: 'https://platform.openai.com/settings/organization/limits',
  organization: 'https://platform.openai.com/settings/organization/general',
  status: 'https://status.openai.com',
  countries: 'https://platform.openai.com/docs/supported-countries',
  realtimeModels: 'https://platform.openai.com/docs/models',
} as const;

export type LinkName = keyof typeof LINKS;

/**
 * What a test could not see. `billing`: credit and billing (only a paid call meets them; GET /models answers
 * 200 without credit). `realtime_model_access`: whether a Realtime response succeeds (model access fails only
 * there). `inference_access`: whether the key may call models at all (when it may not even list them).
 */
export const UNVERIFIED = ['billing', 'realtime_model_access', 'inference_access'] as const;
export type Unverified = (typeof UNVERIFIED)[number];

export interface Verdict {
  status: ProbeStatus | 'malformed';
  summary: string;
  nextSteps: string[];
  /** The pages a "next step" button should open, most useful first. */
  links: LinkName[];
  /** What this test did not verify: never empty after a free test (`billing`), empty after a full test. */
  unverified?: Unverified[];
  /** What is worth knowing without changing the status: a missing read scope, a base URL, a proxy. */
  notes?: string[];
}

/** What the advice may mention about one failing result. */
interface Detail {
  code: string | null;
  missingScopes: string[];
  cause: string | null;
}

interface Advice {
  summary: (where: string, detail: Detail) => string;
  nextSteps: (detail: Detail) => string[];
  links: LinkName[];
}

const scopesOf = (detail: Detail) => (detail.missingScopes.length > 0 ? detail.missingScopes.join(', ') : l10n.t('a permission (scope)'));

const ADVICE: Record<Exclude<ProbeStatus, 'ok'>, Advice> = {
  invalid_key: {
    summary: (where) => l10n.t('{0} rejects the key as invalid (401 invalid_api_key): it is wrong, revoked, or belongs to another account.', where),
    nextSteps: () => [
      l10n.t('Check the key was copied whole, with no space, quote or line break (run "openai-key-doctor lint" on the .env).'),
      l10n.t('If it still fails, create a new key at {0} (keys are shown only once) and replace the old one everywhere it is used.', LINKS.apiKeys),
    ],
    links: ['apiKeys'],
  },
  restricted_key: {
    summary: (where, detail) => l10n.t('The key is valid but restricted: {0} refuses this call because the key lacks {1}.', where, scopesOf(detail)),
    nextSteps: () => [l10n.t('Edit the key\'s permissions at {0} (set "All", or add the missing scope named in the details), or create an unrestricted key.', LINKS.apiKeys)],
    links: ['apiKeys'],
  },
  admin_key: {
    summary: () => l10n.t('This is an Admin API key: it manages the organization but cannot call model endpoints (REST or Realtime).'),
    nextSteps: () => [l10n.t('Create a project key (sk-proj-…) at {0} for OPENAI_API_KEY; keep the admin key for administration only.', LINKS.apiKeys)],
    links: ['apiKeys'],
  },
  no_quota: {
    summary: (_where, detail) => l10n.t('The key works, but the account has no credit or hit its spend limit ({0}).', detail.code ?? 'insufficient_quota'),
    nextSteps: () => [l10n.t('Add credit or a payment method at {0}.', LINKS.billing), l10n.t('Check the organization and project spend limits at {0}.', LINKS.limits)],
    links: ['billing', 'limits'],
  },
  billing_inactive: {
    summary: () => l10n.t('The account behind the key has no active billing (billing_not_active).'),
    nextSteps: () => [l10n.t('Set up billing at {0}; new accounts need prepaid credit before the first request.', LINKS.billing)],
    links: ['billing'],
  },
  rate_limited: {
    summary: () => l10n.t('The key works but is rate limited right now (rate_limit_exceeded).'),
    nextSteps: () => [l10n.t('Wait for the time in retry-after and test again.'), l10n.t('See your rate limits and usage tier at {0}.', LINKS.limits)],
    links: ['limits'],
  },
  region_unsupported: {
    summary: () => l10n.t('The request comes from a country, region or territory that OpenAI does not support.'),
    nextSteps: () => [l10n.t('See {0}. A server in a supported region (or its proxy) must make the calls.', LINKS.countries)],
    links: ['countries'],
  },
  org_mismatch: {
    summary: () => l10n.t('The OpenAI-Organization or OpenAI-Project header does not match the key (mismatched_organization).'),
    nextSteps: () => [l10n.t('Fix or remove OPENAI_ORG_ID / OPENAI_PROJECT_ID: copy the IDs from {0}, or delete them to use the key\'s own.', LINKS.organization)],
    links: ['organization'],
  },
  ip_not_allowed: {
    summary: () => l10n.t('The IP allow-list of the key\'s organization or project does not include the address this test came from (ip_not_authorized).'),
    nextSteps: () => [
      l10n.t('Add this machine\'s public IP under Settings → Security → IP allowlist of the organization or project; a change can take up to 15 minutes to apply.'),
      l10n.t('Or test from a server that is on the list, with "openai-key-doctor test".'),
    ],
    links: ['organization'],
  },
  model_unavailable: {
    summary: () => l10n.t('The key is valid, but the requested model is not available to it.'),
    nextSteps: () => [
      l10n.t('Check the model name in the realtimeModel setting (default gpt-realtime).'),
      l10n.t('Check the project\'s model access at {0}; some models need a higher usage tier.', LINKS.limits),
    ],
    links: ['limits', 'realtimeModels'],
  },
  access_denied: {
    summary: (where) => l10n.t('{0} refuses access to this key (403).', where),
    nextSteps: () => [
      l10n.t('Check the key\'s project permissions and the organization\'s settings at {0}.', LINKS.organization),
      l10n.t('Make sure billing is active at {0}: Realtime needs a paid account.', LINKS.billing),
    ],
    links: ['organization', 'billing'],
  },
  server_error: {
    summary: (where) => l10n.t('{0} had an internal error: the key may be fine.', where),
    nextSteps: () => [l10n.t('Check {0} and test again in a minute.', LINKS.status)],
    links: ['status'],
  },
  timeout: {
    summary: (where) => l10n.t('{0} did not answer in time.', where),
    nextSteps: () => [l10n.t('Check your network, proxy (http.proxy in VS Code, HTTPS_PROXY on a server) and the API base URL.'), l10n.t('Check {0}.', LINKS.status)],
    links: ['status'],
  },
  network_error: {
    summary: (where, detail) => {
      const tls = tlsProblem(detail.cause);
      return tls ? l10n.t('{0} could not be reached: the TLS connection failed on {1}.', where, tls) : l10n.t('{0} could not be reached.', where);
    },
    nextSteps: (detail) =>
      tlsProblem(detail.cause)
        ? [
            l10n.t('If a proxy or antivirus inspects TLS, trust its CA certificate instead of turning verification off: NODE_EXTRA_CA_CERTS=/path/to/ca.pem for Node apps (and this CLI), SSL_CERT_FILE or REQUESTS_CA_BUNDLE for Python.'),
            l10n.t('Otherwise check the API base URL: its certificate must match its host name.'),
          ]
        : [l10n.t('Check the API base URL, your network, firewall and proxy settings (http.proxy in VS Code, HTTPS_PROXY on a server).')],
    links: ['status'],
  },
  protocol_error: {
    summary: (where) => l10n.t('{0} answered in an unexpected way.', where),
    nextSteps: () => [
      l10n.t('Check that the API base URL points at the OpenAI API (https://api.openai.com/v1) or a compatible proxy.'),
      l10n.t('Make sure nothing sends the "OpenAI-Beta: realtime=v1" header to the GA Realtime endpoint (old SDK versions did).'),
    ],
    links: ['status'],
  },
};

type Failing = Pick<RestResult, 'status' | 'code' | 'cause' | 'missingScopes'>;

const detailOf = (result: Failing): Detail => ({ code: result.code, missingScopes: result.missingScopes ?? [], cause: result.cause ?? null });

/** A restricted key whose only missing scopes are about reading models: apps rarely need them. */
export function lacksOnlyModelRead(result: Failing): boolean {
  const scopes = result.missingScopes ?? [];
  return result.status === 'restricted_key' && scopes.length > 0 && scopes.every((s) => MODEL_READ_SCOPES.has(s));
}

export interface VerdictContext {
  /** The full test's paid REST call; null or absent in a free test. */
  inference?: InferenceResult | null;
  full?: boolean;
  /** How the caller lets the user choose the full test's model: "--inference-model", or the setting. */
  inferenceModelOption?: string;
}

/**
 * Explains the results: which one is the root cause, what it means, what to do next, and what the test could
 * not see. Order: the key itself (REST), then the paid REST call (credit, billing, scopes), then Realtime.
 */
export function combineVerdict(rest: RestResult, realtime: RealtimeResult | null, realtimeModel: string, context: VerdictContext = {}): Verdict {
  const full = context.full === true;
  const inference = context.inference ?? null;
  const notes: string[] = [];
  const unverified: Unverified[] = full ? [] : ['billing', ...(realtime ? (['realtime_model_access'] as const) : [])];
  const restReadOnly = lacksOnlyModelRead(rest);
  if (restReadOnly) {
    notes.push(l10n.t('The key may not list models (it lacks {0}); apps rarely need that, so this is not a failure.', (rest.missingScopes ?? []).join(', ')));
    if (!full) {
      unverified.push('inference_access');
    }
  }
  const verdict = (fields: Pick<Verdict, 'status' | 'summary' | 'nextSteps' | 'links'>): Verdict => ({ ...fields, unverified, notes });

  if (rest.status !== 'ok' && !restReadOnly) {
    const status = rest.status as Exclude<ProbeStatus, 'ok'>;
    const advice = ADVICE[status];
    const realtimeNote = realtime && realtime.status !== rest.status ? ` (Realtime: ${realtime.status})` : '';
    return verdict({ status, summary: advice.summary(l10n.t('The REST API'), detailOf(rest)) + realtimeNote, nextSteps: advice.nextSteps(detailOf(rest)), links: advice.links });
  }
  if (inference && inference.status !== 'ok') {
    return verdict(inferenceVerdict(inference, context.inferenceModelOption));
  }
  if (realtime && realtime.status !== 'ok') {
    return verdict(realtimeVerdict(realtime, realtimeModel));
  }
  const summary = full
    ? realtime
      ? l10n.t('The key works for the REST API and for the Realtime API ({0}), credit included: a paid call succeeded on each.', realtimeModel)
      : l10n.t('The key works for the REST API, credit included: a paid call succeeded (Realtime not tested).')
    : realtime
      ? l10n.t('The key works for the REST API and for the Realtime API ({0}); not verified: credit, and whether a Realtime response succeeds.', realtimeModel)
      : l10n.t('The key works for the REST API (Realtime not tested); not verified: credit.');
  const nextSteps = rest.realtimeModelListed === false && realtime === null ? [l10n.t('{0} is not available to this key: Realtime may not work with it.', realtimeModel)] : [];
  return verdict({ status: 'ok', summary, nextSteps, links: [] });
}

function inferenceVerdict(inference: InferenceResult, modelOption: string | undefined): Pick<Verdict, 'status' | 'summary' | 'nextSteps' | 'links'> {
  const status = inference.status as Exclude<ProbeStatus, 'ok'>;
  const advice = ADVICE[status];
  const detail = detailOf(inference);
  if (status === 'model_unavailable') {
    return {
      status,
      summary: l10n.t('The key is valid, but the full test\'s model {0} is not available to it.', inference.model),
      nextSteps: [
        modelOption
          ? l10n.t('Set the full test\'s model ({0}) to a model your app uses, and run it again.', modelOption)
          : l10n.t('Set the full test\'s model to a model your app uses, and run it again.'),
      ],
      links: ['limits'],
    };
  }
  const where = l10n.t('The paid call (POST {0} with {1})', inference.endpoint, inference.model);
  return { status, summary: advice.summary(where, detail), nextSteps: advice.nextSteps(detail), links: advice.links };
}

function realtimeVerdict(realtime: RealtimeResult, realtimeModel: string): Pick<Verdict, 'status' | 'summary' | 'nextSteps' | 'links'> {
  const status = realtime.status as Exclude<ProbeStatus, 'ok'>;
  const advice = ADVICE[status];
  const detail = detailOf(realtime);
  const realtimeOnly: Partial<Record<ProbeStatus, string>> = {
    access_denied: l10n.t('The key is valid for the REST API but has no Realtime access for {0}.', realtimeModel),
    model_unavailable: l10n.t('The key is valid for the REST API, but {0} is not available to it over Realtime.', realtimeModel),
    invalid_key: l10n.t('The REST API accepts the key but the Realtime API rejects it (invalid_api_key): usually a different key reaches the socket (an SDK default client reading another variable), or a stray character in one of the places the key is set.'),
    protocol_error: l10n.t('The key is valid for the REST API, but the Realtime endpoint answered in an unexpected way.'),
  };
  return {
    status,
    summary: realtimeOnly[status] ?? l10n.t('The key works for the REST API; Realtime: {0}', advice.summary(l10n.t('the Realtime API'), detail)),
    nextSteps:
      status === 'invalid_key'
        ? [l10n.t('Pass the same client (and key) to the Realtime connection as to REST calls: new OpenAIRealtimeWS({ model }, client).'), ...ADVICE.invalid_key.nextSteps(detail)]
        : advice.nextSteps(detail),
    links: advice.links,
  };
}

export function malformedVerdict(problems: string[]): Verdict {
  return {
    status: 'malformed',
    summary: l10n.t('The key is malformed, so it was not sent: {0}', problems[0]),
    nextSteps: [...problems.slice(1, 3), l10n.t('Fix the value (see the diagnostics in the .env file), or copy the key again from {0}.', LINKS.apiKeys)],
    links: ['apiKeys'],
    unverified: ['billing'],
    notes: [],
  };
}

/** The `unverified` items in words, for the text report and VS Code. */
export function describeUnverified(items: readonly Unverified[]): string[] {
  const words: Record<Unverified, () => string> = {
    billing: () => l10n.t('credit and billing (only a paid call meets them: GET /models answers 200 without credit)'),
    realtime_model_access: () => l10n.t('whether a Realtime response succeeds (a model the project cannot use fails only then, with model_not_found)'),
    inference_access: () => l10n.t('whether the key may call models (it may not even list them)'),
  };
  return items.map((item) => words[item]());
}
