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
