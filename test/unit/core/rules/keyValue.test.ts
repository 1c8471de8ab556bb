import * as assert from 'assert';
import { ALL_KEY_TYPES, fakeKey } from '../../../support/keys';
import { errorsAndWarnings, explained, lint, none, only, rulesOf } from '../../../support/lint';

const KEY = fakeKey('project');
const LEGACY = fakeKey('legacy');

describe('well-formed keys are clean', () => {
  const syntaxes: Array<(k: string) => string> = [
    (k) => `OPENAI_API_KEY=${k}\n`,
    (k) => `export OPENAI_API_KEY=${k}\n`,
    (k) => `OPENAI_API_KEY="${k}"\n`,
    (k) => `OPENAI_API_KEY='${k}'\n`,
    (k) => `OPENAI_API_KEY=\`${k}\`\n`,
    (k) => `OPENAI_API_KEY=${k} # production key\n`,
    (k) => `OPENAI_API_KEY="${k}" # production key\n`,
    (k) => `OPENAI_API_KEY: ${k}\n`,
    (k) => `# OpenAI\nOPENAI_API_KEY=${k}`,
    (k) => `OPENAI_API_KEY=${k}\r\nPORT=3000\r\n`,
    (k) => `    OPENAI_API_KEY=${k}\n`,
  ];

  for (const type of ALL_KEY_TYPES.filter((t) => t !== 'admin')) {
    it(`a ${type} key has no error or warning in any legal dotenv syntax`, () => {
      for (const syntax of syntaxes) {
        const text = syntax(fakeKey(type, 3));
        assert.deepStrictEqual(errorsAndWarnings(text).map((f) => `${f.rule}: ${f.message}`), [], JSON.stringify(text));
      }
    });
  }

  it('an admin key in OPENAI_ADMIN_KEY is clean', () => {
    assert.deepStrictEqual(errorsAndWarnings(`OPENAI_ADMIN_KEY=${fakeKey('admin')}\n`), []);
  });

  it('companions with the right shape are clean', () => {
    const text = `OPENAI_API_KEY=${KEY}\nOPENAI_ORG_ID=org-AbC123xyz\nOPENAI_PROJECT_ID=proj_AbC123xyz\nOPENAI_BASE_URL=https://api.openai.com/v1\n`;
    assert.deepStrictEqual(errorsAndWarnings(text), []);
  });

  it('an Azure OpenAI key (32 hex digits) is not held to the sk- format', () => {
    assert.deepStrictEqual(errorsAndWarnings('AZURE_OPENAI_API_KEY=0123456789abcdef0123456789abcdef\n'), []);
  });

  it('ignores unrelated variables', () => {
    assert.deepStrictEqual(errorsAndWarnings('DATABASE_URL = postgres://x \nSTRIPE_KEY=sk_live_abc\nGREETING="Привет "\n'), []);
  });
});

describe('white space in a key', () => {
  it('white space inside quotes is kept by dotenv: an error naming the character and column', () => {
    const f = only(`OPENAI_API_KEY=" ${KEY}"\n`, 'whitespace-in-quotes');
    assert.strictEqual(f.severity, 'error');
    assert.match(explained(f), /leading U\+0020 SPACE at line 1, column 17/);
    const tab = only(`OPENAI_API_KEY="${KEY}\t"\n`, 'whitespace-in-quotes');
    assert.match(explained(tab), /trailing U\+0009 CHARACTER TABULATION/);
    none(`OPENAI_API_KEY="${KEY}"\n`, 'whitespace-in-quotes');
  });

  it('a non-breaking space pasted inside quotes', () => {
    assert.match(explained(only(`OPENAI_API_KEY="${KEY}\u00a0"\n`, 'whitespace-in-quotes')), /U\+00A0 NO-BREAK SPACE/);
  });

  it('a space in the middle of the key', () => {
    const half = KEY.length / 2;
    const f = only(`OPENAI_API_KEY=${KEY.slice(0, half)} ${KEY.slice(half)}\n`, 'whitespace-inside-value');
    assert.strictEqual(f.severity, 'error');
    none(`OPENAI_API_KEY=${KEY}\n`, 'whitespace-inside-value');
  });
});

