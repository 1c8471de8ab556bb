import * as assert from 'assert';
import { fakeKey } from '../../../support/keys';
import { installVscodeStub } from '../../../support/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { describeHealth, statusBarVisible } = require('../../../../src/extension/ui/keyHealthStatus') as typeof import('../../../../src/extension/ui/keyHealthStatus');

const KEY = fakeKey('project', 5);

describe('status bar states', () => {
  const now = 10 * 60_000;
  const envKey = { kind: 'env-file' as const, key: KEY, source: '.env, line 2', uri: { toString: () => 'file:///work/api/.env' } as never, line: 1 };
  const remembered = (verdict: string, rest = verdict, realtime: string | null = verdict) => ({
    masked: `sk-proj-…${KEY.slice(-4)}`,
    type: 'project' as const,
    verdict,
    summary: "The verdict's sentence.",
    rest,
    realtime,
    restRequestId: 'req_abc',
    realtimeRequestId: 'sess_abc',
    testedAt: now - 5 * 60_000,
  });
  const masked = `sk-proj-…${KEY.slice(-4)}`;

  it('no key: says so and links to storing one', () => {
    const view = describeHealth(undefined, [], undefined, now, false);
    assert.strictEqual(view.level, 'none');
    assert.strictEqual(view.text, '$(key) OpenAI: no key');
    assert.match(view.tooltip, /command:openaiKeyDoctor\.storeKey/);
  });

  it('a .env key with errors in its diagnostics: error background, the first one in the tooltip', () => {
    const view = describeHealth(envKey, ['OPENAI_API_KEY has trailing U+0020 SPACE…'], undefined, now, false);
    assert.deepStrictEqual([view.level, view.text], ['error', `$(error) ${masked} has errors`]);
    assert.match(view.tooltip, /Format: OPENAI_API_KEY has trailing/);
  });

  it('a stored key that is malformed says so', () => {
    const view = describeHealth({ kind: 'stored', key: `${KEY} `, source: 'SecretStorage (global)' }, ['The key ends with a space'], undefined, now, false);
    assert.deepStrictEqual([view.level, view.text], ['error', `$(error) ${masked} malformed`]);
  });

  it('the key type in plain words: "project key", not "project key (project)"', () => {
    const view = describeHealth(envKey, [], undefined, now, false);
    assert.match(view.tooltip, new RegExp(`Key: \`${masked}\`, project key  `));
  });

  it('shown on .env files and while a key is stored; hidden on unrelated files; the setting decides otherwise', () => {
    assert.strictEqual(statusBarVisible('auto', true, false), true);
    assert.strictEqual(statusBarVisible('auto', false, true), true);
    assert.strictEqual(statusBarVisible('auto', false, false), false);
    assert.strictEqual(statusBarVisible('always', false, false), true);
    assert.strictEqual(statusBarVisible('never', true, true), false);
  });

  it('not tested yet', () => {
    const view = describeHealth(envKey, [], undefined, now, false);
    assert.deepStrictEqual([view.level, view.text], ['untested', `$(key) ${masked} not tested`]);
    assert.match(view.tooltip, /Not tested yet/);
  });

  it('tested ok: the age of the result, REST and Realtime with their ids', () => {
    const view = describeHealth(envKey, [], remembered('ok'), now, false);
    assert.deepStrictEqual([view.level, view.text], ['ok', `$(pass) ${masked} 5 min ago`]);
    assert.match(view.tooltip, /REST: works \(`req_abc`\)/);
    assert.match(view.tooltip, /Realtime: works \(`sess_abc`\)/);
    assert.match(view.tooltip, /Source: \.env, line 2/);
    assert.match(view.tooltip, /command:openaiKeyDoctor\.testActiveKey/);
    assert.match(view.tooltip, /command:vscode\.open\?/);
  });

  const failing: Array<[string, string]> = [
    ['invalid_key', 'invalid key'],
    ['no_quota', 'no credit'],
    ['access_denied', 'no access'],
    ['model_unavailable', 'model unavailable'],
    ['admin_key', 'admin key'],
    ['billing_inactive', 'billing inactive'],
  ];
  for (const [verdict, words] of failing) {
    it(`failing (${verdict}): error background, "${words}" in words`, () => {
      const view = describeHealth(envKey, [], remembered(verdict), now, false);
      assert.deepStrictEqual([view.level, view.text], ['error', `$(error) ${masked} ${words}`]);
      assert.ok(!view.tooltip.includes(verdict), 'no raw code in the tooltip');
    });
  }

  const inconclusive: Array<[string, string]> = [
    ['rate_limited', 'rate limited'],
    ['timeout', 'timed out'],
    ['network_error', 'network error'],
    ['server_error', 'server error'],
    ['protocol_error', 'unexpected answer'],
  ];
  for (const [verdict, words] of inconclusive) {
    it(`inconclusive (${verdict}): warning background, "${words}" in words`, () => {
      const view = describeHealth(envKey, [], remembered(verdict), now, false);
      assert.deepStrictEqual([view.level, view.text], ['warning', `$(warning) ${masked} ${words}`]);
    });
  }

  it('a stored key has no "Open the .env" link; terminals are mentioned when they get the key', () => {
    const view = describeHealth({ kind: 'stored', key: KEY, source: 'SecretStorage (global)' }, [], undefined, now, true);
    assert.ok(!view.tooltip.includes('vscode.open'));
    assert.match(view.tooltip, /New terminals get OPENAI_API_KEY from SecretStorage/);
  });

  it('never shows the key itself', () => {
    for (const view of [describeHealth(envKey, [], remembered('ok'), now, true), describeHealth(envKey, ['x'], undefined, now, false)]) {
      assert.ok(!view.text.includes(KEY.slice(8, 30)) && !view.tooltip.includes(KEY.slice(8, 30)));
    }
  });

  describe('a broken OPENAI_API_KEY in VS Code\'s environment', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { environmentNoteOf } = require('../../../../src/extension/ui/keyHealthStatus') as typeof import('../../../../src/extension/ui/keyHealthStatus');
    const STALE = fakeKey('project', 9);

    it('quotes kept by Windows set: a warning state and the environment\'s problem in the tooltip, masked with its quotes', () => {
      const note = environmentNoteOf({ OPENAI_API_KEY: `"${STALE}"` }, envKey);
      assert.strictEqual(note?.masked, `"sk-proj-…${STALE.slice(-4)}"`);
      const view = describeHealth(envKey, [], remembered('ok'), now, false, note);
      assert.deepStrictEqual([view.level, view.text], ['warning', `$(warning) ${masked} 5 min ago`]);
      assert.match(view.tooltip, /\$\(warning\) `"sk-proj-…[\w-]{4}"`: OPENAI_API_KEY in the environment kept the quotes of Windows set: set it without them\. Apps started from VS Code inherit it/);
      assert.ok(!view.tooltip.includes(STALE.slice(-12)) && !view.text.includes(STALE.slice(-12)));
    });

    it('a trailing \\r, and an empty export: both noted; a malformed active key stays an error', () => {
      assert.match(environmentNoteOf({ OPENAI_API_KEY: `${STALE}\r` }, envKey)!.problem, /ends with \\r \(Windows line endings\)/);
      assert.match(environmentNoteOf({ OPENAI_API_KEY: '' }, undefined)!.problem, /is set but empty in the environment/);
      const view = describeHealth(envKey, ['broken'], undefined, now, false, environmentNoteOf({ OPENAI_API_KEY: '' }, envKey));
      assert.strictEqual(view.level, 'error');
    });

    it('a well-formed environment key, no variable, or the environment key being the active one: no note', () => {
      assert.strictEqual(environmentNoteOf({ OPENAI_API_KEY: STALE }, envKey), undefined);
      assert.strictEqual(environmentNoteOf({}, envKey), undefined);
      assert.strictEqual(environmentNoteOf({ OPENAI_API_KEY: ` ${STALE}` }, { kind: 'environment', key: ` ${STALE}`, source: 'environment (OPENAI_API_KEY)' }), undefined);
    });
  });
});

