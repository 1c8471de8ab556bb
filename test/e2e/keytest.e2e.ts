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
    assert.match(text, new RegExp(`sk-proj-…${mockKey('ok').slice(-4)}: The key works for the REST API and for the Realtime API \\(gpt-realtime\\); not verified: credit`));
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
    // The panel shows the end of the last report (the key without Realtime access).
    assert.match(log, /Realtime: {2}access_denied \(HTTP 403\) in \d+ ms, id req_[0-9a-f]+/);
    assert.doesNotMatch(log, /Not verified/, 'after a failure, the failure is what the report leads with');
    for (const scenario of ['ok', 'invalid_key', 'no_realtime']) {
      assert.ok(!log.includes(mockKey(scenario).slice(30, 60)), 'no key in the log');
    }
    await suite.session.screenshot('13-test-key-log');
  });

  /** Screenshots wait for the progress notification to go (it closes a moment after the verdict shows). */
  async function settledScreenshot(name: string): Promise<void> {
    await waitFor('the progress notification to close', async () => !(await suite.session.notifications()).some((n) => /Testing OpenAI key|Full test of OpenAI key/.test(n)), 5000).catch(() => undefined);
    await suite.session.screenshot(name);
  }

  /** The dialog VS Code shows for a modal message, once it is there. */
  async function modal(): Promise<{ text: string; click(button: string): Promise<void> }> {
    const dialog = suite.session.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30000 });
    return { text: (await dialog.innerText()).replace(/\s+/g, ' '), click: (button) => dialog.locator('.monaco-button', { hasText: button }).first().click() };
  }

  // These run last: once "Test OpenAI key (full)" was used, the palette lists it first for "Test OpenAI key".
  it('a key without credit: the free test says credit was not verified; "Run the full test" says its cost first, then finds no credit', async () => {
    const spent = suite.mock.spending.length;
    const free = await testKeyIn('.env.nocredit');
    assert.match(free, /The key works for the REST API and for the Realtime API \(gpt-realtime\); not verified: credit, and whether a Realtime response succeeds\./);
    assert.match(free, /Run the full test/, 'the verdict offers the full test');
    assert.strictEqual(suite.mock.spending.length, spent, 'the free test spent nothing');
    await settledScreenshot('14-test-key-free-not-verified');
    const toast = suite.session.page.locator('.notifications-toasts .notification-toast', { hasText: 'not verified' }).first();
    await toast.locator('.monaco-button', { hasText: 'Run the full test' }).click();
    const confirm = await modal();
    assert.match(confirm.text, /Run the full test of sk-proj-….{4}\? It makes paid calls with this key\./);
    assert.match(confirm.text, /2 paid calls \(an embedding of one word with text-embedding-3-small .*gpt-realtime.*\); worst case \$0\.\d+/);
    assert.strictEqual(suite.mock.spending.length, spent, 'nothing is spent before the yes');
    await suite.session.screenshot('15-test-key-full-cost');
    await confirm.click('Run the full test');
    const verdict = await waitFor('the full verdict', async () => (await suite.session.notifications()).find((n) => n.includes('no credit or hit its spend limit')), 30000);
    assert.match(verdict, /The key works, but the account has no credit or hit its spend limit \(insufficient_quota\)\./);
    assert.match(verdict, /Open billing/);
    const paid = suite.mock.spending.slice(spent);
    assert.ok(paid.length >= 1 && paid.length <= 2, `${paid.length} paid calls`);
    await settledScreenshot('16-test-key-full-no-credit');
  });

  it('"Test OpenAI key (full)" from the palette: a Realtime model the key cannot use fails with model_unavailable', async () => {
    await suite.session.openFile('.env.latemodel');
    await suite.session.goToLine(1, 20);
    await suite.session.runCommand('OpenAI Key Doctor: Test OpenAI key (full)');
    await (await modal()).click('Run the full test');
    const verdict = await waitFor('the full verdict', async () => (await suite.session.notifications()).find((n) => n.includes('over Realtime')), 30000);
    assert.match(verdict, /The key is valid for the REST API, but gpt-realtime is not available to it over Realtime\./);
    await settledScreenshot('17-test-key-full-model-unavailable');
  });
});
