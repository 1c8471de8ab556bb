import * as assert from 'assert';
import { fakeKey } from '../../../support/keys';
import { MemorySecretStorage, failingBackground as background, installVscodeStub, stubFolder as folder, stubState } from '../../../support/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KeyVault, secretId } = require('../../../../src/extension/vault/vault') as typeof import('../../../../src/extension/vault/vault');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StoredKeyIndex } = require('../../../../src/extension/vault/storedKeyIndex') as typeof import('../../../../src/extension/vault/storedKeyIndex');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateKeyInput } = require('../../../../src/extension/vault/vaultCommands') as typeof import('../../../../src/extension/vault/vaultCommands');

const KEY = fakeKey('project', 5);
const OTHER = fakeKey('project', 6);

describe('vault (SecretStorage)', () => {
  beforeEach(() => {
    stubState.workspaceFolders = [folder('api'), folder('web')];
  });

  it('stores a global key and per-folder keys, and lists them', async () => {
    const secrets = new MemorySecretStorage();
    const vault = new KeyVault(secrets as never);
    await vault.store({ kind: 'global' }, KEY);
    await vault.store({ kind: 'folder', folder: stubState.workspaceFolders[0] as never }, OTHER);
    const listed = await vault.list();
    assert.deepStrictEqual(listed.map((s) => [s.scope.kind, s.key]), [['global', KEY], ['folder', OTHER]]);
    assert.deepStrictEqual([...secrets.values.keys()], ['openaiKeyDoctor.key.global', 'openaiKeyDoctor.key.folder:file:///work/api']);
  });

  it('a folder key wins over the global key for files in that folder', async () => {
    const vault = new KeyVault(new MemorySecretStorage() as never);
    await vault.store({ kind: 'global' }, KEY);
    await vault.store({ kind: 'folder', folder: stubState.workspaceFolders[0] as never }, OTHER);
    assert.strictEqual((await vault.keyFor({ toString: () => 'file:///work/api/.env' } as never))?.key, OTHER);
    assert.strictEqual((await vault.keyFor({ toString: () => 'file:///work/web/.env' } as never))?.key, KEY);
    assert.strictEqual((await vault.keyFor(undefined))?.key, KEY);
  });

  it('a failed store throws and leaves nothing behind', async () => {
    const secrets = new MemorySecretStorage();
    const vault = new KeyVault(secrets as never);
    secrets.failNextStore = true;
    await assert.rejects(vault.store({ kind: 'global' }, KEY), /no keyring/);
    assert.strictEqual(await vault.get({ kind: 'global' }), undefined);
  });

  it('a store that does not read back is an error', async () => {
    const secrets = new MemorySecretStorage();
    const vault = new KeyVault(secrets as never);
    secrets.get = async () => undefined;
    await assert.rejects(vault.store({ kind: 'global' }, KEY), /did not return the key/);
  });

  it('fires onDidChange for changes from any window, and only for our secrets', async () => {
    const secrets = new MemorySecretStorage();
    const vault = new KeyVault(secrets as never);
    let changes = 0;
    vault.onDidChange(() => changes++);
    secrets.changedElsewhere(secretId({ kind: 'global' }), KEY);
    secrets.changedElsewhere('someOtherExtension.token', 'x');
    await vault.delete({ kind: 'global' });
    assert.strictEqual(changes, 2);
    vault.dispose();
  });

  it('the stored-key index tells the linter which files have a stored key, and fires only on real changes', async () => {
    const secrets = new MemorySecretStorage();
    const vault = new KeyVault(secrets as never);
    const index = new StoredKeyIndex({ vault, background });
    let events = 0;
    index.onDidChange(() => events++);
    const settle = () => new Promise((r) => setTimeout(r, 10));
    await settle();
    assert.strictEqual(events, 0, 'nothing stored: no event at start-up');
    await vault.store({ kind: 'folder', folder: stubState.workspaceFolders[0] as never }, KEY);
    await settle();
    assert.strictEqual(events, 1);
    assert.strictEqual(index.has({ toString: () => 'file:///work/api/.env' } as never), true);
    assert.strictEqual(index.has({ toString: () => 'file:///work/web/.env' } as never), false);
    await vault.store({ kind: 'folder', folder: stubState.workspaceFolders[0] as never }, OTHER);
    await settle();
    assert.strictEqual(events, 1, 'another key in the same scope changes nothing the linter sees');
    await vault.store({ kind: 'global' }, KEY);
    await settle();
    assert.strictEqual(events, 2);
    assert.strictEqual(index.has({ toString: () => 'file:///work/web/.env' } as never), true);
    index.dispose();
  });

  it('candidates are the stored keys with their scope as source', async () => {
    const vault = new KeyVault(new MemorySecretStorage() as never);
    await vault.store({ kind: 'global' }, KEY);
    const [candidate] = await vault.candidates();
    assert.strictEqual(candidate.key, KEY);
    assert.strictEqual(candidate.source, 'SecretStorage (global)');
  });

  it('the input box validates with the linter: empty, white space, placeholder, cut key, fine', () => {
    assert.match(validateKeyInput('') ?? '', /Paste your secret key/);
    assert.match(validateKeyInput(`${KEY} `) ?? '', /ends with U\+0020 SPACE/);
    assert.match(validateKeyInput('sk-proj-...sQoA') ?? '', /masked copy/);
    assert.match(validateKeyInput(KEY.slice(0, 60)) ?? '', /is cut short/);
    assert.strictEqual(validateKeyInput(KEY), undefined);
  });
});
