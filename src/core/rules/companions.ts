import * as l10n from '@vscode/l10n';
import type { EnvEntry } from '../dotenv/parse';
import { detectPlaceholder } from '../keys/placeholder';
import { isHarmlessToQuote } from '../redact';
import type { LintContext } from './context';
import type { RuleFamily } from './ruleFamily';
import type { RuleDeclarations } from './ruleInfo';

/** Rules about the variables that go with a key: organization, project, base URL. */
export const COMPANION_RULES = {
  'invalid-organization-id': { severity: 'error', summary: () => l10n.t('The organization ID does not look like `org-…`.') },
  'invalid-project-id': { severity: 'error', summary: () => l10n.t('The project ID does not look like `proj_…`.') },
  'invalid-base-url': { severity: 'error', summary: () => l10n.t('OPENAI_BASE_URL is not a usable URL.') },
} satisfies RuleDeclarations;

declare module './ruleInfo' {
  interface RuleFamilies {
    companions: typeof COMPANION_RULES;
  }
}

/** OPENAI_ORG_ID / OPENAI_PROJECT_ID / OPENAI_BASE_URL: same copy faults, their own shapes. */
export function checkCompanion(ctx: LintContext, entry: EnvEntry, role: 'organization' | 'project' | 'base-url'): void {
  const value = entry.value;
  if (value.trim() === '' || ctx.isExampleFile) {
    return;
  }
  if (detectPlaceholder(value)) {
    ctx.report(
      'placeholder',
      entry.contentSpan,
      l10n.t('{0} still holds a placeholder: set the real value or delete the line.', entry.name),
      [],
      {
        detail: isHarmlessToQuote(value.trim())
          ? l10n.t`${entry.name} still holds a placeholder ("${value}"): the SDK sends it as is and the API rejects the request. Set the real value or delete the line.`
          : l10n.t`${entry.name} still holds a placeholder: the SDK sends it as is and the API rejects the request. Set the real value or delete the line.`,
      },
    );
    return;
  }
  const spaced = value !== value.trim() ? l10n.t(' It has white space around it, which dotenv keeps inside quotes.') : '';
  if (role === 'organization' && !/^org-[A-Za-z0-9]+$/.test(value)) {
    ctx.report(
      'invalid-organization-id',
      entry.contentSpan,
      l10n.t('{0} is not an organization ID (org-…): copy it again, or remove the line.', entry.name),
      [],
      {
        detail: l10n.t`${entry.name} should look like "org-…" (letters and digits after "org-"): the SDK sends it as the OpenAI-Organization header and the API answers 401 invalid_organization or mismatched_organization. Copy the Organization ID from https://platform.openai.com/settings/organization/general, or remove the line.${spaced}`,
      },
    );
  } else if (role === 'project' && !/^proj_[A-Za-z0-9]+$/.test(value)) {
    ctx.report(
      'invalid-project-id',
      entry.contentSpan,
      l10n.t("{0} is not a project ID (proj_…): copy it again, or remove the line.", entry.name),
      [],
      {
        detail: l10n.t`${entry.name} should look like "proj_…" (letters and digits after "proj_"): the SDK sends it as the OpenAI-Project header and the API rejects the request. Copy the Project ID from your project's settings, or remove the line.${spaced}`,
      },
    );
  } else if (role === 'base-url') {
    checkBaseUrl(ctx, entry, value);
  }
}

function checkBaseUrl(ctx: LintContext, entry: EnvEntry, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.report(
      'invalid-base-url',
      entry.contentSpan,
      l10n.t("{0} is not a URL: use https://api.openai.com/v1 or your proxy's full URL.", entry.name),
      [],
      { detail: l10n.t`${entry.name} is not a URL: the SDK cannot connect. Use https://api.openai.com/v1 or your proxy's full URL (with https://).` },
    );
    return;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    const scheme = /^[a-z][a-z0-9+.-]{0,15}:$/i.test(url.protocol) && isHarmlessToQuote(url.protocol) ? url.protocol : l10n.t('another scheme');
    ctx.report('invalid-base-url', entry.contentSpan, l10n.t`${entry.name} uses ${scheme}, but the SDK needs an http(s) URL such as https://api.openai.com/v1.`);
    return;
  }
  // Only the endpoint is quoted, never the rest of the path: a key pasted into it would be shown.
  const endpoint = /\/(chat\/completions|responses|completions|embeddings)\/?$/.exec(url.pathname)?.[1];
  if (endpoint) {
    ctx.report(
      'invalid-base-url',
      entry.contentSpan,
      l10n.t('{0} ends with /{1}, which the SDK adds itself: use the base URL only.', entry.name, endpoint),
      [],
      {
        detail: l10n.t`${entry.name} ends with an endpoint path (/${endpoint}): the SDK appends the endpoint itself, so requests go to …/${endpoint}/chat/completions and fail with 404. Use the base only, e.g. https://api.openai.com/v1.`,
      },
    );
    return;
  }
  if (url.hostname === 'api.openai.com' && url.pathname.replace(/\/$/, '') !== '/v1') {
    ctx.report(
      'invalid-base-url',
      entry.contentSpan,
      l10n.t('{0} lacks "/v1" after api.openai.com: use https://api.openai.com/v1.', entry.name),
      [{ title: l10n.t('Use {0}', 'https://api.openai.com/v1'), edits: [{ ...entry.contentSpan, newText: 'https://api.openai.com/v1' }], safe: false, preferred: true }],
      { detail: l10n.t`${entry.name} points at api.openai.com without "/v1": requests go to the wrong path and fail with 404. Use https://api.openai.com/v1.` },
    );
  }
}

export const COMPANION_FAMILY: RuleFamily = {
  rules: COMPANION_RULES,
  checks: [{ on: 'used-variable', roles: ['organization', 'project', 'base-url'], run: (ctx, { entry, role }) => checkCompanion(ctx, entry, role as 'organization' | 'project' | 'base-url') }],
};
