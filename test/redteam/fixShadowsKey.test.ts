import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyEdits } from '../../src/core/fix';
import { fixAllEdits, reviewFixes } from '../../src/core/fixProof';
import { lintText } from '../../src/core/lint';
import { cli } from '../support/cli';
import { fakeKey } from '../support/keys';

/**
 * Red team: a "safe" fix that makes an ignored line readable again turns it into a later definition of
 * OPENAI_API_KEY, which shadows the well-formed key the app was using. The proof (fixProof.ts) only checks that
 * the touched lines "get what they say on their own" and that definitions *inside* the touched region survive;
 * a definition outside the region that gets shadowed is not checked.
 */
const KEY = fakeKey('project', 7);

async function fixWithCli(content: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-redteam-shadow-'));
  try {
    fs.writeFileSync(path.join(dir, '.env'), content);
    await cli(['lint', '--fix', '--no-git', '.'], { cwd: dir });
    return fs.readFileSync(path.join(dir, '.env'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CASES: Array<[string, string]> = [
  ['a zero-width space before the name of a later placeholder line', `OPENAI_API_KEY=${KEY}\n\u200bOPENAI_API_KEY=your-api-key-here\n`],
  ['a zero-width space after the name of a later placeholder line', `OPENAI_API_KEY=${KEY}\nOPENAI_API_KEY\u200b=your-api-key-here\n`],
  ['a word joiner before the name of an old, masked key', `OPENAI_API_KEY=${KEY}\n\u2060OPENAI_API_KEY=sk-proj-...${KEY.slice(-4)}\n`],
];

describe('red team: a safe fix must not make the app lose the well-formed key it uses', () => {
  for (const [what, text] of CASES) {
    it(`lint --fix: ${what}`, async () => {
      assert.strictEqual(dotenv.parse(text).OPENAI_API_KEY, KEY, 'before the fix, the app gets the well-formed key');
      const after = await fixWithCli(text);
      assert.strictEqual(dotenv.parse(after).OPENAI_API_KEY, KEY, `after --fix the app gets ${JSON.stringify(dotenv.parse(after).OPENAI_API_KEY)}:\n${after}`);
    });

    it(`Fix All and the preferred quick fix (Auto Fix): ${what}`, () => {
      const result = lintText(text, { fileName: '.env' });
      const fixAll = applyEdits(text, fixAllEdits(result));
      assert.strictEqual(dotenv.parse(fixAll).OPENAI_API_KEY, KEY, `Fix All gives ${JSON.stringify(dotenv.parse(fixAll).OPENAI_API_KEY)}`);
      for (const finding of result.findings) {
        for (const reviewed of reviewFixes(result, finding)) {
          if (reviewed.preferred) {
            const fixed = applyEdits(text, reviewed.fix.edits);
            assert.strictEqual(dotenv.parse(fixed).OPENAI_API_KEY, KEY, `preferred "${reviewed.title}" (${finding.rule}) gives ${JSON.stringify(dotenv.parse(fixed).OPENAI_API_KEY)}`);
          }
        }
      }
    });
  }
});
