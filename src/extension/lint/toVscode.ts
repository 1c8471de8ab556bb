import * as vscode from 'vscode';
import type { Span } from '../../core/dotenv/parse';
import type { LineIndex } from '../../core/dotenv/lineIndex';
import type { Finding, Severity } from '../../core/findings';
import { redact } from '../../core/redact';
import { ruleDocsUrl } from '../../core/report/formats';
import { DIAGNOSTIC_SOURCE } from '../shared/constants';

export function toRange(span: Span, lines: LineIndex): vscode.Range {
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

export function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}

export function toDiagnostic(finding: Finding, lines: LineIndex, uri: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.span, lines), redact(finding.message), toSeverity(finding.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: vscode.Uri.parse(ruleDocsUrl(finding.rule)) };
  if (finding.related) {
    diagnostic.relatedInformation = finding.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.span, lines)), redact(r.message)),
    );
  }
  return diagnostic;
}

/** The identity a diagnostic keeps across the extension-host boundary. */
export function diagnosticKey(rule: string, range: vscode.Range, message: string): string {
  return `${rule}|${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}|${message}`;
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) {
    return undefined;
  }
  return typeof code === 'object' ? String(code.value) : String(code);
}
