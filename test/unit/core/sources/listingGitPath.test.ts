import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createSafeGitRunner, runGit } from '../../../../src/core/git';
import { listSourceFiles } from '../../../../src/core/sources/listing';

/**
 * Red team (issue 9 item 3: "any way a repository's contents makes … the sources lister in src/core/sources/ run a
 * program"): the sources lister had its own runner that ran `execFile('git', …)` with the repository as cwd, so with
 * an empty or relative PATH entry (`PATH=/usr/bin:` or `:.`, common in hand-edited shell profiles) the repository's
 * own `./git` ran. The lister now runs git through the one hardened module (src/core/git.ts), which looks git up in
 * the absolute entries of PATH only.
 */
describe('the sources lister never runs a git program from the repository (red team)', () => {
  let dir: string;
  let marker: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-redteam-gitpath-'));
    marker = path.join(dir, 'PWNED');
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, 'app.js'), 'const key = "sk-abc";\n');
    fs.writeFileSync(path.join(dir, 'git'), `#!/bin/sh\ntouch "${marker}"\nexit 1\n`, { mode: 0o755 });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('PATH with an empty entry: the core runner does not run ./git (control)', async () => {
    await runGit(['rev-parse', '--show-toplevel'], dir, { env: { ...process.env, PATH: `${process.env.PATH}:` } });
    assert.ok(!fs.existsSync(marker));
  });

  it('PATH with an empty entry: listSourceFiles through the git module does not run ./git', async () => {
    const git = createSafeGitRunner({ env: { ...process.env, PATH: `:${process.env.PATH}` } });
    await listSourceFiles(dir, { git, candidatesOnly: true });
    assert.ok(!fs.existsSync(marker), 'the repository\'s ./git was executed');
  });
});
