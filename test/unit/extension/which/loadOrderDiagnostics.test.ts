import * as assert from 'assert';
import type { Environment } from '../../../../src/core/loaders/chain';
import { maskKey } from '../../../../src/core/keys/mask';
import { fakeKey } from '../../../support/keys';
import { memoryWorkspace } from '../../../support/memoryWorkspace';
import { MemorySecretStorage, failingBackground as background, fileUri, installVscodeStub, stubState } from '../../../support/vscodeStub';

installVscodeStub();
/* eslint-disable @typescript-eslint/no-require-imports */
const { AppFolders } = require('../../../../src/extension/which/appFolders') as typeof import('../../../../src/extension/which/appFolders');
const { LoadOrderDiagnostics } = require('../../../../src/extension/which/loadOrderDiagnostics') as typeof import('../../../../src/extension/which/loadOrderDiagnostics');
const { appEnvironment } = require('../../../../src/extension/which/appEnvironment') as typeof import('../../../../src/extension/which/appEnvironment');
const { ExtensionEvents } = require('../../../../src/extension/shared/events') as typeof import('../../../../src/extension/shared/events');
const { KeyVault } = require('../../../../src/extension/vault/vault') as typeof import('../../../../src/extension/vault/vault');
/* eslint-enable @typescript-eslint/no-require-imports */

const KEY = fakeKey('project', 31);
const LOCAL = fakeKey('project', 32);
const STALE = fakeKey('project', 33);

interface Published {
  rule: string;
  line: number;
  severity: number;
  message: string;
}

/** A diagnostic collection that keeps what was published, by path. */
class RecordingCollection {
  readonly byPath = new Map<string, Published[]>();
  set(uri: { path: string }, diagnostics: Array<{ code: { value: string }; range: { start: { line: number } }; severity: number; message: string }>) {
    this.byPath.set(uri.path, diagnostics.map((d) => ({ rule: d.code.value, line: d.range.start.line, severity: d.severity, message: d.message })));
  }
  delete(uri: { path: string }) {
    this.byPath.delete(uri.path);
  }
  dispose() {}
}

const NEXT_FOLDER = {
  '/work/web/package.json': JSON.stringify({ dependencies: { next: '15.0.0', react: '19.0.0' } }),
  '/work/web/.env': `# shared defaults\nOPENAI_API_KEY=${KEY}\n`,
  '/work/web/.env.local': `OPENAI_API_KEY=${LOCAL}\n`,
};

/** The diagnostics the feature publishes for a workspace, an inherited environment and settings. */
async function diagnose(folders: string[], files: Record<string, string>, env: Environment = {}, configuration: Record<string, unknown> = {}) {
  stubState.configuration = configuration;
  const collection = new RecordingCollection();
  const apps = new AppFolders({ files: memoryWorkspace(folders, files), environmentOf: async () => env });
  const diagnostics = new LoadOrderDiagnostics({ apps, events: new ExtensionEvents(), background, salt: 'session-salt', collection: collection as never });
  try {
    await diagnostics.refresh();
  } finally {
    diagnostics.dispose();
  }
  return collection.byPath;
}

const WARNING = 1;
const INFORMATION = 2;

