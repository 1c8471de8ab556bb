import * as fs from 'fs';
import { MockOpenAI, startMockOpenAI } from '../mock/openaiMock';
import { materialize } from './fixtures';
import { CodeServerSession, readTools } from './harness';

export interface E2eSuite {
  session: CodeServerSession;
  mock: MockOpenAI;
  workspace: string;
}

/**
 * Registers the hooks every end-to-end suite needs: a mock OpenAI server, a code-server whose USER settings point
 * the API base URL at it, a fresh copy of a fixture workspace opened in Chromium; a screenshot and the extension
 * host log for each failed test; and everything stopped and removed afterwards, even after a failure.
 */
export function e2eSuite(fixture: string, userSettings: Record<string, unknown> = {}, openWorkspace = true): E2eSuite {
  const suite = {} as E2eSuite;
  before(async () => {
    suite.mock = await startMockOpenAI();
    suite.session = new CodeServerSession(readTools(), { userSettings: { 'openaiKeyDoctor.apiBaseUrl': suite.mock.baseUrl, ...userSettings } });
    await suite.session.start();
    suite.workspace = materialize(fixture);
    if (openWorkspace) {
      await suite.session.open(suite.workspace);
    }
  });
  afterEach(async function () {
    const name = this.currentTest?.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase() ?? 'unknown';
    if (this.currentTest?.state === 'failed' && suite.session?.page) {
      await suite.session.screenshot(`FAILED-${name}`).catch(() => undefined);
      suite.session.saveLogs(`FAILED-${name}`);
    }
  });
  after(async () => {
    await suite.session?.stop();
    await suite.mock?.close();
    if (suite.workspace) {
      fs.rmSync(suite.workspace, { recursive: true, force: true });
    }
  });
  return suite;
}
