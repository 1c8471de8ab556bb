import * as assert from 'assert';
import { testKey } from '../../../../src/core/probe/keyTest';
import { MockOpenAI, mockKey, startMockOpenAI } from '../../../mock/openaiMock';
import { TesterWorld, installTesterWorld } from '../../../support/vscodeWindow';
import { stubState } from '../../../support/vscodeStub';

describe('VS Code: the key tester (free test, full test with its cost, unencrypted base URL)', () => {
  let world: TesterWorld;
  let mock: MockOpenAI;
  let tester: import('../../../../src/extension/keyTest/keyTester').KeyTester;
  let runs: Array<Parameters<typeof testKey>[0]>;

  before(async () => {
    world = installTesterWorld();
    mock = await startMockOpenAI();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { KeyTester } = require('../../../../src/extension/keyTest/keyTester') as typeof import('../../../../src/extension/keyTest/keyTester');
    tester = new KeyTester({
      log: world.logChannel as never,
      background: (_what, work) => void Promise.resolve(work).catch((e) => world.log.push(String(e))),
      runProbes: (request) => {
        runs.push(request);
        return testKey(request);
      },
    });
  });
  after(async () => {
    world.restore();
    await mock.close();
  });
  beforeEach(() => {
    runs = [];
    world.shown = [];
    world.log = [];
    world.baseUrl = mock.baseUrl;
    world.settings = { timeoutMs: 2000 };
    world.answer = () => undefined;
    stubState.trusted = true;
  });

  const nextTest = () => new Promise<void>((resolve) => {
    const listener = tester.onDidTest(() => {
      listener.dispose();
      resolve();
    });
  });

  it('the free test of a key without credit says what it did not verify and offers the full test, whose cost it says before running', async () => {
    const key = mockKey('no_quota');
    const spent = mock.spending.length;
    let fullRan: Promise<void> | undefined;
    world.answer = (shown) => {
      if (shown.items.includes('Run the full test') && !shown.modal) {
        fullRan = nextTest();
        return 'Run the full test';
      }
      return shown.modal ? 'Run the full test' : undefined;
    };
    const report = await tester.test({ key, source: '.env, line 1' });
    assert.strictEqual(report?.verdict.status, 'ok');
    assert.strictEqual(mock.spending.length, spent, 'the free test spent nothing');
    const free = world.shown[0];
    assert.deepStrictEqual([free.kind, free.modal, free.items], ['info', false, ['Run the full test', 'Show details']]);
    assert.match(free.message, /not verified: credit, and whether a Realtime response succeeds\.$/);
    assert.match(world.log[0], /^Not verified: credit and billing/m);
    assert.ok(fullRan, 'the button started the full test');
    await fullRan;
    const confirm = world.shown[1];
    assert.ok(confirm.modal, 'the full test asks first');
    assert.match(confirm.message, /Run the full test of sk-proj-….{4}\? It makes paid calls with this key\./);
    assert.match(confirm.detail ?? '', /^2 paid calls \(an embedding of one word with text-embedding-3-small .*gpt-realtime.*\); worst case \$0\.\d+\./);
    assert.deepStrictEqual(runs.map((r) => r.full), [false, true]);
    const verdict = world.shown[2];
    assert.strictEqual(verdict.kind, 'error');
    assert.match(verdict.message, /The key works, but the account has no credit or hit its spend limit \(insufficient_quota\)\./);
    assert.deepStrictEqual(verdict.items, ['Open billing', 'Open limits', 'Show details']);
    assert.ok(mock.spending.length - spent <= 2);
  });

  it('declining the full test\'s cost sends nothing', async () => {
    const before = mock.requests.length;
    const report = await tester.test({ key: mockKey('ok'), source: 'x' }, { interactive: true, full: true });
    assert.strictEqual(report, undefined);
    assert.strictEqual(world.shown.length, 1);
    assert.ok(world.shown[0].modal);
    assert.strictEqual(mock.requests.length, before);
  });

  it('a verdict is one sentence and buttons, and one at a time per key: a second test of the key while it is open shows none', async () => {
    let release: (value: undefined) => void = () => undefined;
    const pending = new Promise<undefined>((resolve) => (release = resolve));
    world.answer = (() => pending) as never;
    const key = mockKey('invalid_key');
    await tester.test({ key, source: 'x' });
    await tester.test({ key, source: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const verdicts = world.shown.filter((s) => !s.modal);
    assert.strictEqual(verdicts.length, 1, verdicts.map((v) => v.message).join(' / '));
    assert.ok(!/https?:\/\//.test(verdicts[0].message), `no raw URL: ${verdicts[0].message}`);
    assert.ok(verdicts[0].items.includes('Show details'));
    release(undefined);
  });

  it('the full test never runs without a person: test on save stays free', async () => {
    await tester.test({ key: mockKey('ok'), source: 'x' }, { interactive: false, full: true });
    assert.deepStrictEqual(runs.map((r) => r.full), [false]);
    assert.deepStrictEqual(world.shown, [], 'no prompt, and no notification for a key that works');
  });

  it('an http:// base URL on another machine needs a modal yes; test on save never sends there', async () => {
    world.baseUrl = 'http://user:pw@192.0.2.2/v1';
    await tester.test({ key: mockKey('ok'), source: 'x' });
    assert.strictEqual(world.shown.length, 1);
    assert.ok(world.shown[0].modal);
    assert.match(world.shown[0].message, /^Send the key sk-proj-….{4} unencrypted to http:\/\/\*\*\*@192\.0\.2\.2\/v1\?$/);
    assert.deepStrictEqual(runs, [], 'declined: nothing sent');
    world.shown = [];
    await tester.test({ key: mockKey('ok'), source: 'x' }, { interactive: false });
    assert.deepStrictEqual([runs, world.shown], [[], []]);
    world.baseUrl = mock.baseUrl.replace('127.0.0.1', 'localhost');
    await tester.test({ key: mockKey('ok'), source: 'x' });
    assert.strictEqual(runs.length, 1, 'loopback needs no confirmation');
  });

  it('the .env under test sends its key elsewhere (OPENAI_BASE_URL): the log says the test did not go there', async () => {
    const key = mockKey('ok');
    // The candidate carries its file's OPENAI_BASE_URL (keyCandidates.test.ts pins that it is read from the .env).
    await tester.test({ key, source: 'app/.env, line 1', line: 0, appBaseUrl: 'https://user:pw@llm-gateway.example/v1' });
    assert.match(world.log[0], /^Note: {6}The \.env sets OPENAI_BASE_URL=https:\/\/\*\*\*@llm-gateway\.example\/v1: your app sends its key there, but this test sent it to http:\/\/127\.0\.0\.1:\d+\/v1\./m);
    assert.strictEqual(runs[0].baseUrl, mock.baseUrl, 'tested where the user settings say, never where the file says');
  });

  it('a Realtime model the key cannot use, found by the full test: model_unavailable', async () => {
    world.answer = (shown) => (shown.modal ? 'Run the full test' : undefined);
    const report = await tester.test({ key: mockKey('rt_model_late'), source: 'x' }, { interactive: true, full: true });
    assert.strictEqual(report?.verdict.status, 'model_unavailable');
    assert.match(world.shown[1].message, /gpt-realtime is not available to it over Realtime/);
  });
});
