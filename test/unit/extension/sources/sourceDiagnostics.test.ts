import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LineIndex } from '../../../../src/core/dotenv/lineIndex';
import { fakeKey } from '../../../support/keys';
import { SourceWorld, fileUri, installSourceWorld } from '../../../support/sourceWorld';
import { failingBackground } from '../../../support/vscodeStub';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SourceDiagnostics } = require('../../../../src/extension/sources/sourceDiagnostics') as typeof import('../../../../src/extension/sources/sourceDiagnostics');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SourceGitFacts } = require('../../../../src/extension/sources/gitFacts') as typeof import('../../../../src/extension/sources/gitFacts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ExtensionEvents } = require('../../../../src/extension/shared/events') as typeof import('../../../../src/extension/shared/events');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LINT_DEBOUNCE_MS } = require('../../../../src/extension/shared/constants') as typeof import('../../../../src/extension/shared/constants');

const KEY = fakeKey('project', 41);
const SERVICE_KEY = fakeKey('service_account', 42);
const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to 5 s: a loaded machine) until the condition holds; diagnostics are published in the background. */
async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await settle(10);
  }
}

describe('hard-coded key diagnostics (extension)', () => {
  let root: string;
  let world: SourceWorld;
  let diagnostics: InstanceType<typeof SourceDiagnostics> | undefined;
  const logged: string[] = [];
  const start = (git: { tracked: boolean; ignored: boolean } | undefined = undefined) => {
    const facts = new SourceGitFacts(async () => (git ? { ...git, gitignoreEntry: 'x', repositoryRoot: root } : undefined), () => true);
    diagnostics = new SourceDiagnostics({ events: new ExtensionEvents(), background: failingBackground, git: facts, log: { info: (t: string) => logged.push(t) } }, 60_000);
    return diagnostics;
  };
  const of = (document: { uri: { toString(): string } }) => world.diagnostics.get(document.uri.toString()) ?? [];

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-srcdiag-'));
    world = installSourceWorld(root);
  });
  afterEach(() => {
    diagnostics?.dispose();
    diagnostics = undefined;
    world.restore();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a TypeScript document with a key gets one error on the key, masked, with the rule and the idiom', async () => {
    const text = `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '${KEY}' });\n`;
    const document = world.open('src/client.ts', 'typescript', text);
    start();
    await until('the diagnostic', () => of(document).length > 0);
    const [diagnostic, ...rest] = of(document);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(diagnostic.severity, 0, 'Error');
    assert.strictEqual(diagnostic.source, 'OpenAI Key Doctor');
    assert.strictEqual(diagnostic.code?.value, 'hardcoded-key');
    const at = text.indexOf(KEY);
    assert.deepStrictEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character], [1, at - text.indexOf('\n') - 1, 1, at - text.indexOf('\n') - 1 + KEY.length]);
    assert.match(diagnostic.message, /^sk-proj-…\S{4} is hard-coded: move it to \.env and use process\.env\.OPENAI_API_KEY\.$/);
    assert.ok(!diagnostic.message.includes(KEY.slice(20, 28)));
  });

  it('a Python document gets the diagnostic as the key is typed (debounced), and loses it when the key is gone', async () => {
    const document = world.open('app.py', 'python', 'from openai import OpenAI\nclient = OpenAI(api_key="")\n');
    start();
    await settle();
    assert.deepStrictEqual(of(document), []);
    document.replaceText(`from openai import OpenAI\nclient = OpenAI(api_key="${SERVICE_KEY}")\n`);
    world.changed.fire({ document });
    await settle(LINT_DEBOUNCE_MS / 3);
    assert.deepStrictEqual(of(document), [], 'nothing before the debounce');
    await until('the diagnostic after the debounce', () => of(document).length > 0);
    const [diagnostic] = of(document);
    assert.strictEqual(diagnostic.range.start.line, 1);
    assert.strictEqual(diagnostic.range.start.character, 'client = OpenAI(api_key="'.length);
    assert.match(diagnostic.message, /^sk-svcacct-…\S{4} is hard-coded: move it to \.env and use os\.environ\["OPENAI_API_KEY"\]\.$/);
    document.replaceText('from openai import OpenAI\nimport os\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n');
    world.changed.fire({ document });
    await until('the diagnostic gone', () => of(document).length === 0);
  });

  it('the message says when git tracks the file', async () => {
    const document = world.open('app.py', 'python', `KEY = "${KEY}"\n`);
    start({ tracked: true, ignored: false });
    await until('the message with the git facts', () => /git-tracked/.test(of(document)[0]?.message ?? ''));
    assert.match(of(document)[0].message, /is hard-coded \(git-tracked\): move it/);
  });

  it('references, placeholders and .env files are not findings; scanSources off and the rule off silence it', async () => {
    const references = world.open('ok.ts', 'typescript', "const a = process.env.OPENAI_API_KEY;\nconst b = 'sk-proj-...abcd';\nconst c = 'sk-your-key-here';\n");
    const dotenv = world.open('.env', 'dotenv', `OPENAI_API_KEY=${KEY}\n`);
    const control = world.open('control.py', 'python', `KEY = "${KEY}"\n`);
    start();
    await until('the control document\'s diagnostic', () => of(control).length > 0);
    assert.deepStrictEqual([of(references), of(dotenv)], [[], []]);
    diagnostics?.dispose();
    world.settings = { scanSources: false };
    const off = world.open('off.py', 'python', `KEY = "${KEY}"\n`);
    start();
    await settle(200);
    assert.deepStrictEqual(of(off), []);
    diagnostics?.dispose();
    world.settings = { rules: { 'hardcoded-key': 'off' } };
    start();
    await settle(200);
    assert.deepStrictEqual(of(off), []);
    diagnostics?.dispose();
    world.settings = { rules: { 'hardcoded-key': 'warning' } };
    start();
    await until('the warning', () => of(off).length > 0);
    assert.strictEqual(of(off)[0].severity, 1, 'Warning');
  });

  it('the workspace scan reports closed files with a key, skips git-ignored ones, and passes our excludes with files.exclude and search.exclude', async () => {
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.writeFileSync(path.join(root, 'scripts', 'deploy.sh'), `#!/bin/sh\ncurl -H "Authorization: Bearer ${KEY}" https://api.openai.com/v1/models\n`);
    fs.writeFileSync(path.join(root, 'notes.py'), `# no key here, only sk- in prose\n`);
    fs.writeFileSync(path.join(root, 'ignored.py'), `KEY = "${KEY}"\n`);
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.writeFileSync(path.join(root, 'node_modules', 'dep.js'), `module.exports = '${KEY}';\n`);
    world.found = ['scripts/deploy.sh', 'notes.py', 'ignored.py', 'node_modules/dep.js'].map((p) => fileUri(path.join(root, p)));
    world.excludes.files['**/generated'] = true;
    const facts = new SourceGitFacts(async (file) => ({ tracked: false, ignored: file.endsWith('ignored.py'), gitignoreEntry: 'x', repositoryRoot: root }), () => true);
    diagnostics = new SourceDiagnostics({ events: new ExtensionEvents(), background: failingBackground, git: facts, log: { info: (t: string) => logged.push(t) } }, 60_000);
    const report = await diagnostics.startWorkspaceScan();
    const deploy = fileUri(path.join(root, 'scripts', 'deploy.sh')).toString();
    await until('the git facts in the message', () => /not git-ignored/.test(world.diagnostics.get(deploy)?.[0]?.message ?? ''));
    await settle(50);
    assert.deepStrictEqual([...world.diagnostics.keys()], [fileUri(path.join(root, 'scripts', 'deploy.sh')).toString()]);
    const [diagnostic] = world.diagnostics.get(fileUri(path.join(root, 'scripts', 'deploy.sh')).toString()) ?? [];
    assert.match(diagnostic.message, /\(not git-ignored\): move it to \.env and use "\$OPENAI_API_KEY"\./);
    assert.deepStrictEqual({ files: report.files, scanned: report.scanned }, { files: 3, scanned: 3 }, 'node_modules is dropped before reading; notes.py passes the sk- filter but holds no key; ignored.py is read, then dropped on git\'s word');
    for (const pattern of ['**/node_modules/**', '**/.venv/**', '**/dist/**', '**/.git', '**/node_modules', '**/generated']) {
      assert.ok(world.lastExclude?.includes(pattern), `${pattern} in ${world.lastExclude}`);
    }
    assert.match(logged.join('\n'), /longest slice \d+\.\d ms/);
  });

  it('a notebook on disk is scanned as .ipynb JSON, and left to its cells while it is open', async () => {
    const notebook = JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: ['from openai import OpenAI\n', `client = OpenAI(api_key="${KEY}")\n`] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    const file = path.join(root, 'chat.ipynb');
    fs.writeFileSync(file, notebook);
    world.found = [fileUri(file)];
    const scanner = start();
    await scanner.startWorkspaceScan();
    await until('the notebook diagnostic', () => (world.diagnostics.get(fileUri(file).toString()) ?? []).length > 0);
    const [diagnostic] = world.diagnostics.get(fileUri(file).toString()) ?? [];
    const at = new LineIndex(notebook).positionAt(notebook.indexOf(KEY));
    assert.deepStrictEqual([diagnostic.range.start.line, diagnostic.range.start.character], [at.line, at.character]);
    world.diagnostics.clear();
    world.notebooks = [{ uri: fileUri(file), isClosed: false, getCells: () => [] }];
    const report = await scanner.startWorkspaceScan();
    await settle(100);
    assert.deepStrictEqual([report.scanned, world.diagnostics.size], [0, 0], 'an open notebook is not read from disk');
  });
});
