import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GitRunner, createSafeGitRunner } from '../../../src/core/git';
import { maskKey } from '../../../src/core/keys/mask';
import { SMALL_FOLDER_FILES, listSourceFiles } from '../../../src/core/sources/listing';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 71);
const OTHER = fakeKey('project', 72);
const ADMIN = fakeKey('admin', 73);

interface Report {
  path: string;
  findings: Array<{ rule: string; severity: string; line: number; column: number; endLine: number; endColumn: number; message: string; fixable: boolean }>;
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

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version']);
    return true;
  } catch {
    return false;
  }
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir, stdio: 'pipe' });
}

/** `path rule@line:column` of every finding. */
function located(reports: Report[]): string[] {
  return reports.flatMap((r) => r.findings.map((f) => `${r.path.split(path.sep).join('/')} ${f.rule}@${f.line}:${f.column}`));
}

describe('openai-key-doctor lint: hard-coded keys in source files (issue 14)', () => {
  const dirs: string[] = [];
  const make = (files: { [name: string]: string | Buffer }) => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-lint-sources-')));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  const project = () =>
    make({
      '.env': 'PORT=3000\n',
      'src/app.ts': `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: "${KEY}" });\n`,
      'scripts/run.py': `import os\nkey = os.environ["OPENAI_API_KEY"]\nbackup = '${ADMIN}'\n`,
      'compose.yaml': `services:\n  web:\n    environment:\n      OPENAI_API_KEY: ${OTHER}\n`,
      'README.md': 'Set OPENAI_API_KEY=sk-proj-... in .env (task-runner, disk-cache).\n',
      'node_modules/lib/index.js': `module.exports = "${KEY}";\n`,
      'dist/bundle.js': `var k="${KEY}";\n`,
      'build/out.js': `var k="${KEY}";\n`,
      'assets/logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(KEY)]),
      'data/blob': Buffer.concat([Buffer.from([1, 0, 2]), Buffer.from(KEY)]),
    });

  it('lint <dir> reports each hard-coded key at its line and column, with the JSON contract; dependencies, build output and binaries are skipped', async () => {
    const dir = project();
    const run = await cli(['lint', '--format', 'json', '--no-git', '.'], { cwd: dir });
    assert.strictEqual(run.code, 1, 'hardcoded-key is an error');
    const reports = JSON.parse(run.stdout).files as Report[];
    assert.deepStrictEqual(located(reports), ['compose.yaml hardcoded-key@4:23', 'scripts/run.py hardcoded-key@3:11', 'src/app.ts hardcoded-key@2:38']);
    assert.deepStrictEqual(reports.map((r) => r.path), ['.env', 'compose.yaml', path.join('scripts', 'run.py'), path.join('src', 'app.ts')]);
    const [finding] = reports[3].findings;
    assert.deepStrictEqual(finding, {
      rule: 'hardcoded-key',
      severity: 'error',
      line: 2,
      column: 38,
      endLine: 2,
      endColumn: 38 + KEY.length,
      message: `${maskKey(KEY)} is hard-coded: move it to .env and use process.env.OPENAI_API_KEY.`,
      fixable: false,
    });
    assert.match(reports[1].findings[0].message, /use \$\{OPENAI_API_KEY\}/);
  });

  it('a file reached twice (nested folders, or a folder and the file named in it) is reported once', async () => {
    const dir = project();
    const app = path.join('src', 'app.ts');
    const run = await cli(['lint', '--format', 'json', '--no-git', '.', 'src', app, './src/app.ts', 'scripts'], { cwd: dir });
    const reports = JSON.parse(run.stdout).files as Report[];
    assert.deepStrictEqual(reports.map((r) => r.path), ['.env', app, 'compose.yaml', path.join('scripts', 'run.py')]);
    assert.deepStrictEqual(located(reports), ['src/app.ts hardcoded-key@2:38', 'compose.yaml hardcoded-key@4:23', 'scripts/run.py hardcoded-key@3:11']);
  });

  it('text and SARIF carry the same findings, and no output carries 8 characters of a key', async () => {
    const dir = project();
    const text = await cli(['lint', '--no-git', '.'], { cwd: dir });
    assert.match(text.stdout, /^src\/app\.ts$/m);
    assert.match(text.stdout, /^ {2}2:38 {2}error {4}sk-proj-….{4} is hard-coded: move it to \.env and use process\.env\.OPENAI_API_KEY\. {2}hardcoded-key$/m);
    assert.match(text.stdout, /✖ 3 problems \(3 errors, 0 warnings, 0 info\)/);
    const sarif = JSON.parse((await cli(['lint', '--format', 'sarif', '--no-git', '.'], { cwd: dir })).stdout);
    const results = sarif.runs[0].results as Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }>;
    assert.deepStrictEqual(results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.ruleId}@${r.locations[0].physicalLocation.region.startLine}:${r.locations[0].physicalLocation.region.startColumn} ${r.level}`), [
      'compose.yaml hardcoded-key@4:23 error',
      'scripts/run.py hardcoded-key@3:11 error',
      'src/app.ts hardcoded-key@2:38 error',
    ]);
    for (const format of ['text', 'json', 'sarif']) {
      const run = await cli(['lint', '--format', format, '--no-git', '.'], { cwd: dir });
      for (const key of [KEY, OTHER, ADMIN]) {
        assert.ok(!leaks(run.stdout + run.stderr, key), `${format} leaks ${maskKey(key)}`);
      }
    }
  });

  it('--no-sources turns it off; --fix never moves a key (the source files keep every byte)', async () => {
    const dir = project();
    const off = await cli(['lint', '--format', 'json', '--no-git', '--no-sources', '.'], { cwd: dir });
    assert.strictEqual(off.code, 0);
    assert.deepStrictEqual(JSON.parse(off.stdout).files.map((r: Report) => r.path), ['.env']);

    fs.writeFileSync(path.join(dir, '.env'), `OPENAI_API_KEY = ${OTHER}\n`);
    const sources = ['src/app.ts', 'scripts/run.py', 'compose.yaml'].map((f) => [f, fs.readFileSync(path.join(dir, f))] as const);
    const fixed = await cli(['lint', '--fix', '--format', 'json', '--no-git', '.'], { cwd: dir });
    assert.strictEqual(fs.readFileSync(path.join(dir, '.env'), 'utf8'), `OPENAI_API_KEY=${OTHER}\n`, 'the .env fixes are applied');
    for (const [file, bytes] of sources) {
      assert.ok(fs.readFileSync(path.join(dir, file)).equals(bytes), `${file} was changed`);
    }
    assert.deepStrictEqual(located(JSON.parse(fixed.stdout).files), ['compose.yaml hardcoded-key@4:23', 'scripts/run.py hardcoded-key@3:11', 'src/app.ts hardcoded-key@2:38']);
    assert.strictEqual(fixed.code, 1);
  });

  it('a file named explicitly: a source file is scanned, a .env file linted, anything else gets the not-env-file note', async () => {
    const dir = make({
      'app.js': `const client = new OpenAI({ apiKey: '${KEY}' });\n`,
      'clean.py': 'import os\n',
      'deploy': `#!/usr/bin/env bash\nexport OPENAI_API_KEY=${KEY}\n`,
      'notes.md': `my key: ${KEY}\n`,
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
      'django': 'DEBUG=1\nSECRET=x\nOPENAI_API_KEY=changeme\n',
      'dist/app.js': `var k="${KEY}";\n`,
    });
    const run = await cli(['lint', '--format', 'json', '--no-git', 'app.js', 'clean.py', 'deploy', 'notes.md', 'logo.png', 'django', 'dist/app.js'], { cwd: dir });
    const reports = JSON.parse(run.stdout).files as Report[];
    assert.deepStrictEqual(reports.map((r) => [r.path.split(path.sep).join('/'), r.findings.map((f) => `${f.severity} ${f.rule}@${f.line}:${f.column}`)]), [
      ['app.js', ['error hardcoded-key@1:38']],
      ['clean.py', []],
      ['deploy', ['error hardcoded-key@2:23']],
      ['notes.md', ['error hardcoded-key@1:9']],
      ['logo.png', ['information not-env-file@1:1']],
      ['django', ['error placeholder@3:16']],
      ['dist/app.js', ['error hardcoded-key@1:8']],
    ]);
    assert.strictEqual(run.code, 1);
    const off = JSON.parse((await cli(['lint', '--format', 'json', '--no-git', '--no-sources', 'app.js'], { cwd: dir })).stdout).files as Report[];
    assert.deepStrictEqual(off[0].findings.map((f) => f.rule), ['not-env-file']);
  });

  it('a file too large to search gets file-too-large and a note on stderr, and --max-size-mb lets it in', async () => {
    const dir = make({ 'big.js': `${'// filler line\n'.repeat(80_000)}const k = "${KEY}";\n` });
    const run = await cli(['lint', '--format', 'json', '--no-git', '--max-size-mb', '1', '.'], { cwd: dir });
    assert.deepStrictEqual(located(JSON.parse(run.stdout).files), ['big.js file-too-large@1:1']);
    assert.strictEqual(run.stderr, 'Note: not searched for hard-coded keys, above the 1 MB limit (see --max-size-mb): big.js');
    assert.strictEqual(run.code, 0);
    const bigger = await cli(['lint', '--format', 'json', '--no-git', '--max-size-mb', '2', '.'], { cwd: dir });
    assert.deepStrictEqual(located(JSON.parse(bigger.stdout).files), ['big.js hardcoded-key@80001:12']);
  });

  describe('in a git repository', function () {
    this.timeout(30_000);
    before(function () {
      if (!hasGit()) {
        console.log('    (skipped: git is not installed on this machine)');
        this.skip();
      }
    });

    it('lists files as git does: tracked and untracked-not-ignored files are searched, ignored ones and dependencies are not; each says what git knows', async () => {
      const dir = make({
        '.gitignore': 'dist/\nsecrets.local.ts\n.env\n',
        '.env': `OPENAI_API_KEY=${KEY}\n`,
        'src/tracked.ts': `export const k = "${KEY}";\n`,
        'src/untracked.py': `k = "${OTHER}"\n`,
        'secrets.local.ts': `export const k = "${KEY}";\n`,
        'dist/bundle.js': `var k="${KEY}";\n`,
        'node_modules/lib/index.js': `module.exports = "${KEY}";\n`,
        'vendor/logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(KEY)]),
      });
      git(dir, 'init', '-q', '.');
      git(dir, 'add', '.gitignore', 'src/tracked.ts', 'vendor/logo.png');
      git(dir, 'add', '-f', 'node_modules/lib/index.js');
      git(dir, 'commit', '-q', '-m', 'init');
      const run = await cli(['lint', '--format', 'json', '.'], { cwd: dir, env: process.env });
      const reports = JSON.parse(run.stdout).files as Report[];
      assert.deepStrictEqual(located(reports), ['src/tracked.ts hardcoded-key@1:19', 'src/untracked.py hardcoded-key@1:6']);
      assert.deepStrictEqual(reports.map((r) => r.path.split(path.sep).join('/')), ['.env', 'src/tracked.ts', 'src/untracked.py']);
      assert.match(reports[1].findings[0].message, /is hard-coded \(git-tracked\):/);
      assert.match(reports[2].findings[0].message, /is hard-coded \(not git-ignored\):/);
      // --no-git: the walk, which knows nothing of .gitignore but skips build output and dependencies.
      const walked = JSON.parse((await cli(['lint', '--format', 'json', '--no-git', '.'], { cwd: dir })).stdout).files as Report[];
      assert.deepStrictEqual(located(walked).filter((l) => l.includes('hardcoded-key')), ['secrets.local.ts hardcoded-key@1:19', 'src/tracked.ts hardcoded-key@1:19', 'src/untracked.py hardcoded-key@1:6']);
      assert.ok(!walked.some((r) => /git-/.test(r.findings.map((f) => f.message).join(' '))), 'no git facts without git');
    });

    it('a file named explicitly gets git\'s facts too', async () => {
      const dir = make({ '.gitignore': '*.local.ts\n', 'a.ts': `const k = "${KEY}";\n`, 'b.local.ts': `const k = "${KEY}";\n` });
      git(dir, 'init', '-q', '.');
      git(dir, 'add', 'a.ts');
      const reports = JSON.parse((await cli(['lint', '--format', 'json', 'a.ts', 'b.local.ts'], { cwd: dir, env: process.env })).stdout).files as Report[];
      assert.match(reports[0].findings[0].message, /\(git-tracked\)/);
      assert.doesNotMatch(reports[1].findings[0].message, /git-/, 'an ignored file says nothing about git');
    });
  });
});

