import type * as vscode from 'vscode';
import type { Environment } from '../../core/loaders/chain';
import { terminalsProvideKey } from '../shared/settings';
import type { KeyVault } from '../vault/vault';

/** What an app started from this folder inherits. */
export type EnvironmentOf = (folder: vscode.Uri) => Promise<Environment>;

/**
 * The extension host's environment (VS Code resolved the user's shell at start-up, so it holds what a login shell
 * exports) plus what integrated terminals of the folder receive from us: with "provide key to terminals" on, the
 * folder's stored key (else the global one) replaces OPENAI_API_KEY, as vault/terminalKey.ts does.
 */
export function appEnvironment(host: Environment, vault: Pick<KeyVault, 'keyFor'>): EnvironmentOf {
  return async (folder) => {
    if (!terminalsProvideKey()) {
      return host;
    }
    const stored = await vault.keyFor(folder);
    return stored ? { ...host, OPENAI_API_KEY: stored.key } : host;
  };
}
