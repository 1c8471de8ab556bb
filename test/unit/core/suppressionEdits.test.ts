import * as assert from 'assert';
import { lintText } from '../../../src/core/lint';
import type { RuleId } from '../../../src/core/rules/ruleInfo';
import { SuppressionScope, suppressionEdit } from '../../../src/core/suppressionEdits';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 11);

function silence(text: string, rule: RuleId, scope: SuppressionScope): string | undefined {
  const finding = lintText(text, { fileName: '.env' }).findings.find((f) => f.rule === rule);
  assert.ok(finding, `${rule} is reported first`);
  const edit = suppressionEdit(text, rule, finding.span, scope);
  return edit && text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

const rulesOf = (text: string) => lintText(text, { fileName: '.env' }).findings.map((f) => f.rule);

describe('"Disable <rule> for this line / file" from the light bulb', () => {
  it('for this line: a disable-next-line comment above it, and the rule is silent there only', () => {
    const text = `OPENAI_ORG_ID=org-abc \nOPENAI_API_KEY=${KEY} \n`;
    const silenced = silence(text, 'trailing-whitespace', 'line')!;
    assert.strictEqual(silenced, `# openai-key-doctor-disable-next-line trailing-whitespace\n${text}`);
    assert.deepStrictEqual(rulesOf(silenced), ['trailing-whitespace']);
  });

  it('adds the rule to a comment already there, and keeps CRLF', () => {
    const text = `# openai-key-doctor-disable-next-line crlf-line-endings\r\nOPENAI_API_KEY=${KEY} \r\n`;
    const silenced = silence(text, 'trailing-whitespace', 'line')!;
    assert.ok(silenced.startsWith('# openai-key-doctor-disable-next-line crlf-line-endings, trailing-whitespace\r\n'));
    assert.ok(!rulesOf(silenced).includes('trailing-whitespace'));
  });

  it('for this file: a disable comment on the first line', () => {
    const text = `OPENAI_API_KEY=${KEY} \nOPENAI_ORG_ID=org-abc \n`;
    const silenced = silence(text, 'trailing-whitespace', 'file')!;
    assert.ok(silenced.startsWith('# openai-key-doctor-disable trailing-whitespace\n'));
    assert.deepStrictEqual(rulesOf(silenced), []);
  });

  it('is not offered where the comment would change what dotenv reads (a NAME: that swallows the next line)', () => {
    const text = `OPENAI_ORG_ID:\nOPENAI_API_KEY=${KEY}\n`;
    const finding = lintText(text, { fileName: '.env' }).findings.find((f) => f.rule === 'swallowed-variable');
    assert.ok(finding);
    const lineTwo = { start: text.indexOf('OPENAI_API_KEY'), end: text.indexOf('OPENAI_API_KEY') + 1 };
    assert.strictEqual(suppressionEdit(text, 'swallowed-variable', lineTwo, 'line'), undefined);
  });
});
