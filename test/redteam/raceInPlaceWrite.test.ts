import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CliIo } from '../../src/cli/io';
import { runLint } from '../../src/cli/lintCommand';
import { NODE_FILE_OPS } from '../../src/core/safeFile';
import { fakeKey } from '../support/keys';

/**
 * Red team (issue 9 item 2: "refuse with a clear message when the file changed since it was read"; README: "a
 * concurrent editor cannot cost a line"): writeFileSafely's last look (safeFile.ts) compares the bytes, then
 * renames; after the rename only *appends* to the old inode are recovered (keepLateAppends looks at the size).
 * An editor that saves in place (truncate + write, the same inode) in that window with a change of the same
 * length or shorter loses its change silently: no refusal, no message, exit 0, the file holds our fix of the
 * old text. The other writer is simulated at the moment of the rename, through the CLI's injectable FileOps.
 */
const KEY = fakeKey('project', 5);

describe('red team: an in-place save by another program just before the rename', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-redteam-race-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is not lost silently', async () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, `OPENAI_API_KEY = ${KEY}\nPORT=3000\n`);
    let saved = false;
    const out: string[] = [];
    const io: CliIo = {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      cwd: dir,
      env: {},
      color: false,
      files: {
        renameSync: (from: fs.PathLike, to: fs.PathLike) => {
          if (!saved && String(to) === fs.realpathSync(file)) {
            saved = true;
            // The editor's save: same inode, same length, one value changed.
            fs.writeFileSync(file, `OPENAI_API_KEY = ${KEY}\nPORT=4000\n`);
          }
          return NODE_FILE_OPS.renameSync(from, to);
        },
      },
    };
    const code = await runLint(['--fix', '--no-git', '--format', 'json', '.'], io, '0.0.0');
    assert.ok(saved, 'the other program saved in the window');
    const now = fs.readFileSync(file, 'utf8');
    const refused = /changed after it was read/.test(out.join('\n'));
    assert.ok(now.includes('PORT=4000') || refused, `exit ${code}; the other program's PORT=4000 is gone and nothing said so. File now:\n${now.replace(KEY, '<KEY>')}`);
  });
});
