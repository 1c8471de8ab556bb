import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../support/cli';
import { fakeKey } from '../support/keys';

const KEY = fakeKey('project', 311);

/**
 * Red team: hardcoded-key reads literals as written, not as the language decodes them. A key whose `s` or `-` is
 * an escape is the same key at run time, but `lint` finds nothing and exits 0.
 */
describe('red team: hard-coded keys written with escapes in string literals', () => {
  const dirs: string[] = [];
  const lintOne = async (name: string, content: string) => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-rt-escape-')));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, name), content);
    const run = await cli(['lint', '--format', 'json', '.'], { cwd: dir, env: {} });
    const files = (JSON.parse(run.stdout) as { files: Array<{ path: string; findings: Array<{ rule: string }> }> }).files;
    return { code: run.code, rules: files.flatMap((f) => f.findings.map((x) => `${f.path} ${x.rule}`)) };
  };
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('JSON \\u0073k-proj-… (a JSON string escape) is found', async () => {
    const result = await lintOne('config.json', `{\n  "openai": { "apiKey": "\\u0073${KEY.slice(1)}" }\n}\n`);
    assert.deepStrictEqual(result, { code: 1, rules: ['config.json hardcoded-key'] });
  });

  it('JSON sk\\u002dproj\\u002d… is found', async () => {
    const result = await lintOne('settings.json', `{ "apiKey": "${KEY.slice(0, 7).split('-').join('\\u002d')}\\u002d${KEY.slice(8)}" }\n`);
    assert.deepStrictEqual(result, { code: 1, rules: ['settings.json hardcoded-key'] });
  });

  it('JavaScript "\\x73k-proj-…" is found', async () => {
    const result = await lintOne('client.js', `const client = new OpenAI({ apiKey: "\\x73${KEY.slice(1)}" });\n`);
    assert.deepStrictEqual(result, { code: 1, rules: ['client.js hardcoded-key'] });
  });
});
