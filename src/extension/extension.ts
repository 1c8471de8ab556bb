import * as vscode from 'vscode';
import { gitStatusOf } from '../core/gitStatus';
import { useTranslations } from '../core/l10nSetup';
import { registerCodeActions, registerFixAllCommand } from './codeActions';
import { Commands, ContextKeys, EXTENSION_NAME } from './constants';
import { EnvDiagnostics } from './diagnostics';
import { DocumentLinter } from './documentLinter';
import { registerEnvEditorFeatures } from './envEditorFeatures';
import { registerFileActionCommands } from './fileActions';
import { FileFactsCache } from './fileFacts';
import { KeyHealthStatus, registerTestActiveKey } from './keyHealthStatus';
import { KeyTester } from './keyTester';
import { createResultCache, rememberResults, restoreWalkthroughState } from './resultCache';
import { provideKeyToTerminals } from './terminalKey';
import { registerTestKeyCommand, registerTestOnSave } from './testKeyCommands';
import { KeyVault } from './vault';
import { StoredKeyIndex } from './storedKeyIndex';
import { registerVaultCommands } from './vaultCommands';

/** What the integration tests can reach. */
export interface ExtensionApi {
  diagnostics: EnvDiagnostics;
  tester: KeyTester;
  vault: KeyVault;
  status: KeyHealthStatus;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  useTranslations(vscode.l10n.bundle);

  // Linting .env files: diagnostics, quick fixes, file-level fixes.
  const log = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  const vault = new KeyVault(context.secrets);
  const storedKeys = new StoredKeyIndex(vault);
  const facts = new FileFactsCache(gitStatusOf, () => vscode.workspace.isTrusted);
  const diagnostics = new EnvDiagnostics(new DocumentLinter(facts, (uri) => storedKeys.has(uri)), facts);
  context.subscriptions.push(
    log,
    vault,
    storedKeys,
    diagnostics,
    storedKeys.onDidChange(() => diagnostics.relintAll()),
    registerCodeActions(diagnostics),
    registerFixAllCommand(diagnostics),
    registerFileActionCommands(diagnostics, facts),
    vscode.commands.registerCommand(Commands.rescanWorkspace, () => diagnostics.relintAll()),
  );

  // Testing keys against the REST and Realtime APIs, and remembering the results.
  const tester = new KeyTester(log);
  const results = createResultCache(context);
  const status = new KeyHealthStatus(vault, results);
  const editorFeatures = registerEnvEditorFeatures(diagnostics, results);
  context.subscriptions.push(
    tester,
    status,
    editorFeatures.disposable,
    rememberResults(tester, results, () => {
      void status.refresh();
      editorFeatures.refresh();
    }),
    registerTestKeyCommand(tester, [vault]),
    registerTestActiveKey(vault, (active) => tester.test(active)),
    registerTestOnSave(tester),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
  );

  // Keys in SecretStorage, and in terminals.
  context.subscriptions.push(
    registerVaultCommands(vault, tester),
    provideKeyToTerminals(context.environmentVariableCollection, vault),
    storedKeys.onDidChange(() => {
      void vscode.commands.executeCommand('setContext', ContextKeys.hasStoredKey, storedKeys.any());
      void restoreWalkthroughState(vault, results);
    }),
  );
  return { diagnostics, tester, vault, status };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
