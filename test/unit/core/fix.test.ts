import * as assert from 'assert';
import * as dotenv from 'dotenv';
import { applyEdits } from '../../../src/core/fix';
import { chooseProvenFixes, fixUntilStable } from '../../../src/core/fixProof';
import { lintText } from '../../../src/core/lint';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project');

function applyFirstFix(text: string, rule: string): string {
  const finding = lintText(text, { fileName: '.env' }).findings.find((f) => f.rule === rule);
  assert.ok(finding, `no ${rule}`);
  return applyEdits(text, finding.fixes[0].edits);
}

describe('fixes change exactly what they say', () => {
  const lf = (s: string) => s;
  const crlf = (s: string) => s.replace(/\n/g, '\r\n');
  for (const [eolName, eol] of [['LF', lf], ['CRLF', crlf]] as const) {
    describe(`in a ${eolName} file`, () => {
      const around = (line: string) => eol(`# app settings\nPORT=3000\n${line}\nDEBUG=false # verbose\n`);
      const cases: Array<[string, string, string]> = [
        ['space-around-separator', `OPENAI_API_KEY = ${KEY}`, `OPENAI_API_KEY=${KEY}`],
        ['trailing-whitespace', `OPENAI_API_KEY=${KEY} \t`, `OPENAI_API_KEY=${KEY}`],
        ['whitespace-in-quotes', `OPENAI_API_KEY=" ${KEY} "`, `OPENAI_API_KEY="${KEY}"`],
        ['invisible-character', `OPENAI_API_KEY=${KEY.slice(0, 20)}\u200b${KEY.slice(20)}`, `OPENAI_API_KEY=${KEY}`],
        ['lookalike-character', `OPENAI_API_KEY=sk\u2011proj-${KEY.slice(8)}`, `OPENAI_API_KEY=${KEY}`],
        ['smart-quotes', `OPENAI_API_KEY=\u201c${KEY}\u201d`, `OPENAI_API_KEY="${KEY}"`],
        ['bearer-prefix', `OPENAI_API_KEY=Bearer ${KEY}`, `OPENAI_API_KEY=${KEY}`],
        ['unterminated-quote', `OPENAI_API_KEY="${KEY}`, `OPENAI_API_KEY="${KEY}"`],
        ['key-name', `openai_api_key=${KEY}`, `OPENAI_API_KEY=${KEY}`],
        ['colon-separator', `OPENAI_API_KEY: ${KEY}`, `OPENAI_API_KEY=${KEY}`],
      ];
      for (const [rule, before, after] of cases) {
        it(`${rule}`, () => {
          assert.strictEqual(applyFirstFix(around(before), rule), around(after));
        });
      }

      it('wrapped-key joins the two lines', () => {
        const text = around(`OPENAI_API_KEY=${KEY.slice(0, 90)}\n${KEY.slice(90)}`);
        assert.strictEqual(applyFirstFix(text, 'wrapped-key'), around(`OPENAI_API_KEY=${KEY}`));
      });

      it('duplicate-key removes the definition dotenv does not use, so what the app reads is unchanged', () => {
        const text = around(`OPENAI_API_KEY=sk-proj-...${KEY.slice(-4)}\nOPENAI_API_KEY=${KEY}`);
        const fixed = applyFirstFix(text, 'duplicate-key');
        assert.strictEqual(fixed, around(`OPENAI_API_KEY=${KEY}`));
        assert.deepStrictEqual(dotenv.parse(fixed), dotenv.parse(text));
      });
    });
  }

  it('crlf-line-endings converts every line ending and nothing else', () => {
    const text = `OPENAI_API_KEY=${KEY}\r\nPORT=3000\r\n`;
    assert.strictEqual(applyFirstFix(text, 'crlf-line-endings'), `OPENAI_API_KEY=${KEY}\nPORT=3000\n`);
  });

  it('fix all applies every safe fix once, and a second pass finds nothing more to fix', () => {
    const text = `OPENAI_API_KEY = " ${KEY}"\nOPENAI_ORG_ID=org-abc \nX=1\n`;
    const once = fixUntilStable(lintText(text)).text;
    assert.strictEqual(once, `OPENAI_API_KEY="${KEY}"\nOPENAI_ORG_ID=org-abc\nX=1\n`);
    assert.deepStrictEqual(chooseProvenFixes(lintText(once)), []);
  });

  it('safe fixes never change another variable', () => {
    const text = `A= 1 \nOPENAI_API_KEY = \u201c${KEY}\u201d  \nB="two words"\nopenai_api_key=x\n`;
    const fixed = fixUntilStable(lintText(text)).text;
    const before = dotenv.parse(text);
    const after = dotenv.parse(fixed);
    assert.strictEqual(after.A, before.A);
    assert.strictEqual(after.B, before.B);
    assert.strictEqual(after.OPENAI_API_KEY, KEY);
  });
});
