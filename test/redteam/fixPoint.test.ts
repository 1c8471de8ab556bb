import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../support/cli';
import { fakeKey } from '../support/keys';

/**
 * Red team: "one --fix pass reaches a fixed point" (issue 9, deliver 1). A U+FEFF that is not at the start of
 * the file is not a BOM for the first pass; once a fix deletes what is before it (a duplicate line, another
 * U+FEFF) it is the file's first character, a BOM, and a second `lint --fix` finds and removes it.
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

describe('red team: one --fix pass reaches a fixed point', () => {
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
});
