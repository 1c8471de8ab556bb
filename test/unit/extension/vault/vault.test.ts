import * as assert from 'assert';
import { TestResultCache, formatAge, keyFingerprint } from '../../../../src/core/keyHealth';
import type { KeyTestReport } from '../../../../src/core/probe/keyTest';
import { fakeKey } from '../../../support/keys';
import { MemorySecretStorage, installVscodeStub, stubState } from '../../../support/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KeyVault, secretId } = require('../../../../src/extension/vault/vault') as typeof import('../../../../src/extension/vault/vault');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { describeHealth } = require('../../../../src/extension/ui/keyHealthStatus') as typeof import('../../../../src/extension/ui/keyHealthStatus');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StoredKeyIndex } = require('../../../../src/extension/vault/storedKeyIndex') as typeof import('../../../../src/extension/vault/storedKeyIndex');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { provideKeyToTerminals } = require('../../../../src/extension/vault/terminalKey') as typeof import('../../../../src/extension/vault/terminalKey');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateKeyInput } = require('../../../../src/extension/vault/vaultCommands') as typeof import('../../../../src/extension/vault/vaultCommands');

const background = (_what: string, work: Thenable<unknown>) => void Promise.resolve(work).catch((e) => assert.fail(String(e)));

const KEY = fakeKey('project', 5);
const OTHER = fakeKey('project', 6);
const folder = (name: string) => ({ uri: { toString: () => `file:///work/${name}`, fsPath: `/work/${name}` }, name, index: 0 });

function report(verdict: string, rest = verdict, realtime: string | null = verdict): KeyTestReport {
  return {
    key: { masked: `sk-proj-…${KEY.slice(-4)}`, type: 'project', source: 'test', problems: [] },
    baseUrl: 'https://api.openai.com/v1',
    baseUrlIsDefault: true,
    realtimeModel: 'gpt-realtime',
    organization: null,
    project: null,
    sent: true,
    rest: { status: rest as never, httpStatus: 200, code: null, type: null, message: '', requestId: 'req_1', ms: 10, realtimeModelListed: true },
    realtime: realtime === null ? null : { status: realtime as never, httpStatus: null, closeCode: 1000, closeReason: null, code: null, type: null, message: '', requestId: 'sess_1', sessionId: 'sess_1', ms: 20 },
    verdict: { status: verdict as never, summary: `summary of ${verdict}`, nextSteps: [], links: [] },
  };
}

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
    assert.match(validateKeyInput(KEY.slice(0, 60)) ?? '', /looks cut short/);
    assert.strictEqual(validateKeyInput(KEY), undefined);
  });
});

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

describe('fingerprint cache of test results', () => {
  it('a fingerprint is one-way, stable, and differs between installations', () => {
    const a = keyFingerprint(KEY, 'salt-a');
    assert.strictEqual(a, keyFingerprint(KEY, 'salt-a'));
    assert.notStrictEqual(a, keyFingerprint(KEY, 'salt-b'));
    assert.notStrictEqual(a, keyFingerprint(OTHER, 'salt-a'));
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.ok(!a.includes(KEY.slice(8, 16)));
  });

  it('remembers the last result per key, survives a "reload", and never stores the key', async () => {
    let stored: Record<string, unknown> | undefined;
    const store = { get: () => stored as never, set: (v: Record<string, unknown>) => void (stored = JSON.parse(JSON.stringify(v))) };
    const cache = new TestResultCache(store, 'salt');
    await cache.remember(KEY, report('ok'), 1000);
    await cache.remember(OTHER, report('invalid_key'), 2000);
    const afterReload = new TestResultCache(store, 'salt');
    assert.strictEqual(afterReload.get(KEY)?.verdict, 'ok');
    assert.strictEqual(afterReload.get(OTHER)?.verdict, 'invalid_key');
    assert.strictEqual(afterReload.get(` ${KEY}\n`)?.verdict, 'ok', 'the same key with white space is the same key');
    assert.strictEqual(afterReload.get(fakeKey('project', 99)), undefined);
    const serialized = JSON.stringify(stored);
    assert.ok(!serialized.includes(KEY.slice(8, 40)) && !serialized.includes(OTHER.slice(8, 40)), 'no key in the stored state');
  });

  it('keeps at most 50 results, the newest', async () => {
    let stored: Record<string, unknown> | undefined;
    const cache = new TestResultCache({ get: () => stored as never, set: (v) => void (stored = v) }, 's');
    for (let i = 0; i < 60; i++) {
      await cache.remember(fakeKey('project', 100 + i), report('ok'), i);
    }
    assert.strictEqual(Object.keys(stored!).length, 50);
    assert.strictEqual(cache.get(fakeKey('project', 100)), undefined);
    assert.ok(cache.get(fakeKey('project', 159)));
  });

  it('formats the age of a result', () => {
    assert.strictEqual(formatAge(0, 30_000), 'just now');
    assert.strictEqual(formatAge(0, 5 * 60_000), '5 min ago');
    assert.strictEqual(formatAge(0, 3 * 3_600_000), '3 h ago');
    assert.strictEqual(formatAge(0, 3 * 86_400_000), '3 days ago');
  });
});

