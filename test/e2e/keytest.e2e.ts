import * as assert from 'assert';
import * as fs from 'fs';
import { CodeServerSession, readTools, waitFor } from './harness';
import { materialize } from './fixtures';
import { MockOpenAI, mockKey, startMockOpenAI } from '../mock/openaiMock';

describe('e2e: "Test OpenAI key" from the command palette, against the mock OpenAI server', function () {
  let session: CodeServerSession;
  let mock: MockOpenAI;
  let workspace: string;

  before(async () => {
    mock = await startMockOpenAI();
    // The base URL goes into USER settings: the only place the extension accepts it from.
    session = new CodeServerSession(readTools(), { userSettings: { 'openaiKeyDoctor.apiBaseUrl': mock.baseUrl, 'openaiKeyDoctor.timeoutMs': 5000 } });
    await session.start();
    workspace = materialize('keytest');
    await session.open(workspace);
  });

  afterEach(async function () {
    const name = this.currentTest?.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase() ?? 'unknown';
    if (this.currentTest?.state === 'failed' && session?.page) {
      await session.screenshot(`FAILED-${name}`).catch(() => undefined);
      session.saveLogs(`FAILED-${name}`);
    }
    await session.page.keyboard.press('Escape').catch(() => undefined);
    await session.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
  });

  after(async () => {
    await session?.stop();
    await mock?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function testKeyIn(file: string): Promise<string> {
    await session.openFile(file);
    await session.goToLine(file === '.env' ? 2 : 1, 20);
    await session.runCommand('OpenAI Key Doctor: Test OpenAI key');
    return waitFor('the verdict notification', async () => (await session.notifications()).find((n) => n.includes('sk-proj-…') && !n.includes('Testing')), 30000);
  }

  it('a valid key: works for REST and Realtime', async () => {
    const before = mock.requests.length;
    const text = await testKeyIn('.env');
    assert.match(text, new RegExp(`sk-proj-…${mockKey('ok').slice(-4)}: The key works for the REST API and for the Realtime API \\(gpt-realtime\\)\\.`));
    const sent = mock.requests.slice(before).map((r) => r.kind).sort();
    assert.deepStrictEqual(sent, ['realtime', 'rest'], 'both probes reached the configured base URL');
    await session.screenshot('10-test-key-valid');
  });

  it('an invalid key: says it is invalid and offers to open the API keys page', async () => {
    const text = await testKeyIn('.env.invalid');
    assert.match(text, /The REST API rejects the key as invalid \(401 invalid_api_key\)/);
    assert.match(text, /Open API keys/);
    await session.screenshot('11-test-key-invalid');
  });

  it('a key without Realtime access: valid for REST, no Realtime access', async () => {
    const text = await testKeyIn('.env.norealtime');
    assert.match(text, /The key is valid for the REST API but has no Realtime access for gpt-realtime\./);
    await session.screenshot('12-test-key-no-realtime');
  });

  it('the log shows the full report, with the key masked', async () => {
    await session.runCommand('OpenAI Key Doctor: Show the key test log');
    const log = await waitFor('the output channel', async () => {
      const text = (await session.page.locator('.output-view .view-lines').first().innerText().catch(() => '')).replace(/\u00a0/g, ' ');
      return text.includes('Verdict') ? text : undefined;
    });
    assert.match(log, /REST: {6}ok \(HTTP 200\)/);
    for (const scenario of ['ok', 'invalid_key', 'no_realtime']) {
      assert.ok(!log.includes(mockKey(scenario).slice(30, 60)), 'no key in the log');
    }
    await session.screenshot('13-test-key-log');
  });
});
