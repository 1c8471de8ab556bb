import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../support/cli';
import { fakeKey } from '../support/keys';

const KEY = fakeKey('project', 321);

/** Windows PowerShell 5.1's `>` and Out-File write UTF-16LE with a BOM. */
function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Red team: the source scan finds a key in a UTF-16 file only when it reads the folder itself (a non-repository of
 * at most 16 files). In a repository, or in a larger folder, the candidates come from `git grep -F -e sk-`, which
 * compares bytes: `s\0k\0-\0` never matches, so a committed PowerShell script or JSON file holding a key is not
 * searched and lint exits 0.
 */
describe('red team: hard-coded keys in UTF-16 source files (PowerShell) are missed when git lists the candidates', function () {
  const dirs: string[] = [];
  const script = utf16(`$env:OPENAI_API_KEY = "${KEY}"\r\npython app.py\r\n`);
  const make = (extraFiles: number) => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-rt-utf16-')));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'run.ps1'), script);
    fs.writeFileSync(path.join(dir, 'app.py'), 'from openai import OpenAI\nclient = OpenAI()\n');
    for (let i = 0; i < extraFiles; i++) {
      fs.writeFileSync(path.join(dir, `module${i}.py`), `VALUE_${i} = ${i}\n`);
    }
    return dir;
  };
  const hardcoded = async (dir: string) => {
    const run = await cli(['lint', '--format', 'json', '.'], { cwd: dir, env: { PATH: process.env.PATH } });
    const files = (JSON.parse(run.stdout) as { files: Array<{ path: string; findings: Array<{ rule: string }> }> }).files;
    return { code: run.code, found: files.flatMap((f) => f.findings.filter((x) => x.rule === 'hardcoded-key').map(() => f.path)) };
  };
  before(function () {
    if (!hasGit()) {
      console.log('      skipped: git is not installed, and these cases are about the git-backed listing');
      this.skip();
    }
  });
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('control: a small folder outside git (read by the walk) finds the key', async () => {
    assert.deepStrictEqual(await hardcoded(make(0)), { code: 1, found: ['run.ps1'] });
  });

  it('the same script committed in a git repository is found', async () => {
    const dir = make(0);
    execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'pipe' });
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'core.hooksPath=/dev/null', 'add', '.'], { cwd: dir, stdio: 'pipe' });
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'core.hooksPath=/dev/null', 'commit', '-qm', 'scripts'], { cwd: dir, stdio: 'pipe' });
    assert.deepStrictEqual(await hardcoded(dir), { code: 1, found: ['run.ps1'] });
  });

  it('the same script in a folder of more than 16 files outside git is found', async () => {
    assert.deepStrictEqual(await hardcoded(make(20)), { code: 1, found: ['run.ps1'] });
  });
});