describe('load-order diagnostics in VS Code', () => {
  afterEach(() => {
    stubState.configuration = {};
    stubState.workspaceFolders = [];
  });

  it('Next.js folder: the .env definition is overridden by .env.local, named in the message; .env.local is clean', async () => {
    const published = await diagnose(['/work/web'], NEXT_FOLDER);
    assert.deepStrictEqual(published.get('/work/web/.env'), [
      { rule: 'overridden-by-other-file', line: 1, severity: INFORMATION, message: `Next.js uses .env.local, line 1 (${maskKey(LOCAL)}) instead: edit the key there or delete this one.` },
    ]);
    assert.strictEqual(published.has('/work/web/.env.local'), false);
  });

  it('environment shadowing from the injected environment: a warning on every file definition, both values masked', async () => {
    const published = await diagnose(['/work/web'], NEXT_FOLDER, { OPENAI_API_KEY: STALE, PATH: '/usr/bin' });
    for (const [file, mine] of [['.env', KEY], ['.env.local', LOCAL]]) {
      const [diagnostic, ...rest] = published.get(`/work/web/${file}`) ?? [];
      assert.deepStrictEqual(rest, [], file);
      assert.deepStrictEqual([diagnostic.rule, diagnostic.severity, diagnostic.line], ['environment-shadows-file', WARNING, file === '.env' ? 1 : 0]);
      assert.strictEqual(diagnostic.message, `Next.js uses OPENAI_API_KEY=${maskKey(STALE)} from the environment, not ${maskKey(mine)}: unset it, then restart the terminal or the editor.`);
    }
  });

  it('without the variable in the environment, no shadowing (plain dotenv folder)', async () => {
    const published = await diagnose(['/work/api'], { '/work/api/.env': `OPENAI_API_KEY=${KEY}\n` }, { HOME: '/home/me' });
    assert.strictEqual(published.size, 0);
  });

  it('the loader setting decides: with dotenv only .env is read, so nothing overrides it', async () => {
    const published = await diagnose(['/work/web'], NEXT_FOLDER, {}, { loader: 'dotenv' });
    assert.strictEqual(published.size, 0);
  });

  it('the mode setting decides: in test mode Next.js skips .env.local, so .env.test.local overrides .env', async () => {
    const files = { ...NEXT_FOLDER, '/work/web/.env.test.local': `OPENAI_API_KEY=${STALE}\n` };
    const published = await diagnose(['/work/web'], files, {}, { mode: 'test' });
    assert.match(published.get('/work/web/.env')![0].message, /^Next\.js uses \.env\.test\.local, line 1/);
    assert.strictEqual(published.has('/work/web/.env.local'), false, '.env.local is not read in test mode');
  });

  it('same rule settings and suppression comments as every finding', async () => {
    const off = await diagnose(['/work/web'], NEXT_FOLDER, { OPENAI_API_KEY: STALE }, { rules: { 'environment-shadows-file': 'off' } });
    assert.strictEqual(off.size, 0);
    const raised = await diagnose(['/work/web'], NEXT_FOLDER, {}, { rules: { 'overridden-by-other-file': 'error' } });
    assert.strictEqual(raised.get('/work/web/.env')![0].severity, 0);
    const suppressed = { ...NEXT_FOLDER, '/work/web/.env': `# openai-key-doctor-disable-next-line overridden-by-other-file\nOPENAI_API_KEY=${KEY}\n` };
    assert.strictEqual((await diagnose(['/work/web'], suppressed)).size, 0);
  });

  it('key-reused across files for different environments and across workspace folders, never showing the key', async () => {
    const published = await diagnose(['/work/web', '/work/api'], {
      '/work/web/.env.development': `OPENAI_API_KEY=${KEY}\n`,
      '/work/web/.env.production': `OPENAI_API_KEY=${KEY}\n`,
      '/work/api/.env': `OPENAI_API_KEY=${LOCAL}\n`,
      '/work/api/.env.example': `OPENAI_API_KEY=${LOCAL}\n`,
    });
    const reused = (path: string) => (published.get(path) ?? []).filter((d) => d.rule === 'key-reused').map((d) => d.message);
    assert.deepStrictEqual(reused('/work/web/.env.development'), ['Same key as .env.production, line 1: use a key per environment, so a leak or spend limit hits only one.']);
    assert.deepStrictEqual(reused('/work/web/.env.production'), ['Same key as .env.development, line 1: use a key per environment, so a leak or spend limit hits only one.']);
    assert.deepStrictEqual(reused('/work/api/.env'), [], 'an example file holds no real key: not a reuse');
    const across = await diagnose(['/work/web', '/work/api'], { '/work/web/.env': `OPENAI_API_KEY=${KEY}\n`, '/work/api/.env': `OPENAI_API_KEY=${KEY}\n` });
    assert.deepStrictEqual(across.get('/work/web/.env')?.map((d) => d.message), ['Same key as api/.env, line 1: use a key per project, so a leak or spend limit hits only one.']);
    for (const diagnostics of [...published.values(), ...across.values()]) {
      for (const { message } of diagnostics) {
        for (const key of [KEY, LOCAL]) {
          assert.ok(!message.includes(key.slice(-12)), message);
        }
      }
    }
  });

  it('a changed .env.local is seen at the next refresh, and diagnostics that no longer apply are removed', async () => {
    stubState.configuration = {};
    const collection = new RecordingCollection();
    const workspace = memoryWorkspace(['/work/web'], NEXT_FOLDER);
    const apps = new AppFolders({ files: workspace, environmentOf: async () => ({}) });
    const diagnostics = new LoadOrderDiagnostics({ apps, events: new ExtensionEvents(), background, salt: 's', collection: collection as never });
    try {
      await diagnostics.refresh();
      assert.strictEqual(collection.byPath.get('/work/web/.env')?.length, 1);
      workspace.write('/work/web/.env.local', `OPENAI_API_KEY=${KEY}\n`);
      diagnostics.schedule(fileUri('/work/web/.env.local') as never); // what the watcher does
      await diagnostics.refresh();
      assert.strictEqual(collection.byPath.has('/work/web/.env'), false, 'the same key in both files: nothing to say');
    } finally {
      diagnostics.dispose();
    }
  });

  it('the list of .env files is searched again when files come or go, not at each keystroke', async () => {
    stubState.configuration = {};
    const collection = new RecordingCollection();
    const workspace = memoryWorkspace(['/work/web'], NEXT_FOLDER);
    let searches = 0;
    const counted = { ...workspace, findEnvFiles: (folder: never) => (searches++, workspace.findEnvFiles(folder)) };
    const events = new ExtensionEvents();
    const apps = new AppFolders({ files: counted, environmentOf: async () => ({}) });
    const diagnostics = new LoadOrderDiagnostics({ apps, events, background, salt: 's', collection: collection as never });
    try {
      await diagnostics.refresh();
      workspace.write('/work/web/.env', `OPENAI_API_KEY=${STALE}\n`);
      diagnostics.schedule(fileUri('/work/web/.env') as never); // what typing does
      await diagnostics.refresh();
      assert.match(collection.byPath.get('/work/web/.env')![0].message, /uses \.env\.local, line 1/);
      assert.strictEqual(searches, 1, 'an edit re-reads the files, it does not search for them again');
      workspace.write('/work/web/apps/worker/.env', `OPENAI_API_KEY=${KEY}\n`);
      workspace.write('/work/web/apps/worker/.env.production', `OPENAI_API_KEY=${KEY}\n`);
      events.relintRequested.fire();
      await diagnostics.refresh();
      assert.strictEqual(searches, 2);
      assert.deepStrictEqual(collection.byPath.get('/work/web/apps/worker/.env')?.map((d) => d.rule), ['key-reused'], 'a new folder of the workspace is found');
    } finally {
      diagnostics.dispose();
    }
  });

  it('the environment an app inherits: the host environment, plus the stored key when terminals get it', async () => {
    stubState.workspaceFolders = [{ uri: fileUri('/work/web'), name: 'web', index: 0 }];
    const vault = new KeyVault(new MemorySecretStorage() as never);
    await vault.store({ kind: 'global' }, STALE);
    const host = { OPENAI_API_KEY: KEY, PATH: '/usr/bin' };
    const environmentOf = appEnvironment(host, vault);
    assert.deepStrictEqual(await environmentOf(fileUri('/work/web') as never), host, 'setting off: the host environment alone');
    stubState.configuration = { provideKeyToTerminals: true };
    assert.deepStrictEqual(await environmentOf(fileUri('/work/web') as never), { OPENAI_API_KEY: STALE, PATH: '/usr/bin' });
    stubState.trusted = false;
    try {
      assert.deepStrictEqual(await environmentOf(fileUri('/work/web') as never), host, 'Restricted Mode: terminals get nothing');
    } finally {
      stubState.trusted = true;
    }
  });
});

