import * as assert from 'assert';
import { lintText } from '../../src/core/lint';
import type { Finding } from '../../src/core/findings';
import type { LintOptions } from '../../src/core/rules/context';

export function lint(text: string, options: LintOptions = {}): Finding[] {
  return lintText(text, { fileName: '.env', ...options }).findings;
}

export function rulesOf(text: string, options: LintOptions = {}): string[] {
  return lint(text, options).map((f) => f.rule);
}

/** `rule@line:column` (1-based) for compact assertions. */
export function located(text: string, options: LintOptions = {}): string[] {
  const result = lintText(text, { fileName: '.env', ...options });
  return result.findings.map((f) => {
    const p = result.lines.positionAt(f.span.start);
    return `${f.rule}@${p.line + 1}:${p.character + 1}`;
  });
}

export function errorsAndWarnings(text: string, options: LintOptions = {}): Finding[] {
  return lint(text, options).filter((f) => f.severity !== 'information');
}

/** The one finding of a rule in a text (fails when there are none or several). */
export function only(text: string, rule: string, options: LintOptions = {}): Finding {
  const findings = lint(text, options).filter((f) => f.rule === rule);
  assert.strictEqual(findings.length, 1, `expected one ${rule} in ${JSON.stringify(text.slice(0, 80))}, got ${lint(text, options).map((f) => f.rule).join(', ') || 'nothing'}`);
  return findings[0];
}

/** Fails when the text has a finding of the rule. */
export function none(text: string, rule: string, options: LintOptions = {}): void {
  assert.ok(!rulesOf(text, options).includes(rule), `unexpected ${rule} in ${JSON.stringify(text.slice(0, 80))}`);
}

/** The finding's longer explanation (shown on hover and in the CLI's JSON), or its message when it has none. */
export function explained(finding: Finding): string {
  return finding.detail ?? finding.message;
}
