import * as l10n from '@vscode/l10n';
import type { RuleFamily } from './ruleFamily';
import type { RuleDeclarations } from './ruleInfo';

/** Findings that say what was not checked or not written, and why. */
export const UNCHECKED_RULES = {
  'binary-file': { severity: 'information', summary: () => l10n.t('The file is not text and was not checked.') },
  'unreadable-file': { severity: 'warning', summary: () => l10n.t('The file could not be read.') },
  'fix-not-written': { severity: 'error', summary: () => l10n.t('The fixes could not be written: the file was left as it was.') },
  'too-many-findings': { severity: 'information', summary: () => l10n.t('More findings in this file than are shown.') },
  'file-too-large': { severity: 'information', summary: () => l10n.t('The file is larger than the size limit and was not checked.') },
  'not-env-file': { severity: 'information', summary: () => l10n.t('A file given to the CLI that is not a .env file was not checked.') },
} satisfies RuleDeclarations;

declare module './ruleInfo' {
  interface RuleFamilies {
    unchecked: typeof UNCHECKED_RULES;
  }
}

/** Reported by lint.ts (binary-file, too-many-findings), lintFile.ts (file-too-large) and the CLI (unreadable-file, fix-not-written, not-env-file). */
export const UNCHECKED_FAMILY: RuleFamily = {
  rules: UNCHECKED_RULES,
  checks: [],
};
