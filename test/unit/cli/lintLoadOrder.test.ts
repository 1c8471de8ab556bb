import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MAX_FINDINGS_PER_FILE } from '../../../src/core/lint';
import { maskKey } from '../../../src/core/keys/mask';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 61);
const LOCAL = fakeKey('project', 62);
const STALE = fakeKey('project', 63);
const SHARED = fakeKey('service_account', 64);

interface Record {
  rule: string;
  severity: string;
  line: number;
  column: number;
  message: string;
}
interface Report {
  path: string;
  findings: Record[];
  omitted?: { error: number; warning: number; information: number };
}

/** Any 8 characters of a key's secret part (after its prefix) in the text. */
function leaks(text: string, key: string): boolean {
  const secret = key.replace(/^sk-(proj|svcacct|admin|None)-/, '');
  for (let i = 0; i + 8 <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + 8))) {
      return true;
    }
  }
  return false;
}

/** `path rule@line:column` of every finding of these rules. */
function located(reports: Report[], rules: string[]): string[] {
  return reports.flatMap((r) => r.findings.filter((f) => rules.includes(f.rule)).map((f) => `${r.path} ${f.rule}@${f.line}:${f.column}`));
}

const LOAD_ORDER_RULES = ['environment-shadows-file', 'overridden-by-other-file', 'key-reused'];

