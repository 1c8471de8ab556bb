import * as assert from 'assert';
import * as vscode from 'vscode';
import { maskKey } from '../../src/core/keys/mask';
import { fakeKey } from '../support/keys';
import { api, scratchFile, workspaceRoot } from './support';

/** Every 8-character piece of the secret part of a key: none may appear in what the user sees. */
function fragments(key: string): string[] {
  const secret = key.replace(/^sk-(proj-|svcacct-|admin-)?/, '');
  return Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
}

function assertNoKeyIn(text: string, key: string): void {
  const leaked = fragments(key).find((f) => text.includes(f));
  assert.strictEqual(leaked, undefined, `a piece of the key is visible: ${text.replace(key, maskKey(key))}`);
}

describe('SecretStorage and what the editor shows of keys', () => {
  before(api);

  it('stores a key in SecretStorage, reads it back, lists it, and removes it', async () => {
    const { vault } = await api();
    const key = fakeKey('project', 41);
    let changes = 0;
    const listener = vault.onDidChange(() => changes++);
    try {
      await vault.store({ kind: 'global' }, key);
      assert.strictEqual(await vault.get({ kind: 'global' }), key);
      assert.ok((await vault.list()).some((s) => s.scope.kind === 'global' && s.key === key));
      await vault.delete({ kind: 'global' });
      assert.strictEqual(await vault.get({ kind: 'global' }), undefined);
      assert.ok(changes >= 1, 'onDidChange fired for our secret');
    } finally {
      listener.dispose();
      await vault.delete({ kind: 'global' });
    }
  });

  it('gives a file its workspace folder key before the global key', async () => {
    const { vault } = await api();
    const folder = vscode.workspace.getWorkspaceFolder(workspaceRoot())!;
    const [folderKey, globalKey] = [fakeKey('project', 42), fakeKey('service_account', 43)];
    const file = vscode.Uri.joinPath(workspaceRoot(), '.env');
    try {
      await vault.store({ kind: 'global' }, globalKey);
      await vault.store({ kind: 'folder', folder }, folderKey);
      assert.strictEqual((await vault.keyFor(file))?.key, folderKey);
      await vault.delete({ kind: 'folder', folder });
      assert.strictEqual((await vault.keyFor(file))?.key, globalKey);
    } finally {
      await vault.delete({ kind: 'folder', folder });
      await vault.delete({ kind: 'global' });
    }
  });

  it('shows a key masked in the hover and offers Test/Store CodeLenses that never quote it', async () => {
    const key = fakeKey('project', 44);
    const scratch = await scratchFile(`OPENAI_API_KEY=${key}\n`);
    try {
      await vscode.window.showTextDocument(scratch.uri);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', scratch.uri, new vscode.Position(0, 30));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.ok(text.includes(maskKey(key)), `hover: ${text}`);
      assertNoKeyIn(text, key);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', scratch.uri, 10);
      const commands = lenses.map((l) => l.command?.command);
      assert.ok(commands.includes('openaiKeyDoctor.testKey'), `lenses: ${commands.join(', ')}`);
      assert.ok(commands.includes('openaiKeyDoctor.moveKeyToSecretStorage'), `lenses: ${commands.join(', ')}`);
      assertNoKeyIn(lenses.map((l) => l.command?.title ?? '').join('\n'), key);
    } finally {
      await scratch.remove();
    }
  });
});
