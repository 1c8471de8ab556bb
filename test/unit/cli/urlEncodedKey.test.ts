import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 371);

/**
 * Found by the red team: a key percent-encoded after `=` or `"` (`%3Dsk-proj-…`, `%22sk-proj-…`), as it sits in a
 * HAR capture, a proxy log or a URL-encoded form body committed as a test fixture, is a key: the run of key
 * characters starts at the hex digits of the escape.
 */
describe('hardcoded-key: percent-encoded keys in captured requests', () => {
  let dir = '';
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-rt-urlenc-')));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('a HAR file whose request URL and form body hold the key percent-encoded is reported', async () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            request: {
              method: 'POST',
              url: `https://proxy.example.com/forward?target=https%3A%2F%2Fapi.openai.com%2Fv1%2Fmodels%3Fapi_key%3D${KEY}`,
              postData: { mimeType: 'application/x-www-form-urlencoded', text: `config=${encodeURIComponent(JSON.stringify({ apiKey: KEY }))}` },
            },
          },
        ],
      },
    };
    fs.writeFileSync(path.join(dir, 'session.har'), JSON.stringify(har, null, 2));
    const run = await cli(['lint', '--format', 'json', '.'], { cwd: dir, env: {} });
    const files = (JSON.parse(run.stdout) as { files: Array<{ path: string; findings: Array<{ rule: string; line: number }> }> }).files;
    assert.deepStrictEqual(
      { code: run.code, found: files.flatMap((f) => f.findings.map((x) => `${f.path} ${x.rule}@${x.line}`)) },
      { code: 1, found: ['session.har hardcoded-key@8', 'session.har hardcoded-key@11'] },
    );
  });
});
