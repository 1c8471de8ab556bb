import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../support/cli';
import { fakeKey } from '../support/keys';

const KEY = fakeKey('project', 381);

/**
 * Red team: the source scan allocates one scratch buffer of `--max-size-mb` + 1 byte before reading anything
 * (src/core/sources/scanTree.ts: scanSourcePaths, `Buffer.allocUnsafe(maxBytes + 1)`), and reads into it with
 * fs.readSync, whose length must fit in 31 bits. A generous limit meant as "search everything" then breaks the scan:
 * from 2048 MB every source file is `unreadable-file (ERR_OUT_OF_RANGE)` and its key is never searched (exit 3);
 * from 4096 MB the run ends in "unexpected failure" with exit 2, the code documented for a usage error. The .env
 * files are linted fine with the same limit.
 */
describe('red team: lint --max-size-mb with a large limit', () => {
  let dir = '';
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-rt-maxsize-')));
    fs.writeFileSync(path.join(dir, 'app.py'), `from openai import OpenAI\nclient = OpenAI(api_key="${KEY}")\n`);
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  const lint = async (limit: string) => {
    const run = await cli(['lint', '--format', 'json', '--max-size-mb', limit, '.'], { cwd: dir, env: {} });
    const files = run.stdout ? (JSON.parse(run.stdout) as { files: Array<{ path: string; findings: Array<{ rule: string }> }> }).files : [];
    return { code: run.code, found: files.flatMap((f) => f.findings.map((x) => `${f.path} ${x.rule}`)), stderr: run.stderr };
  };

  it('control: --max-size-mb 100 finds the key', async () => {
    assert.deepStrictEqual(await lint('100'), { code: 1, found: ['app.py hardcoded-key'], stderr: '' });
  });

  it('--max-size-mb 2048 finds the key (not unreadable-file ERR_OUT_OF_RANGE)', async () => {
    assert.deepStrictEqual(await lint('2048'), { code: 1, found: ['app.py hardcoded-key'], stderr: '' });
  });

  it('--max-size-mb 5000 finds the key (not "unexpected failure", exit 2)', async () => {
    assert.deepStrictEqual(await lint('5000'), { code: 1, found: ['app.py hardcoded-key'], stderr: '' });
  });
});
