import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeKey } from '../../../support/keys';
import { SourceWorld, installSourceWorld } from '../../../support/sourceWorld';
import { MemorySecretStorage } from '../../../support/vscodeStub';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const move = require('../../../../src/extension/sources/moveHardcodedKey') as typeof import('../../../../src/extension/sources/moveHardcodedKey');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { HardcodedKeyCodeActionProvider } = require('../../../../src/extension/sources/codeActions') as typeof import('../../../../src/extension/sources/codeActions');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SourceGitFacts } = require('../../../../src/extension/sources/gitFacts') as typeof import('../../../../src/extension/sources/gitFacts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KeyVault, secretId } = require('../../../../src/extension/vault/vault') as typeof import('../../../../src/extension/vault/vault');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { gitStatusOf } = require('../../../../src/core/gitStatus') as typeof import('../../../../src/core/gitStatus');

const KEY = fakeKey('project', 77);
const OTHER = fakeKey('project', 78);

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('moving a hard-coded key out of a source file (extension)', () => {
  let root: string;
  let world: SourceWorld;
  let secrets: MemorySecretStorage;
  let deps: import('../../../../src/extension/sources/moveHardcodedKey').MoveHardcodedKeyDeps;
  const envPath = () => path.join(root, '.env');
  const readEnv = () => (fs.existsSync(envPath()) ? fs.readFileSync(envPath(), 'utf8') : undefined);
  const everythingShown = () => world.shown.map((s) => `${s.message}\n${s.detail ?? ''}\n${s.items.join('\n')}`).join('\n');
  const assertNoKeyShown = () => {
    for (const key of [KEY, OTHER]) {
      for (let i = 0; i + 8 <= key.length - 8; i += 8) {
        assert.ok(!everythingShown().includes(key.slice(8 + i, 16 + i)), 'a fragment of a key was shown');
      }
    }
  };
  const openOnDisk = (relative: string, languageId: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
    return world.open(relative, languageId, text);
  };

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-srcmove-')));
    world = installSourceWorld(root);
    secrets = new MemorySecretStorage();
    deps = { vault: new KeyVault(secrets as never), background: (_w, work) => void Promise.resolve(work), gitStatus: async () => undefined };
  });
  afterEach(() => {
    world.restore();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('Python: .env created with the key, the literal becomes os.environ["OPENAI_API_KEY"] with import os, byte-exact, one undo step', async () => {
    const source = `"""Chat helper."""\nfrom openai import OpenAI\n\nclient = OpenAI(api_key="${KEY}")\n`;
    const document = openOnDisk('app.py', 'python', source);
    assert.strictEqual(await move.moveHardcodedKeyToEnv(deps, { uri: document.uri as never, offset: source.indexOf(KEY) }), true);
    const expected = `"""Chat helper."""\nimport os\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n`;
    assert.strictEqual(document.getText(), expected);
    assert.strictEqual(fs.readFileSync(path.join(root, 'app.py'), 'utf8'), expected, 'saved: the key left the file on disk too');
    assert.strictEqual(readEnv(), `OPENAI_API_KEY=${KEY}\n`);
    assert.strictEqual(document.undoSteps, 1);
    document.undo();
    assert.strictEqual(document.getText(), source, 'one Ctrl+Z restores the source');
    const [done] = world.shown;
    assert.match(done.message, /^Moved sk-proj-…\S{4} to \.env as OPENAI_API_KEY; the code reads os\.environ\["OPENAI_API_KEY"\]\. Load \.env at start-up: from dotenv import load_dotenv/);
    assertNoKeyShown();
  });

  it('TypeScript: appended to an existing CRLF .env without a final newline, every other byte kept', async () => {
    fs.writeFileSync(envPath(), 'OPENAI_BASE_URL=https://gateway.example.com/v1\r\n# team settings\r\nDEBUG=1');
    const source = `import OpenAI from 'openai';\nimport 'dotenv/config';\n\nexport const client = new OpenAI({ apiKey: "${KEY}" });\n`;
    const document = openOnDisk('src/client.ts', 'typescript', source);
    assert.strictEqual(await move.moveHardcodedKeyToEnv(deps, { uri: document.uri as never, offset: source.indexOf(KEY) }), true);
    assert.strictEqual(document.getText(), source.replace(`"${KEY}"`, 'process.env.OPENAI_API_KEY'));
    assert.strictEqual(readEnv(), `OPENAI_BASE_URL=https://gateway.example.com/v1\r\n# team settings\r\nDEBUG=1\r\nOPENAI_API_KEY=${KEY}\r\n`);
    assert.strictEqual(world.shown[0].message, 'Moved sk-proj-…' + KEY.slice(-4) + ' to .env as OPENAI_API_KEY; the code reads process.env.OPENAI_API_KEY.');
  });

  it('a failing .env write (disk full) leaves the source and the .env as they were, and says so without the key', async () => {
    fs.writeFileSync(envPath(), 'DEBUG=1\n');
    const source = `KEY = "${KEY}"\n`;
    const document = openOnDisk('app.py', 'python', source);
    deps.fileOps = {
      ...fs,
      writeSync: () => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    } as never;
    assert.strictEqual(await move.moveHardcodedKeyToEnv(deps, { uri: document.uri as never, offset: source.indexOf(KEY) }), false);
    assert.strictEqual(document.getText(), source);
    assert.strictEqual(document.version, 1);
    assert.strictEqual(readEnv(), 'DEBUG=1\n');
    assert.deepStrictEqual(fs.readdirSync(root).sort(), ['.env', 'app.py'], 'no temporary file left behind');
    assert.deepStrictEqual(world.shown.map((s) => [s.kind, s.message]), [['error', 'Could not write .env (ENOSPC): nothing was moved and both files are as they were.']]);
  });

  it('a failing edit of the source (applyEdit refused) says where the key is now', async () => {
    const source = `KEY = "${KEY}"\n`;
    const document = openOnDisk('app.py', 'python', source);
    world.applyEditSucceeds = false;
    assert.strictEqual(await move.moveHardcodedKeyToEnv(deps, { uri: document.uri as never, offset: source.indexOf(KEY) }), false);
    assert.strictEqual(document.getText(), source);
    assert.strictEqual(world.shown[0].message, 'The key is in .env, but app.py could not be edited: replace the key yourself.');
  });

  it('the variable already holds another key: a modal asks; Cancel changes nothing, Replace puts this key in its place', async () => {
    const env = `# keys\nOPENAI_API_KEY="${OTHER}" # old\nOTHER=1\n`;
    fs.writeFileSync(envPath(), env);
    const source = `const k = '${KEY}';\n`;
    const document = openOnDisk('k.js', 'javascript', source);
    assert.strictEqual(await move.moveHardcodedKeyToEnv(deps, { uri: document.uri as never, offset: source.indexOf(KEY) }), false);
    const [asked] = world.shown;
    assert.strictEqual(asked.modal, true);
    assert.deepStrictEqual(asked.items, ['Replace the value in .env', 'Keep the value in .env']);
    assert.match(asked.message, /^OPENAI_API_KEY in \.env already holds sk-proj-…\S{4}: keep one key/);
    assert.strictEqual(document.getText(), source);
    assert.strictEqual(readEnv(), env);
    world.answer = (shown) => (shown.modal ? 'Replace the value in .env' : undefined);
    assert.strictEqual(await move.moveHardcodedKeyToEnv(deps, { uri: document.uri as never, offset: source.indexOf(KEY) }), true);
    assert.strictEqual(readEnv(), `# keys\nOPENAI_API_KEY="${KEY}" # old\nOTHER=1\n`);
    assert.strictEqual(document.getText(), 'const k = process.env.OPENAI_API_KEY;\n');
    assertNoKeyShown();
  });

  it('Keep: .env is left alone and the code reads the key already there', async () => {
    const env = `OPENAI_API_KEY=${OTHER}\n`;
    fs.writeFileSync(envPath(), env);
    const source = `const k = '${KEY}';\n`;
    const document = openOnDisk('k.js', 'javascript', source);
    world.answer = (shown) => (shown.modal ? 'Keep the value in .env' : undefined);
    assert.strictEqual(await move.moveHardcodedKeyToEnv(deps, { uri: document.uri as never, offset: source.indexOf(KEY) }), true);
    assert.strictEqual(readEnv(), env);
    assert.strictEqual(document.getText(), 'const k = process.env.OPENAI_API_KEY;\n');
  });

  it('SecretStorage: stored for the folder and read back, then the literal replaced; the message names the terminals', async () => {
    const source = `client = OpenAI(api_key='${KEY}')\n`;
    const document = openOnDisk('app.py', 'python', source);
    assert.strictEqual(await move.moveHardcodedKeyToSecretStorage(deps, { uri: document.uri as never, offset: source.indexOf(KEY) }), true);
    assert.strictEqual(secrets.values.get(secretId({ kind: 'folder', folder: world.folder as never })), KEY);
    assert.strictEqual(document.getText(), 'import os\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n');
    assert.strictEqual(readEnv(), undefined);
    assert.match(world.shown[0].message, /^Stored sk-proj-…\S{4} in SecretStorage \(.+\); the code reads os\.environ\["OPENAI_API_KEY"\]\. Programs started in VS Code terminals get it when "Provide key to terminals" is on\.$/);
    assert.deepStrictEqual(world.shown[0].items, ['Provide it to terminals']);
    assertNoKeyShown();
  });

  it('a failing SecretStorage (no keyring) leaves the source as it was', async () => {
    const source = `client = OpenAI(api_key='${KEY}')\n`;
    const document = openOnDisk('app.py', 'python', source);
    secrets.failNextStore = true;
    assert.strictEqual(await move.moveHardcodedKeyToSecretStorage(deps, { uri: document.uri as never, offset: source.indexOf(KEY) }), false);
    assert.strictEqual(document.getText(), source);
    assert.strictEqual(document.version, 1);
    assert.deepStrictEqual(world.shown.map((s) => [s.kind, s.message]), [['error', 'The key was not moved, and app.py is unchanged: no keyring']]);
  });

  it('the quick fixes: "Move the key to .env" (preferred) and "to SecretStorage", as commands with the key position; none for a Dockerfile', () => {
    const source = `const k = '${KEY}';\n`;
    const document = openOnDisk('k.ts', 'typescript', source);
    const start = document.positionAt(source.indexOf(KEY));
    const diagnostic = { source: 'OpenAI Key Doctor', code: { value: 'hardcoded-key' }, range: { start, end: start } };
    const provider = new HardcodedKeyCodeActionProvider(new SourceGitFacts(async () => undefined, () => true));
    const actions = provider.provideCodeActions(document as never, diagnostic.range as never, { diagnostics: [diagnostic], only: undefined } as never);
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.isPreferred, a.command?.command]),
      [
        ['Move the key to .env and use process.env.OPENAI_API_KEY', true, 'openaiKeyDoctor.moveHardcodedKeyToEnv'],
        ['Move the key to SecretStorage and use process.env.OPENAI_API_KEY', undefined, 'openaiKeyDoctor.moveHardcodedKeyToSecretStorage'],
      ],
    );
    assert.deepStrictEqual(actions[0].command?.arguments, [{ uri: document.uri as never, offset: source.indexOf(KEY) }]);
    const dockerfile = `FROM python:3.12\nENV OPENAI_API_KEY=${KEY}\n`;
    const docker = openOnDisk('Dockerfile', 'dockerfile', dockerfile);
    const at = docker.positionAt(dockerfile.indexOf(KEY));
    assert.deepStrictEqual(provider.provideCodeActions(docker as never, { start: at, end: at } as never, { diagnostics: [{ ...diagnostic, range: { start: at, end: at } }] } as never), []);
  });

  it('in a git repository, Cancel at the conflict question leaves .gitignore as it was too (nothing written before the answer)', async function () {
    if (!hasGit()) {
      console.log('    skipped: git is not installed on this machine');
      this.skip();
    }
    execFileSync('git', ['init', '-q'], { cwd: root });
    deps.gitStatus = gitStatusOf;
    const env = `OPENAI_API_KEY=${OTHER}\n`;
    fs.writeFileSync(envPath(), env);
    const source = `KEY = "${KEY}"\n`;
    const document = openOnDisk('app.py', 'python', source);
    assert.strictEqual(await move.moveHardcodedKeyToEnv(deps, { uri: document.uri as never, offset: source.indexOf(KEY) }), false);
    assert.strictEqual(world.shown[0].modal, true, 'the question was asked');
    assert.strictEqual(fs.existsSync(path.join(root, '.gitignore')), false, 'no .gitignore written before the answer');
    assert.strictEqual(readEnv(), env);
    assert.strictEqual(document.getText(), source);
  });

  it('in a git repository: the .env is added to .gitignore before the key is written; a tracked .env is refused', async function () {
    if (!hasGit()) {
      console.log('    skipped: git is not installed on this machine');
      this.skip();
    }
    execFileSync('git', ['init', '-q'], { cwd: root });
    deps.gitStatus = gitStatusOf;
    const source = `KEY = "${KEY}"\n`;
    const document = openOnDisk('app.py', 'python', source);
    assert.strictEqual(await move.moveHardcodedKeyToEnv(deps, { uri: document.uri as never, offset: source.indexOf(KEY) }), true);
    assert.strictEqual(fs.readFileSync(path.join(root, '.gitignore'), 'utf8'), '.env\n');
    assert.match(world.shown[0].message, / \.env was added to \.gitignore\./);
    fs.rmSync(path.join(root, '.gitignore'));
    execFileSync('git', ['add', '-f', '.env'], { cwd: root });
    const again = `OTHER = "${OTHER}"\n`;
    const second = openOnDisk('other.py', 'python', again);
    world.shown = [];
    assert.strictEqual(await move.moveHardcodedKeyToEnv(deps, { uri: second.uri as never, offset: again.indexOf(OTHER) }), false);
    assert.strictEqual(second.getText(), again);
    assert.strictEqual(readEnv(), `OPENAI_API_KEY=${KEY}\n`);
    assert.strictEqual(world.shown[0].message, 'git tracks .env: a key written there would be committed. Run git rm --cached .env and add it to .gitignore first.');
  });
});
