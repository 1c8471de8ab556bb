import * as l10n from '@vscode/l10n';
import type { RuleFamily } from './ruleFamily';
import type { RuleDeclarations } from './ruleInfo';

/** Rules about which definition of a key the app gets, across the files its loader reads and the environment. */
export const LOAD_ORDER_RULES = {
  'environment-shadows-file': { severity: 'warning', summary: () => l10n.t('The inherited environment defines the key too, and the loader keeps that value.') },
  'overridden-by-other-file': { severity: 'information', summary: () => l10n.t('Another .env file that the loader prefers defines the key too.') },
  'key-reused': { severity: 'information', summary: () => l10n.t('The same key in files for different environments or in several projects.') },
} satisfies RuleDeclarations;

declare module './ruleInfo' {
  interface RuleFamilies {
    loadOrder: typeof LOAD_ORDER_RULES;
  }
}

/** Checked across a folder's files, not in one text: the checks are in src/core/loaders/rules.ts. */
export const LOAD_ORDER_FAMILY: RuleFamily = {
  rules: LOAD_ORDER_RULES,
  checks: [],
};
