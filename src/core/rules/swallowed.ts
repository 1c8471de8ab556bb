import * as l10n from '@vscode/l10n';
import type { EnvEntry } from '../dotenv/parse';
import type { LintContext } from './context';
import type { RuleFamily } from './ruleFamily';
import type { RuleDeclarations } from './ruleInfo';

/** Rules about a line whose value swallows the next one. */
export const SWALLOWED_RULES = {
  'swallowed-variable': { severity: 'error', summary: () => l10n.t('A `NAME:` with no value makes dotenv read the next line as its value.') },
} satisfies RuleDeclarations;

declare module './ruleInfo' {
  interface RuleFamilies {
    swallowed: typeof SWALLOWED_RULES;
  }
}

const ASSIGNMENT = /^[ \t]*(?:export\s+)?([A-Za-z_][\w.-]*)[ \t]*=/;
/** A line of base64 ending in `=` padding (a PEM or certificate body), not an assignment. */
const BASE64_TAIL = /^[A-Za-z0-9+/]{16,}={1,2}[ \t]*$/;

/**
 * The variables written inside a value that swallowed them (a quote closed lines later, a `NAME:` with its
 * value on the next line). A PEM block or a base64 line ending in `=` is content, not an assignment.
 */
export function swallowedNames(value: string): string[] {
  if (/^\s*-----BEGIN /.test(value)) {
    return [];
  }
  const names: string[] = [];
  for (const line of value.split(/\r\n|\r|\n/)) {
    const match = ASSIGNMENT.exec(line);
    if (match && !BASE64_TAIL.test(line.trim())) {
      names.push(match[1]);
    }
  }
  return names;
}

/**
 * `DEBUG:` with nothing after the colon: dotenv's `NAME: value` form takes the line break as the space after
 * the colon, so the next line becomes DEBUG's value and the variable written there is never defined.
 */
export function checkSwallowedVariables(ctx: LintContext, swallowing: Set<EnvEntry>): void {
  // A ":" separator lies inside its statement: only entries whose text holds one are asked.
  for (const entry of ctx.entriesHolding(':')) {
    if (entry.separator !== ':' || entry.multiline || entry.valueSpan.end <= entry.valueSpan.start) {
      continue;
    }
    const between = ctx.text.slice(entry.separatorSpan.end, entry.valueSpan.start);
    if (!/[\r\n]/.test(between)) {
      continue;
    }
    swallowing.add(entry);
    const [swallowed] = swallowedNames(entry.value);
    const openAi = /OPENAI/.test(entry.name) || (swallowed !== undefined && /OPENAI/.test(swallowed));
    ctx.report(
      'swallowed-variable',
      { start: entry.nameSpan.start, end: entry.separatorSpan.end },
      swallowed
        ? l10n.t('{0}: with no value swallows the next line, so {1} is never set: write {0}= instead.', entry.name, swallowed)
        : l10n.t('{0}: with no value swallows the next line: write {0}= instead.', entry.name),
      [{ title: l10n.t('Write {0}= so the next line is read on its own', entry.name), edits: [{ ...entry.separatorSpan, newText: '=' }], safe: false, preferred: true }],
      { severity: openAi ? 'error' : 'warning' },
    );
  }
}

export const SWALLOWED_FAMILY: RuleFamily = {
  rules: SWALLOWED_RULES,
  checks: [{ on: 'file', run: (ctx) => checkSwallowedVariables(ctx, ctx.swallowing) }],
};
