import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../../support/cli';
import { fakeKey } from '../../../support/keys';

const KEY = fakeKey('project', 351);

/**
 * Found by the red team: `cp .env .env.bak` before an edit is a common habit, and key-reused said "use a key per
 * environment" on both files. A backup copy is the environment of the file it backs up; no loader reads it.
 */
describe('key-reused between .env and its backup copy', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  for (const backup of ['.env.bak', '.env.backup', '.env.old', '.env.orig', '.env~']) {
    it(`.env and ${backup} holding the same key: no key-reused`, async () => {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-rt-backup-')));
      dirs.push(dir);
      fs.writeFileSync(path.join(dir, '.env'), `OPENAI_API_KEY=${KEY}\n`);
      fs.writeFileSync(path.join(dir, backup), `OPENAI_API_KEY=${KEY}\n`);
      const run = await cli(['lint', '--format', 'json', '.'], { cwd: dir, env: {} });
      const files = (JSON.parse(run.stdout) as { files: Array<{ path: string; findings: Array<{ rule: string }> }> }).files;
      assert.deepStrictEqual(files.flatMap((f) => f.findings.filter((x) => x.rule === 'key-reused').map(() => f.path)), []);
    });
  }
});
