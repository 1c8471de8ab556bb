import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../support/cli';
import { applySafeFixes, lintBytes } from '../../../src/core/lintFile';
import { fakeKey } from '../../support/keys';

/**
 * One `--fix` pass reaches a fixed point, the byte order mark included (red team finding 8). A U+FEFF that is
 * not at the start of the file is not a BOM for the first pass; once a fix deletes what is before it (a
 * duplicate line, another U+FEFF) it is the file's first character, a BOM, in the bytes written. applySafeFixes
 * now lints the bytes it would write again, until they no longer change.
 */
async function fixTwice(bytes: Buffer): Promise<{ once: Buffer; twice: Buffer; secondRun: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-redteam-fixpoint-'));
  try {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, bytes);
    await cli(['lint', '--fix', '--no-git', '.'], { cwd: dir });
    const once = fs.readFileSync(file);
    const run = await cli(['lint', '--fix', '--no-git', '.'], { cwd: dir });
    return { once, twice: fs.readFileSync(file), secondRun: run.stdout + run.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('one --fix pass reaches a fixed point, the byte order mark decision included', () => {
  it('a duplicate line removed in front of a U+FEFF line', async () => {
    const bytes = Buffer.from('OPENAI_BASE_URL=https://example.test/v1\n\uFEFF\nOPENAI_BASE_URL=https://example.test/v1\n', 'utf8');
    const { once, twice, secondRun } = await fixTwice(bytes);
    assert.deepStrictEqual(twice, once, `the second --fix changed the file again (${secondRun.trim()})`);
  });

  it('a file that starts with two U+FEFF', async () => {
    const bytes = Buffer.from(`\uFEFF\uFEFFOPENAI_API_KEY: \u201c${fakeKey('early-project', 1)}\n`, 'utf8');
    const { once, twice, secondRun } = await fixTwice(bytes);
    assert.deepStrictEqual(twice, once, `the second --fix changed the file again (${secondRun.trim()})`);
  });

  it('applySafeFixes: the bytes it returns give nothing more to fix, and no key is lost', () => {
    const key = fakeKey('early-project', 2);
    for (const text of [
      'OPENAI_BASE_URL=https://example.test/v1\n\uFEFFPORT=1\nOPENAI_BASE_URL=https://example.test/v1\n',
      `\uFEFF\uFEFF\uFEFFOPENAI_API_KEY=${key}\n`,
      `OPENAI_ORG_ID=org-123abc\n\uFEFFOPENAI_ORG_ID=org-456def\n`,
    ]) {
      for (const bom of ['', '\uFEFF']) {
        const bytes = Buffer.from(bom + text, 'utf8');
        const once = applySafeFixes(lintBytes(bytes, { fileName: '.env', forFixingOnly: true }), bytes);
        assert.ok(once, JSON.stringify(bom + text));
        const again = applySafeFixes(lintBytes(once.bytes, { fileName: '.env', forFixingOnly: true }), once.bytes);
        assert.strictEqual(again, undefined, `a second pass changed ${JSON.stringify(Buffer.from(once.bytes).toString('utf8'))} again`);
        assert.strictEqual(Buffer.from(once.bytes)[0] === 0xef, false, 'no byte order mark is left at the start');
        assert.strictEqual(Buffer.from(once.bytes).toString('utf8').includes(key), text.includes(key), 'the key is kept');
      }
    }
  });
});
