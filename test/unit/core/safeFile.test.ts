import * as assert from 'assert';
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 8);
const CLI = path.resolve(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');
/** The fs module object itself: patching its properties is seen by every caller (ours and node's). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require('fs') as Record<string, unknown>;

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-files-')));
}

function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

/** Replaces fs functions for the duration of `body`. */
async function withPatchedFs<T>(patches: Record<string, (original: (...args: never[]) => unknown) => (...args: never[]) => unknown>, body: () => Promise<T>): Promise<T> {
  const originals = new Map<string, unknown>();
  for (const [name, patch] of Object.entries(patches)) {
    originals.set(name, nodeFs[name]);
    nodeFs[name] = patch(nodeFs[name] as (...args: never[]) => unknown);
  }
  try {
    return await body();
  } finally {
    for (const [name, original] of originals) {
      nodeFs[name] = original;
    }
  }
}

function isWriteOpen(flags: unknown): boolean {
  if (typeof flags === 'number') {
    return (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0;
  }
  return typeof flags === 'string' && /[wa+]/.test(flags);
}

function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.includes('.okd-') || n.endsWith('.tmp'));
}

function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

describe('file safety: reading and writing the files we fix', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const make = (files: Record<string, string | Buffer> = {}) => {
    const dir = tempDir();
    dirs.push(dir);
    write(dir, files);
    return dir;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('repro: a full disk during the UTF-16 -> UTF-8 re-save of an 801-line file leaves it whole, no temp file behind', async () => {
    const text = Array.from({ length: 801 }, (_, i) => `VAR_${i}=value ${i}`).join('\r\n') + '\r\n';
    const original = utf16(text);
    const dir = make({ '.env': original });
    let budget = 12_000;
    const run = await withPatchedFs(
      {
        // The disk fills up after 12,000 bytes: every later write fails with ENOSPC.
        writeSync: (real) => (fd: number, buffer: Uint8Array, offset = 0, length = buffer.byteLength - offset, position?: number) => {
          if (budget <= 0) {
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          }
          const n = Math.min(length, budget);
          budget -= n;
          return (real as (...a: unknown[]) => number)(fd, buffer, offset, n, position);
        },
        writeFileSync: () => (file: string, data: Uint8Array) => {
          const fd = fs.openSync(file, 'w');
          try {
            let done = 0;
            while (done < data.byteLength) {
              done += fs.writeSync(fd, data, done, data.byteLength - done);
            }
          } finally {
            fs.closeSync(fd);
          }
        },
      },
      () => cli(['lint', '--fix', '--no-git', '--format', 'json', '.'], { cwd: dir }),
    );
    assert.ok(Buffer.compare(fs.readFileSync(path.join(dir, '.env')), original) === 0, 'the file is exactly as it was');
    assert.deepStrictEqual(leftovers(dir), []);
    const findings = JSON.parse(run.stdout).files[0].findings;
    assert.strictEqual(findings[0].rule, 'fix-not-written');
    assert.match(findings[0].message, /ENOSPC/);
    assert.strictEqual(run.code, 3, 'the exit code says a file could not be fixed');
  });

  it('repro: a line another program appends between our read and our write is never lost (the fix is refused)', async () => {
    const dir = make({ '.env': `OPENAI_API_KEY = ${KEY}\n` });
    const file = path.join(dir, '.env');
    let appended = false;
    const otherWriter = () => {
      if (!appended) {
        appended = true;
        fs.appendFileSync(file, 'ADDED_BY_ANOTHER_PROGRAM=1\n');
      }
    };
    const run = await withPatchedFs(
      {
        openSync: (real) => (p: string, flags: unknown, mode?: number) => {
          if (isWriteOpen(flags) && path.dirname(String(p)) === dir) {
            otherWriter();
          }
          return (real as (...a: unknown[]) => number)(p, flags, mode);
        },
        writeFileSync: (real) => (...args: never[]) => {
          otherWriter();
          return (real as (...a: unknown[]) => void)(...args);
        },
      },
      () => cli(['lint', '--fix', '--no-git', '--format', 'json', '.'], { cwd: dir }),
    );
    assert.strictEqual(fs.readFileSync(file, 'utf8'), `OPENAI_API_KEY = ${KEY}\nADDED_BY_ANOTHER_PROGRAM=1\n`);
    const findings = JSON.parse(run.stdout).files[0].findings;
    assert.strictEqual(findings[0].rule, 'fix-not-written');
    assert.match(findings[0].message, /changed after it was read/);
    assert.deepStrictEqual(leftovers(dir), []);
  });

  it('repro: a program appending lines while --fix runs again and again loses none of them', async function () {
    const dir = make();
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'PORT=3000\n');
    const appender = spawn(
      process.execPath,
      // Bursts of appends 1 ms apart with pauses between them, so that some --fix runs get to write.
      ['-e', `const fs=require('fs');let i=0;const next=()=>{fs.appendFileSync(${JSON.stringify(file)},'OPENAI_API_KEY_'+(i++)+' = ${KEY}\\n');if(i<150)setTimeout(next,i%10===0?150:1)};next()`],
      { stdio: 'ignore' },
    );
    const done = new Promise((resolve) => appender.on('exit', resolve));
    let exited = false;
    void done.then(() => (exited = true));
    let runsThatWrote = 0;
    while (!exited) {
      const run = await cli(['lint', '--fix', '--no-git', '.'], { cwd: dir });
      runsThatWrote += /Applied [1-9]/.test(run.stderr) ? 1 : 0;
      await new Promise((r) => setTimeout(r, 1));
    }
    await done;
    const content = fs.readFileSync(file, 'utf8');
    const missing = Array.from({ length: 150 }, (_, i) => i).filter((i) => !new RegExp(`^OPENAI_API_KEY_${i} ?= ?`, 'm').test(content));
    assert.deepStrictEqual(missing, [], 'lines lost');
    assert.ok(runsThatWrote > 0, 'some runs wrote their fixes while the other program was appending');
    assert.deepStrictEqual(leftovers(dir), []);
  });

  it('--fix keeps the file mode', async () => {
    const dir = make({ '.env': `OPENAI_API_KEY = ${KEY}\n` });
    fs.chmodSync(path.join(dir, '.env'), 0o640);
    await cli(['lint', '--fix', '--no-git', '.'], { cwd: dir });
    assert.strictEqual(fs.readFileSync(path.join(dir, '.env'), 'utf8'), `OPENAI_API_KEY=${KEY}\n`);
    assert.strictEqual(fs.statSync(path.join(dir, '.env')).mode & 0o777, 0o640);
  });

  it('repro: --fix never writes through a .env link that leads out of the folder (lint still reads it)', async () => {
    const top = make({ 'outside/secret.env': `OPENAI_API_KEY = ${KEY}\n`, 'app/README.md': 'app\n' });
    fs.symlinkSync('../outside/secret.env', path.join(top, 'app', '.env'));
    const run = await cli(['lint', '--fix', '--no-git', '--format', 'json', 'app'], { cwd: top });
    assert.strictEqual(fs.readFileSync(path.join(top, 'outside', 'secret.env'), 'utf8'), `OPENAI_API_KEY = ${KEY}\n`, 'the file outside is untouched');
    assert.ok(fs.lstatSync(path.join(top, 'app', '.env')).isSymbolicLink(), 'the link is still a link');
    const rules = JSON.parse(run.stdout).files[0].findings.map((f: { rule: string }) => f.rule);
    assert.deepStrictEqual(rules, ['fix-not-written', 'space-around-separator'], 'reported, and still checked');
    assert.match(JSON.parse(run.stdout).files[0].findings[0].message, /leads out of the folder being fixed/);
    assert.strictEqual(run.code, 3);
  });

  it('a .env link that stays inside the folder is fixed in its target, and stays a link', async () => {
    const dir = make({ 'config/shared.env': `OPENAI_API_KEY = ${KEY}\n` });
    fs.symlinkSync('config/shared.env', path.join(dir, '.env'));
    await cli(['lint', '--fix', '--no-git', '.'], { cwd: dir });
    assert.ok(fs.lstatSync(path.join(dir, '.env')).isSymbolicLink());
    assert.strictEqual(fs.readFileSync(path.join(dir, 'config', 'shared.env'), 'utf8'), `OPENAI_API_KEY=${KEY}\n`);
  });

  it('folders reached through a link are not searched', async () => {
    const top = make({ 'outside/.env': 'OPENAI_API_KEY=xxx\n', 'app/.env': `OPENAI_API_KEY=${KEY}\n` });
    fs.symlinkSync('../outside', path.join(top, 'app', 'linked'));
    const run = await cli(['lint', '--no-git', '--format', 'json', 'app'], { cwd: top });
    assert.deepStrictEqual(JSON.parse(run.stdout).files.map((f: { path: string }) => f.path), [path.join('app', '.env')]);
  });

  it('repro: a symlinked .gitignore that leads out of the repository is never appended to', async function () {
    try {
      execFileSync('git', ['--version']);
    } catch {
      console.log('    (skipped: git is not installed on this machine)');
      this.skip();
    }
    const top = make({ 'outside/ignore-list': 'node_modules\n', 'repo/.env': `OPENAI_API_KEY=${KEY}\n` });
    const repo = path.join(top, 'repo');
    execFileSync('git', ['init', '-q'], { cwd: repo });
    fs.symlinkSync('../outside/ignore-list', path.join(repo, '.gitignore'));
    const run = await cli(['lint', '--fix', '--format', 'json', '.'], { cwd: repo });
    assert.strictEqual(fs.readFileSync(path.join(top, 'outside', 'ignore-list'), 'utf8'), 'node_modules\n');
    const findings = JSON.parse(run.stdout).files[0].findings;
    assert.strictEqual(findings[0].rule, 'fix-not-written');
    assert.match(findings[0].message, /\.gitignore leads out of the folder/);
  });

  it('repro: a FIFO named .env is skipped without being opened (lint used to hang forever)', function () {
    const dir = make({ 'other/.env': `OPENAI_API_KEY=${KEY}\n` });
    execFileSync('mkfifo', [path.join(dir, '.env')]);
    const run = spawnSync(process.execPath, [CLI, 'lint', '--no-git', '--format', 'json', '.'], { cwd: dir, timeout: 15_000, encoding: 'utf8' });
    assert.strictEqual(run.signal, null, 'lint finished on its own');
    const files = JSON.parse(run.stdout).files;
    assert.deepStrictEqual(files.map((f: { path: string }) => f.path), ['.env', path.join('other', '.env')]);
    assert.strictEqual(files[0].findings[0].rule, 'unreadable-file');
    assert.match(files[0].findings[0].message, /not a regular file \(fifo\)/);
    assert.strictEqual(run.status, 3);
  });

  it('repro: a 1.9 GB sparse .env is refused on its size before a byte is read', async () => {
    const dir = make();
    const file = path.join(dir, '.env');
    fs.closeSync(fs.openSync(file, 'w'));
    fs.truncateSync(file, Math.floor(1.9 * 1024 * 1024 * 1024));
    let bytesRead = 0;
    const run = await withPatchedFs(
      {
        readSync: (real) => (...args: never[]) => {
          const n = (real as (...a: unknown[]) => number)(...args);
          bytesRead += n;
          return n;
        },
        // Reading it whole (2 GB of memory) is the failure; do not let a regression take the machine down.
        readFileSync: (real) => (p: string, ...rest: never[]) => {
          if (path.resolve(String(p)) === file) {
            throw new Error('read the whole file before checking its size');
          }
          return (real as (...a: unknown[]) => unknown)(p, ...rest);
        },
      },
      () => cli(['lint', '--no-git', '--format', 'json', '.'], { cwd: dir }),
    );
    const findings = JSON.parse(run.stdout).files[0].findings;
    assert.deepStrictEqual(findings.map((f: { rule: string }) => f.rule), ['file-too-large']);
    assert.match(findings[0].message, /1945\.6 MB, above the 2\.0 MB limit/);
    assert.ok(bytesRead < 1024, `${bytesRead} bytes read`);
  });

  it('repro: one unwritable file is reported and the run goes on with the others', async () => {
    const dir = make({ 'a/.env': `OPENAI_API_KEY = ${KEY}\n`, 'b/.env': `OPENAI_API_KEY = ${KEY}\n` });
    const locked = path.join(dir, 'a');
    const denied = () => Object.assign(new Error(`EACCES: permission denied, open '${locked}'`), { code: 'EACCES' });
    const run = await withPatchedFs(
      {
        openSync: (real) => (p: string, flags: unknown, mode?: number) => {
          if (isWriteOpen(flags) && path.dirname(String(p)) === locked) {
            throw denied();
          }
          return (real as (...a: unknown[]) => number)(p, flags, mode);
        },
        writeFileSync: (real) => (p: string, ...rest: never[]) => {
          if (path.dirname(String(p)) === locked) {
            throw denied();
          }
          return (real as (...a: unknown[]) => void)(p, ...rest);
        },
      },
      () => cli(['lint', '--fix', '--no-git', '--format', 'json', '.'], { cwd: dir }),
    );
    assert.strictEqual(run.code, 3, run.stderr);
    const [a, b] = JSON.parse(run.stdout).files;
    assert.strictEqual(a.path, path.join('a', '.env'));
    assert.strictEqual(a.findings[0].rule, 'fix-not-written');
    assert.match(a.findings[0].message, /EACCES/);
    assert.deepStrictEqual(b.findings, [], 'the other file was fixed');
    assert.strictEqual(fs.readFileSync(path.join(dir, 'b', '.env'), 'utf8'), `OPENAI_API_KEY=${KEY}\n`);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'a', '.env'), 'utf8'), `OPENAI_API_KEY = ${KEY}\n`);
  });

  it('repro: a UTF-16 file with an odd number of bytes is a file-level error, and --fix leaves every byte', async () => {
    const bytes = Buffer.concat([utf16(`OPENAI_API_KEY=${KEY}\r\nPORT=3000\r\n`), Buffer.from([0x41])]);
    const dir = make({ '.env': bytes });
    const run = await cli(['lint', '--fix', '--no-git', '--format', 'json', '.'], { cwd: dir });
    assert.ok(Buffer.compare(fs.readFileSync(path.join(dir, '.env')), bytes) === 0, 'not a byte changed');
    const findings = JSON.parse(run.stdout).files[0].findings;
    const finding = findings.find((f: { rule: string }) => f.rule === 'utf16-encoding');
    assert.ok(finding, JSON.stringify(findings));
    assert.strictEqual(finding.fixable, false);
    assert.match(finding.message, /damaged/);
  });
});
