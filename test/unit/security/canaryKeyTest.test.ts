import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RememberedResult, TestResultCache } from '../../../src/core/keyHealth';
import { testKey } from '../../../src/core/probe/keyTest';
import { MockOpenAI, mockKey, startMockOpenAI } from '../../mock/openaiMock';
import { cli } from '../../support/cli';
import { TesterWorld, installTesterWorld } from '../../support/vscodeWindow';

/** The first 12-character piece of the key's secret part found in the text, if any. */
function leakedFragment(text: string, key: string): string | undefined {
  const secret = key.replace(/^sk-(proj-|admin-|svcacct-|None-)?/, '');
  for (let i = 0; i + 12 <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + 12))) {
      return secret.slice(i, i + 12);
    }
  }
  return undefined;
}

const HOSTILE = ['hostile', 'hostile_late', 'hostile_upgrade', 'hostile_redirect'];

/**
 * A hostile server echoes the key under test, whole and in pieces, in every field it controls: REST x-request-id,
 * error.code, error.type, rate-limit headers, messages, redirect locations; the Realtime upgrade's x-request-id and
 * body, error-event code, session.id, close reason, response.done. The key is also pasted into OPENAI_ORG_ID and
 * the base URL's user:password. No 12-character fragment of it may come out anywhere.
 */
describe('canary: a hostile server echoing the key finds no fragment of it in any output', function () {
  this.timeout(60000);
  let mock: MockOpenAI;
  let dir: string;
  before(async () => {
    mock = await startMockOpenAI();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-canary-'));
  });
  after(async () => {
    await mock.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const scenario of HOSTILE) {
    for (const format of ['text', 'json']) {
      for (const full of [false, true]) {
        it(`test --format ${format}${full ? ' --full' : ''}, ${scenario}`, async () => {
          const key = mockKey(scenario);
          const file = `.env.${scenario}`;
          fs.writeFileSync(path.join(dir, file), `OPENAI_API_KEY=${key}\nOPENAI_ORG_ID=${key}\nOPENAI_PROJECT_ID=proj_${key.slice(30, 70).replace(/[^A-Za-z0-9]/g, '')}\nOPENAI_BASE_URL=https://user:${key}@proxy.example/v1\n`);
          const before = mock.requests.length;
          const run = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', format, '--timeout-ms', '2000', ...(full ? ['--full'] : [])], { cwd: dir });
          assert.ok(mock.requests.length > before, 'the hostile server was reached');
          const fragment = leakedFragment(run.stdout + run.stderr, key);
          assert.strictEqual(fragment, undefined, `"${fragment}" came out:\n${run.stdout}\n${run.stderr}`);
          if (format === 'json') {
            const json = JSON.parse(run.stdout);
            for (const id of [json.rest.requestId, json.realtime?.requestId, json.inference?.requestId]) {
              assert.ok(id === null || id === undefined || /^req_[0-9a-f]+$|^sess_[A-Za-z0-9]+$/.test(id), `request id ${id}`);
            }
            for (const code of [json.rest.code, json.realtime?.code, json.inference?.code, json.realtime?.closeReason]) {
              assert.ok(code === null || code === undefined || /^[a-z_]+(\.[a-z_]+)?$/.test(code), `code ${code}`);
            }
          }
        });
      }
    }
  }

  it('a base URL with user:password@ holding the key is never printed raw', async () => {
    const key = mockKey('hostile');
    const baseUrl = mock.baseUrl.replace('http://', `http://user:${key}@`);
    for (const format of ['text', 'json']) {
      const run = await cli(['test', '--base-url', baseUrl, '--format', format, '--timeout-ms', '2000'], { cwd: dir, env: { OPENAI_API_KEY: key } });
      assert.strictEqual(leakedFragment(run.stdout + run.stderr, key), undefined, run.stdout + run.stderr);
      assert.doesNotMatch(run.stdout, /user:/);
    }
  });

  describe('the VS Code tester: its log, its notifications and what it stores', () => {
    let world: TesterWorld;
    before(() => {
      world = installTesterWorld();
    });
    after(() => world.restore());

    for (const scenario of HOSTILE) {
      it(`${scenario}: free and full`, async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { KeyTester } = require('../../../src/extension/keyTest/keyTester') as typeof import('../../../src/extension/keyTest/keyTester');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { rememberResults, sanitizeResults } = require('../../../src/extension/keyTest/resultCache') as typeof import('../../../src/extension/keyTest/resultCache');
        const key = mockKey(scenario);
        world.baseUrl = mock.baseUrl;
        world.settings = { timeoutMs: 2000 };
        world.shown = [];
        world.log = [];
        world.answer = (shown) => (shown.modal ? 'Run the full test' : undefined);
        let stored: Record<string, RememberedResult> | undefined;
        const cache = new TestResultCache({ get: () => sanitizeResults(stored), set: (value) => void (stored = sanitizeResults(value)) }, 'salt');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { ExtensionEvents } = require('../../../src/extension/shared/events') as typeof import('../../../src/extension/shared/events');
        const events = new ExtensionEvents();
        const background = (_what: string, work: Thenable<unknown>) => void Promise.resolve(work).catch((e) => world.log.push(String(e)));
        const tester = new KeyTester({ log: world.logChannel as never, background, onDidTest: events.keyTested, runProbes: (request) => testKey(request) });
        const remembering = rememberResults({ events, results: cache, background });
        try {
          for (const full of [false, true]) {
            await tester.test({ key, source: '.env, line 1', organization: key, project: `proj_${key.slice(8, 40)}` }, { interactive: true, full });
          }
          await new Promise((r) => setImmediate(r));
        } finally {
          remembering.dispose();
          tester.dispose();
        }
        assert.strictEqual(world.log.length, 2, 'two reports logged');
        const everything = [...world.log, ...world.shown.map((s) => `${s.message}\n${s.detail ?? ''}\n${s.items.join(' ')}`), JSON.stringify(stored)].join('\n');
        const fragment = leakedFragment(everything, key);
        assert.strictEqual(fragment, undefined, `"${fragment}" came out:\n${everything}`);
        const result = Object.values(stored ?? {})[0];
        assert.ok(result, 'a result was stored');
        for (const id of [result.restRequestId, result.realtimeRequestId]) {
          assert.ok(id === null || /^req_[0-9a-f]+$|^sess_[A-Za-z0-9]+$/.test(id), `stored id ${id}`);
        }
      });
    }

    it('request ids an older version stored raw are dropped when read back', async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { sanitizeResults } = require('../../../src/extension/keyTest/resultCache') as typeof import('../../../src/extension/keyTest/resultCache');
      const key = mockKey('hostile');
      const old = { abc: { masked: 'sk-proj-…abcd', type: 'project', verdict: 'ok', summary: `echo ${key}`, rest: 'ok', realtime: 'ok', restRequestId: key, realtimeRequestId: 'req_0123abcd', testedAt: 1 } } as Record<string, RememberedResult>;
      const read = sanitizeResults(old)!;
      assert.deepStrictEqual([read.abc.restRequestId, read.abc.realtimeRequestId], [null, 'req_0123abcd']);
      assert.strictEqual(leakedFragment(JSON.stringify(read), key), undefined);
    });
  });
});
