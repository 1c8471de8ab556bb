import * as l10n from '@vscode/l10n';
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { parseDotenv } from '../../../../src/core/dotenv/parse';
import type { Finding } from '../../../../src/core/findings';
import { keyFingerprint } from '../../../../src/core/keyHealth';
import { Environment, FolderResolution, chainFor, chainJson, maskValue, resolveFolder } from '../../../../src/core/loaders/chain';
import { diagnoseEnvironmentValue } from '../../../../src/core/loaders/environmentValue';
import type { LoaderChoice } from '../../../../src/core/loaders/loaderId';
import { KeyFile, environmentOfFile, keyReuseFindings, loadOrderFindings, settleFindings } from '../../../../src/core/loaders/rules';
import { maskKey } from '../../../../src/core/keys/mask';
import { RULE_IDS } from '../../../../src/core/rules/catalog';
import { memoryFolder } from '../../../support/folder';
import { fakeKey } from '../../../support/keys';

const KEY = fakeKey('project', 11);
const OTHER = fakeKey('project', 12);
const STALE = fakeKey('legacy', 13);
const SALT = 'test-salt';

async function resolve(files: Record<string, string>, env: Environment = {}, choice: Partial<LoaderChoice> = {}): Promise<FolderResolution> {
  return resolveFolder(memoryFolder(files), env, choice);
}

/** `rule@line:column` for compact assertions, positions 1-based in the file's text. */
function located(resolution: FolderResolution, file: string, findings: Finding[]): string[] {
  const loaded = resolution.files.get(file)!;
  return findings.map((f) => {
    const p = loaded.lines.positionAt(f.span.start);
    return `${f.rule}@${p.line + 1}:${p.character + 1}`;
  });
}

describe('environment-shadows-file', () => {
  const files = { '.env': `# OpenAI\nOPENAI_API_KEY=${KEY}\n` };

  it('Done when: another key in the environment gives the warning on the .env key line', async () => {
    const resolution = await resolve(files, { OPENAI_API_KEY: STALE });
    const findings = loadOrderFindings(resolution, '.env');
    assert.deepStrictEqual(located(resolution, '.env', findings), ['environment-shadows-file@2:1']);
    assert.strictEqual(findings[0].severity, 'warning');
    assert.strictEqual(
      findings[0].message,
      `dotenv uses OPENAI_API_KEY=${maskKey(STALE)} from the environment, not ${maskKey(KEY)}: unset it and reopen the terminal, or use dotenv.config({ override: true }).`,
    );
  });

  it('Done when: without that variable in the environment, nothing', async () => {
    assert.deepStrictEqual(loadOrderFindings(await resolve(files, { PATH: '/usr/bin' }), '.env'), []);
  });

  it('the same value in the environment is no problem', async () => {
    assert.deepStrictEqual(loadOrderFindings(await resolve(files, { OPENAI_API_KEY: KEY }), '.env'), []);
  });

  it('an empty exported variable shadows the file too, and the message says ""', async () => {
    const [finding] = loadOrderFindings(await resolve(files, { OPENAI_API_KEY: '' }), '.env');
    assert.match(finding.message, /^dotenv uses OPENAI_API_KEY="" from the environment, not sk-proj-…/);
  });

  it('names the fix of each loader', async () => {
    const fixOf = async (choice: Partial<LoaderChoice>, extra: Record<string, string> = {}) =>
      loadOrderFindings(await resolve({ ...files, ...extra }, { OPENAI_API_KEY: STALE }, choice), '.env')[0]?.message.replace(/^.*: /, '');
    assert.strictEqual(await fixOf({ loader: 'python-dotenv' }), 'unset it and reopen the terminal, or use load_dotenv(override=True).');
    assert.strictEqual(await fixOf({ loader: 'nextjs' }), 'unset it, then restart the terminal or the editor.');
    assert.strictEqual(await fixOf({ loader: 'vite' }), 'unset it, then restart the terminal or the editor.');
    assert.strictEqual(await fixOf({}, { 'compose.yaml': 'services:\n  api:\n    env_file: .env\n    environment:\n      - OPENAI_API_KEY\n' }), 'unset it in the shell that runs docker compose.');
  });

  it('no warning when the loader overrides the environment, or when compose does not pass the shell through', async () => {
    assert.deepStrictEqual(loadOrderFindings(await resolve(files, { OPENAI_API_KEY: STALE }, { loader: 'dotenv', override: true }), '.env'), []);
    const compose = { ...files, 'compose.yaml': 'services:\n  api:\n    env_file: .env\n' };
    assert.deepStrictEqual(loadOrderFindings(await resolve(compose, { OPENAI_API_KEY: STALE }), '.env'), []);
  });

  it('only the definition dotenv uses is reported (earlier duplicates are duplicate-key)', async () => {
    const resolution = await resolve({ '.env': `OPENAI_API_KEY=${OTHER}\nOPENAI_API_KEY=${KEY}\n` }, { OPENAI_API_KEY: STALE });
    assert.deepStrictEqual(located(resolution, '.env', loadOrderFindings(resolution, '.env')), ['environment-shadows-file@2:1']);
  });

  it('looks at key variables only: PORT in the environment and in .env is none of our business', async () => {
    const resolution = await resolve({ '.env': `PORT=3000\nOPENAI_API_KEY=${KEY}\n` }, { PORT: '8080' });
    assert.deepStrictEqual(loadOrderFindings(resolution, '.env'), []);
  });
});

