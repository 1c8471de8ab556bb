import * as l10n from '@vscode/l10n';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { KEY_MARKER } from '../../../../src/core/keys/keyShape';
import { maskKey } from '../../../../src/core/keys/mask';
import { fakeKeyReason } from '../../../../src/core/sources/fakeKeys';
import type { Idiom } from '../../../../src/core/sources/idiom';
import { bytesMayHoldKey, scanKeyTokens } from '../../../../src/core/sources/keyTokens';
import { sourceLanguageOf } from '../../../../src/core/sources/language';
import { hardcodedKeyMessage } from '../../../../src/core/sources/messages';
import { MAX_FINDINGS_PER_FILE, scanSourceText, SourceScanOptions } from '../../../../src/core/sources/scan';
import { ALL_KEY_TYPES, fakeKey } from '../../../support/keys';
import { randomText } from '../../../support/sourceTree';

const KEY = fakeKey('project', 7);

/** `line:column context` of each finding (1-based). */
function where(text: string, options: Partial<SourceScanOptions> & { path: string }): string[] {
  const result = scanSourceText(text, options);
  return result.findings.map((f) => {
    const p = result.lines.positionAt(f.span.start);
    return `${p.line + 1}:${p.character + 1} ${f.hardcoded.context.kind}`;
  });
}

/** True when any 12-character piece of the key's secret part appears in the text. */
function leaks(text: string, key: string): boolean {
  const secret = key.replace(/^sk-(proj-|svcacct-|admin-|None-)?/, '');
  for (let i = 0; i + 12 <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + 12))) {
      return true;
    }
  }
  return false;
}

