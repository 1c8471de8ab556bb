import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MockOpenAI, mockKey, startMockOpenAI } from '../mock/openaiMock';
import { cli } from '../support/cli';

/**
 * Red team (issue 10: "Test OpenAI key never says ok for a key that will fail in the user's app"):
 * `test --env-file .env` decodes a UTF-16 file (what PowerShell's `>` writes) and tests the key it finds there,
 * while dotenv, which reads UTF-8, gets no variable at all from that file: the app has no key. The CLI says
 * "OK: The key works…" and exits 0 (testCommand.ts readKey mentions UTF-16 only when the variable is missing).
 */
describe('red team: test --env-file on a UTF-16 .env', function () {
  this.timeout(30000);
  let mock: MockOpenAI;
  let dir: string;
  before(async () => {
    mock = await startMockOpenAI();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-redteam-u16-'));
  });
  after(async () => {
    await mock.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('does not say ok (exit 0) when the app, reading the file with dotenv, gets no key', async () => {
    const key = mockKey('ok');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`OPENAI_API_KEY=${key}\r\n`, 'utf16le')]);
    fs.writeFileSync(path.join(dir, '.env'), bytes);
    assert.strictEqual(dotenv.parse(bytes).OPENAI_API_KEY, undefined, 'dotenv gets no key from the file');
    const run = await cli(['test', '--env-file', '.env', '--base-url', mock.baseUrl, '--timeout-ms', '3000', '--format', 'json'], { cwd: dir });
    const verdict = (JSON.parse(run.stdout) as { verdict: { status: string; summary: string } }).verdict;
    assert.notStrictEqual(run.code, 0, `exit 0 with verdict ${verdict.status}: ${verdict.summary}`);
  });
});
