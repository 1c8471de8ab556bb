import * as assert from 'assert';
import { waitFor } from './harness';
import { mockKey } from '../mock/openaiMock';
import { e2eSuite } from './suite';

describe('e2e: "Test OpenAI key" from the command palette, against the mock OpenAI server', function () {
  const suite = e2eSuite('keytest', { 'openaiKeyDoctor.timeoutMs': 5000 });

  afterEach(async () => {
    await suite.session.page.keyboard.press('Escape').catch(() => undefined);
    await suite.session.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
  });

  async function testKeyIn(file: string): Promise<string> {
    await suite.session.openFile(file);
    await suite.session.goToLine(file === '.env' ? 2 : 1, 20);
    await suite.session.runCommand('OpenAI Key Doctor: Test OpenAI key');
    return waitFor('the verdict notification', async () => (await suite.session.notifications()).find((n) => n.includes('sk-proj-…') && !n.includes('Testing')), 30000);
  }

  it('a valid key: works for REST and Realtime', async () => {
    const before = suite.mock.requests.length;
    const text = await testKeyIn('.env');
    assert.match(text, new RegExp(`sk-proj-…${mockKey('ok').slice(-4)}: The key works for the REST API and for the Realtime API \\(gpt-realtime\\)\\.`));
    const sent = suite.mock.requests.slice(before).map((r) => r.kind).sort();
    assert.deepStrictEqual(sent, ['realtime', 'rest'], 'both probes reached the configured base URL');
    await suite.session.screenshot('10-test-key-valid');
  });

  it('an invalid key: says it is invalid and offers to open the API keys page', async () => {
    const text = await testKeyIn('.env.invalid');
    assert.match(text, /The REST API rejects the key as invalid \(401 invalid_api_key\)/);
    assert.match(text, /Open API keys/);
    await suite.session.screenshot('11-test-key-invalid');
  });

  it('a key without Realtime access: valid for REST, no Realtime access', async () => {
    const text = await testKeyIn('.env.norealtime');
    assert.match(text, /The key is valid for the REST API but has no Realtime access for gpt-realtime\./);
    await suite.session.screenshot('12-test-key-no-realtime');
  });

  it('the log shows the full report, with the key masked', async () => {
    await suite.session.runCommand('OpenAI Key Doctor: Show the key test log');
    const log = await waitFor('the output channel', async () => {
      const text = (await suite.session.page.locator('.output-view .view-lines').first().innerText().catch(() => '')).replace(/\u00a0/g, ' ');
      return text.includes('Verdict') ? text : undefined;
    });
    assert.match(log, /REST: {6}ok \(HTTP 200\)/);
    for (const scenario of ['ok', 'invalid_key', 'no_realtime']) {
      assert.ok(!log.includes(mockKey(scenario).slice(30, 60)), 'no key in the log');
    }
    await suite.session.screenshot('13-test-key-log');
  });
});