describe('status bar states', () => {
  const now = 10 * 60_000;
  const envKey = { kind: 'env-file' as const, key: KEY, source: '.env, line 2', uri: { toString: () => 'file:///work/api/.env' } as never, line: 1 };
  const remembered = (verdict: string, rest = verdict, realtime: string | null = verdict) => ({
    masked: `sk-proj-…${KEY.slice(-4)}`,
    type: 'project' as const,
    verdict,
    summary: `summary of ${verdict}`,
    rest,
    realtime,
    restRequestId: 'req_abc',
    realtimeRequestId: 'sess_abc',
    testedAt: now - 5 * 60_000,
  });
  const masked = `sk-proj-…${KEY.slice(-4)}`;

  it('no key: says so and links to storing one', () => {
    const view = describeHealth(undefined, [], undefined, now, false);
    assert.strictEqual(view.level, 'none');
    assert.strictEqual(view.text, '$(key) OpenAI: no key');
    assert.match(view.tooltip, /command:openaiKeyDoctor\.storeKey/);
  });

  it('malformed: error background, the first problem in the tooltip', () => {
    const view = describeHealth(envKey, ['OPENAI_API_KEY has trailing U+0020 SPACE…'], undefined, now, false);
    assert.deepStrictEqual([view.level, view.text], ['error', `$(error) ${masked} malformed`]);
    assert.match(view.tooltip, /Format: OPENAI_API_KEY has trailing/);
  });

  it('not tested yet', () => {
    const view = describeHealth(envKey, [], undefined, now, false);
    assert.deepStrictEqual([view.level, view.text], ['untested', `$(key) ${masked} not tested`]);
    assert.match(view.tooltip, /Not tested yet/);
  });

  it('tested ok: the age of the result, REST and Realtime with their ids', () => {
    const view = describeHealth(envKey, [], remembered('ok'), now, false);
    assert.deepStrictEqual([view.level, view.text], ['ok', `$(pass) ${masked} 5 min ago`]);
    assert.match(view.tooltip, /REST: ok \(`req_abc`\)/);
    assert.match(view.tooltip, /Realtime: ok \(`sess_abc`\)/);
    assert.match(view.tooltip, /Source: \.env, line 2/);
    assert.match(view.tooltip, /command:openaiKeyDoctor\.testActiveKey/);
    assert.match(view.tooltip, /command:vscode\.open\?/);
  });

  for (const verdict of ['invalid_key', 'no_quota', 'access_denied', 'model_unavailable', 'admin_key', 'billing_inactive']) {
    it(`failing (${verdict}): error background`, () => {
      const view = describeHealth(envKey, [], remembered(verdict), now, false);
      assert.deepStrictEqual([view.level, view.text], ['error', `$(error) ${masked} ${verdict}`]);
    });
  }

  for (const verdict of ['rate_limited', 'timeout', 'network_error', 'server_error', 'protocol_error']) {
    it(`inconclusive (${verdict}): warning background`, () => {
      const view = describeHealth(envKey, [], remembered(verdict), now, false);
      assert.deepStrictEqual([view.level, view.text], ['warning', `$(warning) ${masked} ${verdict}`]);
    });
  }

  it('a stored key has no "Open the .env" link; terminals are mentioned when they get the key', () => {
    const view = describeHealth({ kind: 'stored', key: KEY, source: 'SecretStorage (global)' }, [], undefined, now, true);
    assert.ok(!view.tooltip.includes('vscode.open'));
    assert.match(view.tooltip, /New terminals get OPENAI_API_KEY from SecretStorage/);
  });

  it('never shows the key itself', () => {
    for (const view of [describeHealth(envKey, [], remembered('ok'), now, true), describeHealth(envKey, ['x'], undefined, now, false)]) {
      assert.ok(!view.text.includes(KEY.slice(8, 30)) && !view.tooltip.includes(KEY.slice(8, 30)));
    }
  });
});