describe('hardcoded-key: what is a key', () => {
  it('finds every key type, with its type and the variable it moves to', () => {
    for (const type of ALL_KEY_TYPES) {
      const key = fakeKey(type, 3);
      const [finding] = scanSourceText(`api_key = "${key}"\n`, { path: 'a.py' }).findings;
      assert.ok(finding, type);
      assert.deepStrictEqual(finding.span, { start: 11, end: 11 + key.length }, type);
      assert.strictEqual(finding.severity, 'error');
      assert.strictEqual(finding.hardcoded.variable, type === 'admin' ? 'OPENAI_ADMIN_KEY' : 'OPENAI_API_KEY', type);
    }
  });

  it('never takes a generated real-shaped key for a fake (12,000 keys)', () => {
    for (const type of ALL_KEY_TYPES) {
      for (let seed = 1; seed <= 2000; seed++) {
        const key = fakeKey(type, seed);
        assert.strictEqual(fakeKeyReason(key), undefined, `${type} seed ${seed}`);
      }
    }
  });

  it('says why an obviously fake key is fake, one reason per class', () => {
    const r = (n: number, seed: number) => randomText(n, seed);
    const cases: Array<[string, string]> = [
      [`sk-proj-${'x'.repeat(40)}`, 'placeholder'],
      [`sk-proj-abcdefghij${r(60, 1)}${KEY_MARKER}${r(70, 2)}`, 'placeholder'],
      [`sk-test-${r(40, 3)}${KEY_MARKER}${r(40, 4)}`, 'fake-word'],
      [`sk-proj-${r(20, 5)}_Dummy${r(50, 6)}${KEY_MARKER}${r(70, 7)}`, 'fake-word'],
      [`sk-proj-${r(20, 8)}placeholder${r(50, 9)}${KEY_MARKER}${r(70, 10)}`, 'fake-word'],
      [`sk-proj-${'ab'.repeat(40)}${KEY_MARKER}${'ab'.repeat(40)}`, 'low-entropy'],
      [`sk-proj-${r(30, 11)}QQQQQQ${r(40, 12)}${KEY_MARKER}${r(70, 13)}`, 'repeated-pattern'],
      [`sk-proj-${'q8W3eR5tY7uI9oP1aS'.repeat(4)}${KEY_MARKER}${'q8W3eR5tY7uI9oP1aS'.repeat(4)}`, 'repeated-pattern'],
      [`sk-proj-${r(30, 14)}UVWXYZ${r(40, 15)}${KEY_MARKER}${r(70, 16)}`, 'sequence'],
      [`sk-proj-${r(30, 17)}987654${r(40, 18)}${KEY_MARKER}${r(70, 19)}`, 'sequence'],
    ];
    for (const [token, reason] of cases) {
      assert.strictEqual(fakeKeyReason(token), reason, token.slice(0, 40));
      assert.deepStrictEqual(scanSourceText(`k = "${token}"`, { path: 'a.py' }).findings, [], token.slice(0, 40));
    }
    // "test" inside a random segment is chance, not a marker of a fake.
    assert.strictEqual(fakeKeyReason(`sk-proj-${r(30, 20)}xtest${r(40, 21)}${KEY_MARKER}${r(70, 22)}`), undefined);
  });

  it('keeps other providers, fragments and words out', () => {
    const texts = [
      `sk-ant-api03-${randomText(93, 1)}`,
      `sk-or-v1-${randomText(64, 2, '0123456789abcdef')}`,
      `sk-${randomText(48, 3)}`, // a bare sk- key without the marker (DeepSeek, Moonshot…)
      `sk-proj-${randomText(30, 4)}`, // too short without the marker
      `sk-proj-${randomText(10, 5)}${KEY_MARKER}${randomText(10, 6)}`,
      'task-management risk-assessment sk-learn .ask-button',
      `${randomText(20, 7)}${KEY_MARKER}${randomText(20, 8)}`,
      `x${KEY}`, // glued to a word: not a token of its own
    ];
    for (const text of texts) {
      assert.deepStrictEqual(scanKeyTokens(text).keys, [], text.slice(0, 30));
    }
  });

  it('finds a key right after an escape (\\n in JSON) and ends it at the first non-key character', () => {
    const text = `{"log": "line one\\n${KEY}\\nline three", "b": "${KEY}."}`;
    const spans = scanKeyTokens(text).keys.map((k) => text.slice(k.span.start, k.span.end));
    assert.deepStrictEqual(spans, [KEY, KEY]);
  });

  it('finds a key after a - or _ boundary or a %XX escape inside a run, never one glued to a word', () => {
    const found = (text: string) => scanKeyTokens(text).keys.map((k) => text.slice(k.span.start, k.span.end));
    assert.deepStrictEqual(found(`\${OPENAI_API_KEY:-${KEY}}`), [KEY]);
    assert.deepStrictEqual(found(`\${OPENAI_API_KEY-${KEY}}`), [KEY]);
    assert.deepStrictEqual(found(`key_${KEY}`), [KEY]);
    assert.deepStrictEqual(found(`api_key%3D${KEY}&x=1`), [KEY]);
    assert.deepStrictEqual(found(`%7B%22apiKey%22%3A%22${KEY}%22%7D`), [KEY]);
    assert.deepStrictEqual(found(`task${KEY}`), []);
    assert.deepStrictEqual(found(`%ZZ${KEY}`), [], 'not a percent escape: glued to a word');
    assert.deepStrictEqual(found(`OPENAI_API_KEY-sk-${randomText(48, 9)}`), [], 'a bare sk- without the marker stays out');
  });

  it('stays linear on a 1 MB run of -sk-sk-… and of xsk-xsk-…', () => {
    const hostile = `-${'sk-'.repeat(350_000)}`;
    assert.deepStrictEqual(scanKeyTokens(hostile).keys, []);
    assert.strictEqual(scanKeyTokens(`${'xsk-'.repeat(260_000)}${KEY}`).keys.length, 1, 'the key after the last - boundary');
    assert.deepStrictEqual(scanSourceText(`${hostile} "${KEY}"`, { path: 'a.js' }).findings.length, 1);
  });

  it('two keys pasted together are one finding, not a missed key', () => {
    assert.strictEqual(scanSourceText(`k = "${KEY}${fakeKey('legacy', 2)}"`, { path: 'a.py' }).findings.length, 1);
  });

  it('the byte pre-filter looks for sk- only', () => {
    assert.strictEqual(bytesMayHoldKey(Buffer.from(`x = "${KEY}"`)), true);
    assert.strictEqual(bytesMayHoldKey(Buffer.from(`process.env.OPENAI_API_KEY ${KEY_MARKER}`)), false);
    assert.strictEqual(bytesMayHoldKey(new Uint8Array(Buffer.from('risk-'))), true);
  });
});

