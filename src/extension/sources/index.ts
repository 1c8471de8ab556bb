import * as vscode from 'vscode';
import type { Services } from '../services';
import { HardcodedKeyCodeActionProvider } from './codeActions';
import { SourceDiagnostics } from './sourceDiagnostics';
import { SOURCE_LANGUAGE_IDS } from './sourceDocuments';

/** Where the quick fixes are offered: the languages scanned as you type, and Python notebook cells. */
export const SOURCE_DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  ...SOURCE_LANGUAGE_IDS.map((language) => ({ language })),
  { scheme: 'vscode-notebook-cell', language: 'python' },
];

/** Keys hard-coded in source files (rule hardcoded-key): diagnostics as you type and for the workspace, and the moves. */
export function registerSources(_context: vscode.ExtensionContext, deps: Pick<Services, 'events' | 'background' | 'log' | 'sourceGit'>): vscode.Disposable {
  return vscode.Disposable.from(
    new SourceDiagnostics({ events: deps.events, background: deps.background, git: deps.sourceGit, log: deps.log }),
    vscode.languages.registerCodeActionsProvider(SOURCE_DOCUMENT_SELECTOR, new HardcodedKeyCodeActionProvider(deps.sourceGit), HardcodedKeyCodeActionProvider.metadata),
  );
}
