import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UsageError, type CliIo } from '../../../src/cli/io';
import { WHICH_USAGE, runWhich } from '../../../src/cli/whichCommand';
import { maskKey } from '../../../src/core/keys/mask';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 21);
const LOCAL = fakeKey('project', 22);
const STALE = fakeKey('project', 23);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function which(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env, color: false };
  const code = await runWhich(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Any 8 characters of a key's secret part (after its prefix) in the text. */
function leaks(text: string, key: string): boolean {
  const secret = key.replace(/^sk-(proj|svcacct|admin|None)-/, '');
  for (let i = 0; i + 8 <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + 8))) {
      return true;
    }
  }
  return false;
}

describe('openai-key-doctor which', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string | Buffer>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-which-'));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  const nextApp = () =>
    make({
      'package.json': JSON.stringify({ dependencies: { next: '15.1.0' } }),
      '.env': `OPENAI_API_KEY=${KEY}\n`,
      '.env.local': `# mine\nOPENAI_API_KEY=${LOCAL}\n`,
    });

  it('Done when: in a Next.js folder with different keys in .env and .env.local, --format json names .env.local', async () => {
    const run = await which(['--format', 'json'], nextApp());
    assert.strictEqual(run.code, 0);
    assert.deepStrictEqual(JSON.parse(run.stdout), {
      variable: 'OPENAI_API_KEY',
      loader: 'nextjs',
      winner: { source: 'file', file: '.env.local', line: 2, masked: maskKey(LOCAL) },
      chain: [
        { source: 'file', file: '.env.local', line: 2, masked: maskKey(LOCAL), used: true, problems: [] },
        { source: 'file', file: '.env', line: 1, masked: maskKey(KEY), used: false, problems: [] },
      ],
    });
  });

  it('puts the environment first, marks the winner and says what to do, in text', async () => {
    const dir = nextApp();
    const run = await which(['.'], dir, { OPENAI_API_KEY: STALE, PATH: '/usr/bin' });
    assert.strictEqual(run.code, 0, 'the stale key is well-formed');
    const lines = run.stdout.split('\n');
    assert.strictEqual(lines[0], 'OPENAI_API_KEY for .: Next.js (package.json depends on next), mode development');
    assert.strictEqual(lines[1], 'Read in this order: environment, .env.development.local, .env.local, .env.development, .env');
    assert.match(lines[3], /^ {2}→ environment {3}sk-proj-…\S{4} {2}used {6}format ok$/);
    assert.match(lines[4], /^ {4}\.env\.local:2 {2}sk-proj-…\S{4} {2}not used {2}format ok$/);
    assert.match(run.stdout, /^The app gets sk-proj-…\S{4} from the environment\.$/m);
    assert.match(run.stdout, /^\.env\.local: Next\.js uses OPENAI_API_KEY=sk-proj-…\S{4} from the environment, not sk-proj-…\S{4}: unset it, then restart the terminal or the editor\.$/m);
    for (const key of [KEY, LOCAL, STALE]) {
      assert.ok(!leaks(run.stdout + run.stderr, key), 'no 8 characters of any key');
    }
  });

  it('diagnoses a broken value in the environment and exits 1', async () => {
    const dir = make({ '.env': `OPENAI_API_KEY=${KEY}\n` });
    const run = await which([], dir, { OPENAI_API_KEY: `"${STALE}"` });
    assert.strictEqual(run.code, 1);
    assert.match(run.stdout, /→ environment {2}"sk-proj-…\S{4}" {2}used {6}invalid-characters/);
    assert.match(run.stdout, /^OPENAI_API_KEY in the environment kept the quotes of Windows set: set it without them\.$/m);
    const json = JSON.parse((await which(['--format=json'], dir, { OPENAI_API_KEY: `${STALE}\r` })).stdout);
    assert.deepStrictEqual(json.winner, { source: 'environment', file: null, line: null, masked: `${maskKey(STALE)}\\r` });
    assert.deepStrictEqual(json.chain[0].problems, ['trailing-whitespace']);
    assert.ok(!leaks(JSON.stringify(json), STALE));
  });

  it('exits 1 when nothing defines the variable, and says so', async () => {
    const run = await which(['--var', 'OPENAI_ADMIN_KEY'], make({ '.env': `OPENAI_API_KEY=${KEY}\n` }));
    assert.strictEqual(run.code, 1);
    assert.match(run.stdout, /No place defines OPENAI_ADMIN_KEY: the app gets undefined\./);
    assert.deepStrictEqual(JSON.parse((await which(['--var', 'OPENAI_ADMIN_KEY', '--format', 'json'], make({}))).stdout), { variable: 'OPENAI_ADMIN_KEY', loader: 'dotenv', winner: null, chain: [] });
  });

  it('takes --loader, --path, --override, --mode and a folder argument', async () => {
    const dir = make({ 'apps/web/.env': `OPENAI_API_KEY=${KEY}\n`, 'apps/web/.env.local': `OPENAI_API_KEY=${LOCAL}\n`, 'apps/web/.env.staging': `OPENAI_API_KEY=${STALE}\n` });
    const json = async (args: string[], env: NodeJS.ProcessEnv = {}) => JSON.parse((await which([...args, '--format', 'json', 'apps/web'], dir, env)).stdout);
    assert.strictEqual((await json(['--loader', 'dotenv', '--path', '.env.local,.env'])).winner.file, '.env.local');
    assert.strictEqual((await json(['--loader', 'dotenv', '--path', '.env.local,.env', '--override'], { OPENAI_API_KEY: STALE })).winner.file, '.env');
    assert.strictEqual((await json(['--loader', 'vite', '--mode', 'staging'])).winner.file, '.env.staging');
    assert.strictEqual((await json(['--loader', 'next'])).loader, 'nextjs');
  });

  it('picks a docker compose service', async () => {
    const dir = make({ 'compose.yaml': 'services:\n  web:\n    env_file: web.env\n  worker:\n    env_file: [worker.env]\n', 'web.env': `OPENAI_API_KEY=${KEY}\n`, 'worker.env': `OPENAI_API_KEY=${LOCAL}\n` });
    assert.strictEqual(JSON.parse((await which(['--format', 'json'], dir)).stdout).winner.file, 'web.env');
    assert.strictEqual(JSON.parse((await which(['--format', 'json', '--service', 'worker'], dir)).stdout).winner.file, 'worker.env');
    assert.match((await which(['--service', 'worker'], dir)).stdout, /docker compose \(compose\.yaml sets env_file or environment\), service worker/);
  });

  it('rejects bad usage with a UsageError (exit 2 through the CLI entry point)', async () => {
    const dir = make({ '.env': `OPENAI_API_KEY=${KEY}\n`, 'package.json': JSON.stringify({ dependencies: { next: '15' } }) });
    const rejects = (args: string[], message: RegExp) => assert.rejects(which(args, dir), (e: Error) => e instanceof UsageError && message.test(e.message));
    await rejects(['--loader', 'webpack'], /Unknown loader "webpack": use dotenv, python-dotenv, nextjs/);
    await rejects(['--mode', 'staging'], /Next\.js knows the modes development, production and test/);
    await rejects(['--format', 'xml'], /Unknown format/);
    await rejects(['a', 'b'], /Name one folder/);
    await rejects(['.env'], /is not a folder/);
    await rejects(['--service', 'api'], /--service needs a docker compose loader/);
    await rejects(['--var', 'BAD NAME'], /--var takes a variable name/);
    await rejects(['--nope'], /Unknown option --nope/);
    const help = await which(['--help'], dir);
    assert.strictEqual(help.code, 0);
    assert.strictEqual(help.stdout, WHICH_USAGE);
  });

  describe('reads files safely', () => {
    it('never follows a symbolic link out of the folder; follows one that stays inside', async () => {
      const outside = make({ 'secret.env': `OPENAI_API_KEY=${STALE}\n` });
      const dir = make({ 'real.env': `OPENAI_API_KEY=${LOCAL}\n` });
      fs.symlinkSync(path.join(outside, 'secret.env'), path.join(dir, '.env'));
      const run = await which(['--format', 'json'], dir);
      assert.deepStrictEqual(JSON.parse(run.stdout).chain, []);
      assert.match(run.stderr, /Note: \.env was not read \(link-outside-folder\)\./);
      fs.unlinkSync(path.join(dir, '.env'));
      fs.symlinkSync('real.env', path.join(dir, '.env'));
      assert.strictEqual(JSON.parse((await which(['--format', 'json'], dir)).stdout).winner.masked, maskKey(LOCAL));
    });

    it('does not read through a linked folder that leads outside', async () => {
      const outside = make({ '.env': `OPENAI_API_KEY=${STALE}\n` });
      const dir = make({ 'compose.yaml': 'services:\n  api:\n    env_file: config/.env\n' });
      fs.symlinkSync(outside, path.join(dir, 'config'));
      const run = await which(['--format', 'json'], dir);
      assert.deepStrictEqual(JSON.parse(run.stdout).chain, []);
      assert.match(run.stderr, /config\/\.env was not read \(link-outside-folder\)/);
    });

    it('reads regular files only, up to the size limit', async () => {
      const big = make({ '.env': `OPENAI_API_KEY=${KEY}\n${'#'.repeat(3 * 1024 * 1024)}\n` });
      const run = await which(['--format', 'json'], big);
      assert.deepStrictEqual(JSON.parse(run.stdout).chain, []);
      assert.match(run.stderr, /\.env was not read \(too-large\)/);
      const folderNamedEnv = make({ '.env/x': 'A=1\n' });
      assert.deepStrictEqual(JSON.parse((await which(['--format', 'json'], folderNamedEnv)).stdout).chain, []);
    });

    it('does not block on a named pipe', async function () {
      const dir = make({});
      try {
        execFileSync('mkfifo', [path.join(dir, '.env')]);
      } catch {
        this.skip(); // no mkfifo on this system (printed by mocha as pending)
      }
      const run = await which(['--format', 'json'], dir);
      assert.deepStrictEqual(JSON.parse(run.stdout).chain, []);
    });

    it('python-dotenv: reads a parent .env, but not a link there', async () => {
      const parent = make({ '.env': `OPENAI_API_KEY=${KEY}\n`, 'app/main.py': 'from dotenv import load_dotenv\n', 'app/requirements.txt': 'python-dotenv==1.0.1\n' });
      const json = JSON.parse((await which(['--format', 'json', 'app'], parent)).stdout);
      assert.deepStrictEqual([json.loader, json.winner.file], ['python-dotenv', '../.env']);
      const other = make({ 'elsewhere.env': `OPENAI_API_KEY=${STALE}\n` });
      const linked = make({ 'app/requirements.txt': 'python-dotenv\n' });
      fs.symlinkSync(path.join(other, 'elsewhere.env'), path.join(linked, '.env'));
      const run = await which(['--format', 'json', 'app'], linked);
      assert.deepStrictEqual(JSON.parse(run.stdout).chain, [], 'the search stops at the .env it may not read');
      assert.match(run.stderr, /\.\.\/\.env was not read \(link-outside-folder\)/);
    });
  });
});
