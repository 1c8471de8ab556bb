import { LineIndex } from './dotenv/lineIndex';
import { parseDotenv } from './dotenv/parse';
import type { Span } from './dotenv/parse';
import type { TextEdit } from './findings';
import { SUPPRESSION_PREFIX } from './lint';
import type { RuleId } from './rules/ruleInfo';

export type SuppressionScope = 'line' | 'file';

/**
 * The edit that silences a rule for the line of a span (`# openai-key-doctor-disable-next-line <rule>` above it)
 * or for the whole file (`# openai-key-doctor-disable <rule>` on the first line), adding the rule to such a
 * comment when one is already there. Undefined when the comment would change what dotenv reads (inside a quoted
 * value that spans lines, after a `NAME:` that swallows the next line): every variable is compared after re-parsing.
 */
export function suppressionEdit(text: string, rule: RuleId, span: Span, scope: SuppressionScope): TextEdit | undefined {
  const lines = new LineIndex(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edit = scope === 'line' ? lineEdit(text, lines, rule, lines.positionAt(span.start).line, eol) : fileEdit(text, lines, rule, eol);
  return edit && sameVariables(text, edit) ? edit : undefined;
}

function lineEdit(text: string, lines: LineIndex, rule: RuleId, line: number, eol: string): TextEdit | undefined {
  if (line > 0) {
    const previous = text.slice(lines.lineStart(line - 1), lines.lineEnd(line - 1));
    const existing = new RegExp(`^\\s*#\\s*${SUPPRESSION_PREFIX}-next-line(\\s+.*)?$`).exec(previous);
    if (existing) {
      return extendList(lines.lineEnd(line - 1), existing[1], rule);
    }
  }
  const at = lines.lineStart(line);
  return { start: at, end: at, newText: `# ${SUPPRESSION_PREFIX}-next-line ${rule}${eol}` };
}

function fileEdit(text: string, lines: LineIndex, rule: RuleId, eol: string): TextEdit | undefined {
  for (let line = 0; line < lines.lineCount; line++) {
    const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
    const existing = new RegExp(`^\\s*#\\s*${SUPPRESSION_PREFIX}(\\s+.*)?$`).exec(content);
    if (existing) {
      return extendList(lines.lineEnd(line), existing[1], rule);
    }
  }
  return { start: 0, end: 0, newText: `# ${SUPPRESSION_PREFIX} ${rule}${eol}` };
}

/** Adds the rule to a comment's list; a comment without a list already silences every rule. */
function extendList(lineEnd: number, list: string | undefined, rule: RuleId): TextEdit | undefined {
  const rules = (list ?? '').split(/[\s,]+/).filter((r) => r !== '');
  if (rules.length === 0 || rules.includes(rule)) {
    return undefined;
  }
  return { start: lineEnd, end: lineEnd, newText: `, ${rule}` };
}

function sameVariables(text: string, edit: TextEdit): boolean {
  const before = parseDotenv(text).entries;
  const after = parseDotenv(text.slice(0, edit.start) + edit.newText + text.slice(edit.end)).entries;
  return before.length === after.length && before.every((entry, i) => entry.name === after[i].name && entry.value === after[i].value);
}