describe('app folder resolutions', () => {
  afterEach(() => (stubState.workspaceFolders = []));

  it('a change forgets the folders above and below the changed file, and keeps the others', async () => {
    const files = {
      '/work/mono/compose.yaml': 'services:\n  api:\n    env_file: [apps/api/.env]\n',
      '/work/mono/apps/api/.env': `OPENAI_API_KEY=${KEY}\n`,
      '/work/mono/apps/api/jobs/.env': `OPENAI_API_KEY=${LOCAL}\n`,
      '/work/mono/apps/web/.env': `OPENAI_API_KEY=${STALE}\n`,
    };
    const workspace = memoryWorkspace(['/work/mono'], files);
    let resolutions = 0;
    const apps = new AppFolders({ files: workspace, environmentOf: async () => (resolutions++, {}) });
    const folder = stubState.workspaceFolders[0] as never;
    const dirs = ['/work/mono', '/work/mono/apps/api', '/work/mono/apps/api/jobs', '/work/mono/apps/web'];
    const first = await Promise.all(dirs.map((d) => apps.resolve(folder, fileUri(d) as never)));
    assert.strictEqual(resolutions, 4);
    apps.forget(fileUri('/work/mono/apps/api/.env') as never);
    const again = await Promise.all(dirs.map((d) => apps.resolve(folder, fileUri(d) as never)));
    assert.deepStrictEqual(again.map((a, i) => a === first[i]), [false, false, false, true], 'the compose root, the folder, its subfolder are resolved again; apps/web is kept');
    apps.forget();
    await apps.resolve(folder, fileUri('/work/mono/apps/web') as never);
    assert.strictEqual(resolutions, 8);
  });
});
