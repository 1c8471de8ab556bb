import * as vscode from 'vscode';
import { maskKey } from '../../core/keys/mask';
import type { KeyCandidate, KeyCandidateProvider } from '../keyTest/keyCandidates';

/** A stored key belongs to every window (global) or to one workspace folder. */
export type VaultScope = { kind: 'global' } | { kind: 'folder'; folder: vscode.WorkspaceFolder };

const SECRET_PREFIX = 'openaiKeyDoctor.key';

export function secretId(scope: VaultScope): string {
  return scope.kind === 'global' ? `${SECRET_PREFIX}.global` : `${SECRET_PREFIX}.folder:${scope.folder.uri.toString()}`;
}

export function describeScope(scope: VaultScope): string {
  return scope.kind === 'global' ? vscode.l10n.t('SecretStorage (global)') : vscode.l10n.t('SecretStorage ({0})', scope.folder.name);
}

export interface StoredKey {
  scope: VaultScope;
  key: string;
}

/**
 * Keys in VS Code's SecretStorage, and nowhere else. `onDidChange` fires for changes from any window.
 */
export class KeyVault implements vscode.Disposable, KeyCandidateProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(SECRET_PREFIX)) {
        this.emitter.fire();
      }
    });
  }

  get(scope: VaultScope): Thenable<string | undefined> {
    return this.secrets.get(secretId(scope));
  }

  /** Stores, then reads back: resolves only when the key is really there. */
  async store(scope: VaultScope, key: string): Promise<void> {
    await this.secrets.store(secretId(scope), key);
    const readBack = await this.secrets.get(secretId(scope));
    if (readBack !== key) {
      throw new Error(vscode.l10n.t('SecretStorage did not return the key that was stored (no keyring available?).'));
    }
  }

  async delete(scope: VaultScope): Promise<void> {
    await this.secrets.delete(secretId(scope));
  }

  /** The global key and the keys of the open workspace folders. */
  async list(): Promise<StoredKey[]> {
    const scopes: VaultScope[] = [{ kind: 'global' }, ...(vscode.workspace.workspaceFolders ?? []).map((folder) => ({ kind: 'folder' as const, folder }))];
    const found: StoredKey[] = [];
    for (const scope of scopes) {
      const key = await this.get(scope);
      if (key) {
        found.push({ scope, key });
      }
    }
    return found;
  }

  /** The key that applies to a file: its folder's key, else the global key. */
  async keyFor(uri: vscode.Uri | undefined): Promise<StoredKey | undefined> {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    if (folder) {
      const key = await this.get({ kind: 'folder', folder });
      if (key) {
        return { scope: { kind: 'folder', folder }, key };
      }
    }
    const global = await this.get({ kind: 'global' });
    return global ? { scope: { kind: 'global' }, key: global } : undefined;
  }

  async candidates(): Promise<KeyCandidate[]> {
    return (await this.list()).map(({ scope, key }) => ({ key, source: describeScope(scope), scope }) as KeyCandidate);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

export function maskedStored(stored: StoredKey): string {
  return `${maskKey(stored.key)} — ${describeScope(stored.scope)}`;
}
