import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project');

function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('openai-key-doctor lint', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string | Buffer>) => {
    const dir = workspace(files);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('walks a folder for .env and .env.*, skipping node_modules and .git, and follows the JSON contract', async () => {
    const dir = make({
      '.env': `OPENAI_API_KEY = ${KEY}\n`,
      'apps/api/.env.production': 'OPENAI_API_KEY=sk-proj-...sQoA\n',
      // Another key: the same one in two projects is `key-reused` (see cli-lint-loaders.test.ts).
      'apps/web/.env.local': `OPENAI_API_KEY=${fakeKey('project', 2)}\n`,
      'node_modules/pkg/.env': 'OPENAI_API_KEY=xxx\n',
      '.envrc': 'export OPENAI_API_KEY=xxx\n',
      'README.md': 'OPENAI_API_KEY=xxx\n',
    });
    const run = await cli(['lint', '--format', 'json', '--no-git', '.'], { cwd: dir });
    assert.strictEqual(run.code, 1, 'an error was found');
    const json = JSON.parse(run.stdout);
    assert.deepStrictEqual(json.files.map((f: { path: string }) => f.path), ['.env', path.join('apps', 'api', '.env.production'), path.join('apps', 'web', '.env.local')]);
    assert.deepStrictEqual(json.files[0].findings, [
      {
        rule: 'space-around-separator',
        severity: 'warning',
        line: 1,
        column: 15,
        endLine: 1,
        endColumn: 18,
        message: 'White space around "=" breaks docker and shells: write OPENAI_API_KEY=<value>.',
        detail: json.files[0].findings[0].detail,
        fixable: true,
      },
    ]);
    assert.strictEqual(json.files[1].findings[0].rule, 'placeholder');
    assert.strictEqual(json.files[1].findings[0].fixable, false);
    assert.deepStrictEqual(json.files[2].findings, []);
  });

  it('exits 0 when there are only warnings, 1 with an error, 2 on usage errors', async () => {
    const dir = make({ '.env': `OPENAI_API_KEY=${KEY} \n` });
    assert.strictEqual((await cli(['lint', '--no-git', '.env'], { cwd: dir })).code, 0);
    assert.strictEqual((await cli(['lint'], { cwd: dir })).code, 2);
    assert.strictEqual((await cli(['lint', '--format', 'xml', '.'], { cwd: dir })).code, 2);
    assert.strictEqual((await cli(['lint', '--nope', '.'], { cwd: dir })).code, 2);
    assert.strictEqual((await cli(['frobnicate'], { cwd: dir })).code, 2);
  });

  it('prints eslint-style text', async () => {
    const dir = make({ '.env': `OPENAI_API_KEY=" ${KEY}"\n` });
    const run = await cli(['lint', '--no-git', '.'], { cwd: dir });
    assert.match(run.stdout, /^\.env$/m);
    assert.match(run.stdout, /^ {2}1:17 {2}error {4}OPENAI_API_KEY has white space inside its quotes, which dotenv keeps: remove it\. {2}whitespace-in-quotes$/m);
    assert.match(run.stdout, /✖ 1 problem \(1 error, 0 warnings, 0 info\)/);
    assert.match(run.stdout, /1 of them can be fixed with the `--fix` option/);
  });

  it('prints SARIF 2.1.0', async () => {
    const dir = make({ '.env': 'OPENAI_API_KEY=changeme\n' });
    const sarif = JSON.parse((await cli(['lint', '--format', 'sarif', '--no-git', '.'], { cwd: dir })).stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    const [result] = sarif.runs[0].results;
    assert.strictEqual(result.ruleId, 'placeholder');
    assert.strictEqual(result.level, 'error');
    assert.deepStrictEqual(result.locations[0].physicalLocation.region, { startLine: 1, startColumn: 16, endLine: 1, endColumn: 24 });
    assert.strictEqual(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'placeholder');
  });

  it('--fix applies only the safe fixes and keeps every other byte', async () => {
    const before = `# keys\r\nOPENAI_API_KEY = \u201c${KEY}\u201d\r\nOPENAI_APIKEY=${KEY}\r\nPORT=3000\r\n`;
    const dir = make({ '.env': before });
    const run = await cli(['lint', '--fix', '--no-git', '.'], { cwd: dir });
    const after = fs.readFileSync(path.join(dir, '.env'), 'utf8');
    assert.strictEqual(after, `# keys\r\nOPENAI_API_KEY="${KEY}"\r\nOPENAI_APIKEY=${KEY}\r\nPORT=3000\r\n`);
    assert.match(run.stderr, /Applied 2 fixes/);
  });

  it('--fix re-saves a UTF-16 file as UTF-8', async () => {
    const dir = make({ '.env': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`OPENAI_API_KEY=${KEY}\r\n`, 'utf16le')]) });
    await cli(['lint', '--fix', '--no-git', '.'], { cwd: dir });
    assert.strictEqual(fs.readFileSync(path.join(dir, '.env'), 'utf8'), `OPENAI_API_KEY=${KEY}\r\n`);
  });

  it('asks git: a key in a .env that is not ignored, fixed by adding it to .gitignore', async function () {
    try {
      execFileSync('git', ['--version']);
    } catch {
      console.log('    (skipped: git is not installed on this machine)');
      this.skip();
    }
    const dir = make({ '.env': `OPENAI_API_KEY=${KEY}\n`, '.gitignore': 'node_modules' });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const run = await cli(['lint', '--format', 'json', '.'], { cwd: dir });
    assert.deepStrictEqual(JSON.parse(run.stdout).files[0].findings.map((f: { rule: string }) => f.rule), ['env-not-ignored']);
    await cli(['lint', '--fix', '.'], { cwd: dir });
    assert.strictEqual(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'), 'node_modules\n.env\n');
    const again = await cli(['lint', '--format', 'json', '.'], { cwd: dir });
    assert.deepStrictEqual(JSON.parse(again.stdout).files[0].findings, []);
  });

  it('reports unreadable paths without failing', async () => {
    const dir = make({});
    const run = await cli(['lint', '--format', 'json', 'missing/.env'], { cwd: dir });
    const json = JSON.parse(run.stdout);
    assert.strictEqual(json.files[0].findings[0].rule, 'unreadable-file');
    assert.match(json.files[0].findings[0].message, /ENOENT/);
  });
});
