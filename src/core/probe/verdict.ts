import * as l10n from '@vscode/l10n';
import type { ProbeStatus, RealtimeResult, RestResult } from './types';

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

export interface Verdict {
  status: ProbeStatus | 'malformed';
  summary: string;
  nextSteps: string[];
  /** The pages a "next step" button should open, most useful first. */
  links: LinkName[];
}

interface Advice {
  summary: (where: string) => string;
  nextSteps: string[];
  links: LinkName[];
}

const ADVICE: Record<Exclude<ProbeStatus, 'ok'>, Advice> = {
  invalid_key: {
    summary: (where) => l10n.t`${where} rejects the key as invalid (401 invalid_api_key): it is wrong, revoked, or belongs to another account.`,
    nextSteps: [
      l10n.t`Check the key was copied whole, with no space, quote or line break (run "openai-key-doctor lint" on the .env).`,
      l10n.t`If it still fails, create a new key at ${LINKS.apiKeys} (keys are shown only once) and replace the old one everywhere it is used.`,
    ],
    links: ['apiKeys'],
  },
  restricted_key: {
    summary: (where) => l10n.t`The key is valid but restricted: ${where} refuses this operation because the key lacks a permission (scope).`,
    nextSteps: [l10n.t`Edit the key's permissions at ${LINKS.apiKeys} (set "All", or add the missing scope named in the details), or create an unrestricted key.`],
    links: ['apiKeys'],
  },
  admin_key: {
    summary: () => 'This is an Admin API key: it manages the organization but cannot call model endpoints (REST or Realtime).',
    nextSteps: [l10n.t`Create a project key (sk-proj-…) at ${LINKS.apiKeys} for OPENAI_API_KEY; keep the admin key for administration only.`],
    links: ['apiKeys'],
  },
  no_quota: {
    summary: () => 'The key works, but the account has no credit or hit its spend limit (insufficient_quota).',
    nextSteps: [l10n.t`Add credit or a payment method at ${LINKS.billing}.`, l10n.t`Check the organization and project spend limits at ${LINKS.limits}.`],
    links: ['billing', 'limits'],
  },
  billing_inactive: {
    summary: () => 'The account behind the key has no active billing (billing_not_active).',
    nextSteps: [l10n.t`Set up billing at ${LINKS.billing}; new accounts need prepaid credit before the first request.`],
    links: ['billing'],
  },
  rate_limited: {
    summary: () => 'The key works but is rate limited right now (rate_limit_exceeded).',
    nextSteps: ['Wait for the time in retry-after and test again.', l10n.t`See your rate limits and usage tier at ${LINKS.limits}.`],
    links: ['limits'],
  },
  region_unsupported: {
    summary: () => 'The request comes from a country, region or territory that OpenAI does not support.',
    nextSteps: [l10n.t`See ${LINKS.countries}. A server in a supported region (or its proxy) must make the calls.`],
    links: ['countries'],
  },
  org_mismatch: {
    summary: () => 'The OpenAI-Organization or OpenAI-Project header does not match the key (mismatched_organization).',
    nextSteps: [l10n.t`Fix or remove OPENAI_ORG_ID / OPENAI_PROJECT_ID: copy the IDs from ${LINKS.organization}, or delete them to use the key's own.`],
    links: ['organization'],
  },
  ip_not_allowed: {
    summary: () => "The key's IP allow-list does not include the address this test came from.",
    nextSteps: [l10n.t`Add this machine's public IP to the key's or project's allow-list (${LINKS.apiKeys}), or test from an allowed server with "openai-key-doctor test".`],
    links: ['apiKeys'],
  },
  model_unavailable: {
    summary: () => 'The key is valid, but the requested model is not available to it.',
    nextSteps: [
      'Check the model name in the realtimeModel setting (default gpt-realtime).',
      l10n.t`Check the project's model access at ${LINKS.limits}; some models need a higher usage tier.`,
    ],
    links: ['limits', 'realtimeModels'],
  },
  access_denied: {
    summary: (where) => l10n.t`${where} refuses access to this key (403).`,
    nextSteps: [
      l10n.t`Check the key's project permissions and the organization's settings at ${LINKS.organization}.`,
      l10n.t`Make sure billing is active at ${LINKS.billing}: Realtime needs a paid account.`,
    ],
    links: ['organization', 'billing'],
  },
  server_error: {
    summary: (where) => l10n.t`${where} had an internal error: the key may be fine.`,
    nextSteps: [l10n.t`Check ${LINKS.status} and test again in a minute.`],
    links: ['status'],
  },
  timeout: {
    summary: (where) => l10n.t`${where} did not answer in time.`,
    nextSteps: ['Check your network, proxy (http.proxy in VS Code, HTTPS_PROXY on a server) and the API base URL.', l10n.t`Check ${LINKS.status}.`],
    links: ['status'],
  },
  network_error: {
    summary: (where) => l10n.t`${where} could not be reached.`,
    nextSteps: ['Check the API base URL, your network, firewall and proxy settings (http.proxy in VS Code, HTTPS_PROXY on a server).'],
    links: ['status'],
  },
  protocol_error: {
    summary: (where) => l10n.t`${where} answered in an unexpected way.`,
    nextSteps: ['Check that the API base URL points at the OpenAI API (https://api.openai.com/v1) or a compatible proxy.', 'Make sure nothing sends the "OpenAI-Beta: realtime=v1" header to the GA Realtime endpoint (old SDK versions did).'],
    links: ['status'],
  },
};

