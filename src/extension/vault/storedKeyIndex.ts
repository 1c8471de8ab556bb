import * as vscode from 'vscode';
import type { KeyVault } from './vault';

/**
 * Which scopes hold a stored key (not the keys), readable synchronously by the linter: an empty
 * OPENAI_API_KEY in a .env is expected when its key lives in SecretStorage.
 */
export class StoredKeyIndex implements vscode.Disposable {
  private global = false;
  private readonly folders = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly vault: KeyVault) {
    this.subscriptions = [vault.onDidChange(() => void this.reload()), vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload())];
    void this.reload();
  }

  /** Fires only when the set of scopes changed: a re-lint of every .env is not free. */
  private async reload(): Promise<void> {
    const stored = await this.vault.list();
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
