import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const FILE_KEY = fakeKey('project', 301);
const STALE_ENV_KEY = fakeKey('project', 302);

interface Report {
  path: string;
  findings: Array<{ rule: string; message: string }>;
}

/**
 * Found by the red team: `lint` reported environment-shadows-file for an app that already loads its .env with
 * override, and told it to do what it does. The load order model knows override; `lint --override` (as `which
 * --override`) now says so. Reading the call in the app's source is not done: without the flag the warning stays.
 */
describe('lint --override: environment-shadows-file when the app already overrides the environment', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string>) => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-rt-override-')));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  };
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  const shadowFindings = async (dir: string, override = true) => {
    const run = await cli(['lint', '--format', 'json', ...(override ? ['--override'] : []), '.'], { cwd: dir, env: { OPENAI_API_KEY: STALE_ENV_KEY } });
    const reports = (JSON.parse(run.stdout) as { files: Report[] }).files;
    return reports.flatMap((r) => r.findings.filter((f) => f.rule === 'environment-shadows-file').map((f) => `${r.path}: ${f.message}`));
  };

  it('dotenv.config({ override: true }) and lint --override: the file wins, no shadow warning', async () => {
    const dir = make({
      '.env': `OPENAI_API_KEY=${FILE_KEY}\n`,
      'package.json': JSON.stringify({ name: 'bot', main: 'index.js', dependencies: { dotenv: '^16.4.5', openai: '^4.0.0' } }, null, 2),
      'index.js': "require('dotenv').config({ override: true });\nconst OpenAI = require('openai');\nconst client = new OpenAI();\n",
    });
    assert.deepStrictEqual(await shadowFindings(dir), []);
    assert.deepStrictEqual((await shadowFindings(dir, false)).length, 1, 'without --override the environment wins');
  });

  it('load_dotenv(override=True) and lint --override: the file wins, no shadow warning', async () => {
    const dir = make({
      '.env': `OPENAI_API_KEY=${FILE_KEY}\n`,
      'requirements.txt': 'openai\npython-dotenv\n',
      'main.py': 'from dotenv import load_dotenv\nfrom openai import OpenAI\n\nload_dotenv(override=True)\nclient = OpenAI()\n',
    });
    assert.deepStrictEqual(await shadowFindings(dir), []);
  });
});