describe('the source lister outside a repository: a small folder is read without starting git', () => {
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-small-')));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it(`up to ${SMALL_FOLDER_FILES} files: no git; one more: git grep --no-index`, async () => {
    const calls: string[] = [];
    const real = createSafeGitRunner();
    const recorder: GitRunner = (args, cwd) => {
      calls.push(args.join(' '));
      return real(args, cwd);
    };
    fs.writeFileSync(path.join(root, '.env'), `OPENAI_API_KEY=${KEY}\n`);
    for (let i = 0; i < SMALL_FOLDER_FILES; i++) {
      fs.writeFileSync(path.join(root, `f${i}.ts`), i === 3 ? `const k = "${KEY}";\n` : 'export {};\n');
    }
    const small = await listSourceFiles(root, { git: recorder, candidatesOnly: true });
    assert.deepStrictEqual(calls, []);
    assert.deepStrictEqual(small.files.map((f) => f.relative).sort(), Array.from({ length: SMALL_FOLDER_FILES }, (_, i) => `f${i}.ts`).sort(), 'every file, to be read and pre-filtered');
    fs.writeFileSync(path.join(root, 'one-more.ts'), 'export {};\n');
    const larger = await listSourceFiles(root, { git: recorder, candidatesOnly: true });
    assert.strictEqual(calls.length, 1);
    assert.match(calls[0], /^grep --no-index /);
    if (hasGit()) {
      assert.deepStrictEqual(larger.files.map((f) => f.relative), ['f3.ts'], 'git grep lists only the files with sk-');
    }
  });
});
