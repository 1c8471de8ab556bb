import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../support/cli';
import { fakeKey } from '../support/keys';

const KEY = fakeKey('project', 331);

/**
 * Red team: a source file whose name is not valid UTF-8 (`café.py` saved in Latin-1 by an old archive tool or
 * a Windows share mounted without iocharset) exists and is readable, but the folder listing decodes its name to
 * `caf\uFFFD.py`, which does not exist: the file is reported unreadable (ENOENT), its key is never searched.
 */
describe('red team: a source file with a Latin-1 (non-UTF-8) name', () => {
  let dir = '';
  before(function () {
    if (process.platform !== 'linux') {
      console.log('      skipped: only Linux file systems keep a name that is not valid UTF-8 as raw bytes');
      this.skip();
    }
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-rt-latin1-')));
    fs.writeFileSync(path.join(dir, 'app.py'), 'from openai import OpenAI\n');
    const latin1Name = Buffer.concat([Buffer.from(`${dir}${path.sep}caf`), Buffer.from([0xe9]), Buffer.from('.py')]);
    fs.writeFileSync(latin1Name, `client = OpenAI(api_key="${KEY}")\n`);
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('is searched: its hard-coded key is reported, not an unreadable-file warning', async () => {
    const run = await cli(['lint', '--format', 'json', '.'], { cwd: dir, env: { PATH: process.env.PATH } });
    const files = (JSON.parse(run.stdout) as { files: Array<{ findings: Array<{ rule: string }> }> }).files;
    assert.deepStrictEqual(
      { code: run.code, rules: files.flatMap((f) => f.findings.map((x) => x.rule)) },
      { code: 1, rules: ['hardcoded-key'] },
    );
  });
});