describe('overridden-by-other-file', () => {
  const nextApp = {
    'package.json': JSON.stringify({ dependencies: { next: '15.1.0', react: '19.0.0' } }),
    '.env': `OPENAI_API_KEY=${KEY}\n`,
    '.env.local': `# my key\nOPENAI_API_KEY=${OTHER}\n`,
  };

  it('Done when: a Next.js folder with different keys in .env and .env.local reports it on the .env definition', async () => {
    const resolution = await resolve(nextApp);
    assert.strictEqual(resolution.plan.loader, 'nextjs');
    const findings = loadOrderFindings(resolution, '.env');
    assert.deepStrictEqual(located(resolution, '.env', findings), ['overridden-by-other-file@1:1']);
    assert.strictEqual(findings[0].severity, 'information');
    assert.strictEqual(findings[0].message, `Next.js uses .env.local, line 2 (${maskKey(OTHER)}) instead: edit the key there or delete this one.`);
    assert.deepStrictEqual(loadOrderFindings(resolution, '.env.local'), [], 'the winner gets nothing');
  });

  it('Done when: the which JSON names .env.local', async () => {
    const json = chainJson(chainFor(await resolve(nextApp), 'OPENAI_API_KEY'));
    assert.deepStrictEqual(json, {
      variable: 'OPENAI_API_KEY',
      loader: 'nextjs',
      winner: { source: 'file', file: '.env.local', line: 2, masked: maskKey(OTHER) },
      chain: [
        { source: 'file', file: '.env.local', line: 2, masked: maskKey(OTHER), used: true, problems: [] },
        { source: 'file', file: '.env', line: 1, masked: maskKey(KEY), used: false, problems: [] },
      ],
    });
  });

  it('the same key in both files is no problem', async () => {
    assert.deepStrictEqual(loadOrderFindings(await resolve({ ...nextApp, '.env.local': `OPENAI_API_KEY=${KEY}\n` }), '.env'), []);
  });

  it('a file the loader does not read gets nothing (.env.production under next dev)', async () => {
    const resolution = await resolve({ ...nextApp, '.env.production': `OPENAI_API_KEY=${STALE}\n` });
    assert.deepStrictEqual(loadOrderFindings(resolution, '.env.production'), []);
  });

  it('a compose environment literal overrides the env_file definition, naming compose.yaml and its line', async () => {
    const resolution = await resolve({ 'app.env': `OPENAI_API_KEY=${KEY}\n`, 'compose.yaml': `services:\n  api:\n    env_file: app.env\n    environment:\n      - OPENAI_API_KEY=${OTHER}\n` });
    const [finding] = loadOrderFindings(resolution, 'app.env');
    assert.strictEqual(finding.message, `docker compose uses compose.yaml, line 5 (${maskKey(OTHER)}) instead: edit the key there or delete this one.`);
  });
});