describe('language status of a .env file', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { countWords, shortened } = require('../../../../src/extension/ui/findingsStatus') as typeof import('../../../../src/extension/ui/findingsStatus');

  it('counts with correct plurals and names hints instead of saying "no problem"', () => {
    assert.strictEqual(countWords({ errors: 0, warnings: 1, hints: 0 }), 'OpenAI keys: 1 warning');
    assert.strictEqual(countWords({ errors: 2, warnings: 0, hints: 1 }), 'OpenAI keys: 2 errors, 1 hint');
    assert.strictEqual(countWords({ errors: 0, warnings: 0, hints: 0 }), 'OpenAI keys: no problem');
  });

  it('shortens the detail at a word boundary, never mid-word', () => {
    const text = 'OPENAI_API_KEY is in typographic quotes, which dotenv keeps: use straight quotes.';
    assert.strictEqual(shortened(text, 200), text);
    assert.strictEqual(shortened(text, 30), 'OPENAI_API_KEY is in…');
  });
});

describe('one mask style in the status bar', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { describeHealth } = require('../../../../src/extension/ui/keyHealthStatus') as typeof import('../../../../src/extension/ui/keyHealthStatus');

  it('a masked copy in a .env shows as sk-proj-…sQoA, not sk-proj-…(15 chars)', () => {
    const view = describeHealth({ kind: 'env-file', key: 'sk-proj-...sQoA', source: '.env, line 5' }, ['OPENAI_API_KEY holds a masked copy of a key, not the key: paste the whole key.'], undefined, 0, false);
    assert.strictEqual(view.text, '$(error) sk-proj-…sQoA has errors');
  });
});
