import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { looksBinary } from '../../../../src/core/sources/fileKinds';
import { nodeSourceFileSystem, SourceFileSystem } from '../../../../src/core/sources/fileSystem';
import { createSafeGitRunner, gitArguments, gitEnvironment } from '../../../../src/core/git';
import { listGitCandidates, listGitFiles, listSourceFiles, listWalkCandidates, walkSourceFiles } from '../../../../src/core/sources/listing';
import { gitFactsOf, scanSourcePaths } from '../../../../src/core/sources/scanTree';
import { fakeKey } from '../../../support/keys';

function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** git for setting up test repositories (our own trusted calls, hooks off). */
function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir, encoding: 'utf8' });
}

describe('source listing: git without running the repository\'s programs', () => {
  const dirs: string[] = [];
  const temp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-list-'));
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("a repository whose core.fsmonitor script writes a marker: plain git runs it, our listing does not", async () => {
    const root = temp();
    write(root, { 'src/a.ts': 'export {};\n', 'new.py': 'x = 1\n' });
    git(root, 'init', '-q', '.');
    git(root, 'add', 'src/a.ts');
    git(root, 'commit', '-q', '-m', 'a');
    const marker = path.join(root, '..', `${path.basename(root)}-fsmonitor-ran`);
    dirs.push(marker);
    const script = path.join(root, '.git', 'fsmonitor.sh');
    fs.writeFileSync(script, `#!/bin/sh\necho ran >> '${marker}'\nexit 1\n`, { mode: 0o755 });
    git(root, 'config', 'core.fsmonitor', script);
    git(root, 'config', 'core.hooksPath', path.join(root, '.git', 'evil-hooks'));

    // The trap works: an unprotected git ls-files runs the script.
    spawnSync('git', ['ls-files', '--cached'], { cwd: root });
    assert.ok(fs.existsSync(marker), 'the fsmonitor script should run under plain git (else this test proves nothing)');
    fs.rmSync(marker);

    const listing = await listSourceFiles(root, { git: createSafeGitRunner() });
    assert.strictEqual(listing.mode, 'git');
    assert.deepStrictEqual(listing.files.map((f) => [f.relative, f.git]).sort(), [
      ['new.py', { tracked: false, ignored: false }],
      ['src/a.ts', { tracked: true, ignored: false }],
    ]);
    assert.strictEqual(fs.existsSync(marker), false, 'our listing ran the repository\'s fsmonitor program');
    await listGitCandidates(root, createSafeGitRunner());
    assert.strictEqual(fs.existsSync(marker), false, 'git grep ran the repository\'s fsmonitor program');
    await gitFactsOf(path.join(root, 'src', 'a.ts'), createSafeGitRunner());
    await gitFactsOf(path.join(root, 'new.py'), createSafeGitRunner());
    assert.strictEqual(fs.existsSync(marker), false, 'gitFactsOf ran the repository\'s fsmonitor program');
  });

  it('the runner: safety options before the command, grep without textconv or colour, no GIT_* from the caller', () => {
    assert.deepStrictEqual(gitArguments(['ls-files', '-z']).slice(-2), ['ls-files', '-z']);
    assert.deepStrictEqual(gitArguments(['ls-files']).slice(0, 5), ['--no-pager', '-c', 'core.fsmonitor=false', '-c', 'core.useBuiltinFSMonitor=false']);
    assert.deepStrictEqual(gitArguments(['grep', '-l']).slice(-4), ['grep', '--no-textconv', '--no-color', '-l']);
    for (const args of [['diff', 'HEAD'], ['status'], ['log'], ['grep', '-Oless', 'x'], ['grep', '--open-files-in-pager=vi'], ['grep', '--textconv'], ['grep', '--recurse-submodules']]) {
      assert.throws(() => gitArguments(args), /not one of the commands known to be safe|could start a program/, args.join(' '));
    }
    const env = gitEnvironment({ PATH: '/bin', GIT_DIR: '/elsewhere', GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='x'", GIT_EXTERNAL_DIFF: 'x', git_trace: '1' });
    assert.deepStrictEqual(env, { PATH: '/bin', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_NO_LAZY_FETCH: '1', GIT_ASKPASS: '', SSH_ASKPASS: '' });
  });

  it('the runner passes exactly those arguments and that environment to git (injected execFile)', async () => {
    const calls: Array<{ file: string; args: string[]; env: NodeJS.ProcessEnv | undefined; cwd: string | undefined }> = [];
    const fake = ((file: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string }, callback: (e: Error | null, out: Buffer, err: Buffer) => void) => {
      calls.push({ file, args, env: options.env, cwd: options.cwd });
      callback(null, Buffer.from('a\0'), Buffer.from(''));
    }) as unknown as typeof import('child_process').execFile;
    const run = createSafeGitRunner({ execFile: fake, env: { HOME: '/h', GIT_DIR: '/x' }, gitPath: '/usr/bin/git' });
    const out = await run(['ls-files', '-z'], '/repo');
    assert.deepStrictEqual(out, { code: 0, stdout: Buffer.from('a\0'), stderr: '' });
    assert.deepStrictEqual(calls, [
      { file: '/usr/bin/git', args: gitArguments(['ls-files', '-z']), env: gitEnvironment({ HOME: '/h' }), cwd: '/repo' },
    ]);
    assert.throws(() => run(['status'], '/repo'), /not one of the commands known to be safe/);
    assert.strictEqual(calls.length, 1, 'a refused command never reaches execFile');
  });

  it('lists tracked and untracked-not-ignored files, relative to a subfolder; never ignored ones, dependencies, binaries or .env', async () => {
    const root = temp();
    write(root, {
      '.gitignore': 'secret.local.ts\nbuild/\n',
      'app/src/a.ts': '1', 'app/src/b.py': '2', 'app/secret.local.ts': '3', 'app/build/out.js': '4',
      'app/.env': '5', 'app/logo.png': '6', 'app/node_modules/x/index.js': '7', 'other/c.ts': '8',
    });
    git(root, 'init', '-q', '.');
    git(root, 'add', '.gitignore', 'app/src/a.ts', 'app/.env', 'app/logo.png');
    git(root, 'add', '-f', 'app/node_modules/x/index.js');
    git(root, 'commit', '-q', '-m', 'x');
    const listing = await listSourceFiles(path.join(root, 'app'), { git: createSafeGitRunner() });
    assert.deepStrictEqual(listing.files.map((f) => `${f.relative} ${f.git?.tracked ? 'tracked' : 'untracked'}`).sort(), ['src/a.ts tracked', 'src/b.py untracked']);
    assert.deepStrictEqual(listing.files.map((f) => f.path).sort(), [path.join(root, 'app', 'src', 'a.ts'), path.join(root, 'app', 'src', 'b.py')]);
  });

  it('git grep candidates are exactly the listed files that contain sk-, with the same git facts', async () => {
    const root = temp();
    const key = fakeKey('project', 9);
    write(root, {
      '.gitignore': 'ignored/\n',
      'a.ts': `const k = "${key}";\n`, 'b.ts': 'no key here\n', 'sub/c.py': 'task-runner\n', 'new.sh': `K=${key}\n`,
      'ignored/d.ts': `"${key}"\n`, 'node_modules/e/i.js': `"${key}"\n`, '.env': `OPENAI_API_KEY=${key}\n`, 'img.png': `${key}`,
      'space name/f.ts': `"${key}"\n`,
    });
    git(root, 'init', '-q', '.');
    git(root, 'add', '.gitignore', 'a.ts', 'b.ts', 'sub/c.py', '.env', 'img.png', 'space name/f.ts');
    git(root, 'add', '-f', 'node_modules/e/i.js');
    git(root, 'commit', '-q', '-m', 'x');
    const run = createSafeGitRunner();
    const all = (await listGitFiles(root, run))!;
    const expected = all.filter((f) => fs.readFileSync(f.path, 'utf8').includes('sk-'));
    const candidates = (await listGitCandidates(root, run))!;
    const key3 = (f: { relative: string; path: string; git?: unknown }) => JSON.stringify([f.relative, f.path, f.git]);
    assert.deepStrictEqual(candidates.map(key3).sort(), expected.map(key3).sort());
    assert.deepStrictEqual(candidates.map((f) => f.relative).sort(), ['a.ts', 'new.sh', 'space name/f.ts', 'sub/c.py']);
    assert.deepStrictEqual(await listGitCandidates(temp(), run), undefined, 'not a repository');
  });

  it('falls back to the walk outside a repository, when git is missing, or when told not to use git', async () => {
    const root = temp();
    write(root, { 'a.ts': '1' });
    assert.strictEqual((await listSourceFiles(root, { git: createSafeGitRunner() })).mode, 'walk');
    git(root, 'init', '-q', '.');
    assert.strictEqual((await listSourceFiles(root, { git: createSafeGitRunner() })).mode, 'git');
    assert.strictEqual((await listSourceFiles(root, { git: createSafeGitRunner({ gitPath: path.join(root, 'no-such-git') }) })).mode, 'walk');
    assert.strictEqual((await listSourceFiles(root, { git: false })).mode, 'walk');
  });

  it('git facts for a file named explicitly: tracked, untracked, ignored, outside any repository', async () => {
    const root = temp();
    write(root, { '.gitignore': '*.local.ts\n', 'a.ts': '1', 'b.ts': '2', 'c.local.ts': '3' });
    git(root, 'init', '-q', '.');
    git(root, 'add', 'a.ts');
    const run = createSafeGitRunner();
    assert.deepStrictEqual(await gitFactsOf(path.join(root, 'a.ts'), run), { tracked: true, ignored: false });
    assert.deepStrictEqual(await gitFactsOf(path.join(root, 'b.ts'), run), { tracked: false, ignored: false });
    assert.deepStrictEqual(await gitFactsOf(path.join(root, 'c.local.ts'), run), { tracked: false, ignored: true });
    const outside = temp();
    write(outside, { 'd.ts': '4' });
    assert.strictEqual(await gitFactsOf(path.join(outside, 'd.ts'), run), undefined);
  });
});

describe('source listing: the walk outside git', () => {
  let parent: string;
  let root: string;
  before(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-walk-'));
    root = path.join(parent, 'project');
    write(root, {
      'b.ts': '1', 'a/z.py': '2', 'a/y.md': '3', 'node_modules/p/i.js': '4', 'dist/x.js': '5', 'build/y.js': '6',
      '.git/config': '7', '.venv/lib/s.py': '8', '__pycache__/m.pyc': '9', 'img/logo.PNG': '10', '.env.local': '11',
      'src/.svelte-kit/x.js': '12',
    });
    write(parent, { 'outside/secret.ts': `const k = "${fakeKey('project', 5)}";\n`, 'outside-file.ts': 'x' });
    fs.symlinkSync(path.join(parent, 'outside'), path.join(root, 'linked-dir'));
    fs.symlinkSync(path.join(parent, 'outside-file.ts'), path.join(root, 'linked-file.ts'));
    execFileSync('mkfifo', [path.join(root, 'a', 'pipe.ts')]);
  });
  after(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('skips dependency, VCS and build folders, binaries by name, .env files, symbolic links and FIFOs', async () => {
    const listing = await listSourceFiles(root, { git: false });
    assert.deepStrictEqual(listing.files.map((f) => f.relative).sort(), ['a/y.md', 'a/z.py', 'b.ts']);
    assert.deepStrictEqual(listing.files.map((f) => f.path).sort(), [path.join(root, 'a', 'y.md'), path.join(root, 'a', 'z.py'), path.join(root, 'b.ts')]);
    assert.deepStrictEqual(listing.errors, []);
  });

  it('reads a regular file only: not through a symbolic link, not a FIFO (without blocking), not above the size cap', () => {
    assert.deepStrictEqual(nodeSourceFileSystem.readRegularFile(path.join(root, 'linked-file.ts'), 100), { kind: 'not-regular' });
    assert.deepStrictEqual(nodeSourceFileSystem.readRegularFile(path.join(root, 'a', 'pipe.ts'), 100), { kind: 'not-regular' });
    assert.deepStrictEqual(nodeSourceFileSystem.readRegularFile(path.join(root, 'b.ts'), 0), { kind: 'too-large', size: 1 });
    assert.deepStrictEqual(nodeSourceFileSystem.readRegularFile(path.join(root, 'b.ts'), 1), { kind: 'read', bytes: Buffer.from('1') });
    assert.deepStrictEqual(nodeSourceFileSystem.readRegularFile(path.join(root, 'a'), 10), { kind: 'not-regular' });
    write(root, { 'big.txt': 'x'.repeat(300_000), 'empty.ts': '' });
    const scratch = Buffer.alloc(200_001);
    assert.deepStrictEqual(nodeSourceFileSystem.readRegularFile(path.join(root, 'big.txt'), 200_000, scratch), { kind: 'too-large', size: 300_000 });
    assert.deepStrictEqual(nodeSourceFileSystem.readRegularFile(path.join(root, 'big.txt'), 400_000), { kind: 'read', bytes: Buffer.from('x'.repeat(300_000)) }, 'grows its buffer without scratch');
    const small = nodeSourceFileSystem.readRegularFile(path.join(root, 'big.txt'), 400_000, Buffer.alloc(10));
    assert.ok(small.kind === 'read' && small.bytes.equals(Buffer.from('x'.repeat(300_000))), 'a file larger than the scratch gets a buffer of its size');
    assert.deepStrictEqual(nodeSourceFileSystem.readRegularFile(path.join(root, 'big.txt'), 4096 * 1024 * 1024, Buffer.alloc(10)), { kind: 'read', bytes: Buffer.from('x'.repeat(300_000)) }, 'a 4 GB limit allocates by the file');
    const viewed = nodeSourceFileSystem.readRegularFile(path.join(root, 'b.ts'), 200_000, scratch);
    assert.ok(viewed.kind === 'read' && viewed.bytes.buffer === scratch.buffer, 'a view into the scratch buffer');
    assert.deepStrictEqual(nodeSourceFileSystem.readRegularFile(path.join(root, 'empty.ts'), 10), { kind: 'read', bytes: Buffer.alloc(0) });
    fs.rmSync(path.join(root, 'big.txt'));
    fs.rmSync(path.join(root, 'empty.ts'));
    assert.deepStrictEqual(nodeSourceFileSystem.readRegularFile(path.join(root, 'missing.ts'), 1), { kind: 'error', code: 'ENOENT' });
  });

  it('outside a repository, git grep --no-index candidates are exactly the walked files that contain sk-', async () => {
    write(root, { 'c/k.ts': 'const a = "sk-x";\n', 'node_modules/q/k.js': 'sk-y', 'dist/k.js': 'sk-z', '.env': 'sk-w', 'c/bin.png': 'sk-v' });
    try {
      const walked = walkSourceFiles(root, nodeSourceFileSystem).files.filter((f) => fs.readFileSync(f.path, 'utf8').includes('sk-'));
      const candidates = (await listWalkCandidates(root, createSafeGitRunner()))!;
      assert.deepStrictEqual(candidates.map((f) => [f.relative, f.path, f.git]).sort(), walked.map((f) => [f.relative, f.path, f.git]).sort());
      assert.deepStrictEqual(candidates.map((f) => f.relative), ['c/k.ts'], 'the symbolic link to a file with sk- is not followed');
    } finally {
      for (const f of ['c', 'node_modules/q', 'dist/k.js', '.env']) {
        fs.rmSync(path.join(root, f), { recursive: true, force: true });
      }
    }
  });

  it('reports a folder it cannot read and goes on (injected file system)', async () => {
    const failing: SourceFileSystem = {
      readDirectory: (dir) => {
        if (dir.endsWith('locked')) {
          throw Object.assign(new Error('denied'), { code: 'EACCES' });
        }
        const entry = (name: string, directory: boolean) => ({ name, isFile: () => !directory, isDirectory: () => directory });
        return dir === path.resolve('/virtual') ? [entry('locked', true), entry('ok.ts', false)] : [];
      },
      readRegularFile: () => ({ kind: 'read', bytes: Buffer.from('') }),
    };
    const listing = await listSourceFiles('/virtual', { git: false, fs: failing });
    assert.deepStrictEqual(listing.files.map((f) => f.relative), ['ok.ts']);
    assert.deepStrictEqual(listing.errors, [{ path: path.join(path.resolve('/virtual'), 'locked'), code: 'EACCES' }]);
  });

  it('sniffs binaries by a NUL byte in the first 8000 bytes; UTF-16 with a byte order mark is text', async () => {
    assert.strictEqual(looksBinary(Buffer.from('a\0b')), true);
    assert.strictEqual(looksBinary(Buffer.concat([Buffer.alloc(8000, 0x61), Buffer.from([0])])), false);
    assert.strictEqual(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('sk-', 'utf16le')])), false);
    const key = fakeKey('project', 6);
    write(root, { 'data/blob': Buffer.concat([Buffer.from([1, 0, 2]), Buffer.from(key)]), 'data/utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`k=${key}`, 'utf16le')]) });
    const scan = await scanSourcePaths([path.join(root, 'data')], { git: false });
    assert.deepStrictEqual(scan.files.map((f) => f.relative), ['utf16.txt']);
    assert.deepStrictEqual(scan.skipped.map((s) => `${path.basename(s.path)} ${s.reason}`), ['blob binary']);
  });
});