describe('key-reused', () => {
  const file = (folder: string, name: string, text: string): KeyFile => ({ folder, file: name, parsed: parseDotenv(text) });

  it('Done when: the same key in .env.development and .env.production gives key-reused on both', () => {
    const files = [file('', '.env.development', `OPENAI_API_KEY=${KEY}\n`), file('', '.env.production', `PORT=80\nOPENAI_API_KEY="${KEY}"\n`)];
    const [dev, prod] = keyReuseFindings(files, SALT);
    assert.deepStrictEqual(dev.map((f) => [f.rule, f.severity, f.span]), [['key-reused', 'information', files[0].parsed.entries[0].contentSpan]]);
    assert.deepStrictEqual(prod.map((f) => [f.rule, f.span]), [['key-reused', files[1].parsed.entries[1].contentSpan]]);
    assert.strictEqual(dev[0].message, 'Same key as .env.production, line 2: use a key per environment, so a leak or spend limit hits only one.');
    assert.strictEqual(prod[0].message, 'Same key as .env.development, line 1: use a key per environment, so a leak or spend limit hits only one.');
  });

  it('.env and .env.production are different environments; .env and .env.local are the same', () => {
    assert.strictEqual(keyReuseFindings([file('', '.env', `OPENAI_API_KEY=${KEY}\n`), file('', '.env.production', `OPENAI_API_KEY=${KEY}\n`)], SALT).flat().length, 2);
    assert.deepStrictEqual(keyReuseFindings([file('', '.env', `OPENAI_API_KEY=${KEY}\n`), file('', '.env.local', `OPENAI_API_KEY=${KEY}\n`)], SALT).flat(), []);
    assert.deepStrictEqual(keyReuseFindings([file('', '.env.production', `OPENAI_API_KEY=${KEY}\n`), file('', '.env.production.local', `OPENAI_API_KEY=${KEY}\n`)], SALT).flat(), []);
  });

  it('the same key in two workspace folders, whatever the file names, naming the other folder', () => {
    const [web, api] = keyReuseFindings([file('web', '.env.local', `OPENAI_API_KEY=${KEY}\n`), file('api', '.env', `OPENAI_API_KEY=${KEY}\n`)], SALT);
    assert.strictEqual(web[0].message, 'Same key as api/.env, line 1: use a key per project, so a leak or spend limit hits only one.');
    assert.strictEqual(api.length, 1);
  });

  it('counts further places; ignores different keys, placeholders, example files and non-key variables', () => {
    const [first] = keyReuseFindings(
      [
        file('', '.env', `OPENAI_API_KEY=${KEY}\n`),
        file('', '.env.production', `OPENAI_API_KEY=${KEY}\n`),
        file('', '.env.test', `OPENAI_API_KEY=${KEY}\n`),
        file('', '.env.staging', `OPENAI_API_KEY=${OTHER}\n`),
        file('', '.env.example', `OPENAI_API_KEY=${KEY}\n`),
      ],
      SALT,
    );
    assert.match(first[0].message, /^Same key as \.env\.production, line 1 \(\+1\): /);
    const quiet = [file('', '.env', 'OPENAI_API_KEY=sk-proj-...sQoA\nSESSION=abc\n'), file('', '.env.production', 'OPENAI_API_KEY=sk-proj-...sQoA\nSESSION=abc\n')];
    assert.deepStrictEqual(keyReuseFindings(quiet, SALT).flat(), []);
  });

  it('compares salted fingerprints: nothing of the key is kept, and another salt gives other fingerprints', () => {
    assert.notStrictEqual(keyFingerprint(KEY, SALT), keyFingerprint(KEY, 'other-salt'));
    assert.ok(!keyFingerprint(KEY, SALT).includes(KEY.slice(8, 16)));
    const findings = keyReuseFindings([file('', '.env', `OPENAI_API_KEY=${KEY}\n`), file('', '.env.production', `OPENAI_API_KEY=${KEY}\n`)], SALT).flat();
    for (const f of findings) {
      assert.ok(!f.message.includes(KEY.slice(8, 16)), 'no 8 characters of the secret part in the message');
    }
  });

  it('classifies file names by environment', () => {
    assert.deepStrictEqual(
      ['.env', '.env.local', '.env.development.local', '.env.dev', '.env.production.local', '.env.prod', '.env.staging', '.env.test', 'apps/api/.env.example', '.env.defaults', 'prod.env', 'api.env'].map(environmentOfFile),
      ['development', 'development', 'development', 'development', 'production', 'production', 'staging', 'test', undefined, undefined, 'production', 'development'],
    );
    // Every template name the linter knows holds no real key (envFileNames.ts); `_` and `-` separate like `.`.
    assert.deepStrictEqual(
      ['.env_sample', '.env-template', 'example.env', '.example.env', 'env.dist', '.env.example.local', '.env_production', '.env-prod', '.env_dev_local'].map(environmentOfFile),
      [undefined, undefined, undefined, undefined, undefined, undefined, 'production', 'production', 'development'],
    );
    // A backup copy is the environment of the file it backs up.
    assert.deepStrictEqual(
      ['.env.bak', '.env.backup', '.env.old', '.env.orig', '.env~', '.env.production.bak', '.env.prod.old~', '.env.example.bak', 'prod.env.bak'].map(environmentOfFile),
      ['development', 'development', 'development', 'development', 'development', 'production', 'production', undefined, 'production'],
    );
  });
});

