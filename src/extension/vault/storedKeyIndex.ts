import * as vscode from 'vscode';
import type { Background } from '../shared/logErrors';
import type { KeyVault } from './vault';

export interface StoredKeyIndexDeps {
  vault: KeyVault;
  background: Background;
  /** Fired when the set of scopes holding a key changed (the extension passes the event bus's `storedKeysChanged`). */
  changed?: vscode.EventEmitter<void>;
}

/**
 * Which scopes hold a stored key (not the keys), readable synchronously by the linter: an empty
 * OPENAI_API_KEY in a .env is expected when its key lives in SecretStorage.
 */
export class StoredKeyIndex implements vscode.Disposable {
  private global = false;
  private readonly folders = new Set<string>();
  private readonly emitter: vscode.EventEmitter<void>;
  readonly onDidChange: vscode.Event<void>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: StoredKeyIndexDeps) {
    this.emitter = deps.changed ?? new vscode.EventEmitter<void>();
    this.onDidChange = this.emitter.event;
    const reload = () => deps.background('Reading which scopes hold a stored key', this.reload());
    this.subscriptions = [deps.vault.onDidChange(reload), vscode.workspace.onDidChangeWorkspaceFolders(reload)];
    reload();
  }

  /** Fires only when the set of scopes changed: a re-lint of every .env is not free. */
  private async reload(): Promise<void> {
    const stored = await this.deps.vault.list();
    const global = stored.some((s) => s.scope.kind === 'global');
    const folders = stored.flatMap((s) => (s.scope.kind === 'folder' ? [s.scope.folder.uri.toString()] : []));
    const changed = global !== this.global || folders.length !== this.folders.size || folders.some((f) => !this.folders.has(f));
    this.global = global;
    this.folders.clear();
    folders.forEach((f) => this.folders.add(f));
    if (changed) {
      this.emitter.fire();
    }
  }

  has(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return this.global || (folder !== undefined && this.folders.has(folder.uri.toString()));
  }

  any(): boolean {
    return this.global || this.folders.size > 0;
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions, this.emitter).dispose();
  }
}
