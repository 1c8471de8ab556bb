import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintText } from '../../../src/core/lint';
import { keyProblems } from '../../../src/core/probe/keyProblems';
import { cli } from '../../support/cli';
import { ALL_KEY_TYPES, fakeKey } from '../../support/keys';
import { makeServices } from '../../support/extensionServices';
import { installVscodeStub, stubState } from '../../support/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { describeHealth } = require('../../../src/extension/ui/keyHealthStatus') as typeof import('../../../src/extension/ui/keyHealthStatus');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { keyHover } = require('../../../src/extension/keyTest/keyHover') as typeof import('../../../src/extension/keyTest/keyHover');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateKeyInput, storeKey, moveKey } = require('../../../src/extension/vault/vaultCommands') as typeof import('../../../src/extension/vault/vaultCommands');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { toDiagnostic } = require('../../../src/extension/lint/toVscode') as typeof import('../../../src/extension/lint/toVscode');

/** The canary: true when any 12-character piece of the key's secret part appears in the text. */
function leaks(text: string, key: string): boolean {
  const secret = key.replace(/^sk-(proj-|svcacct-|admin-|None-)?/, '');
  for (let i = 0; i + 12 <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + 12))) {
      return true;
    }
  }
  return false;
}

/** Every way the issue found a key shown in full or nearly: one .env line each. */
function leakReproductions(key: string): Array<[string, string]> {
  return [
    ['a key followed by "..."', `OPENAI_API_KEY=${key}...`],
    ['a key followed by "…"', `OPENAI_API_KEY=${key}\u2026`],
    ['a key followed by "***"', `OPENAI_API_KEY=${key}***`],
    ['a key wrapped in <>', `OPENAI_API_KEY=<${key}>`],
    ['a key wrapped in []', `OPENAI_API_KEY=[${key}]`],
    ['a key wrapped in {{}}', `OPENAI_API_KEY={{${key}}}`],
    ['a quoted key followed by "..."', `OPENAI_API_KEY="${key}..."`],
    ['part of a key followed by "..."', `OPENAI_API_KEY=${key.slice(0, 40)}...`],
    ['a key with a zero-width space followed by "..."', `OPENAI_API_KEY=${key.slice(0, 30)}\u200b${key.slice(30)}...`],
    ['a key alone on a line followed by words', `${key} is the new key`],
    ['a key after a name with no "="', `MY_KEY ${key} rotated`],
    ['a key pasted into OPENAI_ORG_ID', `OPENAI_ORG_ID=${key}`],
    ['a key with "..." in OPENAI_ORG_ID', `OPENAI_ORG_ID=${key}...`],
    ['a key pasted into OPENAI_PROJECT_ID', `OPENAI_PROJECT_ID=${key}`],
    ['a key wrapped in <> in OPENAI_PROJECT_ID', `OPENAI_PROJECT_ID=<${key}>`],
    ['a key inside the OPENAI_BASE_URL path', `OPENAI_BASE_URL=https://proxy.example.test/${key}/v1/chat/completions`],
    ['a key as the OPENAI_BASE_URL scheme', `OPENAI_BASE_URL=${key}:8443/v1`],
    ['a key as the password of OPENAI_BASE_URL (user:password@)', `OPENAI_BASE_URL=https://user:${key}@proxy.example.test/v1/responses`],
    ['a key as the user of OPENAI_BASE_URL', `OPENAI_BASE_URL=https://${key}@api.openai.com`],
    ['a key in a public variable', `VITE_OPENAI_API_KEY=${key}...`],
  ];
}

