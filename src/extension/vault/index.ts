import * as vscode from 'vscode';
import { ENV_DOCUMENT_SELECTOR } from '../document/envDocuments';
import type { Services } from '../services';
import { MoveKeyCodeActionProvider } from './moveKeyAction';
import { provideKeyToTerminals } from './terminalKey';

/** Keys in SecretStorage: "Move to SecretStorage" on key lines, and the stored key in new terminals. */
export function registerVault(context: vscode.ExtensionContext, deps: Pick<Services, 'vault' | 'models' | 'background'>): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(ENV_DOCUMENT_SELECTOR, new MoveKeyCodeActionProvider(deps.models), MoveKeyCodeActionProvider.metadata),
    provideKeyToTerminals(context.environmentVariableCollection, deps),
  );
}
