import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 381);

/**
 * Found by the red team: the source scan allocated one scratch buffer of `--max-size-mb` + 1 byte up front and read
 * into it with fs.readSync, whose length must fit in 31 bits: from 2048 MB every source file was unreadable, from
 * 4096 MB the run crashed. Buffers now follow the file's size and reads go in chunks; a limit above 4096 MB is a
 * usage error (exit 2).
 */
describe('lint --max-size-mb with a large limit', () => {
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

  it('--max-size-mb 4096 finds the key', async () => {
    assert.deepStrictEqual(await lint('4096'), { code: 1, found: ['app.py hardcoded-key'], stderr: '' });
  });

  it('--max-size-mb 5000 is a usage error (exit 2), not "unexpected failure"', async () => {
    const run = await lint('5000');
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /--max-size-mb takes a positive number up to 4096/);
  });
});
