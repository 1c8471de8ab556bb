import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 361);

/**
 * Found by the red team: a key written as the fallback of a variable, `${OPENAI_API_KEY:-sk-proj-…}`, is committed
 * like any other. The run of key characters starts at the `-` of `:-`, so the scan takes an `sk-` after a `-`/`_`
 * boundary inside the run.
 */
describe('hardcoded-key: a key as the default value of ${VAR:-…} in compose files and shell scripts', () => {
  const dirs: string[] = [];
  const lintOne = async (name: string, content: string) => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okd-rt-default-')));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, name), content);
    const run = await cli(['lint', '--format', 'json', '.'], { cwd: dir, env: {} });
    const files = (JSON.parse(run.stdout) as { files: Array<{ path: string; findings: Array<{ rule: string }> }> }).files;
    return { code: run.code, found: files.flatMap((f) => f.findings.map((x) => `${f.path} ${x.rule}`)) };
  };
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('compose environment map: OPENAI_API_KEY: ${OPENAI_API_KEY:-sk-…}', async () => {
    const compose = `services:\n  api:\n    build: .\n    environment:\n      OPENAI_API_KEY: \${OPENAI_API_KEY:-${KEY}}\n`;
    assert.deepStrictEqual(await lintOne('compose.yaml', compose), { code: 1, found: ['compose.yaml hardcoded-key'] });
  });

  it('compose environment list: - OPENAI_API_KEY=${OPENAI_API_KEY-sk-…}', async () => {
    const compose = `services:\n  api:\n    build: .\n    environment:\n      - OPENAI_API_KEY=\${OPENAI_API_KEY-${KEY}}\n`;
    assert.deepStrictEqual(await lintOne('docker-compose.yml', compose), { code: 1, found: ['docker-compose.yml hardcoded-key'] });
  });

  it('shell: export OPENAI_API_KEY="${OPENAI_API_KEY:-sk-…}"', async () => {
    const script = `#!/bin/sh\nexport OPENAI_API_KEY="\${OPENAI_API_KEY:-${KEY}}"\nexec node server.js\n`;
    assert.deepStrictEqual(await lintOne('start.sh', script), { code: 1, found: ['start.sh hardcoded-key'] });
  });
});