describe('canary: no output shows 12 characters of a key, whatever the input', function () {
  this.timeout(120_000);

  it('lint, in text, JSON and SARIF, with and without --fix, for every leak reproduction and every key type', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-canary-'));
    try {
      for (const type of ALL_KEY_TYPES) {
        const key = fakeKey(type, 31);
        const repros = leakReproductions(key);
        assert.ok(repros.every(([, line]) => leaks(line, key)), 'the canary sees the key in every input');
        fs.rmSync(dir, { recursive: true, force: true });
        repros.forEach(([, line], i) => {
          fs.mkdirSync(path.join(dir, `case-${i}`), { recursive: true });
          fs.writeFileSync(path.join(dir, `case-${i}`, '.env'), `# ${i}\n${line}\nPORT=3000\n`);
        });
        for (const args of [['--format', 'text'], ['--format', 'json'], ['--format', 'sarif'], ['--fix', '--format', 'text'], ['--fix', '--format', 'json']]) {
          const run = await cli(['lint', '--no-git', ...args, '.'], { cwd: dir });
          for (const [what, line] of repros) {
            const file = `case-${repros.findIndex(([w]) => w === what)}`;
            const section = args.includes('text') ? run.stdout : JSON.stringify(JSON.parse(run.stdout));
            assert.ok(!leaks(section + run.stderr, key), `${type}, ${args.join(' ')}: ${what} (${file}: ${JSON.stringify(line.slice(0, 30))}…) shows the key:\n${section.split('\n').filter((l) => leaks(l, key)).join('\n').slice(0, 600)}`);
          }
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every finding, fix title and related note of every reproduction, linted in memory', () => {
    for (const type of ALL_KEY_TYPES) {
      const key = fakeKey(type, 32);
      for (const [what, line] of leakReproductions(key)) {
        for (const options of [{ fileName: '.env' }, { fileName: '.env.example' }, { fileName: '.env', git: { tracked: true, ignored: false, gitignoreEntry: '.env', repositoryRoot: '/r' } }]) {
          for (const finding of lintText(`${line}\nOPENAI_API_KEY=${key}\n`, options).findings) {
            const shown = [finding.message, ...finding.fixes.map((f) => f.title), ...(finding.related ?? []).map((r) => r.message)].join('\n');
            assert.ok(!leaks(shown, key), `${type}: ${what}: ${finding.rule}: ${shown}`);
          }
        }
      }
    }
  });

  it('the extension: Problems panel, hover, status-bar tooltip, input-box validation, vault notifications and the malformed-key dialog', async () => {
    const uri = { toString: () => 'file:///work/api/.env', fsPath: '/work/api/.env', scheme: 'file', path: '/work/api/.env' };
    stubState.workspaceFolders = [];
    for (const type of ALL_KEY_TYPES) {
      const key = fakeKey(type, 33);
      for (const [what, line] of leakReproductions(key)) {
        const text = `${line}\n`;
        const result = lintText(text, { fileName: '.env' });
        for (const finding of result.findings) {
          const diagnostic = toDiagnostic(finding, result.lines, uri as never) as unknown as { message: string };
          assert.ok(!leaks(diagnostic.message, key), `${type}: ${what}: diagnostic ${diagnostic.message}`);
        }
        const value = line.slice(line.indexOf('=') + 1);
        const entry = result.parsed.entries[0] ?? lintText(`OPENAI_API_KEY=${value}\n`).parsed.entries[0];
        const problems = keyProblems(value);
        const remembered = { masked: 'x', type: 'project' as const, verdict: 'invalid_key', summary: `The server said: ${value}`, rest: 'invalid_key', realtime: null, restRequestId: `req_${value}`, realtimeRequestId: null, testedAt: 0 };
        assert.ok(!leaks(keyHover(entry, problems, remembered, 60_000), key), `${type}: ${what}: hover`);
        const view = describeHealth({ kind: 'env-file', key: value, source: '.env, line 1' }, problems, remembered, 60_000, false);
        assert.ok(!leaks(view.text + view.tooltip, key), `${type}: ${what}: status bar ${view.tooltip}`);
        assert.ok(!leaks(validateKeyInput(value) ?? '', key), `${type}: ${what}: input box says ${validateKeyInput(value)}`);
      }
    }
  });

  it('the vault commands: storing a malformed paste, and the malformed-key dialog of "Move to SecretStorage"', async () => {
    const services = makeServices();
    const deps = { ...services, tester: { test: async () => undefined } as never };
    try {
      for (const type of ALL_KEY_TYPES) {
        const key = fakeKey(type, 34);
        for (const [what, line] of leakReproductions(key).filter(([, l]) => l.startsWith('OPENAI_API_KEY='))) {
          const value = line.slice('OPENAI_API_KEY='.length);
          stubState.shown = [];
          stubState.inputBoxValue = value;
          await storeKey(deps);
          const text = `${line}\n`;
          const document = { uri: { toString: () => 'file:///work/.env', fsPath: '/work/.env' }, version: 1, isDirty: false, getText: () => text, positionAt: (offset: number) => ({ line: text.slice(0, offset).split('\n').length - 1, character: 0 }), save: async () => true };
          stubState.documents.set('file:///work/.env', document);
          await moveKey(deps, { uri: document.uri as never, line: 0 });
          assert.ok(stubState.shown.some((m) => m.kind === 'input-validation'), `${what}: the input box complained`);
          assert.ok(stubState.shown.some((m) => /malformed/.test(m.text)), `${what}: the malformed-key dialog was shown`);
          for (const message of stubState.shown) {
            assert.ok(!leaks(message.text, key), `${type}: ${what}: ${message.kind} says ${message.text}`);
          }
        }
      }
    } finally {
      services.dispose();
      stubState.inputBoxValue = undefined;
      stubState.documents.clear();
    }
  });
});
