import * as l10n from '@vscode/l10n';
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintText } from '../../../src/core/lint';
import { languageFromEnvironment } from '../../../src/core/l10nSetup';
import { combineVerdict } from '../../../src/core/probe/verdict';
import { fakeKey } from '../../support/keys';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();

describe('French localization', () => {
  after(() => l10n.config({ contents: {} }));

  it('package.nls.fr.json translates every manifest string', () => {
    const en = read('package.nls.json');
    const fr = read('package.nls.fr.json');
    assert.deepStrictEqual(Object.keys(fr).sort(), Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      assert.ok(fr[key].trim().length > 0, key);
    }
  });

  it('the l10n bundle translates every message of the extension and the core, with the same placeholders', () => {
    const en = read('l10n/bundle.l10n.json');
    const fr = read('l10n/bundle.l10n.fr.json');
    assert.ok(Object.keys(en).length > 200, 'the bundle is exported (npx vscode-l10n-dev export --outDir ./l10n ./src)');
    assert.deepStrictEqual(Object.keys(en).filter((k) => !(k in fr)), [], 'untranslated strings');
    assert.deepStrictEqual(Object.keys(fr).filter((k) => !(k in en)), [], 'stale translations');
    for (const key of Object.keys(en)) {
      assert.deepStrictEqual(placeholders(fr[key]), placeholders(key), `placeholders differ for: ${key}`);
    }
  });

  it('the exported bundle is up to date with the source', function () {
    // The export parses every source file with TypeScript: seconds on a loaded 2-core machine, not a speed test.
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-l10n-'));
    try {
      execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vscode-l10n-dev'), ['export', '--outDir', out, path.join(ROOT, 'src')], { stdio: 'pipe' });
      assert.deepStrictEqual(Object.keys(JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8'))).sort(), Object.keys(read('l10n/bundle.l10n.json')).sort());
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('diagnostics and verdicts come out in French with the French bundle', () => {
    l10n.config({ contents: read('l10n/bundle.l10n.fr.json') });
    try {
      const [finding] = lintText(`OPENAI_API_KEY=" ${fakeKey('project')}"\n`).findings;
      assert.strictEqual(finding.message, 'OPENAI_API_KEY a des espaces entre ses guillemets, que dotenv garde : supprimez-les.');
      assert.match(finding.detail ?? '', /^OPENAI_API_KEY a en tête U\+0020 SPACE à la ligne 1, colonne 17 entre les guillemets : dotenv garde les espaces entre guillemets/);
      const rest = { status: 'ok' as const, httpStatus: 200, code: null, type: null, message: '', requestId: null, ms: 1, realtimeModelListed: true };
      const realtime = { status: 'access_denied' as const, httpStatus: 403, closeCode: null, closeReason: null, code: null, type: null, message: '', requestId: null, sessionId: null, ms: 1 };
      assert.strictEqual(combineVerdict(rest, realtime, 'gpt-realtime').summary, "La clé est valide pour l'API REST mais n'a pas accès à Realtime pour gpt-realtime.");
    } finally {
      l10n.config({ contents: {} });
    }
  });

  it('the CLI speaks French when LANG says so', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-fr-'));
    try {
      fs.writeFileSync(path.join(dir, '.env'), 'OPENAI_API_KEY=votre_nouvelle_cle_ici\n');
      const cli = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
      const run = (lang: string) => {
        try {
          return execFileSync(process.execPath, [cli, 'lint', '--no-git', '.'], { cwd: dir, env: { ...process.env, LANG: lang, LC_ALL: '' }, encoding: 'utf8' });
        } catch (e) {
          return (e as { stdout: string }).stdout;
        }
      };
      assert.match(run('fr_FR.UTF-8'), /OPENAI_API_KEY contient un texte à remplacer, pas une clé : collez votre clé ici\./);
      assert.match(run('C.UTF-8'), /OPENAI_API_KEY holds a placeholder, not a key: paste your key here\./);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the language from the environment', () => {
    assert.strictEqual(languageFromEnvironment({ LANG: 'fr_FR.UTF-8' }), 'fr');
    assert.strictEqual(languageFromEnvironment({ LC_ALL: 'fr_CA', LANG: 'en_US.UTF-8' }), 'fr');
    assert.strictEqual(languageFromEnvironment({ LANG: 'en_US.UTF-8' }), undefined);
    assert.strictEqual(languageFromEnvironment({ LANG: 'C' }), undefined);
    assert.strictEqual(languageFromEnvironment({}), undefined);
  });
});