/** Explains a pair of results: which one matters, what it means, what to do next. */
export function combineVerdict(rest: RestResult, realtime: RealtimeResult | null, realtimeModel: string): Verdict {
  if (rest.status === 'ok' && (realtime === null || realtime.status === 'ok')) {
    return {
      status: 'ok',
      summary: realtime ? l10n.t`The key works for the REST API and for the Realtime API (${realtimeModel}).` : 'The key works for the REST API (Realtime not tested).',
      nextSteps: rest.realtimeModelListed === false && realtime === null ? [l10n.t`${realtimeModel} is not in the key's model list: Realtime may not be available to it.`] : [],
      links: [],
    };
  }
  if (rest.status === 'ok' && realtime && realtime.status !== 'ok') {
    const advice = ADVICE[realtime.status];
    const realtimeOnly: Partial<Record<ProbeStatus, string>> = {
      access_denied: l10n.t`The key is valid for the REST API but has no Realtime access for ${realtimeModel}.`,
      model_unavailable: l10n.t`The key is valid for the REST API, but ${realtimeModel} is not available to it over Realtime.`,
      invalid_key: 'The REST API accepts the key but the Realtime API rejects it (invalid_api_key): usually a different key reaches the socket (an SDK default client reading another variable), or a stray character in one of the places the key is set.',
      protocol_error: l10n.t`The key is valid for the REST API, but the Realtime endpoint answered in an unexpected way.`,
    };
    return {
      status: realtime.status,
      summary: realtimeOnly[realtime.status] ?? l10n.t`The key works for the REST API; Realtime: ${advice.summary(l10n.t('the Realtime API'))}`,
      nextSteps: realtime.status === 'invalid_key'
        ? ['Pass the same client (and key) to the Realtime connection as to REST calls: new OpenAIRealtimeWS({ model }, client).', ...ADVICE.invalid_key.nextSteps]
        : advice.nextSteps,
      links: advice.links,
    };
  }
  const status = rest.status as Exclude<ProbeStatus, 'ok'>;
  const advice = ADVICE[status];
  const realtimeNote = realtime && realtime.status !== rest.status ? ` (Realtime: ${realtime.status})` : '';
  return { status, summary: advice.summary(l10n.t('The REST API')) + realtimeNote, nextSteps: advice.nextSteps, links: advice.links };
}

export function malformedVerdict(problems: string[]): Verdict {
  return {
    status: 'malformed',
    summary: l10n.t`The key is malformed, so it was not sent: ${problems[0]}`,
    nextSteps: [...problems.slice(1, 3), l10n.t`Fix the value (see the diagnostics in the .env file), or copy the key again from ${LINKS.apiKeys}.`],
    links: ['apiKeys'],
  };
}
