import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyEdits } from '../../../src/core/fix';
import { parseDotenv } from '../../../src/core/dotenv/parse';
import { fixAllEdits, proveEdits, reviewFixes } from '../../../src/core/fixProof';
import { lintText } from '../../../src/core/lint';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

/**
 * A safe fix never changes which definition dotenv uses for a name it does not target (red team finding 1).
 * Removing an invisible character from a NAME makes an ignored line readable again: when the same name is
 * already defined, that line becomes a later definition that shadows the well-formed key the app was using.
 * The proof (fixProof.ts) now requires, for every name, that the definition dotenv used outside the touched
 * lines is still the one it uses, even when the shadowing line holds the same value.
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

describe('a safe fix keeps the definition dotenv uses for every name it does not target', () => {
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

  it('the invisible-character fix is still offered, as an explicit quick fix saying what else changes', () => {
    const text = CASES[0][1];
    const result = lintText(text, { fileName: '.env' });
    const finding = result.findings.find((f) => f.rule === 'invisible-character' && f.fixes.length > 0);
    assert.ok(finding, 'the invisible character is reported with a fix');
    const [reviewed] = reviewFixes(result, finding);
    assert.deepStrictEqual([reviewed.proven, reviewed.preferred], [false, false]);
    assert.match(reviewed.title, /\(also changes OPENAI_API_KEY\)$/);
  });

  it('a fixed line that shadows the used definition is not proven even with the same value', () => {
    const text = `OPENAI_API_KEY=${KEY}\n\u200bOPENAI_API_KEY=${KEY}\n`;
    const at = text.indexOf('\u200b');
    const proof = proveEdits(text, parseDotenv(text), [{ start: at, end: at + 1, newText: '' }]);
    assert.deepStrictEqual([proof.proven, proof.alsoChanges], [false, ['OPENAI_API_KEY']]);
  });

  it('a fixed line before the used definition is proven: the used one still wins', () => {
    const text = `\u200bOPENAI_API_KEY=your-api-key-here\nOPENAI_API_KEY=${KEY}\n`;
    const proof = proveEdits(text, parseDotenv(text), [{ start: 0, end: 1, newText: '' }]);
    assert.strictEqual(proof.proven, true);
  });

  it('the fix\'s own target may change: a name with no other definition', () => {
    const text = `PORT=3000\n\u2060OPENAI_API_KEY=${KEY}\n`;
    const at = text.indexOf('\u2060');
    assert.strictEqual(proveEdits(text, parseDotenv(text), [{ start: at, end: at + 1, newText: '' }]).proven, true);
  });
});
