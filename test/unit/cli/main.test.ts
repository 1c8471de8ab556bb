import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

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
