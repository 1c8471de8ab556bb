import * as assert from 'assert';
import { waitFor } from './harness';
import { mockKey } from '../mock/openaiMock';
import { e2eSuite } from './suite';

describe('e2e: the walkthrough, from a fresh profile', function () {
  const suite = e2eSuite('vault');
  const stored = mockKey('ok');




  it('the walkthrough opens and its steps complete', async () => {
    await suite.session.runCommand('Notifications: Clear All Notifications');
    await suite.session.runCommand('Welcome: Open Walkthrough...');
    const item = suite.session.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get a working OpenAI key' });
    await item.waitFor({ timeout: 15000 });
    await item.click();
    await suite.session.page.locator('.gettingStartedContainer').waitFor({ timeout: 20000 });
    const completed = () =>
      suite.session.page.$$eval('.getting-started-step', (els) =>
        els.filter((e) => e.classList.contains('complete') || e.querySelector('.codicon-getting-started-step-checked') !== null).map((e) => (e.getAttribute('data-step-id') ?? '').split('#').pop() ?? ''),
      );
    const step = async (title: string, button: string) => {
      await suite.session.page.locator('.getting-started-step', { hasText: title }).first().click();
      await suite.session.page.locator('.getting-started-step.expanded a, .getting-started-step.expanded .button-link', { hasText: button }).first().click();
    };
    // A newcomer follows the steps with their own buttons.
    await step('Store it in SecretStorage', 'Store OpenAI key');
    const scope = suite.session.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Global key' });
    await scope.waitFor();
    await scope.click();
    await suite.session.page.locator('.quick-input-widget input[type="password"]').fill(stored);
    await suite.session.page.keyboard.press('Enter');
    await waitFor('the store step to complete', async () => (await completed()).includes('storeKey'));
    await step('Test the REST API', 'Test OpenAI key');
    await waitFor('the verdict', async () => (await suite.session.notifications()).some((n) => n.includes('The key works for the REST API and for the Realtime API')));
    const done = await waitFor('the test steps to complete', async () => {
      const ids = await completed();
      return ids.includes('testRest') && ids.includes('testRealtime') ? ids : undefined;
    });
    assert.deepStrictEqual(done.sort(), ['storeKey', 'testRealtime', 'testRest']);
    await suite.session.screenshot('26-walkthrough');
  });
});