describe('hardcoded-key: where the key sits', () => {
  it('JavaScript: strings, template literals, comments; quotes in a regular expression do not confuse it', () => {
    const text = [
      `const a = '${KEY}';`,
      `const re = /["'\`]/g; const b = "${KEY}";`,
      `const c = \`Bearer \${x} ${KEY}\`;`,
      `/* old: ${KEY} */`,
      `const d = 1 / 2; const e = "${KEY}" // ${KEY}`,
      `const f = \`\${"${KEY}"}\`;`,
    ].join('\n');
    assert.deepStrictEqual(where(text, { path: 'a.ts' }), [
      '1:12 string',
      '2:33 string',
      '3:24 string',
      '4:9 comment',
      '5:29 string',
      '5:198 comment',
      '6:15 string',
    ]);
  });

  it('Python: prefixes, triple quotes across lines, f-strings, comments', () => {
    const text = [`a = rb'${KEY}'`, `b = """doc`, `${KEY}"""`, `c = f"Bearer {x} ${KEY}"  # ${KEY}`].join('\n');
    const result = scanSourceText(text, { path: 'a.py' });
    const contexts = result.findings.map((f) => f.hardcoded.context);
    assert.deepStrictEqual(
      contexts.map((c) => (c.kind === 'string' ? `${c.literal.prefix}${c.literal.quote}` : c.kind)),
      ["rb'", '"""', 'f"', 'comment'],
    );
  });

  it('shell: quotes, comments (not # inside a word), expanding and quoted heredocs', () => {
    const text = [
      `export A="${KEY}"`,
      `curl -H 'Authorization: Bearer ${KEY}' url#${KEY}`,
      `cat <<EOF`,
      `${KEY}`,
      `EOF`,
      `cat <<-'END'`,
      `\t${KEY}`,
      `\tEND`,
      `B=${KEY} # ${KEY}`,
    ].join('\n');
    assert.deepStrictEqual(
      scanSourceText(text, { path: 'run.sh' }).findings.map((f) => {
        const c = f.hardcoded.context;
        return c.kind === 'heredoc' ? `heredoc ${c.expands}` : c.kind === 'string' ? `string ${c.literal.quote}` : c.kind;
      }),
      ['string "', "string '", 'code', 'heredoc true', 'heredoc false', 'code', 'comment'],
    );
  });

  it('an unterminated string is an unknown context (no edit is offered for it)', () => {
    assert.deepStrictEqual(where(`const a = "${KEY}\nconst b = 1;`, { path: 'a.js' }), ['1:12 unknown']);
  });

  it('names the language from the path, the VS Code language id or the shebang', () => {
    const cases: Array<[string, string, string?]> = [
      ['src/a.tsx', 'javascript'],
      ['lib/x.cjs', 'javascript'],
      ['app/main.py', 'python'],
      ['n.ipynb', 'notebook'],
      ['docker-compose.yml', 'compose'],
      ['deploy/compose.prod.yaml', 'compose'],
      ['.github/workflows/ci.yml', 'workflow'],
      ['app/.github/workflows/ci.yaml', 'workflow'],
      ['.github/dependabot.yml', 'yaml'],
      ['Dockerfile', 'dockerfile'],
      ['docker/api.Dockerfile', 'dockerfile'],
      ['Dockerfile.prod', 'dockerfile'],
      ['config.toml', 'toml'],
      ['.envrc', 'shell'],
      ['bin/tool', 'shell', '#!/usr/bin/env bash'],
      ['bin/tool', 'python', '#!/usr/bin/python3 -u'],
      ['bin/tool', 'javascript', '#!/usr/bin/env -S node --no-warnings'],
      ['notes.txt', 'text'],
    ];
    for (const [file, language, firstLine] of cases) {
      assert.strictEqual(sourceLanguageOf(file, { firstLine }), language, file);
    }
    assert.strictEqual(sourceLanguageOf('Untitled-1', { languageId: 'typescriptreact' }), 'javascript');
    assert.strictEqual(sourceLanguageOf('Untitled-1', { languageId: 'dockercompose' }), 'compose');
  });
});

describe('hardcoded-key: suppression, settings and hostile input', () => {
  it('openai-key-doctor-disable-next-line in any comment syntax silences the next line only', () => {
    const text = `# openai-key-doctor-disable-next-line hardcoded-key\nA = "${KEY}"\nB = "${KEY}"\n`;
    assert.deepStrictEqual(where(text, { path: 'a.py' }), ['3:6 string']);
    const js = `/* openai-key-doctor-disable-next-line */\nconst a = "${KEY}";\n`;
    assert.deepStrictEqual(where(js, { path: 'a.js' }), []);
    const other = `// openai-key-doctor-disable-next-line placeholder\nconst a = "${KEY}";\n`;
    assert.deepStrictEqual(where(other, { path: 'a.js' }), ['2:12 string'], 'a list without hardcoded-key does not silence it');
    const file = `<!-- openai-key-doctor-disable hardcoded-key -->\n${KEY}\n\n${KEY}\n`;
    assert.deepStrictEqual(where(file, { path: 'README.md' }), []);
  });

  it('follows the rules setting: off, or another severity', () => {
    assert.deepStrictEqual(scanSourceText(`"${KEY}"`, { path: 'a.js', severity: 'off' }).findings, []);
    assert.strictEqual(scanSourceText(`"${KEY}"`, { path: 'a.js', severity: 'warning' }).findings[0].severity, 'warning');
  });

  it('stays correct on hostile input: runs of sk-, a million tokens, deep JSON, endless regular expressions', () => {
    assert.deepStrictEqual(scanSourceText('sk-'.repeat(300_000), { path: 'a.js' }).findings, []);
    assert.deepStrictEqual(scanSourceText('sk-.'.repeat(250_000), { path: 'a.js' }).findings, []);
    const many = `"${KEY}" `.repeat(5000);
    assert.strictEqual(scanSourceText(many, { path: 'a.js' }).findings.length, MAX_FINDINGS_PER_FILE);
    const deep = `${'['.repeat(100_000)}"${KEY}"${']'.repeat(100_000)}`;
    const notebook = scanSourceText(deep, { path: 'deep.ipynb' });
    assert.strictEqual(notebook.findings.length, 1);
    assert.strictEqual(notebook.notebook, undefined, 'too deep to be a notebook: reported in the JSON text only');
    const regexes = `${'(/['.repeat(100_000)}\nconst k = "${KEY}";`;
    assert.deepStrictEqual(where(regexes, { path: 'a.js' }), ['2:12 string']);
  });
});

