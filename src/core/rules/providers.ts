import * as l10n from '@vscode/l10n';
import type { EnvEntry } from '../dotenv/parse';
import type { Fix } from '../findings';
import { AZURE_KEY_SHAPES, ProviderConfig, ProviderDecision, providerConfigFrom, providerOf } from '../keys/provider';
import { describeKeyOf } from '../keys/providerMessages';
import type { VariableRole } from '../keys/variables';
import type { LintContext } from './context';
import type { RuleFamily } from './ruleFamily';
import type { RuleDeclarations } from './ruleInfo';

/** Rules about where a key is sent: another provider's key, an Azure key's shape (checked from the key value checks). */
export const PROVIDER_RULES = {
  'other-provider-key': { severity: 'error', summary: () => l10n.t("A key of another provider than the one the requests go to.") },
  'invalid-azure-key': { severity: 'error', summary: () => l10n.t('An Azure OpenAI key that is not shaped like one.') },
} satisfies RuleDeclarations;

declare module './ruleInfo' {
  interface RuleFamilies {
    providers: typeof PROVIDER_RULES;
  }
}

const configs = new WeakMap<LintContext, ProviderConfig>();

/** Where the file sends its keys: its own base URL variables (the definitions dotenv uses), else the caller's. */
export function fileProviderConfig(ctx: LintContext): ProviderConfig {
  let config = configs.get(ctx);
  if (!config) {
    const fromFile = providerConfigFrom((name) => ctx.effective(name)?.value);
    const fallback = ctx.options.provider ?? {};
    config = {
      baseUrl: fromFile.baseUrl ?? fallback.baseUrl,
      baseUrlVariable: fromFile.baseUrl ? fromFile.baseUrlVariable : fallback.baseUrlVariable,
      apiType: fromFile.apiType ?? fallback.apiType,
      azureEndpoint: fromFile.azureEndpoint ?? fallback.azureEndpoint,
    };
    configs.set(ctx, config);
  }
  return config;
}

/** The provider decision for one key variable of the file. */
export function providerForEntry(ctx: LintContext, entry: EnvEntry, role: VariableRole): ProviderDecision {
  const config = fileProviderConfig(ctx);
  const variable = role === 'azure-key' ? entry.name : undefined;
  // A literal, not a spread of the config: V8 spreads an object with undefined properties ~25x slower.
  return providerOf({ baseUrl: config.baseUrl, apiType: config.apiType, azureEndpoint: config.azureEndpoint, key: entry.value, variable });
}

/** A key of one provider sent to another: OpenAI answers 401 to a Groq key, Azure to an OpenAI key. */
export function checkProviderMismatch(ctx: LintContext, entry: EnvEntry, decision: ProviderDecision): boolean {
  const owner = decision.keyOwner;
  if (!decision.mismatch || !owner) {
    return false;
  }
  const name = entry.name;
  const target = decision.target;
  let message: string;
  const fixes: Fix[] = [];
  if (target.kind === 'openai') {
    message = owner.baseUrl
      ? l10n.t('{0} is {1}: point OPENAI_BASE_URL at {2} or use an OpenAI key.', name, describeKeyOf(owner), owner.label)
      : l10n.t('{0} is {1}, which OpenAI rejects: use an OpenAI key.', name, describeKeyOf(owner));
    const fix = owner.kind === 'other' && owner.baseUrl ? baseUrlFix(ctx, entry, owner.baseUrl) : undefined;
    if (fix) {
      fixes.push(fix);
    }
  } else if (target.kind === 'azure') {
    message = l10n.t('{0} is {1} but goes to Azure OpenAI: use your Azure resource\'s key.', name, describeKeyOf(owner));
  } else {
    message = l10n.t('{0} is {1} but goes to {2}: use a {2} key or fix {3}.', name, describeKeyOf(owner), target.label, fileProviderConfig(ctx).baseUrlVariable ?? 'OPENAI_BASE_URL');
  }
  ctx.report('other-provider-key', entry.contentSpan, message, fixes);
  return true;
}

/** Sets the file's base URL variable to the key's provider, or adds OPENAI_BASE_URL above the key. */
function baseUrlFix(ctx: LintContext, entry: EnvEntry, url: string): Fix | undefined {
  const variable = fileProviderConfig(ctx).baseUrlVariable;
  const title = l10n.t('Set {0}={1}', variable ?? 'OPENAI_BASE_URL', url);
  if (variable) {
    const defined = ctx.effective(variable);
    return defined ? { title, edits: [{ ...defined.contentSpan, newText: url }], safe: false, preferred: true } : undefined;
  }
  const lineStart = ctx.lines.lineStart(ctx.lines.positionAt(entry.statementSpan.start).line);
  const lineBreak = ctx.text.includes('\r\n') ? '\r\n' : '\n';
  return { title, edits: [{ start: lineStart, end: lineStart, newText: `OPENAI_BASE_URL=${url}${lineBreak}` }], safe: false, preferred: true };
}

/** Azure keys are 32 hexadecimal digits, or 84 letters and digits; a URL or a cut copy is not one. */
export function checkAzureKey(ctx: LintContext, entry: EnvEntry, key: string): void {
  if (AZURE_KEY_SHAPES.some((shape) => shape.test(key))) {
    return;
  }
  const name = entry.name;
  const message = /^https?:\/\//i.test(key)
    ? l10n.t('{0} holds a URL: move it to AZURE_OPENAI_ENDPOINT and paste the key here.', name)
    : /^[A-Za-z0-9]+$/.test(key) && key.length < 32
      ? l10n.t('{0} is too short for an Azure key: copy Key 1 again from the portal.', name)
      : l10n.t('{0} is not shaped like an Azure key: copy Key 1 again from the portal.', name);
  ctx.report('invalid-azure-key', entry.contentSpan, message);
}

/** Its checks run inside the key value checks (keyValue.ts), which know the provider decision. */
export const PROVIDER_FAMILY: RuleFamily = {
  rules: PROVIDER_RULES,
  checks: [],
};
