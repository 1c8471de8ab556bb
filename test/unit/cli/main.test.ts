import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** The source files esbuild put into a bundle (written by esbuild.mjs next to the build). */
function inputsOf(bundle: string): string[] {
  const file = path.join(ROOT, 'out', 'bundle-inputs', `${bundle}.json`);
  assert.ok(fs.existsSync(file), `${file} is missing: run npm run build (or npm run package) first`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
}

const PROBE_CODE = /^src\/core\/probe\//;
const OPENAI_SDK = /^node_modules\/openai\//;
const WS = /^node_modules\/ws\//;

describe('the CLI loads only what a command needs', () => {
  let dir: string;
  before(() => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run npm run build (or npm run package) first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-cli-bundles-'));
    fs.writeFileSync(path.join(dir, '.env'), 'PORT=3000\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lint runs from dist/cli.js and dist/cli-lint.js alone: no other file of the package is loaded', () => {
    const recorder = path.join(dir, 'record-modules.js');
    fs.writeFileSync(recorder, "process.on('exit', () => require('fs').writeSync(2, '\\nLOADED ' + JSON.stringify(Object.keys(require.cache))));\n");
    const run = spawnSync(process.execPath, ['--require', recorder, CLI, 'lint', '--no-git', path.join(dir, '.env')], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    const loaded = JSON.parse(/LOADED (.*)$/m.exec(run.stderr)![1]) as string[];
    const ours = loaded.filter((f) => f.startsWith(ROOT + path.sep)).map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    assert.deepStrictEqual(ours.sort(), ['dist/cli-lint.js', 'dist/cli.js']);
  });

  it('run as a program (as npm links it), --env-file is ours: Node does not read the file itself first', () => {
    // Node 20.6+ reads a file named after --env-file even among a script's own arguments (nodejs/node#54232):
    // a missing file ended the CLI with "node: … not found" (exit 9) and a named pipe hung before our code ran.
    fs.chmodSync(CLI, 0o755);
    assert.match(fs.readFileSync(CLI, 'utf8').split('\n')[0], /^#!\/usr\/bin\/env -S node --$/);
    const run = spawnSync(CLI, ['test', '--env-file', path.join(dir, 'missing.env')], { encoding: 'utf8', timeout: 20000 });
    assert.strictEqual(run.status, 2, `exit ${run.status}: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /^node: /m);
    assert.match(run.stderr, /missing\.env/);
  });

  it('the lint bundle holds no probe code, no openai SDK and no ws (the test bundle does)', () => {
    const lint = [...inputsOf('cli.js'), ...inputsOf('cli-lint.js')];
    for (const [what, pattern] of [['probe code', PROBE_CODE], ['the openai SDK', OPENAI_SDK], ['ws', WS]] as const) {
      assert.deepStrictEqual(lint.filter((f) => pattern.test(f)), [], `lint loads ${what}`);
      assert.ok(inputsOf('cli-test.js').some((f) => pattern.test(f)), `the test bundle should hold ${what}: is the pattern still right?`);
    }
  });

  it('every command of the bundled CLI answers: --help gathers each usage, usage errors come back as exit 2', () => {
    const help = execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.match(help, /Usage: openai-key-doctor lint /);
    assert.match(help, /Usage: openai-key-doctor test /);
    assert.match(help, /Usage: openai-key-doctor which /);
    const wrongFormat = spawnSync(process.execPath, [CLI, 'lint', '--format', 'xml', '.'], { cwd: dir, encoding: 'utf8' });
    assert.strictEqual(wrongFormat.status, 2);
    assert.match(wrongFormat.stderr, /Unknown format "xml".*\nRun `openai-key-doctor --help` for usage\./);
    const unknown = spawnSync(process.execPath, [CLI, 'frobnicate'], { encoding: 'utf8' });
    assert.strictEqual(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown command "frobnicate"/);
  });
});

describe('usage errors never echo a key', () => {
  it('a key typed where a command, an option, a format or a loader belongs is masked in the message', async () => {
    const key = fakeKey('project', 71);
    const secret = key.slice('sk-proj-'.length);
    const cases = [[key], ['test', `--${key}`], ['lint', '--format', key, '.'], ['lint', '--loader', key, '.'], ['which', '--format', key]];
    for (const args of cases) {
      const run = await cli(args, { cwd: os.tmpdir() });
      assert.strictEqual(run.code, 2, args.join(' '));
      assert.ok(run.stderr.includes(`…${key.slice(-4)}`), `${run.stderr} shows the key masked`);
      for (let i = 0; i + 8 <= secret.length; i++) {
        assert.ok(!run.stderr.includes(secret.slice(i, i + 8)), `${args[0]}: 8 characters of the key in "${run.stderr}"`);
      }
    }
  });
});