describe('rules settle like the linter\'s', () => {
  it('honours rule settings and disable comments', async () => {
    const text = `# openai-key-doctor-disable-next-line environment-shadows-file\nOPENAI_API_KEY=${KEY}\n`;
    const resolution = await resolve({ '.env': text }, { OPENAI_API_KEY: STALE });
    const findings = loadOrderFindings(resolution, '.env');
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(settleFindings(findings, text), []);
    const plain = `OPENAI_API_KEY=${KEY}\n`;
    const again = loadOrderFindings(await resolve({ '.env': plain }, { OPENAI_API_KEY: STALE }), '.env');
    assert.deepStrictEqual(settleFindings(again, plain, { 'environment-shadows-file': 'error' }).map((f) => f.severity), ['error']);
    assert.deepStrictEqual(settleFindings(again, plain, { 'environment-shadows-file': 'off' }), []);
  });

  it('the three rules are in the catalog', () => {
    for (const rule of ['environment-shadows-file', 'overridden-by-other-file', 'key-reused']) {
      assert.ok((RULE_IDS as string[]).includes(rule), rule);
    }
  });
});

describe('a broken value in the environment', () => {
  const rules = (value: string) => diagnoseEnvironmentValue('OPENAI_API_KEY', value).map((d) => d.rule);
  const first = (value: string) => diagnoseEnvironmentValue('OPENAI_API_KEY', value)[0].message;

  it('a good key is clean', () => {
    assert.deepStrictEqual(rules(KEY), []);
    assert.deepStrictEqual(rules(fakeKey('legacy', 3)), []);
    assert.deepStrictEqual(diagnoseEnvironmentValue('OPENAI_ADMIN_KEY', fakeKey('admin', 3)), []);
  });

  it('Windows `set OPENAI_API_KEY="sk-…"` keeps the quotes', () => {
    assert.deepStrictEqual(rules(`"${KEY}"`), ['invalid-characters']);
    assert.strictEqual(first(`"${KEY}"`), 'OPENAI_API_KEY in the environment kept the quotes of Windows set: set it without them.');
    assert.deepStrictEqual(rules(`'${KEY}'`), ['invalid-characters']);
    assert.strictEqual(maskValue(`"${KEY}"`), `"${maskKey(KEY)}"`);
  });

  it('a trailing \\r from a CRLF file sourced by a shell, a trailing or leading space', () => {
    assert.deepStrictEqual(rules(`${KEY}\r`), ['trailing-whitespace']);
    assert.strictEqual(first(`${KEY}\r`), 'OPENAI_API_KEY in the environment ends with \\r (Windows line endings): set it again without it.');
    assert.strictEqual(first(`${KEY} `), 'OPENAI_API_KEY in the environment ends with a space: set it again without it.');
    assert.strictEqual(first(` ${KEY}`), 'OPENAI_API_KEY in the environment starts with a space: set it again without it.');
    assert.strictEqual(maskValue(`${KEY}\r`), `${maskKey(KEY)}\\r`);
  });

  it('look-alike, invisible and inner white space, with the linter\'s verdict', () => {
    const cyrillic = KEY.slice(0, 20) + '\u0430' + KEY.slice(21);
    assert.deepStrictEqual(rules(cyrillic), ['lookalike-character']);
    assert.strictEqual(first(cyrillic), 'OPENAI_API_KEY in the environment has U+0430 CYRILLIC LETTER (looks like "a") for "a": copy the key again.');
    assert.deepStrictEqual(rules(KEY.slice(0, 30) + '\u200b' + KEY.slice(30)), ['invisible-character']);
    assert.deepStrictEqual(rules(KEY.slice(0, 30) + ' ' + KEY.slice(30)), ['whitespace-inside-value']);
  });

  it('the linter\'s shape checks: placeholder, prefix, truncation, admin key, Bearer, empty', () => {
    assert.deepStrictEqual(rules('sk-proj-...sQoA'), ['placeholder']);
    assert.deepStrictEqual(rules('your-api-key-here'), ['placeholder']);
    assert.deepStrictEqual(rules(fakeKey('project', 5).replace(/^sk-proj-/, 'pk-')), ['unknown-prefix']);
    assert.deepStrictEqual(rules(KEY.slice(0, 60)), ['truncated-key']);
    assert.deepStrictEqual(rules(fakeKey('admin', 4)), ['admin-key']);
    assert.deepStrictEqual(rules(`Bearer ${KEY}`), ['bearer-prefix']);
    assert.deepStrictEqual(rules(''), ['empty-value']);
    assert.deepStrictEqual(rules('  '), ['trailing-whitespace', 'empty-value']);
  });

  it('environment wording: no quotes of a file, no line, column or file words', () => {
    const values = [`"${KEY}"`, `${KEY}\r`, ` ${KEY}`, KEY.slice(0, 20) + '\u2011' + KEY.slice(21), KEY.slice(0, 30) + '\u00a0' + KEY.slice(30), 'sk-...', KEY.slice(0, 60), fakeKey('admin', 4), `Bearer ${KEY}`, '', `${KEY}${KEY}`, 'ek_abc', `${KEY}\\n`, `sk-proj-${'a'.repeat(40)}.${'b'.repeat(40)}`];
    for (const value of values) {
      for (const d of diagnoseEnvironmentValue('OPENAI_API_KEY', value)) {
        assert.doesNotMatch(d.message, /\b(line \d|column|file|dotenv|inside the quotes)\b/i, d.message);
        assert.ok(!d.message.includes(KEY.slice(8, 16)), 'never 8 characters of the key');
      }
    }
  });
});

