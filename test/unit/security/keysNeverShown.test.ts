import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintText } from '../../../src/core/lint';
import { maskKey, redactSecrets } from '../../../src/core/keys/mask';
import { cli } from '../../support/cli';
import { ALL_KEY_TYPES, fakeKey } from '../../support/keys';

/** True when any 12-character piece of the key's secret part appears in the text. */
function leaks(text: string, key: string): boolean {
  const secret = key.replace(/^sk-(proj-|svcacct-|admin-|None-)?/, '');
  for (let i = 0; i + 12 <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + 12))) {
      return true;
    }
  }
  return false;
}

describe('keys never appear in full', () => {
  it('masks as prefix plus the last four characters', () => {
    const key = fakeKey('project');
    assert.strictEqual(maskKey(key), `sk-proj-…${key.slice(-4)}`);
    assert.strictEqual(maskKey(fakeKey('legacy')), `sk-…${fakeKey('legacy').slice(-4)}`);
    assert.strictEqual(maskKey('sk-proj-abc'), 'sk-proj-…(11 chars)');
  });

  it('redacts every occurrence of a secret in a text', () => {
    const key = fakeKey('project');
    assert.strictEqual(redactSecrets(`a ${key} b ${key}`, [key]), `a ${maskKey(key)} b ${maskKey(key)}`);
  });

  it('no finding message shows a key, whatever is wrong with it', () => {
    for (const type of ALL_KEY_TYPES) {
      const key = fakeKey(type, 42);
      const variants = [
        `OPENAI_API_KEY=${key}`,
        `OPENAI_API_KEY = " ${key} "`,
        `OPENAI_API_KEY=${key.slice(0, 70)}`,
        `OPENAI_API_KEY=${key}${key}`,
        `OPENAI_API_KEY=Bearer ${key}`,
        `OPENAI_API_KEY=\u201c${key}\u201d`,
        `OPENAI_API_KEY=${key.slice(0, 40)}\u200b${key.slice(40)}`,
        `OPENAI_API_KEY=${key.slice(0, 60)}\n${key.slice(60)}`,
        `OPENAI_API_KEY="${key}`,
        `OPENAI_API_KEY ${key}`,
        `openai_api_key=${key}`,
        `VITE_OPENAI_API_KEY=${key}`,
        `OPENAI_API_KEY=${key}\nOPENAI_API_KEY=${key}`,
        `OPENAI_ORG_ID=${key}`,
      ];
      for (const text of variants) {
        for (const options of [{ fileName: '.env' }, { fileName: '.env.example' }, { fileName: '.env', git: { tracked: true, ignored: false, gitignoreEntry: '.env', repositoryRoot: '/r' } }]) {
          for (const finding of lintText(text, options).findings) {
            const shown = [finding.message, ...finding.fixes.map((f) => f.title), ...(finding.related ?? []).map((r) => r.message)].join('\n');
            assert.ok(!leaks(shown, key), `${finding.rule} shows the key: ${finding.message}`);
          }
        }
      }
    }
  });

  it('no CLI output shows a key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-sec-'));
    try {
      const key = fakeKey('project', 77);
      fs.writeFileSync(path.join(dir, '.env'), `OPENAI_API_KEY = "${key} "\nVITE_OPENAI_API_KEY=${key}\nOPENAI_API_KEY ${key}\n`);
      for (const format of ['text', 'json', 'sarif']) {
        const run = await cli(['lint', '--format', format, '--no-git', '.'], { cwd: dir });
        assert.ok(!leaks(run.stdout + run.stderr, key), `${format} output shows the key`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
