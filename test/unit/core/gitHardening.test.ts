import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createSafeGitRunner } from '../../../src/core/git';
import { listGitCandidates } from '../../../src/core/sources/listing';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 31);

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** git for setting up test repositories (our own trusted calls, hooks off). */
function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
}

function write(root: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** A program that only leaves a trace: if it ever runs, the marker file gets a line. A filter passes its input on. */
function tracer(dir: string, name: string, marker: string, filter = false): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\necho "${name} ran" >> "${marker}"\n${filter ? 'cat' : 'exit 1'}\n`, { mode: 0o755 });
  return file;
}

describe('the one git module: what a repository configures cannot run a program or change the listing', function () {
  this.timeout(30_000);
  const dirs: string[] = [];
  const temp = () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-git-hard-')));
    dirs.push(dir);
    return dir;
  };
  before(function () {
    if (!hasGit() || process.platform === 'win32') {
      console.log('    (skipped: needs git and a POSIX shell for the tracer scripts)');
      this.skip();
    }
  });
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('color.grep=always, grep.fullName and grep.patternType in the repository: the candidates are still plain, folder-relative paths', async () => {
    const root = temp();
    write(root, { 'app/src/a.ts': `const k = "${KEY}";\n`, 'app/b.py': 'no key\n', 'other/c.ts': `"${KEY}"\n` });
    git(root, 'init', '-q', '.');
    git(root, 'add', 'app/src/a.ts');
    git(root, 'commit', '-q', '-m', 'a');
    git(root, 'config', 'color.grep', 'always');
    git(root, 'config', 'grep.fullName', 'true');
    git(root, 'config', 'grep.patternType', 'perl');
    // The trap works: plain git grep prints the path from the top, in colour.
    const plain = spawnSync('git', ['grep', '--untracked', '-l', '-e', 'sk-'], { cwd: path.join(root, 'app'), encoding: 'utf8' }).stdout;
    assert.ok(plain.includes('\u001b[') && plain.includes('app/src/a.ts'), JSON.stringify(plain));

    const candidates = await listGitCandidates(path.join(root, 'app'), createSafeGitRunner());
    assert.deepStrictEqual(candidates?.map((f) => [f.relative, f.path, f.git]), [['src/a.ts', path.join(root, 'app', 'src', 'a.ts'), { tracked: true, ignored: false }]]);
    const run = await cli(['lint', '--format', 'json', 'app'], { cwd: root, env: process.env });
    assert.deepStrictEqual(
      JSON.parse(run.stdout).files.map((f: { path: string; findings: Array<{ rule: string; line: number; column: number }> }) => [f.path, f.findings.map((x) => `${x.rule}@${x.line}:${x.column}`)]),
      [[path.join('app', 'src', 'a.ts'), ['hardcoded-key@1:12']]],
    );
  });

  it('a textconv driver, a pager, a clean filter, hooks and core.fsmonitor in the repository never run during `lint .`', async () => {
    const root = temp();
    const repo = path.join(root, 'repo');
    const marker = path.join(root, 'MARKER');
    write(repo, { 'src/a.ts': `const k = "${KEY}";\n`, 'src/b.ts': `// task-runner\n`, '.gitattributes': '*.ts diff=trap filter=trap\n', '.env': `OPENAI_API_KEY=${KEY}\n`, '.gitignore': '.env\n' });
    git(repo, 'init', '-q', '.');
    git(repo, 'add', 'src/a.ts', '.gitattributes', '.gitignore');
    git(repo, 'commit', '-q', '-m', 'a');
    fs.writeFileSync(path.join(repo, 'src', 'c.ts'), `export const c = "${KEY}";\n`);
    const config: Array<[string, string]> = [
      ['diff.trap.textconv', tracer(root, 'textconv.sh', marker, true)],
      ['filter.trap.clean', tracer(root, 'clean.sh', marker, true)],
      ['filter.trap.smudge', tracer(root, 'smudge.sh', marker, true)],
      ['core.pager', tracer(root, 'pager.sh', marker, true)],
      ['pager.grep', tracer(root, 'pager-grep.sh', marker, true)],
      ['core.fsmonitor', tracer(root, 'fsmonitor.sh', marker)],
      ['core.hooksPath', root],
    ];
    for (const [name, value] of config) {
      git(repo, 'config', name, value);
    }
    for (const hook of ['post-index-change', 'reference-transaction', 'post-checkout']) {
      tracer(root, hook, marker);
    }

    const run = await cli(['lint', '--format', 'json', '.'], { cwd: repo, env: process.env });
    assert.strictEqual(fs.existsSync(marker), false, fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '');
    const files = JSON.parse(run.stdout).files as Array<{ path: string; findings: Array<{ rule: string; message: string }> }>;
    assert.deepStrictEqual(files.map((f) => [f.path, f.findings.map((x) => x.rule)]), [
      ['.env', []],
      [path.join('src', 'a.ts'), ['hardcoded-key']],
      [path.join('src', 'c.ts'), ['hardcoded-key']],
    ]);
    assert.match(files[1].findings[0].message, /\(git-tracked\)/);
    assert.match(files[2].findings[0].message, /\(not git-ignored\)/);

    // The traps are armed: plain git runs them (textconv on request, fsmonitor and the clean filter on add).
    spawnSync('git', ['grep', '--textconv', '-e', 'sk-'], { cwd: repo });
    spawnSync('git', ['-c', 'core.hooksPath=/dev/null', 'add', 'src/c.ts'], { cwd: repo });
    const ran = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '';
    for (const program of ['textconv.sh', 'clean.sh', 'fsmonitor.sh']) {
      assert.ok(ran.includes(`${program} ran`), `plain git should run ${program} (else this test proves nothing): ${ran}`);
    }
  });

  it('an embedded bare repository with its own core.fsmonitor and core.worktree is refused (safe.bareRepository), never runs its fsmonitor, and the folder is still searched', async () => {
    const root = temp();
    const outer = path.join(root, 'outer');
    const marker = path.join(root, 'MARKER');
    fs.mkdirSync(outer);
    git(outer, 'init', '-q', '.');
    const evil = path.join(outer, 'evil');
    git(outer, 'init', '-q', '--bare', 'evil');
    git(evil, 'config', 'core.fsmonitor', tracer(root, 'fsmonitor.sh', marker));
    git(evil, 'config', 'core.worktree', evil);
    git(evil, 'config', 'core.bare', 'false');
    write(evil, { 'app.ts': `const k = "${KEY}";\n` });

    const refused = await createSafeGitRunner()(['ls-files'], evil);
    assert.strictEqual(refused.code, 128);
    assert.match(refused.stderr, /safe\.bareRepository/);
    const run = await cli(['lint', '--format', 'json', '.'], { cwd: evil, env: process.env });
    assert.strictEqual(fs.existsSync(marker), false, fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '');
    assert.deepStrictEqual(JSON.parse(run.stdout).files.map((f: { path: string; findings: Array<{ rule: string }> }) => [f.path, f.findings.map((x) => x.rule)]), [['app.ts', ['hardcoded-key']]]);

    // The trap is armed: plain git in that folder runs the program.
    spawnSync('git', ['ls-files'], { cwd: evil });
    assert.ok(fs.existsSync(marker), 'plain git should run the embedded repository\'s fsmonitor (else this test proves nothing)');
  });
});