describe('look-alike characters and smart quotes', () => {
  it('typographic dashes pasted from a web page (U+2011 in copied docs)', () => {
    const text = `OPENAI_API_KEY=sk\u2011proj-${KEY.slice(8)}\n`;
    const f = only(text, 'lookalike-character');
    assert.match(explained(f), /U\+2011 NON-BREAKING HYPHEN at line 1, column 18/);
    assert.deepStrictEqual(rulesOf(text), ['lookalike-character'], 'the key is otherwise intact: one finding');
    for (const dash of ['\u2010', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']) {
      only(`OPENAI_API_KEY=sk${dash}proj-${KEY.slice(8)}\n`, 'lookalike-character');
    }
  });

  it('Cyrillic, Greek and full-width look-alikes', () => {
    assert.match(explained(only(`OPENAI_API_KEY=sk-proj-${KEY.slice(8, 20)}\u0430${KEY.slice(21)}\n`, 'lookalike-character')), /CYRILLIC/);
    assert.match(explained(only(`OPENAI_API_KEY=sk-proj-${KEY.slice(8, 20)}\u039f${KEY.slice(21)}\n`, 'lookalike-character')), /GREEK/);
    assert.match(explained(only(`OPENAI_API_KEY=\uff53k-proj-${KEY.slice(8)}\n`, 'lookalike-character')), /FULLWIDTH/);
  });

  it('smart quotes used as quotes', () => {
    const f = only(`OPENAI_API_KEY=\u201c${KEY}\u201d\n`, 'smart-quotes');
    assert.match(explained(f), /U\+201C LEFT DOUBLE QUOTATION MARK/);
    assert.strictEqual(f.fixes[0].title, 'Replace with straight quotes');
    only(`OPENAI_API_KEY=\u2018${KEY}\u2019\n`, 'smart-quotes');
  });
});

describe('malformed values', () => {
  it('empty', () => {
    for (const text of ['OPENAI_API_KEY=\n', 'OPENAI_API_KEY=""\n', 'OPENAI_API_KEY=   # set me\n']) {
      assert.strictEqual(only(text, 'empty-value').severity, 'error');
    }
    none(`OPENAI_API_KEY=${KEY}\n`, 'empty-value');
  });

  it('unknown prefix', () => {
    assert.match(explained(only('OPENAI_API_KEY=pk-Qx7vR2mL9tZc4WbN8sKd1YhF3gJp6EaU0oIi\n', 'unknown-prefix')), /does not start like an OpenAI secret key/);
    none(`OPENAI_API_KEY=${LEGACY}\n`, 'unknown-prefix');
  });

  it('characters outside [A-Za-z0-9_-]', () => {
    const text = `OPENAI_API_KEY=${KEY.slice(0, 30)}$${KEY.slice(31)}\n`;
    assert.match(explained(only(text, 'invalid-characters')), /"\$" \(U\+0024\) at line 1, column 46/);
    none(`OPENAI_API_KEY=${KEY}\n`, 'invalid-characters');
  });

  it('truncated: far shorter than its type, or cut after the marker', () => {
    assert.match(explained(only('OPENAI_API_KEY=sk-proj-abcDEF123\n', 'truncated-key')), /at least 48/);
    const cut = KEY.slice(0, KEY.length - 30);
    assert.match(explained(only(`OPENAI_API_KEY=${cut}\n`, 'truncated-key')), /only 44 characters follow the "T3BlbkFJ" marker where 74 precede it/);
    none(`OPENAI_API_KEY=${KEY}\n`, 'truncated-key');
    none(`OPENAI_API_KEY=${fakeKey('early-project')}\n`, 'truncated-key');
  });

  it('the truncated-key message shows the key masked, never in full', () => {
    const cut = KEY.slice(0, 100);
    const f = only(`OPENAI_API_KEY=${cut}\n`, 'truncated-key');
    for (const text of [f.message, explained(f)]) {
      assert.ok(!text.includes(cut.slice(8, 30)));
      assert.match(text, new RegExp(`sk-proj-…${cut.slice(-4)}`));
    }
  });

  it('two keys pasted together', () => {
    only(`OPENAI_API_KEY=${KEY}${fakeKey('project', 2)}\n`, 'concatenated-keys');
    only(`OPENAI_API_KEY=${LEGACY}${fakeKey('legacy', 5)}\n`, 'concatenated-keys');
  });

  it('a Bearer prefix', () => {
    const f = only(`OPENAI_API_KEY=Bearer ${KEY}\n`, 'bearer-prefix');
    assert.deepStrictEqual(rulesOf(`OPENAI_API_KEY=Bearer ${KEY}\n`), ['bearer-prefix']);
    assert.strictEqual(f.fixes[0].safe, true);
  });

  it('escape sequences inside the key', () => {
    assert.match(explained(only(`OPENAI_API_KEY='${KEY}\\n'\n`, 'escape-sequence')), /"\\n"/);
  });

  it('a ${VAR} reference that dotenv does not expand', () => {
    assert.strictEqual(only('OPENAI_API_KEY=${OPENAI_KEY_PROD}\n', 'variable-reference').severity, 'warning');
  });
});

describe('placeholders and masked copies', () => {
  const placeholders = [
    'sk-...',
    'sk-proj...XXXX',
    'sk-proj-...sQoA',
    'sk-\u2026',
    'your-api-key-here',
    'your_openai_api_key',
    'sk-proj-your-api-key-here',
    '<your key>',
    'xxx',
    'changeme',
    '***',
    'votre_nouvelle_cle_ici',
    'tu_clave_aqui',
    'dein_api_schluessel',
    'YOUR_API_KEY_HERE',
    'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz1234567890AbCdEfGhIjKl',
  ];

  for (const value of placeholders) {
    it(`"${value}" is a placeholder`, () => {
      const text = `OPENAI_API_KEY=${value}\n`;
      assert.deepStrictEqual(rulesOf(text), ['placeholder']);
      assert.strictEqual(lint(text)[0].severity, 'error');
    });
  }

  it('placeholders are expected in .env.example', () => {
    assert.deepStrictEqual(rulesOf('OPENAI_API_KEY=your-api-key-here\n', { fileName: '.env.example' }), []);
  });

  it('real keys are not placeholders', () => {
    for (const type of ALL_KEY_TYPES) {
      none(`OPENAI_API_KEY=${fakeKey(type, 11)}\n`, 'placeholder');
    }
  });
});

describe('wrong kind of key', () => {
  it('an admin key as OPENAI_API_KEY', () => {
    assert.deepStrictEqual(rulesOf(`OPENAI_API_KEY=${fakeKey('admin')}\n`), ['admin-key']);
  });

  it('an ephemeral client secret', () => {
    assert.deepStrictEqual(rulesOf('OPENAI_API_KEY=ek_68af1e2b3c4d5e6f7a8b9c0d1e2f3a4b\n'), ['ephemeral-key']);
  });
});

describe('the seeds: failure modes from real troubleshooting guides', () => {
  it('"Incorrect API key provided: sk-proj-...sQoA" pasted back into .env', () => {
    assert.deepStrictEqual(rulesOf('OPENAI_API_KEY=sk-proj-...sQoA\n'), ['placeholder']);
  });

  it('"OPENAI_API_KEY=sk‑..." from a guide with a non-breaking hyphen', () => {
    assert.deepStrictEqual(rulesOf('OPENAI_API_KEY=sk\u2011...\n'), ['placeholder']);
  });

  it('export OPENAI_API_KEY="sk-proj-your-api-key-here"', () => {
    assert.deepStrictEqual(rulesOf('export OPENAI_API_KEY="sk-proj-your-api-key-here"\n'), ['placeholder']);
  });

  it('"Make sure there are NO extra spaces": Railway-style trailing space', () => {
    assert.deepStrictEqual(rulesOf(`OPENAI_API_KEY=${KEY} \n`), ['trailing-whitespace']);
  });

  it('"Copy the ENTIRE key": a key cut at 60 characters', () => {
    assert.deepStrictEqual(rulesOf(`OPENAI_API_KEY=${KEY.slice(0, 60)}\n`), ['truncated-key']);
  });
});
