import * as vscode from 'vscode';
import { gitStatusOf } from '../core/gitStatus';
import { registerCodeActions, registerFixAllCommand } from './codeActions';
import { Commands, EXTENSION_NAME } from './constants';
import { KeyTester } from './keyTester';
import { registerTestKeyCommand, registerTestOnSave } from './testKeyCommands';
import { EnvDiagnostics } from './diagnostics';
import { DocumentLinter } from './documentLinter';
import { registerFileActionCommands } from './fileActions';
import { FileFactsCache } from './fileFacts';

/** What the integration tests can reach. */
export interface ExtensionApi {
  diagnostics: EnvDiagnostics;
  tester: KeyTester;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  const facts = new FileFactsCache(gitStatusOf, () => vscode.workspace.isTrusted);
  const diagnostics = new EnvDiagnostics(new DocumentLinter(facts), facts);
  const tester = new KeyTester(log);
  context.subscriptions.push(
    log,
    diagnostics,
    registerCodeActions(diagnostics),
    registerFixAllCommand(diagnostics),
    registerFileActionCommands(diagnostics, facts),
    vscode.commands.registerCommand(Commands.rescanWorkspace, () => diagnostics.relintAll()),
    tester,
    registerTestKeyCommand(tester, []),
    registerTestOnSave(tester),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
  );
  return { diagnostics, tester };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
