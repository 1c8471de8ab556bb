import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 12);

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** A cloned repository with a committed file (so that git reads its index) and a .env git does not ignore. */
function repository(): { repo: string; marker: string; cleanup: () => void } {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-git-')));
  const repo = path.join(top, 'repo');
  fs.mkdirSync(repo);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 'dev@example.test');
  git('config', 'user.name', 'dev');
  fs.writeFileSync(path.join(repo, 'README.md'), 'app\n');
  git('add', 'README.md');
  git('commit', '-qm', 'init');
  fs.writeFileSync(path.join(repo, '.env'), `OPENAI_API_KEY=${KEY}\n`);
  const marker = path.join(top, 'MARKER');
  return { repo, marker, cleanup: () => fs.rmSync(top, { recursive: true, force: true }) };
}

/** A program that only leaves a trace: if it ever runs, the marker file exists. */
function tracer(dir: string, name: string, marker: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\necho "${name} ran" >> "${marker}"\nexit 1\n`, { mode: 0o755 });
  return file;
}

describe('git: a repository cannot make lint run a program', function () {
  this.timeout(30_000);
  before(function () {
    if (!hasGit() || process.platform === 'win32') {
      console.log('    (skipped: needs git and a POSIX shell for the tracer scripts)');
      this.skip();
    }
  });

  it('repro: a core.fsmonitor script in the repository config is never run by `lint .`, and git still answers', async () => {
    const { repo, marker, cleanup } = repository();
    try {
      execFileSync('git', ['config', 'core.fsmonitor', tracer(path.dirname(repo), 'fsmonitor.sh', marker)], { cwd: repo });
      execFileSync('git', ['config', 'core.hooksPath', path.dirname(repo)], { cwd: repo });
      for (const hook of ['post-index-change', 'pre-commit', 'post-checkout', 'reference-transaction']) {
        tracer(path.dirname(repo), hook, marker);
      }
      const run = await cli(['lint', '--format', 'json', '.'], { cwd: repo, env: process.env });
      assert.strictEqual(fs.existsSync(marker), false, fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '');
      assert.deepStrictEqual(JSON.parse(run.stdout).files[0].findings.map((f: { rule: string }) => f.rule), ['env-not-ignored'], 'git was asked');
      fs.writeFileSync(path.join(repo, '.gitignore'), '.env\n');
      const again = await cli(['lint', '--format', 'json', '.'], { cwd: repo, env: process.env });
      assert.deepStrictEqual(JSON.parse(again.stdout).files[0].findings, [], 'git says it is ignored now');
      assert.strictEqual(fs.existsSync(marker), false);
    } finally {
      cleanup();
    }
  });

  it('a `git` program inside the repository is never run, even with "." in PATH', async () => {
    const { repo, marker, cleanup } = repository();
    const previous = process.env.PATH;
    try {
      tracer(repo, 'git', marker);
      process.env.PATH = `.${path.delimiter}${previous}`;
      const run = await cli(['lint', '--format', 'json', '.'], { cwd: repo, env: process.env });
      assert.strictEqual(fs.existsSync(marker), false);
      assert.deepStrictEqual(JSON.parse(run.stdout).files[0].findings.map((f: { rule: string }) => f.rule), ['env-not-ignored'], 'the real git answered');
    } finally {
      process.env.PATH = previous;
      cleanup();
    }
  });

  it('GIT_* variables of the caller do not redirect git (GIT_DIR, GIT_CONFIG_PARAMETERS)', async () => {
    const { repo, marker, cleanup } = repository();
    const elsewhere = repository();
    const previous = { GIT_DIR: process.env.GIT_DIR, GIT_CONFIG_PARAMETERS: process.env.GIT_CONFIG_PARAMETERS };
    try {
      process.env.GIT_DIR = path.join(elsewhere.repo, '.git');
      process.env.GIT_CONFIG_PARAMETERS = `'core.fsmonitor=${tracer(path.dirname(repo), 'injected.sh', marker)}'`;
      const run = await cli(['lint', '--format', 'json', '.'], { cwd: repo, env: process.env });
      assert.strictEqual(fs.existsSync(marker), false);
      assert.deepStrictEqual(JSON.parse(run.stdout).files[0].findings.map((f: { rule: string }) => f.rule), ['env-not-ignored']);
    } finally {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) {
          delete process.env[name];
        } else {
          process.env[name] = value;
        }
      }
      cleanup();
      elsewhere.cleanup();
    }
  });

  it('--no-git never runs git', async () => {
    const { repo, marker, cleanup } = repository();
    try {
      execFileSync('git', ['config', 'core.fsmonitor', tracer(path.dirname(repo), 'fsmonitor.sh', marker)], { cwd: repo });
      const run = await cli(['lint', '--no-git', '--format', 'json', '.'], { cwd: repo, env: process.env });
      assert.deepStrictEqual(JSON.parse(run.stdout).files[0].findings, []);
      assert.strictEqual(fs.existsSync(marker), false);
    } finally {
      cleanup();
    }
  });

  it('only the read-only commands known to be safe can be run through the module', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runGit, gitArguments } = require('../../../src/core/git') as typeof import('../../../src/core/git');
    assert.throws(() => runGit(['status'], os.tmpdir()), /not one of the commands known to be safe/);
    assert.throws(() => runGit(['-c', 'core.fsmonitor=x', 'ls-files'], os.tmpdir()), /not one of the commands/);
    const args = gitArguments(['ls-files']);
    assert.ok(args.join(' ').includes('-c core.fsmonitor=false') && args.join(' ').includes('-c core.hooksPath='), args.join(' '));
    assert.strictEqual(args[args.length - 1], 'ls-files', 'hardening comes before the command');
  });
});
