import * as vscode from 'vscode';
import { CONFIG_SECTION } from './constants';
import type { KeyVault } from './vault';

/**
 * On only when the user turned it on (an application setting: a repository's .vscode/settings.json cannot) and
 * the workspace is trusted: in Restricted Mode no terminal gets the key.
 */
export function terminalsProvideKey(): boolean {
  return vscode.workspace.isTrusted && vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('provideKeyToTerminals', false);
}

/**
 * Gives new integrated terminals OPENAI_API_KEY from SecretStorage when the setting is on. The collection is
 * not persistent: VS Code would otherwise write the secret to workspace storage in clear text.
 */
export function provideKeyToTerminals(collection: vscode.GlobalEnvironmentVariableCollection, vault: KeyVault): vscode.Disposable {
  collection.persistent = false;
  const apply = async () => {
    collection.clear();
    if (!terminalsProvideKey()) {
      return;
    }
    collection.description = vscode.l10n.t('OPENAI_API_KEY from SecretStorage (OpenAI Key Doctor)');
    for (const stored of await vault.list()) {
      const target = stored.scope.kind === 'global' ? collection : collection.getScoped({ workspaceFolder: stored.scope.folder });
      target.persistent = false;
      target.replace('OPENAI_API_KEY', stored.key);
    }
  };
  void apply();
  return vscode.Disposable.from(
    vault.onDidChange(() => void apply()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${CONFIG_SECTION}.provideKeyToTerminals`) && void apply()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void apply()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void apply()),
  );
}
