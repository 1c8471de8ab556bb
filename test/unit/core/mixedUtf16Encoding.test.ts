import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodeFile, keepsWhatDotenvReads } from '../../../src/core/encoding';
import { FileFixError, resaveAsUtf8 } from '../../../src/core/fileFixes';
import { applySafeFixes, lintBytes } from '../../../src/core/lintFile';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

/**
 * UTF-16 that stops being UTF-16 (red team finding 2): a Windows user creates `.env` with PowerShell
 * (`echo "PORT=3000" > .env`: UTF-16 LE with a BOM), then appends the key from Git Bash or WSL
 * (`printf '\nOPENAI_API_KEY=…\n' >> .env`: UTF-8). dotenv reads the appended line and the app gets its key.
 * The decoder used to trust the BOM for the whole file, so the linter said OPENAI_API_KEY was undefined and the
 * safe "Save the file as UTF-8 (same content)" wrote the UTF-8 tail as CJK characters: the app lost its key.
 * Now such a file is a file-level error saying what dotenv gets, and no re-save is offered or applied.
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

describe('a UTF-16 file with a UTF-8 part (PowerShell ">" then bash ">>") is never re-saved', () => {
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

  it('the diagnostic is a file-level error saying what dotenv gets, with no fix and nothing about lines', () => {
    const result = lintBytes(mixedFile(), { fileName: '.env' });
    assert.deepStrictEqual(result.findings.map((f) => [f.rule, f.severity, f.fixes.length]), [['utf16-encoding', 'error', 0]]);
    assert.match(result.findings[0].message, /UTF-8.*dotenv gets only OPENAI_API_KEY from it/);
    assert.ok(result.findings[0].message.length <= 160, result.findings[0].message);
    assert.strictEqual(applySafeFixes(result, mixedFile()), undefined);
  });

  it('a UTF-8 part that gives dotenv nothing (a comment appended) is not garbled either', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`OPENAI_API_KEY=${KEY}\r\n`, 'utf16le'), Buffer.from('# added by bash\n', 'utf8')]);
    assert.deepStrictEqual(decodeFile(bytes).mixed, { dotenvNames: [] });
    const result = lintBytes(bytes, { fileName: '.env' });
    assert.match(result.findings[0].message, /dotenv gets no variable from it/);
    assert.strictEqual(applySafeFixes(result, bytes), undefined);
  });

  it('UTF-16 without a BOM after a UTF-8 first line, and UTF-16 BE with a UTF-8 tail of odd length', () => {
    const noBom = Buffer.concat([Buffer.from(`OPENAI_API_KEY=${KEY}\n`, 'utf8'), Buffer.from('PORT=3000\r\nDEBUG=1\r\nNAME=x\r\nMORE=y\r\n'.repeat(20), 'utf16le')]);
    assert.strictEqual(decodeFile(noBom).encoding, 'utf16le', 'the guess says UTF-16');
    assert.deepStrictEqual(decodeFile(noBom).mixed, { dotenvNames: ['OPENAI_API_KEY'] });
    assert.strictEqual(applySafeFixes(lintBytes(noBom, { fileName: '.env' }), noBom), undefined);
    const be = Buffer.from('PORT=3000\n', 'utf16le').swap16();
    const odd = Buffer.concat([Buffer.from([0xfe, 0xff]), be, Buffer.from(`OPENAI_API_KEY=${KEY}\n\n`, 'utf8')]);
    assert.strictEqual(odd.length % 2, 1);
    assert.deepStrictEqual(decodeFile(odd).mixed, { dotenvNames: ['OPENAI_API_KEY'] });
  });

  it('a file wholly UTF-16 is still re-saved, CJK text included', () => {
    for (const text of [`OPENAI_API_KEY=${KEY}\r\n`, `# \u4e2d\u4e0a\r\nOPENAI_API_KEY=${KEY}\r\nNAME=\u4e2d\u4e0a`]) {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      assert.strictEqual(decodeFile(bytes).mixed, undefined, JSON.stringify(text));
      const fixed = applySafeFixes(lintBytes(bytes, { fileName: '.env' }), bytes);
      assert.strictEqual(dotenv.parse(Buffer.from(fixed!.bytes)).OPENAI_API_KEY, KEY);
    }
  });

  it('keepsWhatDotenvReads: every variable dotenv reads from the bytes keeps its value', () => {
    const original = mixedFile();
    assert.strictEqual(keepsWhatDotenvReads(original, Buffer.from(decodeFile(original).text, 'utf8')), false);
    assert.strictEqual(keepsWhatDotenvReads(original, Buffer.from(`PORT=3000\nOPENAI_API_KEY=${KEY}\n`)), true);
    assert.strictEqual(keepsWhatDotenvReads(Buffer.from([0xff, 0xfe, 0x41, 0x00]), Buffer.from('A=1\n')), true, 'dotenv read nothing: a re-save only adds');
  });
});
