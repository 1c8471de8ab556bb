import * as assert from 'assert';
import * as fs from 'fs';
import { CodeServerSession, readTools, waitFor } from './harness';
import { materialize } from './fixtures';
import { MockOpenAI, mockKey, startMockOpenAI } from '../mock/openaiMock';

describe('e2e: the walkthrough, from a fresh profile', function () {
  let session: CodeServerSession;
  let mock: MockOpenAI;
  let workspace: string;
  const stored = mockKey('ok');

  before(async () => {
    mock = await startMockOpenAI();
    session = new CodeServerSession(readTools(), { userSettings: { 'openaiKeyDoctor.apiBaseUrl': mock.baseUrl } });
    await session.start();
    workspace = materialize('vault');
    await session.open(workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session?.page) {
      await session.screenshot('FAILED-walkthrough').catch(() => undefined);
      session.saveLogs('FAILED-walkthrough');
    }
  });

  after(async () => {
    await session?.stop();
    await mock?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('the walkthrough opens and its steps complete', async () => {
    await session.runCommand('Notifications: Clear All Notifications');
    await session.runCommand('Welcome: Open Walkthrough...');
    const item = session.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get a working OpenAI key' });
    await item.waitFor({ timeout: 15000 });
    await item.click();
    await session.page.locator('.gettingStartedContainer').waitFor({ timeout: 20000 });
    const completed = () =>
      session.page.$$eval('.getting-started-step', (els) =>
        els.filter((e) => e.classList.contains('complete') || e.querySelector('.codicon-getting-started-step-checked') !== null).map((e) => (e.getAttribute('data-step-id') ?? '').split('#').pop() ?? ''),
      );
    const step = async (title: string, button: string) => {
      await session.page.locator('.getting-started-step', { hasText: title }).first().click();
      await session.page.locator('.getting-started-step.expanded a, .getting-started-step.expanded .button-link', { hasText: button }).first().click();
    };
    // A newcomer follows the steps with their own buttons.
    await step('Store it in SecretStorage', 'Store OpenAI key');
    const scope = session.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Global key' });
    await scope.waitFor();
    await scope.click();
    await session.page.locator('.quick-input-widget input[type="password"]').fill(stored);
    await session.page.keyboard.press('Enter');
    await waitFor('the store step to complete', async () => (await completed()).includes('storeKey'));
    await step('Test the REST API', 'Test stored OpenAI key');
    await waitFor('the verdict', async () => (await session.notifications()).some((n) => n.includes('The key works for the REST API and for the Realtime API')));
    const done = await waitFor('the test steps to complete', async () => {
      const ids = await completed();
      return ids.includes('testRest') && ids.includes('testRealtime') ? ids : undefined;
    });
    assert.deepStrictEqual(done.sort(), ['storeKey', 'testRealtime', 'testRest']);
    await session.screenshot('26-walkthrough');
  });
});
