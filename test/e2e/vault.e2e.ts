import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { waitFor } from './harness';
import { mockKey } from '../mock/openaiMock';
import { e2eSuite } from './suite';

describe('e2e: SecretStorage, the status bar, a reload, moving a key', function () {
  const suite = e2eSuite('vault');
  const stored = mockKey('ok');
  const masked = `sk-proj-…${stored.slice(-4)}`;
  const statusItem = () => suite.session.page.locator('.statusbar-item', { hasText: 'sk-proj-' }).first();
  const statusText = async () => (await statusItem().innerText().catch(() => '')).replace(/\s+/g, ' ').trim();




  it('storing a key updates the status bar', async () => {
    await suite.session.openFile('notes.txt');
    await suite.session.runCommand('OpenAI Key Doctor: Store OpenAI key');
    const scope = suite.session.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Global key' });
    await scope.waitFor();
    await scope.click();
    const input = suite.session.page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor();
    await input.fill(`${stored} `);
    await waitFor('live validation of the pasted key', async () => /ends with U\+0020 SPACE/.test(await suite.session.page.locator('.quick-input-message').innerText()));
    await suite.session.screenshot('20-store-key-validation');
    await input.fill(stored);
    await suite.session.page.keyboard.press('Enter');
    await waitFor('the confirmation', async () => (await suite.session.notifications()).some((n) => n.includes(`Stored ${masked} in SecretStorage (global).`)));
    const text = await waitFor('the status bar to show the stored key', async () => {
      const t = await statusText();
      return t.includes(masked) && t.includes('not tested') ? t : undefined;
    });
    assert.strictEqual(text, `${masked} not tested`);
    await suite.session.screenshot('21-status-bar-stored-key');
  });

  it('clicking the status bar tests the key, and the status bar shows the result', async () => {
    await suite.session.runCommand('Notifications: Clear All Notifications');
    await statusItem().click();
    await waitFor('the verdict', async () => (await suite.session.notifications()).some((n) => n.includes('The key works for the REST API and for the Realtime API')));
    const text = await waitFor('a passing status', async () => {
      const t = await statusText();
      return t.includes('just now') ? t : undefined;
    });
    assert.strictEqual(text, `${masked} just now`);
    await statusItem().hover();
    await waitFor('the tooltip', async () => (await suite.session.page.locator('.monaco-hover, .workbench-hover').innerText().catch(() => '')).includes('Realtime: works'));
    await suite.session.screenshot('22-status-bar-tested');
  });

  it('the stored key and its last result survive a window reload', async () => {
    await suite.session.page.reload();
    await suite.session.page.waitForSelector('.statusbar', { timeout: 60000 });
    await suite.session.openFile('notes.txt');
    const text = await waitFor('the status bar after the reload', async () => {
      const t = await statusText();
      return t.includes(masked) ? t : undefined;
    }, 45000);
    assert.match(text, new RegExp(`^${masked.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (just now|1 min ago)$`));
    await suite.session.screenshot('23-status-bar-after-reload');
  });

  it('moving a key out of a .env leaves exactly the expected file, then the empty value is only a hint', async () => {
    await suite.session.runCommand('Notifications: Clear All Notifications');
    await suite.session.openFile('.env');
    const lens = suite.session.page.locator('.codelens-decoration a', { hasText: 'Move key to SecretStorage' });
    await lens.waitFor({ timeout: 20000 });
    await suite.session.screenshot('24-codelens');
    await lens.click();
    await waitFor('the move confirmation', async () => (await suite.session.notifications()).some((n) => n.includes(`Moved ${masked} from .env to SecretStorage`)));
    await waitFor('the file on disk', async () => fs.readFileSync(path.join(suite.workspace, '.env'), 'utf8') === '# API settings\nOPENAI_API_KEY= # moved by the test\nPORT=3000\n');
    const hint = await suite.session.waitForProblem('is empty here because its key is in SecretStorage');
    assert.match(hint, /^Info: /);
    await suite.session.screenshot('25-after-move');
  });
});
