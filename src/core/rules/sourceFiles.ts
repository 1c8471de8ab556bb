import * as l10n from '@vscode/l10n';
import type { RuleFamily } from './ruleFamily';
import type { RuleDeclarations } from './ruleInfo';

/** Rules about keys written in source code and config files. */
export const SOURCE_FILE_RULES = {
  'hardcoded-key': { severity: 'error', summary: () => l10n.t('An OpenAI key written in source code or a config file instead of read from the environment.') },
} satisfies RuleDeclarations;

declare module './ruleInfo' {
  interface RuleFamilies {
    sourceFiles: typeof SOURCE_FILE_RULES;
  }
}

/** Checked in source files, not in .env files: the check is in src/core/sources/scan.ts. */
export const SOURCE_FILE_FAMILY: RuleFamily = {
  rules: SOURCE_FILE_RULES,
  checks: [],
};
