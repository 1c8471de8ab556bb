import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileFixError, resaveAsUtf8 } from '../../src/core/fileFixes';
import { cli } from '../support/cli';
import { fakeKey } from '../support/keys';

/**
 * Red team (issue 9: "never lose a byte"; "undecodable UTF-16 is a file-level error and no fix is offered"):
 * a Windows user creates `.env` with PowerShell (`echo "PORT=3000" > .env`: UTF-16 LE with a BOM), then appends
 * the key from Git Bash or WSL (`printf '\nOPENAI_API_KEY=…\n' >> .env`: UTF-8). dotenv reads the appended
 * line and the app gets its key. decodeFile (encoding.ts) trusts the BOM for the whole file: the UTF-8 tail
 * decodes to CJK characters (pairs of ASCII bytes are never surrogates, so nothing looks "undecodable"), the
 * linter says OPENAI_API_KEY is undefined, and the safe fix "Save the file as UTF-8 (same content)"
 * (`lint --fix`, and the extension's Re-save as UTF-8) writes those CJK characters: the key line is gone and the
 * app loses the key it had.
 */
const KEY = fakeKey('project', 21);

function mixedFile(): Buffer {
  const head = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('PORT=3000\r\n', 'utf16le')]);
  let tail = Buffer.from(`\nOPENAI_API_KEY=${KEY}\n`, 'utf8');
  if (tail.length % 2 !== 0) {
    tail = Buffer.from(`\nOPENAI_API_KEY=${KEY}\n\n`, 'utf8');
  }
  return Buffer.concat([head, tail]);
}

describe('red team: a UTF-16 file with a UTF-8 tail appended (PowerShell ">" then bash ">>")', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-redteam-mixed-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the setup: dotenv gives the app the key before any fix', () => {
    assert.strictEqual(dotenv.parse(mixedFile()).OPENAI_API_KEY, KEY);
  });

  it('lint --fix keeps the key the app reads', async () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, mixedFile());
    await cli(['lint', '--fix', '--no-git', '.'], { cwd: dir });
    const after = fs.readFileSync(file);
    assert.strictEqual(dotenv.parse(after).OPENAI_API_KEY, KEY, `after --fix dotenv gives ${JSON.stringify(dotenv.parse(after))}; file now: ${JSON.stringify(after.toString('utf8').slice(0, 60))}…`);
  });

  it('the extension\'s Re-save as UTF-8 refuses, or keeps the key the app reads', () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, mixedFile());
    try {
      resaveAsUtf8(file, dir, 2 * 1024 * 1024);
    } catch (e) {
      if (e instanceof FileFixError) {
        return; // refused: the file is left as it was
      }
      throw e;
    }
    const after = fs.readFileSync(file);
    assert.strictEqual(dotenv.parse(after).OPENAI_API_KEY, KEY, `after Re-save as UTF-8 dotenv gives ${JSON.stringify(dotenv.parse(after))}`);
  });

  it('the linter does not say OPENAI_API_KEY is undefined when dotenv reads it', async () => {
    fs.writeFileSync(path.join(dir, '.env'), mixedFile());
    const run = await cli(['lint', '--no-git', '--format', 'json', '.'], { cwd: dir });
    const messages = (JSON.parse(run.stdout) as { files: Array<{ findings: Array<{ message: string }> }> }).files.flatMap((f) => f.findings.map((x) => x.message));
    assert.ok(!messages.some((m) => /OPENAI_API_KEY is undefined|gets no variable at all/.test(m)), messages.join('\n'));
  });
});
