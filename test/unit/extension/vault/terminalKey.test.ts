import * as assert from 'assert';
import { fakeKey } from '../../../support/keys';
import { MemorySecretStorage, failingBackground as background, installVscodeStub, stubFolder as folder, stubState } from '../../../support/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KeyVault } = require('../../../../src/extension/vault/vault') as typeof import('../../../../src/extension/vault/vault');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { provideKeyToTerminals } = require('../../../../src/extension/vault/terminalKey') as typeof import('../../../../src/extension/vault/terminalKey');

const KEY = fakeKey('project', 5);
const OTHER = fakeKey('project', 6);

describe('terminals', () => {
  class FakeCollection {
    persistent = true;
    description: string | undefined;
    readonly values = new Map<string, string>();
    readonly scoped = new Map<string, FakeCollection>();
    replace(name: string, value: string) {
      this.values.set(name, value);
    }
    clear() {
      this.values.clear();
      this.scoped.forEach((c) => c.clear());
    }
    getScoped(scope: { workspaceFolder: { name: string } }) {
      const existing = this.scoped.get(scope.workspaceFolder.name) ?? new FakeCollection();
      this.scoped.set(scope.workspaceFolder.name, existing);
      return existing;
    }
  }
  const settle = () => new Promise((r) => setTimeout(r, 10));

  afterEach(() => {
    stubState.configuration = {};
    stubState.trusted = true;
  });

  it('repro: in Restricted Mode terminals never get the key, even with the setting on', async () => {
    stubState.workspaceFolders = [folder('api')];
    stubState.configuration = { provideKeyToTerminals: true };
    stubState.trusted = false;
    const vault = new KeyVault(new MemorySecretStorage() as never);
    await vault.store({ kind: 'global' }, KEY);
    await vault.store({ kind: 'folder', folder: stubState.workspaceFolders[0] as never }, OTHER);
    const collection = new FakeCollection();
    provideKeyToTerminals(collection as never, { vault, background });
    await settle();
    assert.strictEqual(collection.values.size, 0);
    assert.strictEqual(collection.scoped.get('api')?.values.size ?? 0, 0);
  });

  it('repro: the setting is application-scoped, so a repository\'s .vscode/settings.json cannot turn it on', async () => {
    const { readFileSync } = await import('fs');
    const manifest = JSON.parse(readFileSync(require.resolve('../../../../../package.json'), 'utf8'));
    assert.strictEqual(manifest.contributes.configuration.properties['openaiKeyDoctor.provideKeyToTerminals'].scope, 'application');
  });

  it('off by default: terminals get nothing, and the collection is never persistent', async () => {
    stubState.workspaceFolders = [folder('api')];
    const vault = new KeyVault(new MemorySecretStorage() as never);
    await vault.store({ kind: 'global' }, KEY);
    const collection = new FakeCollection();
    provideKeyToTerminals(collection as never, { vault, background });
    await settle();
    assert.strictEqual(collection.persistent, false);
    assert.strictEqual(collection.values.size, 0);
  });

  it('on: the global key for every terminal, a folder key for that folder, never persisted', async () => {
    stubState.workspaceFolders = [folder('api')];
    stubState.configuration = { provideKeyToTerminals: true };
    const vault = new KeyVault(new MemorySecretStorage() as never);
    await vault.store({ kind: 'global' }, KEY);
    await vault.store({ kind: 'folder', folder: stubState.workspaceFolders[0] as never }, OTHER);
    const collection = new FakeCollection();
    provideKeyToTerminals(collection as never, { vault, background });
    await settle();
    assert.strictEqual(collection.values.get('OPENAI_API_KEY'), KEY);
    assert.strictEqual(collection.scoped.get('api')?.values.get('OPENAI_API_KEY'), OTHER);
    assert.strictEqual(collection.persistent, false);
    assert.strictEqual(collection.scoped.get('api')?.persistent, false);
    assert.ok(!(collection.description ?? '').includes(KEY.slice(8, 20)));
    await vault.delete({ kind: 'global' });
    await settle();
    assert.strictEqual(collection.values.get('OPENAI_API_KEY'), undefined, 'a removed key leaves the terminals too');
  });
});
