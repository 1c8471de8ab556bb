import * as assert from 'assert';
import { fakeKey } from '../../../support/keys';
import { explained, lint, located, none, only, rulesOf } from '../../../support/lint';

const KEY = fakeKey('project');

describe('white space around the value', () => {
  it('space around "=" (seed: "Pas d\'espaces autour du =")', () => {
    const f = only(`OPENAI_API_KEY = ${KEY}\n`, 'space-around-separator');
    assert.strictEqual(f.severity, 'warning');
    assert.match(explained(f), /docker --env-file/);
    assert.deepStrictEqual(f.span, { start: 14, end: 17 });
    none(`OPENAI_API_KEY=${KEY}\n`, 'space-around-separator');
  });

  it('trailing space outside quotes: dotenv trims it, platform editors keep it', () => {
    const f = only(`OPENAI_API_KEY=${KEY}  \n`, 'trailing-whitespace');
    assert.strictEqual(f.severity, 'warning');
    assert.match(explained(f), /U\+0020 SPACE/);
    none(`OPENAI_API_KEY=${KEY}\n`, 'trailing-whitespace');
    none(`OPENAI_API_KEY=${KEY} # comment\n`, 'trailing-whitespace');
  });
});

describe('invisible characters', () => {
  it('a zero-width space in the key, at its exact column', () => {
    const text = `OPENAI_API_KEY=sk-proj-${'\u200b'}${KEY.slice(8)}\n`;
    assert.deepStrictEqual(located(text), ['invisible-character@1:24']);
    assert.match(explained(lint(text)[0]), /U\+200B ZERO WIDTH SPACE.*column 24/);
  });

  it('a BOM in the middle of the file, in front of the name', () => {
    const f = only(`PORT=3000\n\ufeffOPENAI_API_KEY=${KEY}\n`, 'invisible-character');
    assert.strictEqual(f.severity, 'error');
    assert.match(explained(f), /U\+FEFF/);
  });

  it('bidi marks', () => {
    assert.match(explained(only(`OPENAI_API_KEY=${KEY}\u200e\n`, 'invisible-character')), /LEFT-TO-RIGHT MARK/);
  });

  it('an invisible character elsewhere in the file is only a warning', () => {
    assert.strictEqual(only('GREETING=hel\u200blo\n', 'invisible-character').severity, 'warning');
  });
});

describe('wrapped keys and quotes', () => {
  it('a key wrapped onto the next line', () => {
    const text = `OPENAI_API_KEY=${KEY.slice(0, 80)}\n${KEY.slice(80)}\nPORT=3000\n`;
    const f = only(text, 'wrapped-key');
    assert.match(explained(f), /continues on line 2/);
    none(text, 'ignored-line');
    only(`OPENAI_API_KEY="${KEY.slice(0, 80)}\n${KEY.slice(80)}"\n`, 'wrapped-key');
  });

  it('an unterminated or mismatched quote', () => {
    assert.deepStrictEqual(rulesOf(`OPENAI_API_KEY="${KEY}\n`), ['unterminated-quote']);
    assert.match(explained(only(`OPENAI_API_KEY="${KEY}'\n`, 'unterminated-quote')), /different quote/);
  });

  it('a quote that swallows the following lines', () => {
    const text = `OPENAI_API_KEY="${KEY}\nOPENAI_ORG_ID=org-abc"\n`;
    const f = only(text, 'unterminated-quote');
    assert.match(explained(f), /OPENAI_ORG_ID is never defined/);
  });
});

describe('names', () => {
  for (const name of ['openai_api_key', 'OPENAI_APIKEY', 'OPEN_AI_API_KEY', 'OPENAI_API_KYE', 'OpenAI_API_Key']) {
    it(`${name}: did you mean OPENAI_API_KEY?`, () => {
      const f = only(`${name}=${KEY}\n`, 'key-name');
      assert.strictEqual(f.severity, 'error');
      assert.match(explained(f), /Did you mean OPENAI_API_KEY\?/);
      assert.deepStrictEqual(f.fixes[0].edits, [{ start: 0, end: name.length, newText: 'OPENAI_API_KEY' }]);
    });
  }

  it('is only a hint when OPENAI_API_KEY is defined too', () => {
    assert.strictEqual(only(`OPENAI_API_KEY=${KEY}\nOPENAI_APIKEY=${KEY}\n`, 'key-name').severity, 'information');
  });

  it('other key variables are not misspellings', () => {
    for (const name of ['OPENAI_KEY', 'AZURE_OPENAI_API_KEY', 'MY_APP_OPENAI_API_KEY', 'OPENAI_API_KEY_2', 'ANTHROPIC_API_KEY']) {
      none(`${name}=${KEY}\n`, 'key-name');
    }
  });

  it('a line dotenv ignores: a space instead of "=", or before ":"', () => {
    const f = only(`OPENAI_API_KEY ${KEY}\n`, 'ignored-line');
    assert.strictEqual(f.severity, 'error');
    assert.match(explained(f), /no "=" between OPENAI_API_KEY and the value/);
    assert.match(explained(only(`OPENAI_API_KEY : ${KEY}\n`, 'ignored-line')), /space before ":"/);
    assert.strictEqual(only('JUST SOME TEXT\n', 'ignored-line').severity, 'warning');
  });
});
