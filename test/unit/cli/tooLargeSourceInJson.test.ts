import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 341);

interface Report {
  path: string;
  findings: Array<{ rule: string }>;
}

/**
 * Found by the red team: a `.env` file above the limit gets a `file-too-large` finding, and so does a source file
 * named explicitly; one found by the folder scan only got a note on standard error, so a CI job reading the JSON or
 * SARIF never learnt that a 3 MB bundle (which holds a key) was not searched. It gets the same finding now.
 */
describe('a source file above --max-size-mb found in a folder is in JSON and SARIF', () => {
  let dir = '';
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-rt-toolarge-')));
    fs.mkdirSync(path.join(dir, 'public'));
    fs.writeFileSync(path.join(dir, 'public', 'bundle.js'), `${'var a=1;'.repeat(400_000)}var k="${KEY}";\n`);
    fs.writeFileSync(path.join(dir, 'app.py'), 'from openai import OpenAI\n');
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('control: the same file named explicitly is listed with file-too-large', async () => {
    const run = await cli(['lint', '--format', 'json', 'public/bundle.js'], { cwd: dir, env: {} });
    const files = (JSON.parse(run.stdout) as { files: Report[] }).files;
    assert.deepStrictEqual(files.map((f) => `${f.path.split(path.sep).join('/')} ${f.findings.map((x) => x.rule).join(',')}`), ['public/bundle.js file-too-large']);
  });

  it('lint --format json . lists it with file-too-large', async () => {
    const run = await cli(['lint', '--format', 'json', '.'], { cwd: dir, env: {} });
    const files = (JSON.parse(run.stdout) as { files: Report[] }).files;
    assert.deepStrictEqual(files.map((f) => `${f.path.split(path.sep).join('/')} ${f.findings.map((x) => x.rule).join(',')}`), ['public/bundle.js file-too-large']);
  });
});
