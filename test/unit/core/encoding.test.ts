import * as assert from 'assert';
import * as dotenv from 'dotenv';
import { decodeFile, textAsDotenvReadsIt } from '../../../src/core/encoding';
import { applySafeFixes, lintBytes } from '../../../src/core/lintFile';
import { explained } from '../../support/lint';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project');
const TEXT = `# written by PowerShell: echo "OPENAI_API_KEY=..." > .env\r\nOPENAI_API_KEY=${KEY}\r\n`;

function utf16le(text: string, bom: boolean): Uint8Array {
  return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
}

function utf16be(text: string, bom: boolean): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), be]);
}

describe('encodings', () => {
  const cases: Array<[string, Uint8Array]> = [
    ['UTF-16 LE with BOM (PowerShell 5 ">")', utf16le(TEXT, true)],
    ['UTF-16 LE without BOM', utf16le(TEXT, false)],
    ['UTF-16 BE with BOM', utf16be(TEXT, true)],
    ['UTF-16 BE without BOM', utf16be(TEXT, false)],
  ];
  for (const [label, bytes] of cases) {
    it(`${label}: dotenv reads nothing, we say so and offer to re-save as UTF-8`, () => {
      assert.deepStrictEqual(dotenv.parse(Buffer.from(textAsDotenvReadsIt(bytes))), {}, 'dotenv really gets nothing');
      const decoded = decodeFile(bytes);
      assert.strictEqual(decoded.text, TEXT);
      const result = lintBytes(bytes, { fileName: '.env' });
      const finding = result.findings.find((f) => f.rule === 'utf16-encoding');
      assert.ok(finding, 'utf16-encoding reported');
      assert.strictEqual(finding.severity, 'error');
      assert.match(explained(finding), /gets no variable at all/);
      const fixed = applySafeFixes(result, bytes);
      assert.ok(fixed);
      assert.strictEqual(Buffer.from(fixed.bytes).toString('utf8'), TEXT, 'same content, now UTF-8, CRLF kept');
      assert.strictEqual(dotenv.parse(Buffer.from(fixed.bytes)).OPENAI_API_KEY, KEY);
    });
  }

  it('a UTF-8 BOM: a warning naming the first variable, removable', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`OPENAI_API_KEY=${KEY}\n`)]);
    const result = lintBytes(bytes, { fileName: '.env' });
    assert.deepStrictEqual(result.findings.map((f) => [f.rule, f.severity]), [['utf8-bom', 'warning']]);
    assert.match(explained(result.findings[0]), /OPENAI_API_KEY goes missing/);
    const fixed = applySafeFixes(result, bytes)!;
    assert.strictEqual(Buffer.from(fixed.bytes).toString('utf8'), `OPENAI_API_KEY=${KEY}\n`);
  });

  it('NUL bytes in a UTF-8 file', () => {
    const result = lintBytes(Buffer.from(`OPENAI_API_KEY=${KEY}\n\0\0X=1\n`), { fileName: '.env' });
    assert.ok(result.findings.some((f) => f.rule === 'nul-bytes' && f.severity === 'error'));
  });

  it('binary files are skipped with one information finding', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = (i * 7919) % 256;
    }
    const result = lintBytes(bytes, { fileName: '.env' });
    assert.deepStrictEqual(result.findings.map((f) => f.rule), ['binary-file']);
  });

  it('files above the size cap are skipped with one information finding', () => {
    const result = lintBytes(Buffer.alloc(3 * 1024 * 1024, 0x41), { fileName: '.env' });
    assert.deepStrictEqual(result.findings.map((f) => [f.rule, f.severity]), [['file-too-large', 'information']]);
    assert.match(explained(result.findings[0]), /3\.0 MB, above the 2\.0 MB limit/);
  });

  it('random bytes never throw', () => {
    let seed = 5;
    for (let n = 0; n < 1000; n++) {
      const bytes = Buffer.alloc(n % 300);
      for (let i = 0; i < bytes.length; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        bytes[i] = seed % 256;
      }
      lintBytes(bytes, { fileName: '.env' });
    }
  });

  it('leaves files whose bytes are not valid UTF-8 untouched by --fix', () => {
    const bytes = Buffer.concat([Buffer.from(`OPENAI_API_KEY = ${KEY}\n`), Buffer.from([0xc3, 0x28, 0x0a])]);
    const result = lintBytes(bytes, { fileName: '.env' });
    assert.ok(result.findings.some((f) => f.rule === 'space-around-separator'));
    assert.strictEqual(applySafeFixes(result, bytes), undefined);
  });
});
