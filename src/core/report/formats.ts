import type { LineIndex } from '../dotenv/lineIndex';
import type { Finding, Severity } from '../findings';
import { RULES, RULE_IDS } from '../rules/catalog';

export const DOCS_URL = 'https://github.com/openai-key-doctor/openai-key-doctor/blob/main/README.md';

export function ruleDocsUrl(rule: string): string {
  return `${DOCS_URL}#rule-${rule}`;
}

/** A finding with 1-based positions, as the CLI prints it. */
export interface FindingRecord {
  rule: string;
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** The longer explanation, when the rule has one. */
  detail?: string;
  fixable: boolean;
}

export interface FileReport {
  path: string;
  /** At most 1000 per file, then one `too-many-findings` summary. */
  findings: FindingRecord[];
  /** How many findings the summary stands for, by severity. */
  omitted?: Record<Severity, number>;
}

export function toRecord(finding: Finding, lines: LineIndex): FindingRecord {
  const start = lines.positionAt(finding.span.start);
  const end = lines.positionAt(finding.span.end);
  return {
    rule: finding.rule,
    severity: finding.severity,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    message: finding.message,
    ...(finding.detail !== undefined ? { detail: finding.detail } : {}),
    fixable: finding.fixes.some((f) => f.safe),
  };
}

export function formatJson(files: FileReport[]): string {
  return JSON.stringify({ files }, null, 2);
}

/** eslint's stylish layout. */
export function formatText(files: FileReport[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const counts = { error: 0, warning: 0, information: 0 };
  let fixable = 0;
  for (const file of files) {
    if (file.findings.length === 0) {
      continue;
    }
    out.push('', paint('4', file.path));
    let width = 0;
    for (const f of file.findings) {
      width = Math.max(width, `${f.line}:${f.column}`.length);
    }
    for (const f of file.findings) {
      counts[f.severity] += f.rule === 'too-many-findings' ? 0 : 1;
      fixable += f.fixable ? 1 : 0;
      const severity = f.severity === 'error' ? paint('31', 'error  ') : f.severity === 'warning' ? paint('33', 'warning') : paint('36', 'info   ');
      out.push(`  ${paint('2', `${f.line}:${f.column}`.padEnd(width))}  ${severity}  ${f.message}  ${paint('2', f.rule)}`);
    }
  }
  for (const file of files) {
    counts.error += file.omitted?.error ?? 0;
    counts.warning += file.omitted?.warning ?? 0;
    counts.information += file.omitted?.information ?? 0;
  }
  const total = counts.error + counts.warning + counts.information;
  if (total === 0) {
    return `No problems found in ${files.length} file${files.length === 1 ? '' : 's'}.`;
  }
  out.push('');
  const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information} info)`;
  out.push(paint(counts.error > 0 ? '31;1' : '33;1', summary));
  if (fixable > 0) {
    out.push(`  ${fixable} of them can be fixed with the \`--fix\` option.`);
  }
  return out.join('\n');
}

/** SARIF 2.1.0, for GitHub code scanning. */
export function formatSarif(files: FileReport[], version: string): string {
  const level = (s: Severity) => (s === 'information' ? 'note' : s);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'openai-key-doctor',
            version,
            informationUri: DOCS_URL,
            rules: RULE_IDS.map((id) => ({
              id,
              shortDescription: { text: RULES[id].summary() },
              helpUri: ruleDocsUrl(id),
              defaultConfiguration: { level: level(RULES[id].severity) },
            })),
          },
        },
        results: files.flatMap((file) =>
          file.findings.map((f) => ({
            ruleId: f.rule,
            ruleIndex: RULE_IDS.indexOf(f.rule as (typeof RULE_IDS)[number]),
            level: level(f.severity),
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.path.split('\\').join('/') },
                  region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
