import * as path from 'path';
import * as vscode from 'vscode';
import type { GitFacts } from '../../core/sources/messages';
import { HARDCODED_KEY_RULE, SourceFinding, SourceScanOptions, SourceScanResult, scanSourceText } from '../../core/sources/scan';
import { Settings, read, readLintSettings } from '../shared/settings';
import { scanLanguageOf } from './sourceDocuments';

/** The notebook a cell document belongs to, when the document is a notebook cell. */
export function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') {
    return undefined;
  }
  return (vscode.workspace.notebookDocuments ?? []).find((notebook) => notebook.getCells().some((cell) => cell.document === document));
}

/** The file a document stands for: the notebook's for a cell, its own otherwise. */
export function fileUriOf(document: vscode.TextDocument): vscode.Uri {
  return notebookOf(document)?.uri ?? document.uri;
}

/** The path the core picks the language from: relative to the workspace folder (`.github/workflows/ci.yml`). */
export function scanPathOf(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? path.posix.relative(folder.uri.path, uri.path) : uri.path;
}

/** Whether source files under this resource are scanned (`openaiKeyDoctor.scanSources`, and the rule not off). */
export function sourceScanEnabled(uri: vscode.Uri): boolean {
  return read(Settings.scanSources, uri) && readLintSettings(uri).ruleSeverity[HARDCODED_KEY_RULE] !== 'off';
}

/** The scan options of a file: its path, its language, the rule's severity, what git says. */
export function scanOptionsOf(file: vscode.Uri, options: { languageId?: string; cell?: boolean; git?: GitFacts } = {}): SourceScanOptions {
  return {
    path: scanPathOf(file),
    languageId: options.languageId,
    language: options.cell ? 'python' : undefined,
    git: options.git,
    severity: readLintSettings(file).ruleSeverity[HARDCODED_KEY_RULE],
  };
}

/** The scan options of an open document (a notebook cell is Python, named after its notebook). */
export function documentScanOptions(document: vscode.TextDocument, git?: GitFacts): SourceScanOptions {
  return scanOptionsOf(fileUriOf(document), { languageId: document.languageId, cell: scanLanguageOf(document) === 'python', git });
}

/** The full scan of an open document's current text (lexer included, whatever its size): what the moves use. */
export function scanDocument(document: vscode.TextDocument, git?: GitFacts): SourceScanResult {
  return scanSourceText(document.getText(), documentScanOptions(document, git));
}

/** The finding that starts where the diagnostic or command says, in the document as it is now. */
export function findingAt(result: SourceScanResult, offset: number): SourceFinding | undefined {
  return result.findings.find((f) => f.span.start === offset);
}
