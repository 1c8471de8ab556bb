import * as vscode from 'vscode';
import type { Background } from '../shared/logErrors';
import { Settings, affects, terminalsProvideKey } from '../shared/settings';
import type { KeyVault } from './vault';

/**
 * Gives new integrated terminals OPENAI_API_KEY from SecretStorage when the setting is on. The collection is
 * not persistent: VS Code would otherwise write the secret to workspace storage in clear text.
 */
export function provideKeyToTerminals(collection: vscode.GlobalEnvironmentVariableCollection, { vault, background }: { vault: KeyVault; background: Background }): vscode.Disposable {
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
  const update = () => background('Giving terminals the stored key', apply());
  update();
  return vscode.Disposable.from(
    vault.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, Settings.provideKeyToTerminals)) {
        update();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(update),
    vscode.workspace.onDidGrantWorkspaceTrust(update),
  );
}
