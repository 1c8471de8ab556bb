import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintText } from '../../../src/core/lint';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';
import { lint, located, rulesOf } from '../../support/lint';

const KEY = fakeKey('project');

describe('output stays bounded', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  const make = (content: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-bounded-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, '.env'), content);
    return dir;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('repro: text output of a file with 300,000 findings does not crash ("Maximum call stack size exceeded"), and says how many were left out', async () => {
    const dir = make('x\n'.repeat(300_000));
    const run = await cli(['lint', '--no-git', '.'], { cwd: dir });
    assert.strictEqual(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.ok(lines.length < 1100, `${lines.length} lines`);
    assert.match(run.stdout, /299000 more problems in this file are not shown \(errors: 0, warnings: 299000\).*too-many-findings/);
    assert.match(run.stdout, /✖ 300000 problems \(0 errors, 300000 warnings, 0 info\)/);
  });

  it('repro: JSON and SARIF list at most 1,000 findings per file and end with the summary (a 2 MB file made 79 MB and 145 MB)', async () => {
    const dir = make('A="\n'.repeat(10_000));
    for (const format of ['json', 'sarif']) {
      const run = await cli(['lint', '--no-git', '--format', format, '.'], { cwd: dir });
      const parsed = JSON.parse(run.stdout);
      const results: Array<{ rule?: string; ruleId?: string; message: string | { text: string } }> = format === 'json' ? parsed.files[0].findings : parsed.runs[0].results;
      assert.strictEqual(results.length, 1001, format);
      const last = results[results.length - 1];
      assert.strictEqual(last.rule ?? last.ruleId, 'too-many-findings');
      assert.match(typeof last.message === 'string' ? last.message : last.message.text, /^4000 more problems in this file are not shown/);
      assert.ok(run.stdout.length < 1_000_000, `${format}: ${run.stdout.length} bytes`);
    }
  });

  it('an error beyond the first 1,000 findings still sets the exit code', async () => {
    const dir = make('x\n'.repeat(1500) + 'OPENAI_API_KEY=changeme\n');
    const run = await cli(['lint', '--no-git', '--format', 'json', '.'], { cwd: dir });
    assert.strictEqual(run.code, 1);
    assert.match(JSON.parse(run.stdout).files[0].findings[1000].message, /\(errors: 1, warnings: 500\)/);
  });

  it('the editor gets the same 1,000 findings and summary; --fix still sees every finding', () => {
    const text = 'OPENAI_API_KEY = sk-abc\n'.repeat(1) + 'X_1 = 1\nx\n'.repeat(1200);
    const result = lintText(text, { fileName: '.env' });
    assert.strictEqual(result.findings.length, 1001);
    assert.strictEqual(result.findings[1000].rule, 'too-many-findings');
    assert.strictEqual(lintText(text, { fileName: '.env', forFixingOnly: true }).findings.length > 1000, true);
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
