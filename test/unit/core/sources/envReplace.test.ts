import * as assert from 'assert';
import { planEnvReplace } from '../../../../src/core/sources/envReplace';
import { fakeKey } from '../../../support/keys';

const KEY = fakeKey('project', 90);
const OLD = fakeKey('legacy', 91);

describe('replacing the value of a variable .env already defines', () => {
  it('puts the key in every definition, inside the quotes when quoted, keeping comments and every other byte', () => {
    const text = `export OPENAI_API_KEY=${OLD}   # old key\r\nA=1\r\nOPENAI_API_KEY='${OLD}'\r\n`;
    assert.strictEqual(planEnvReplace(text, 'OPENAI_API_KEY', KEY)?.content, `export OPENAI_API_KEY=${KEY}   # old key\r\nA=1\r\nOPENAI_API_KEY='${KEY}'\r\n`);
  });

  it('fills an empty value', () => {
    assert.strictEqual(planEnvReplace('OPENAI_API_KEY=\nB=2\n', 'OPENAI_API_KEY', KEY)?.content, `OPENAI_API_KEY=${KEY}\nB=2\n`);
  });

  it('refuses when the variable is not defined', () => {
    assert.strictEqual(planEnvReplace('A=1\n', 'OPENAI_API_KEY', KEY), undefined);
  });

  it('a multi-line quoted value is replaced as a whole: the definitions after it keep their values', () => {
    assert.strictEqual(planEnvReplace('OPENAI_API_KEY="a\nB=2"\nB=3\n', 'OPENAI_API_KEY', KEY)?.content, `OPENAI_API_KEY="${KEY}"\nB=3\n`);
  });
});