describe('messages of the new rules and the environment wording', () => {
  it('are one sentence with the fix: median <= 90, max <= 160 characters', async () => {
    const messages: string[] = [];
    const envValues = [`"${KEY}"`, `${KEY}\r`, ` ${KEY}`, KEY.slice(0, 20) + '\u2011' + KEY.slice(21), KEY.slice(0, 30) + '\u200b' + KEY.slice(30), KEY.slice(0, 30) + ' ' + KEY.slice(30), 'sk-proj-...sQoA', KEY.slice(0, 60), fakeKey('admin', 4), `Bearer ${KEY}`, '', `${KEY}${OTHER}`, 'ek_' + 'a'.repeat(40), `${KEY.slice(0, 40)}\\${KEY.slice(40)}`, '${OPENAI_KEY}', `“${KEY}”`, 'pk-' + KEY.slice(8)];
    for (const value of envValues) {
      messages.push(...diagnoseEnvironmentValue('OPENAI_API_KEY', value).map((d) => d.message));
    }
    const dotenvFile = { '.env': `OPENAI_API_KEY=${KEY}\n` };
    for (const loader of ['dotenv', 'python-dotenv', 'nextjs', 'vite', 'create-react-app', 'dotenv-flow'] as const) {
      messages.push(...loadOrderFindings(await resolve(dotenvFile, { OPENAI_API_KEY: STALE }, { loader }), '.env').map((f) => f.message));
    }
    messages.push(...loadOrderFindings(await resolve({ ...dotenvFile, '.env.local': `OPENAI_API_KEY=${OTHER}\n` }, {}, { loader: 'nextjs' }), '.env').map((f) => f.message));
    const file = (folder: string, name: string): KeyFile => ({ folder, file: name, parsed: parseDotenv(`OPENAI_API_KEY=${KEY}\n`) });
    messages.push(...keyReuseFindings([file('', '.env.development'), file('', '.env.production'), file('worker', '.env')], SALT).flat().map((f) => f.message));
    const lengths = messages.map((m) => m.length).sort((a, b) => a - b);
    const median = lengths[Math.floor(lengths.length / 2)];
    assert.ok(messages.length >= 25, `${messages.length} messages measured`);
    assert.ok(median <= 90, `median ${median}`);
    assert.ok(lengths[lengths.length - 1] <= 160, `longest: ${messages.find((m) => m.length === lengths[lengths.length - 1])}`);
    for (const m of messages) {
      assert.match(m, /^[^.]+(\.[^ .][^.]*)*\.$/, `one sentence: ${m}`);
      assert.match(m, /: /, `says the fix after a colon: ${m}`);
    }
  });
});

describe('in French', () => {
  after(() => l10n.config({ contents: {} }));

  it('the warning, its fix and the environment wording come out in French with the French bundle', async () => {
    const bundle = JSON.parse(readFileSync(require.resolve('../../../../../l10n/bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
    l10n.config({ contents: bundle });
    const [finding] = loadOrderFindings(await resolve({ '.env': `OPENAI_API_KEY=${KEY}\n` }, { OPENAI_API_KEY: STALE }, { loader: 'python-dotenv' }), '.env');
    assert.strictEqual(finding.message, `python-dotenv utilise OPENAI_API_KEY=${maskKey(STALE)} venant de l'environnement, pas ${maskKey(KEY)} : supprimez-la et rouvrez le terminal, ou utilisez load_dotenv(override=True).`);
    assert.strictEqual(diagnoseEnvironmentValue('OPENAI_API_KEY', `"${KEY}"`)[0].message, "OPENAI_API_KEY dans l'environnement a gardé les guillemets du set de Windows : redéfinissez-la sans.");
  });
});