describe('hardcoded-key: messages', () => {
  const idioms: Idiom[] = [
    { kind: 'env', reference: 'process.env.OPENAI_API_KEY' },
    { kind: 'env', reference: 'os.environ["OPENAI_API_KEY"]' },
    { kind: 'env', reference: '"$OPENAI_API_KEY"' },
    { kind: 'env', reference: '${OPENAI_API_KEY}' },
    { kind: 'secret', reference: '${{ secrets.OPENAI_API_KEY }}' },
    { kind: 'comment' },
    { kind: 'guidance', reason: 'dockerfile' },
    { kind: 'guidance', reason: 'notebook-output' },
    { kind: 'guidance', reason: 'no-environment' },
  ];
  const gits = [undefined, { tracked: true, ignored: false }, { tracked: false, ignored: false }, { tracked: false, ignored: true }];
  const all = () => ALL_KEY_TYPES.flatMap((type) => idioms.flatMap((idiom) => gits.map((git) => hardcodedKeyMessage(maskKey(fakeKey(type, 1)), idiom, git))));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  it('one sentence with the fix: median <= 90 and max <= 160 characters over every variant', () => {
    const lengths = all().map((m) => m.length);
    assert.ok(median(lengths) <= 90, `median ${median(lengths)}`);
    assert.ok(Math.max(...lengths) <= 160, `max ${Math.max(...lengths)}`);
    for (const message of all()) {
      assert.match(message, /^sk-\S*…\S+ .*: .*\.$/, 'the masked key, what is wrong, a colon, the fix');
      assert.doesNotMatch(message, /\.\s+[A-Z]/, 'one sentence');
    }
  });

  it('says when git tracks the file or does not ignore it', () => {
    const env = idioms[0];
    assert.strictEqual(hardcodedKeyMessage('sk-proj-…a1B2', env), 'sk-proj-…a1B2 is hard-coded: move it to .env and use process.env.OPENAI_API_KEY.');
    assert.strictEqual(hardcodedKeyMessage('sk-proj-…a1B2', env, gits[1]), 'sk-proj-…a1B2 is hard-coded (git-tracked): move it to .env and use process.env.OPENAI_API_KEY.');
    assert.strictEqual(hardcodedKeyMessage('sk-proj-…a1B2', env, gits[2]), 'sk-proj-…a1B2 is hard-coded (not git-ignored): move it to .env and use process.env.OPENAI_API_KEY.');
    assert.strictEqual(hardcodedKeyMessage('sk-proj-…a1B2', env, gits[3]), 'sk-proj-…a1B2 is hard-coded: move it to .env and use process.env.OPENAI_API_KEY.');
  });

  it('never shows the key, in any kind of file', () => {
    for (const type of ALL_KEY_TYPES) {
      const key = fakeKey(type, 11);
      for (const [file, text] of [
        ['a.ts', `const k = "${key}";`],
        ['a.py', `k = f"Bearer ${key}"`],
        ['run.sh', `export K=${key}`],
        ['Dockerfile', `ENV K=${key}`],
        ['c.json', `{"k": "${key}"}`],
        ['.github/workflows/w.yml', `env:\n  K: ${key}`],
      ]) {
        for (const finding of scanSourceText(text, { path: file, git: { tracked: true, ignored: false } }).findings) {
          assert.ok(!leaks(finding.message, key), finding.message);
          assert.ok(finding.message.includes(maskKey(key)), finding.message);
        }
      }
    }
  });

  it('comes out in French with the French bundle, within 160 characters', () => {
    const bundle = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', '..', 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
    l10n.config({ contents: bundle });
    try {
      assert.strictEqual(
        hardcodedKeyMessage('sk-proj-…a1B2', idioms[1], gits[1]),
        'sk-proj-…a1B2 est écrite en dur (fichier suivi par git) : déplacez-la dans .env et utilisez os.environ["OPENAI_API_KEY"].',
      );
      assert.ok(Math.max(...all().map((m) => m.length)) <= 160);
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
