import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createSafeGitRunner } from '../../../../src/core/git';
import { gitStatusOf } from '../../../../src/core/gitStatus';
import { gitFactsOf } from '../../../../src/core/sources/scanTree';
import { cli } from '../../../support/cli';
import { fakeKey } from '../../../support/keys';

const KEY = fakeKey('project', 391);

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Found by the red team: for a source file named explicitly, `git ls-files -- <name>` read the name as a glob, so
 * a Next.js route file `pages/[id].js` matched a tracked `pages/d.js` and an ignored, untracked file was called
 * "(git-tracked)". The name now goes to git as `:(literal)<name>`, and check-ignore looks at the name only.
 */
describe('git facts of an explicitly named file whose name holds glob characters', () => {
  let dir = '';
  before(function () {
    if (!hasGit()) {
      console.log('      skipped: git is not installed, and this case is about what git is asked');
      this.skip();
    }
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-rt-glob-')));
    fs.mkdirSync(path.join(dir, 'pages'));
    fs.writeFileSync(path.join(dir, 'pages', 'd.js'), 'export default function Page() { return null; }\n');
    const run = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir, stdio: 'pipe' });
    run('init', '-q');
    run('add', '.');
    run('commit', '-qm', 'pages');
    fs.writeFileSync(path.join(dir, '.gitignore'), 'pages/\\[id\\].js\n');
    fs.writeFileSync(path.join(dir, 'pages', '[id].js'), `const client = new OpenAI({ apiKey: "${KEY}" });\n`);
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('an untracked, ignored pages/[id].js is not called git-tracked', async () => {
    const run = await cli(['lint', '--format', 'json', path.join('pages', '[id].js')], { cwd: dir, env: { PATH: process.env.PATH } });
    const files = (JSON.parse(run.stdout) as { files: Array<{ findings: Array<{ rule: string; message: string }> }> }).files;
    const messages = files.flatMap((f) => f.findings.filter((x) => x.rule === 'hardcoded-key').map((x) => x.message));
    assert.strictEqual(messages.length, 1, JSON.stringify(files));
    assert.ok(!messages[0].includes('git-tracked'), messages[0]);
  });

  it('gitFactsOf and gitStatusOf (.env files) take the name literally', async () => {
    assert.deepStrictEqual(await gitFactsOf(path.join(dir, 'pages', '[id].js'), createSafeGitRunner()), { tracked: false, ignored: true });
    assert.deepStrictEqual(await gitFactsOf(path.join(dir, 'pages', 'd.js'), createSafeGitRunner()), { tracked: true, ignored: false });
    fs.writeFileSync(path.join(dir, 'pages', '[x].env'), 'OPENAI_API_KEY=\n');
    fs.writeFileSync(path.join(dir, 'pages', 'x.env'), 'OPENAI_API_KEY=\n');
    execFileSync('git', ['add', 'pages/x.env'], { cwd: dir, stdio: 'pipe' });
    const status = await gitStatusOf(path.join(dir, 'pages', '[x].env'));
    assert.strictEqual(status?.tracked, false);
  });
});
