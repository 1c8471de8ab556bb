import * as assert from 'assert';
import { RULE_IDS } from '../../../../src/core/rules/catalog';
import { ALL_KEY_TYPES, fakeKey } from '../../../support/keys';
import { errorsAndWarnings, lint, located, rulesOf } from '../../../support/lint';

const KEY = fakeKey('project');
const LEGACY = fakeKey('legacy');

function only(text: string, rule: string, options = {}) {
  const findings = lint(text, options).filter((f) => f.rule === rule);
  assert.strictEqual(findings.length, 1, `expected one ${rule} in ${JSON.stringify(text.slice(0, 80))}, got ${lint(text, options).map((f) => f.rule).join(', ') || 'nothing'}`);
  return findings[0];
}

function none(text: string, rule: string, options = {}) {
  assert.ok(!rulesOf(text, options).includes(rule), `unexpected ${rule} in ${JSON.stringify(text.slice(0, 80))}`);
}

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

describe('white space', () => {
  it('space around "=" (seed: "Pas d\'espaces autour du =")', () => {
    const f = only(`OPENAI_API_KEY = ${KEY}\n`, 'space-around-separator');
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.message, /docker --env-file/);
    assert.deepStrictEqual(f.span, { start: 14, end: 17 });
    none(`OPENAI_API_KEY=${KEY}\n`, 'space-around-separator');
  });

  it('trailing space outside quotes: dotenv trims it, platform editors keep it', () => {
    const f = only(`OPENAI_API_KEY=${KEY}  \n`, 'trailing-whitespace');
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.message, /U\+0020 SPACE/);
    none(`OPENAI_API_KEY=${KEY}\n`, 'trailing-whitespace');
    none(`OPENAI_API_KEY=${KEY} # comment\n`, 'trailing-whitespace');
  });

  it('white space inside quotes is kept by dotenv: an error naming the character and column', () => {
    const f = only(`OPENAI_API_KEY=" ${KEY}"\n`, 'whitespace-in-quotes');
    assert.strictEqual(f.severity, 'error');
    assert.match(f.message, /leading U\+0020 SPACE at line 1, column 17/);
    const tab = only(`OPENAI_API_KEY="${KEY}\t"\n`, 'whitespace-in-quotes');
    assert.match(tab.message, /trailing U\+0009 CHARACTER TABULATION/);
    none(`OPENAI_API_KEY="${KEY}"\n`, 'whitespace-in-quotes');
  });

  it('a non-breaking space pasted inside quotes', () => {
    assert.match(only(`OPENAI_API_KEY="${KEY}\u00a0"\n`, 'whitespace-in-quotes').message, /U\+00A0 NO-BREAK SPACE/);
  });

  it('a space in the middle of the key', () => {
    const half = KEY.length / 2;
    const f = only(`OPENAI_API_KEY=${KEY.slice(0, half)} ${KEY.slice(half)}\n`, 'whitespace-inside-value');
    assert.strictEqual(f.severity, 'error');
    none(`OPENAI_API_KEY=${KEY}\n`, 'whitespace-inside-value');
  });
});