describe('openai-key-doctor lint: which definition the app gets, and keys reused (issue 13)', () => {
  const dirs: string[] = [];
  const make = (files: { [name: string]: string }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-lint-loaders-'));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const json = async (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => {
    const run = await cli(['lint', '--format', 'json', '--no-git', ...args], { cwd, env });
    return { code: run.code, reports: JSON.parse(run.stdout).files as Report[], stdout: run.stdout, stderr: run.stderr };
  };

  it('Done when: OPENAI_API_KEY=<another key> lint .env reports environment-shadows-file on the .env key line; without it, nothing', async () => {
    const dir = make({ '.env': `# OpenAI\nPORT=3000\nOPENAI_API_KEY=${KEY}\n` });
    const shadowed = await json(['.env'], dir, { OPENAI_API_KEY: STALE, PATH: process.env.PATH });
    assert.deepStrictEqual(located(shadowed.reports, LOAD_ORDER_RULES), ['.env environment-shadows-file@3:1']);
    const [finding] = shadowed.reports[0].findings;
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(finding.message, `dotenv uses OPENAI_API_KEY=${maskKey(STALE)} from the environment, not ${maskKey(KEY)}: unset it and reopen the terminal, or use dotenv.config({ override: true }).`);
    assert.strictEqual(shadowed.code, 0, 'a warning: exit 0, as documented');

    assert.deepStrictEqual(located((await json(['.env'], dir, { PATH: process.env.PATH })).reports, LOAD_ORDER_RULES), []);
    assert.deepStrictEqual(located((await json(['.env'], dir, { OPENAI_API_KEY: KEY })).reports, LOAD_ORDER_RULES), [], 'the same key in the environment');
  });

  it('Done when: in a Next.js folder with different keys in .env and .env.local, lint reports overridden-by-other-file on .env and which --format json names .env.local', async () => {
    const dir = make({ 'package.json': JSON.stringify({ dependencies: { next: '15.1.0' } }), '.env': `OPENAI_API_KEY=${KEY}\n`, '.env.local': `# mine\nOPENAI_API_KEY=${LOCAL}\n` });
    const lint = await json(['.'], dir);
    assert.deepStrictEqual(located(lint.reports, LOAD_ORDER_RULES), ['.env overridden-by-other-file@1:1']);
    assert.strictEqual(lint.reports[0].findings[0].message, `Next.js uses .env.local, line 2 (${maskKey(LOCAL)}) instead: edit the key there or delete this one.`);
    assert.strictEqual(lint.reports[0].findings[0].severity, 'information');
    assert.strictEqual(lint.code, 0);
    // Named alone, .env still gets it: the loader reads the folder's other files.
    assert.deepStrictEqual(located((await json(['.env'], dir)).reports, LOAD_ORDER_RULES), ['.env overridden-by-other-file@1:1']);
    const which = await cli(['which', '--format', 'json'], { cwd: dir });
    assert.deepStrictEqual(JSON.parse(which.stdout).winner, { source: 'file', file: '.env.local', line: 2, masked: maskKey(LOCAL) });
  });

  it('Done when: the same key in .env.development and .env.production gives key-reused on both', async () => {
    const dir = make({ '.env.development': `OPENAI_API_KEY=${SHARED}\n`, '.env.production': `# prod\nOPENAI_API_KEY=${SHARED}\n`, '.env.example': `OPENAI_API_KEY=${SHARED}\n` });
    const lint = await json(['.'], dir);
    assert.deepStrictEqual(located(lint.reports, ['key-reused']), ['.env.development key-reused@1:16', '.env.production key-reused@2:16']);
    assert.match(lint.reports.find((r) => r.path === '.env.development')!.findings[0].message, /^Same key as \.env\.production, line 2: use a key per environment/);
    // Named one by one, the same.
    assert.deepStrictEqual(located((await json(['.env.production', '.env.development'], dir)).reports, ['key-reused']), ['.env.production key-reused@2:16', '.env.development key-reused@1:16']);
    // Different keys: nothing.
    fs.writeFileSync(path.join(dir, '.env.production'), `OPENAI_API_KEY=${KEY}\n`);
    assert.deepStrictEqual(located((await json(['.'], dir)).reports, ['key-reused']), []);
  });

  it('key-reused across folders names the other folder', async () => {
    const dir = make({ 'web/.env': `OPENAI_API_KEY=${SHARED}\n`, 'api/.env': `OPENAI_API_KEY=${SHARED}\n` });
    const lint = await json(['.'], dir);
    assert.deepStrictEqual(located(lint.reports, ['key-reused']), [`${path.join('api', '.env')} key-reused@1:16`, `${path.join('web', '.env')} key-reused@1:16`]);
    assert.match(lint.reports[0].findings[0].message, /^Same key as web\/\.env, line 1: use a key per project/);
  });

  it('a file reached twice (a folder and the file named in it) is linted once and never taken for another file with the same key', async () => {
    const dir = make({ '.env': `OPENAI_API_KEY=${SHARED}\n`, 'api/.env': `OPENAI_API_KEY=${KEY}\n` });
    const twice = await json(['.', '.env', 'api', './api/.env'], dir);
    assert.deepStrictEqual(twice.reports.map((r) => r.path), ['.env', path.join('api', '.env')]);
    assert.deepStrictEqual(located(twice.reports, ['key-reused']), []);
    fs.writeFileSync(path.join(dir, 'api', '.env'), `OPENAI_API_KEY=${SHARED}\n`);
    const reused = await json(['.', 'api/.env', '.env'], dir);
    assert.deepStrictEqual(located(reused.reports, ['key-reused']), ['.env key-reused@1:16', `${path.join('api', '.env')} key-reused@1:16`]);
    assert.match(reused.reports[0].findings[0].message, /^Same key as api\/\.env, line 1: /, 'one other place, not "(+1)"');
  });

  it('--loader and --mode, as in which; a mode the folder\'s loader does not know is a usage error before anything is written', async () => {
    const dir = make({ 'package.json': JSON.stringify({ devDependencies: { vite: '6' } }), '.env': `OPENAI_API_KEY = ${KEY}\n`, '.env.staging': `OPENAI_API_KEY=${LOCAL}\n` });
    assert.deepStrictEqual(located((await json(['.'], dir)).reports, LOAD_ORDER_RULES), [], 'vite in development mode does not read .env.staging');
    assert.deepStrictEqual(located((await json(['--mode', 'staging', '.'], dir)).reports, LOAD_ORDER_RULES), ['.env overridden-by-other-file@1:1']);
    assert.deepStrictEqual(located((await json(['--mode', 'staging', '--loader', 'dotenv', '.'], dir)).reports, LOAD_ORDER_RULES), [], 'dotenv reads .env only');
    assert.deepStrictEqual(located((await json(['--loader', 'next', '--mode', 'production', '.'], dir)).reports, LOAD_ORDER_RULES), []);

    const before = fs.readFileSync(path.join(dir, '.env'), 'utf8');
    for (const args of [['--loader', 'next', '--mode', 'staging'], ['--mode', 'local'], ['--loader', 'webpack'], ['--mode', 'a b']]) {
      const run = await cli(['lint', '--fix', '--no-git', ...args, '.'], { cwd: dir });
      assert.strictEqual(run.code, 2, args.join(' '));
      assert.match(run.stderr, /knows the modes development, production and test|--mode takes a name|Unknown loader "webpack"/, args.join(' '));
    }
    assert.strictEqual(fs.readFileSync(path.join(dir, '.env'), 'utf8'), before, '--fix wrote nothing');
  });

  it('after --fix, the load-order findings are those of the fixed file', async () => {
    const dir = make({ '.env': `OPENAI_API_KEY = ${KEY}\n` });
    const run = await cli(['lint', '--fix', '--format', 'json', '--no-git', '.'], { cwd: dir, env: { OPENAI_API_KEY: STALE } });
    assert.strictEqual(fs.readFileSync(path.join(dir, '.env'), 'utf8'), `OPENAI_API_KEY=${KEY}\n`);
    assert.deepStrictEqual(located(JSON.parse(run.stdout).files, ['environment-shadows-file', 'space-around-separator']), ['.env environment-shadows-file@1:1']);
  });

  it('the same settings as every finding: disable comments, the per-file cap, and the redaction boundary in every format', async () => {
    const suppressed = make({ '.env': `# openai-key-doctor-disable-next-line environment-shadows-file\nOPENAI_API_KEY=${KEY}\n` });
    assert.deepStrictEqual(located((await json(['.env'], suppressed, { OPENAI_API_KEY: STALE })).reports, LOAD_ORDER_RULES), []);
    fs.writeFileSync(path.join(suppressed, '.env'), `# openai-key-doctor-disable-next-line key-reused\nOPENAI_API_KEY=${KEY}\n`);
    assert.deepStrictEqual(located((await json(['.env'], suppressed, { OPENAI_API_KEY: STALE })).reports, LOAD_ORDER_RULES), ['.env environment-shadows-file@2:1'], 'another rule named');

    // A file already at the cap: the cross-file finding counts, and the one summary says how many are left out.
    const noise = Array.from({ length: MAX_FINDINGS_PER_FILE + 5 }, (_, i) => `this line is not an assignment ${i}`);
    const capped = make({ '.env': [`OPENAI_API_KEY=${KEY}`, ...noise].join('\n') + '\n' });
    const [report] = (await json(['.env'], capped, { OPENAI_API_KEY: STALE })).reports;
    assert.strictEqual(report.findings.length, MAX_FINDINGS_PER_FILE + 1);
    assert.strictEqual(report.findings[0].rule, 'environment-shadows-file');
    assert.strictEqual(report.findings[MAX_FINDINGS_PER_FILE].rule, 'too-many-findings');
    assert.deepStrictEqual(report.omitted, { error: 0, warning: 6, information: 0 });
    assert.match(report.findings[MAX_FINDINGS_PER_FILE].message, /^6 more problems/);

    // A broken value in the environment and keys everywhere: no output carries 8 characters of any of them.
    const broken = `"${STALE}"`;
    const dir = make({ 'package.json': JSON.stringify({ dependencies: { next: '15' } }), '.env': `OPENAI_API_KEY=${KEY}\n`, '.env.local': `OPENAI_API_KEY=${LOCAL}\n`, '.env.development': `OPENAI_API_KEY=${SHARED}\n`, '.env.production': `OPENAI_API_KEY=${SHARED}\n` });
    for (const format of ['text', 'json', 'sarif']) {
      const run = await cli(['lint', '--format', format, '--no-git', '.'], { cwd: dir, env: { OPENAI_API_KEY: broken } });
      assert.match(run.stdout, /environment-shadows-file/, format);
      assert.match(run.stdout, /key-reused/, format);
      for (const key of [KEY, LOCAL, STALE, SHARED]) {
        assert.ok(!leaks(run.stdout + run.stderr, key), `${format} output leaks ${maskKey(key)}`);
      }
    }
    const sarif = JSON.parse((await cli(['lint', '--format', 'sarif', '--no-git', '.env'], { cwd: dir, env: { OPENAI_API_KEY: STALE } })).stdout);
    const [result] = sarif.runs[0].results;
    assert.strictEqual(result.ruleId, 'environment-shadows-file');
    assert.strictEqual(result.level, 'warning');
    assert.strictEqual(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'environment-shadows-file');
  });
});
