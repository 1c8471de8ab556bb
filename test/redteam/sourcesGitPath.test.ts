import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runGit } from '../../src/core/git';
import { createSafeGitRunner } from '../../src/core/sources/gitRunner';
import { listSourceFiles } from '../../src/core/sources/listing';

/**
 * Red team (issue 9 item 3 / the brief: "any way a repository's contents makes … the sources lister in
 * src/core/sources/ run a program"): the core runner (src/core/git.ts) looks git up in the *absolute* entries of
 * PATH only, so a `git` file in the repository is never run. The sources runner (src/core/sources/gitRunner.ts,
 * createSafeGitRunner) runs `execFile('git', …)` with the repository as cwd: with an empty or relative PATH
 * entry (`PATH=/usr/bin:` or `:.` — common in hand-edited shell profiles), the repository's own `./git` runs.
 */
describe('red team: the sources lister never runs a program from the repository', () => {
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

  it('PATH with an empty entry: listSourceFiles with createSafeGitRunner does not run ./git', async () => {
    const git = createSafeGitRunner({ env: { ...process.env, PATH: `:${process.env.PATH}` } });
    await listSourceFiles(dir, { git, candidatesOnly: true });
    assert.ok(!fs.existsSync(marker), 'the repository\'s ./git was executed');
  });
});
