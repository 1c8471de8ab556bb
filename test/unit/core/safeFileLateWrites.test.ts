import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CliIo } from '../../../src/cli/io';
import { runLint } from '../../../src/cli/lintCommand';
import { FileOps, NODE_FILE_OPS, WriteRefused, readFileSafely, writeFileSafely } from '../../../src/core/safeFile';
import { fakeKey } from '../../support/keys';

/**
 * Red team (issue 9 item 2: "refuse with a clear message when the file changed since it was read"; README: "a
 * concurrent editor cannot cost a line"): the last look before the rename cannot see a save made in the instant
 * between it and the rename (no file system offers compare-and-rename). An editor saving in place (truncate +
 * write, the same file) in that window used to lose its change silently when it kept the length or shortened
 * the file. The other writer is simulated at the moment of the rename, through the injectable FileOps.
 */
const KEY = fakeKey('project', 5);

/** FileOps whose rename first lets `otherWriter` write the original in place, once. */
function renameAfter(file: string, otherWriter: () => void): Partial<FileOps> & { wrote(): boolean } {
  let wrote = false;
  return {
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (!wrote && String(to) === fs.realpathSync(file)) {
        wrote = true;
        otherWriter();
      }
      return NODE_FILE_OPS.renameSync(from, to);
    },
    wrote: () => wrote,
  };
}

describe('an in-place save by another program just before our rename is never lost', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-late-writes-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lint --fix: the editor\'s save (same length) stays, and the run says the file changed (red team raceInPlaceWrite)', async () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, `OPENAI_API_KEY = ${KEY}\nPORT=3000\n`);
    const ops = renameAfter(file, () => fs.writeFileSync(file, `OPENAI_API_KEY = ${KEY}\nPORT=4000\n`));
    const out: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: dir, env: {}, color: false, files: ops };
    const code = await runLint(['--fix', '--no-git', '--format', 'json', '.'], io, '0.0.0');
    assert.ok(ops.wrote(), 'the other program saved in the window');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), `OPENAI_API_KEY = ${KEY}\nPORT=4000\n`, 'the other program\'s version, whole');
    assert.match(out.join('\n'), /changed after it was read/);
    assert.notStrictEqual(code, 0);
    assert.deepStrictEqual(fs.readdirSync(dir), ['.env'], 'no temporary file left');
  });

  it('writeFileSafely: a shorter save is put back with its mode, and refused as "changed"', () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'A=1\nB=2\nC=3\n', { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    const read = readFileSafely(file, 1 << 20);
    assert.strictEqual(read.kind, 'read');
    const ops = { ...NODE_FILE_OPS, ...renameAfter(file, () => fs.writeFileSync(file, 'A=1\n')) };
    assert.throws(
      () => writeFileSafely(read.kind === 'read' ? read.snapshot : (undefined as never), Buffer.from('A=1\nB=2\nC=33\n'), { root: dir }, ops),
      (e: unknown) => e instanceof WriteRefused && e.reason === 'changed',
    );
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'A=1\n');
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
  });

  it('writeFileSafely: lines appended in the window are still added after our fix', () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'A = 1\n');
    const read = readFileSafely(file, 1 << 20);
    assert.strictEqual(read.kind, 'read');
    const ops = { ...NODE_FILE_OPS, ...renameAfter(file, () => fs.appendFileSync(file, 'B=2\n')) };
    writeFileSafely(read.kind === 'read' ? read.snapshot : (undefined as never), Buffer.from('A=1\n'), { root: dir }, ops);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'A=1\nB=2\n');
  });
});