describe('invisible and look-alike characters', () => {
  it('a zero-width space in the key, at its exact column', () => {
    const text = `OPENAI_API_KEY=sk-proj-${'\u200b'}${KEY.slice(8)}\n`;
    assert.deepStrictEqual(located(text), ['invisible-character@1:24']);
    assert.match(lint(text)[0].message, /U\+200B ZERO WIDTH SPACE.*column 24/);
  });

  it('a BOM in the middle of the file, in front of the name', () => {
    const f = only(`PORT=3000\n\ufeffOPENAI_API_KEY=${KEY}\n`, 'invisible-character');
    assert.strictEqual(f.severity, 'error');
    assert.match(f.message, /U\+FEFF/);
  });

  it('bidi marks', () => {
    assert.match(only(`OPENAI_API_KEY=${KEY}\u200e\n`, 'invisible-character').message, /LEFT-TO-RIGHT MARK/);
  });

  it('an invisible character elsewhere in the file is only a warning', () => {
    assert.strictEqual(only('GREETING=hel\u200blo\n', 'invisible-character').severity, 'warning');
  });

  it('typographic dashes pasted from a web page (U+2011 in copied docs)', () => {
    const text = `OPENAI_API_KEY=sk\u2011proj-${KEY.slice(8)}\n`;
    const f = only(text, 'lookalike-character');
    assert.match(f.message, /U\+2011 NON-BREAKING HYPHEN at line 1, column 18/);
    assert.deepStrictEqual(rulesOf(text), ['lookalike-character'], 'the key is otherwise intact: one finding');
    for (const dash of ['\u2010', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']) {
      only(`OPENAI_API_KEY=sk${dash}proj-${KEY.slice(8)}\n`, 'lookalike-character');
    }
  });

  it('Cyrillic, Greek and full-width look-alikes', () => {
    assert.match(only(`OPENAI_API_KEY=sk-proj-${KEY.slice(8, 20)}\u0430${KEY.slice(21)}\n`, 'lookalike-character').message, /CYRILLIC/);
    assert.match(only(`OPENAI_API_KEY=sk-proj-${KEY.slice(8, 20)}\u039f${KEY.slice(21)}\n`, 'lookalike-character').message, /GREEK/);
    assert.match(only(`OPENAI_API_KEY=\uff53k-proj-${KEY.slice(8)}\n`, 'lookalike-character').message, /FULLWIDTH/);
  });

  it('smart quotes used as quotes', () => {
    const f = only(`OPENAI_API_KEY=\u201c${KEY}\u201d\n`, 'smart-quotes');
    assert.match(f.message, /U\+201C LEFT DOUBLE QUOTATION MARK/);
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
    assert.match(only('OPENAI_API_KEY=pk-Qx7vR2mL9tZc4WbN8sKd1YhF3gJp6EaU0oIi\n', 'unknown-prefix').message, /does not start like an OpenAI secret key/);
    none(`OPENAI_API_KEY=${LEGACY}\n`, 'unknown-prefix');
  });

  it('characters outside [A-Za-z0-9_-]', () => {
    const text = `OPENAI_API_KEY=${KEY.slice(0, 30)}$${KEY.slice(31)}\n`;
    assert.match(only(text, 'invalid-characters').message, /"\$" \(U\+0024\) at line 1, column 46/);
    none(`OPENAI_API_KEY=${KEY}\n`, 'invalid-characters');
  });

  it('truncated: far shorter than its type, or cut after the marker', () => {
    assert.match(only('OPENAI_API_KEY=sk-proj-abcDEF123\n', 'truncated-key').message, /at least 48/);
    const cut = KEY.slice(0, KEY.length - 30);
    assert.match(only(`OPENAI_API_KEY=${cut}\n`, 'truncated-key').message, /only 44 characters follow the "T3BlbkFJ" marker where 74 precede it/);
    none(`OPENAI_API_KEY=${KEY}\n`, 'truncated-key');
    none(`OPENAI_API_KEY=${fakeKey('early-project')}\n`, 'truncated-key');
  });

  it('the truncated-key message shows the key masked, never in full', () => {
    const cut = KEY.slice(0, 100);
    const f = only(`OPENAI_API_KEY=${cut}\n`, 'truncated-key');
    assert.ok(!f.message.includes(cut.slice(8, 30)));
    assert.match(f.message, new RegExp(`sk-proj-…${cut.slice(-4)}`));
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

  it('a key wrapped onto the next line', () => {
    const text = `OPENAI_API_KEY=${KEY.slice(0, 80)}\n${KEY.slice(80)}\nPORT=3000\n`;
    const f = only(text, 'wrapped-key');
    assert.match(f.message, /continues on line 2/);
    none(text, 'ignored-line');
    only(`OPENAI_API_KEY="${KEY.slice(0, 80)}\n${KEY.slice(80)}"\n`, 'wrapped-key');
  });

  it('an unterminated or mismatched quote', () => {
    assert.deepStrictEqual(rulesOf(`OPENAI_API_KEY="${KEY}\n`), ['unterminated-quote']);
    assert.match(only(`OPENAI_API_KEY="${KEY}'\n`, 'unterminated-quote').message, /different quote/);
  });

  it('a quote that swallows the following lines', () => {
    const text = `OPENAI_API_KEY="${KEY}\nOPENAI_ORG_ID=org-abc"\n`;
    const f = only(text, 'unterminated-quote');
    assert.match(f.message, /OPENAI_ORG_ID is never defined/);
  });

  it('escape sequences inside the key', () => {
    assert.match(only(`OPENAI_API_KEY='${KEY}\\n'\n`, 'escape-sequence').message, /"\\n"/);
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

describe('names', () => {
  for (const name of ['openai_api_key', 'OPENAI_APIKEY', 'OPEN_AI_API_KEY', 'OPENAI_API_KYE', 'OpenAI_API_Key']) {
    it(`${name}: did you mean OPENAI_API_KEY?`, () => {
      const f = only(`${name}=${KEY}\n`, 'key-name');
      assert.strictEqual(f.severity, 'error');
      assert.match(f.message, /Did you mean OPENAI_API_KEY\?/);
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
    assert.match(f.message, /no "=" between OPENAI_API_KEY and the value/);
    assert.match(only(`OPENAI_API_KEY : ${KEY}\n`, 'ignored-line').message, /space before ":"/);
    assert.strictEqual(only('JUST SOME TEXT\n', 'ignored-line').severity, 'warning');
  });
});

describe('duplicates', () => {
  it('points at the definition dotenv does not use and relates it to the one it uses', () => {
    const text = `OPENAI_API_KEY=${KEY}\nPORT=3000\nOPENAI_API_KEY=${LEGACY}\n`;
    const f = only(text, 'duplicate-key');
    assert.strictEqual(f.span.start, 0, 'reported on the first, unused, definition');
    assert.match(f.message, /dotenv uses the last definition/);
    assert.strictEqual(f.related?.[0].span.start, text.lastIndexOf('OPENAI_API_KEY'));
  });
});

describe('exposure', () => {
  for (const prefix of ['VITE_', 'NEXT_PUBLIC_', 'REACT_APP_', 'EXPO_PUBLIC_', 'PUBLIC_', 'NUXT_PUBLIC_', 'GATSBY_']) {
    it(`${prefix}OPENAI_API_KEY is published to browsers`, () => {
      assert.strictEqual(only(`${prefix}OPENAI_API_KEY=${KEY}\n`, 'public-prefix').severity, 'warning');
    });
  }

  it('a .env with a key that git does not ignore, or tracks', () => {
    const git = { tracked: false, ignored: false, gitignoreEntry: '.env', repositoryRoot: '/repo' };
    const f = only(`OPENAI_API_KEY=${KEY}\n`, 'env-not-ignored', { git });
    assert.deepStrictEqual(f.fixes[0].fileAction, { kind: 'add-to-gitignore', entry: '.env' });
    assert.match(only(`OPENAI_API_KEY=${KEY}\n`, 'env-not-ignored', { git: { ...git, tracked: true, ignored: true } }).message, /git rm --cached/);
    none(`OPENAI_API_KEY=${KEY}\n`, 'env-not-ignored', { git: { ...git, ignored: true } });
    none('OPENAI_API_KEY=your-key-here\n', 'env-not-ignored', { git });
  });

  it('a real-looking key in .env.example', () => {
    only(`OPENAI_API_KEY=${KEY}\n`, 'key-in-example-file', { fileName: '.env.example' });
  });
});

describe('line endings', () => {
  it('CRLF is a hint at most, and a valid key in a CRLF file gets no error', () => {
    const text = `OPENAI_API_KEY=${KEY}\r\nPORT=3000\r\n`;
    const f = only(text, 'crlf-line-endings');
    assert.strictEqual(f.severity, 'information');
    assert.deepStrictEqual(errorsAndWarnings(text), []);
  });
});

describe('companion variables', () => {
  it('organization IDs look like org-…', () => {
    only('OPENAI_ORG_ID=org_abc123\n', 'invalid-organization-id');
    only('OPENAI_ORGANIZATION="org-abc123 "\n', 'invalid-organization-id');
    none('OPENAI_ORG_ID=org-abc123\n', 'invalid-organization-id');
  });

  it('project IDs look like proj_…', () => {
    only('OPENAI_PROJECT_ID=proj-abc\n', 'invalid-project-id');
    none('OPENAI_PROJECT_ID=proj_abc\n', 'invalid-project-id');
  });

  it('base URLs are URLs, without an endpoint path', () => {
    only('OPENAI_BASE_URL=api.openai.com/v1\n', 'invalid-base-url');
    only('OPENAI_BASE_URL=https://api.openai.com/v1/chat/completions\n', 'invalid-base-url');
    only('OPENAI_BASE_URL=https://api.openai.com\n', 'invalid-base-url');
    none('OPENAI_BASE_URL=http://127.0.0.1:8080/v1\n', 'invalid-base-url');
  });

  it('placeholders in companions', () => {
    only('OPENAI_ORG_ID=your-org-id-here\n', 'placeholder');
  });
});

describe('suppression and settings', () => {
  it('a comment disables a rule for the next line only', () => {
    const text = `# openai-key-doctor-disable-next-line space-around-separator\nOPENAI_API_KEY = ${KEY}\nOPENAI_KEY = ${KEY}\n`;
    assert.deepStrictEqual(located(text), ['space-around-separator@3:11']);
  });

  it('without a rule list it disables every rule on the next line', () => {
    assert.deepStrictEqual(rulesOf('# openai-key-doctor-disable-next-line\nOPENAI_API_KEY=xxx\n'), []);
  });

  it('a file-wide comment', () => {
    assert.deepStrictEqual(rulesOf(`# openai-key-doctor-disable crlf-line-endings\r\nOPENAI_API_KEY=${KEY}\r\n`), []);
  });

  it('the rules setting turns a rule off or changes its severity', () => {
    const text = `OPENAI_API_KEY = ${KEY}\n`;
    assert.deepStrictEqual(rulesOf(text, { ruleSeverity: { 'space-around-separator': 'off' } }), []);
    assert.strictEqual(lint(text, { ruleSeverity: { 'space-around-separator': 'error' } })[0].severity, 'error');
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

describe('rule catalog', () => {
  it('every rule is documented in the README with an anchor', async () => {
    const { readFileSync } = await import('fs');
    const readme = readFileSync(require.resolve('../../../../../README.md'), 'utf8');
    for (const id of RULE_IDS) {
      assert.ok(readme.includes(`<a id="rule-${id}"></a>`), `README lacks the anchor for ${id}`);
    }
  });
});
