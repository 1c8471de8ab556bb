import * as vscode from 'vscode';
import { gitStatusOf } from '../core/gitStatus';
import { registerCodeActions, registerFixAllCommand } from './codeActions';
import { Commands } from './constants';
import { EnvDiagnostics } from './diagnostics';
import { DocumentLinter } from './documentLinter';
import { registerFileActionCommands } from './fileActions';
import { FileFactsCache } from './fileFacts';

/** What the integration tests can reach. */
export interface ExtensionApi {
  diagnostics: EnvDiagnostics;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const facts = new FileFactsCache(gitStatusOf, () => vscode.workspace.isTrusted);
  const diagnostics = new EnvDiagnostics(new DocumentLinter(facts), facts);
  context.subscriptions.push(
    diagnostics,
    registerCodeActions(diagnostics),
    registerFixAllCommand(diagnostics),
    registerFileActionCommands(diagnostics, facts),
    vscode.commands.registerCommand(Commands.rescanWorkspace, () => diagnostics.relintAll()),
  );
  return { diagnostics };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
