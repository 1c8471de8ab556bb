import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PROBE_STATUSES } from '../../../src/core/probe/types';
import { cli } from '../../support/cli';
import { MockOpenAI, SCENARIOS, mockKey, startMockOpenAI } from '../../mock/openaiMock';
import { startConnectProxy } from '../../support/connectProxy';

/** True when any 12-character piece of the key's secret part appears in the text. */
export function leaks(text: string, key: string): boolean {
  const secret = key.replace(/^sk-(proj-|admin-|svcacct-|None-)?/, '');
  for (let i = 0; i + 12 <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + 12))) {
      return true;
    }
  }
  return false;
}

describe('openai-key-doctor test', () => {
  let mock: MockOpenAI;
  let dir: string;
  before(async () => {
    mock = await startMockOpenAI();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-test-'));
  });
  after(async () => {
    await mock.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const envFile = (name: string, content: string) => {
    fs.writeFileSync(path.join(dir, name), content);
    return name;
  };

  it('follows the JSON contract and exits 0 when every probe is ok', async () => {
    const file = envFile('.env', `OPENAI_API_KEY=${mockKey('ok')}\n`);
    const run = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json'], { cwd: dir });
    assert.strictEqual(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    // The first fields are the original contract, in their original order; later fields were added after it.
    assert.deepStrictEqual(Object.keys(json), ['key', 'rest', 'realtime', 'verdict', 'full', 'inference', 'baseUrl', 'appBaseUrl']);
    assert.deepStrictEqual(json.key, { masked: `sk-proj-…${mockKey('ok').slice(-4)}`, type: 'project', source: '.env (OPENAI_API_KEY)' });
    assert.deepStrictEqual(Object.keys(json.rest), ['status', 'httpStatus', 'code', 'message', 'requestId', 'ms', 'type', 'cause', 'missingScopes', 'realtimeModelFound']);
    assert.deepStrictEqual(Object.keys(json.realtime), ['status', 'httpStatus', 'closeCode', 'code', 'message', 'ms', 'closeReason', 'requestId', 'sessionId', 'cause', 'response']);
    assert.deepStrictEqual(Object.keys(json.verdict), ['status', 'summary', 'nextSteps', 'unverified', 'notes']);
    assert.deepStrictEqual([json.full, json.inference, json.verdict.unverified], [false, null, ['billing', 'realtime_model_access']]);
    assert.strictEqual(json.rest.status, 'ok');
    assert.strictEqual(json.rest.httpStatus, 200);
    assert.strictEqual(typeof json.rest.ms, 'number');
    assert.strictEqual(json.realtime.status, 'ok');
    assert.strictEqual(json.realtime.closeCode, 1000);
  });

  for (const scenario of SCENARIOS.filter((s) => !['hang', 'slow_headers', 'slow_body', 'rt_no_session'].includes(s))) {
    it(`${scenario}: statuses from the vocabulary, the key never printed, exit code follows the verdict`, async () => {
      const key = mockKey(scenario);
      const file = envFile(`.env.${scenario}`, `OPENAI_API_KEY=${key}\nOPENAI_ORG_ID=org-Other123\n`);
      const run = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json', '--timeout-ms', '1500'], { cwd: dir });
      const json = JSON.parse(run.stdout);
      assert.ok((PROBE_STATUSES as readonly string[]).includes(json.rest.status));
      assert.ok((PROBE_STATUSES as readonly string[]).includes(json.realtime.status));
      assert.strictEqual(run.code, json.verdict.status === 'ok' ? 0 : 1);
      assert.ok(!leaks(run.stdout + run.stderr, key), 'the key appears in the output');
      const text = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--timeout-ms', '1500'], { cwd: dir });
      assert.ok(!leaks(text.stdout + text.stderr, key), 'the key appears in the text output');
    });
  }

  it('reads the key from the environment by default, or from --var, or from stdin; never from an argument', async () => {
    const env = { OPENAI_API_KEY: mockKey('invalid_key'), MY_KEY: mockKey('ok') };
    const fromEnv = await cli(['test', '--base-url', mock.baseUrl, '--format', 'json'], { cwd: dir, env });
    assert.strictEqual(JSON.parse(fromEnv.stdout).rest.status, 'invalid_key');
    assert.strictEqual(JSON.parse(fromEnv.stdout).key.source, 'environment (OPENAI_API_KEY)');
    const fromVar = await cli(['test', '--var', 'MY_KEY', '--base-url', mock.baseUrl, '--format', 'json'], { cwd: dir, env });
    assert.strictEqual(fromVar.code, 0);
    const fromStdin = await cli(['test', '--key-stdin', '--base-url', mock.baseUrl, '--format', 'json'], { cwd: dir, env: {}, stdin: `${mockKey('ok')}\n` });
    assert.strictEqual(JSON.parse(fromStdin.stdout).key.source, 'standard input');
    assert.strictEqual(fromStdin.code, 0);
    const asArgument = await cli(['test', mockKey('ok'), '--base-url', mock.baseUrl], { cwd: dir });
    assert.strictEqual(asArgument.code, 2);
    assert.match(asArgument.stderr, /no positional argument/);
    assert.ok(!leaks(asArgument.stderr, mockKey('ok')));
  });

  it('takes OPENAI_ORG_ID and OPENAI_PROJECT_ID from the same .env and sends them', async () => {
    const file = envFile('.env.org', `OPENAI_API_KEY=${mockKey('ok')}\nOPENAI_ORG_ID=org-Abc123\nOPENAI_PROJECT_ID=proj_Abc123\n`);
    const before = mock.requests.length;
    await cli(['test', '--env-file', file, '--base-url', mock.baseUrl], { cwd: dir });
    const sent = mock.requests.slice(before);
    assert.deepStrictEqual(sent.map((r) => [r.headers['openai-organization'], r.headers['openai-project']]), [['org-Abc123', 'proj_Abc123'], ['org-Abc123', 'proj_Abc123']]);
  });

  it('--no-realtime tests REST only: realtime is null', async () => {
    const file = envFile('.env.rest', `OPENAI_API_KEY=${mockKey('no_realtime')}\n`);
    const run = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--no-realtime', '--format', 'json'], { cwd: dir });
    assert.strictEqual(JSON.parse(run.stdout).realtime, null);
    assert.strictEqual(run.code, 0);
  });

  it('a malformed key is reported, not sent, unless --force', async () => {
    const file = envFile('.env.bad', `OPENAI_API_KEY="${mockKey('ok')} "\n`);
    const before = mock.requests.length;
    const run = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl], { cwd: dir });
    assert.strictEqual(run.code, 1);
    assert.match(run.stdout, /Malformed: OPENAI_API_KEY ends with U\+0020 SPACE/);
    assert.match(run.stdout, /Not sent/);
    assert.strictEqual(mock.requests.length, before);
    const forced = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--force', '--format', 'json'], { cwd: dir });
    assert.strictEqual(mock.requests.length, before + 2);
    assert.strictEqual(JSON.parse(forced.stdout).rest.status, 'ok', 'HTTP trims the trailing space: the server sees the key itself');
  });

  it('a masked copy of a key, sent anyway, gets what the API answers a key it does not know: 401 invalid_api_key', async () => {
    const file = envFile('.env.masked', 'OPENAI_API_KEY=sk-proj-...sQoA\n');
    const run = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--force', '--format', 'json'], { cwd: dir });
    const json = JSON.parse(run.stdout);
    assert.deepStrictEqual([json.rest.status, json.rest.code, json.realtime.status, json.verdict.status, run.code], ['invalid_key', 'invalid_api_key', 'invalid_key', 'invalid_key', 1]);
  });

  it('a key without credit passes the free test only with "billing" in verdict.unverified, and fails the full test with no_quota', async () => {
    const file = envFile('.env.nocredit', `OPENAI_API_KEY=${mockKey('no_quota')}\n`);
    const before = mock.spending.length;
    const free = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json'], { cwd: dir });
    const freeJson = JSON.parse(free.stdout);
    assert.strictEqual(free.code, 0);
    assert.deepStrictEqual([freeJson.verdict.status, freeJson.full, freeJson.inference], ['ok', false, null]);
    assert.ok(freeJson.verdict.unverified.includes('billing'));
    assert.strictEqual(mock.spending.length, before, 'the free test made no token-spending call');
    const full = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json', '--full'], { cwd: dir });
    const json = JSON.parse(full.stdout);
    assert.strictEqual(full.code, 1);
    assert.deepStrictEqual([json.verdict.status, json.full, json.verdict.unverified], ['no_quota', true, []]);
    assert.deepStrictEqual(Object.keys(json.inference), ['status', 'httpStatus', 'code', 'message', 'requestId', 'ms', 'model']);
    assert.deepStrictEqual([json.inference.status, json.inference.httpStatus, json.inference.code, json.inference.model], ['no_quota', 429, 'insufficient_quota', 'text-embedding-3-small']);
    assert.ok(mock.spending.length - before <= 2, `${mock.spending.length - before} token-spending calls`);
    assert.match(full.stderr, /^Full test: 2 paid calls \(.*text-embedding-3-small.*gpt-realtime.*\); worst case \$0\.\d+\.$/, 'the cost is said before the run');
  });

  it('the text report says what the free test did not verify and how to run the full test', async () => {
    const file = envFile('.env.free', `OPENAI_API_KEY=${mockKey('ok')}\n`);
    const run = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl], { cwd: dir });
    assert.strictEqual(run.code, 0);
    assert.match(run.stdout, /^Not verified: credit and billing .*; whether a Realtime response succeeds/m);
    assert.match(run.stdout, /openai-key-doctor test --full/);
    const full = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--full'], { cwd: dir });
    assert.match(full.stdout, /^Full test: 2 paid calls/);
    assert.doesNotMatch(full.stdout, /Not verified/);
    assert.match(full.stdout, /^Paid call: ok \(HTTP 200\)/m);
    assert.match(full.stdout, /response\.create -> incomplete/);
  });

  it('a Realtime response failing with model_not_found fails the full test with model_unavailable', async () => {
    const file = envFile('.env.late', `OPENAI_API_KEY=${mockKey('rt_model_late')}\n`);
    const free = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json'], { cwd: dir });
    assert.strictEqual(free.code, 0, 'the free test cannot see it');
    assert.ok(JSON.parse(free.stdout).verdict.unverified.includes('realtime_model_access'));
    const full = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json', '--full'], { cwd: dir });
    const json = JSON.parse(full.stdout);
    assert.strictEqual(full.code, 1);
    assert.deepStrictEqual([json.verdict.status, json.realtime.response], ['model_unavailable', { status: 'failed', code: 'model_not_found' }]);
  });

  it('a key missing only the Models read scope passes (exit 0) with a note', async () => {
    const file = envFile('.env.readscope', `OPENAI_API_KEY=${mockKey('models_read_missing')}\n`);
    const run = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json', '--full'], { cwd: dir });
    const json = JSON.parse(run.stdout);
    assert.strictEqual(run.code, 0);
    assert.deepStrictEqual([json.rest.status, json.rest.missingScopes, json.verdict.status], ['restricted_key', ['api.model.read'], 'ok']);
    assert.match(json.verdict.notes[0], /api\.model\.read/);
  });

  it('the .env\'s OPENAI_BASE_URL differs from the tested base URL: the report says so, and the key is not sent there', async () => {
    const elsewhere = await startMockOpenAI();
    try {
      const file = envFile('.env.base', `OPENAI_API_KEY=${mockKey('ok')}\nOPENAI_BASE_URL=http://user:secret-pass@127.0.0.1:${elsewhere.port}/v1\n`);
      const json = JSON.parse((await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json'], { cwd: dir })).stdout);
      assert.strictEqual(json.appBaseUrl, `http://***@127.0.0.1:${elsewhere.port}/v1`);
      assert.match(json.verdict.notes.join('\n'), new RegExp(`OPENAI_BASE_URL=http://\\*\\*\\*@127\\.0\\.0\\.1:${elsewhere.port}/v1: your app sends its key there, but this test sent it to http://127\\.0\\.0\\.1:${mock.port}/v1`));
      assert.deepStrictEqual(elsewhere.requests, [], 'never sent there automatically');
      const text = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl], { cwd: dir });
      assert.match(text.stdout, /^Note: {6}The \.env sets OPENAI_BASE_URL=/m);
      assert.doesNotMatch(text.stdout + JSON.stringify(json), /secret-pass/);
      const same = envFile('.env.same', `OPENAI_API_KEY=${mockKey('ok')}\nOPENAI_BASE_URL=${mock.baseUrl}/\n`);
      assert.deepStrictEqual(JSON.parse((await cli(['test', '--env-file', same, '--base-url', mock.baseUrl, '--format', 'json'], { cwd: dir })).stdout).verdict.notes, []);
    } finally {
      await elsewhere.close();
    }
  });

  it('refuses an http:// base URL on another machine unless --allow-insecure-http; loopback is fine', async () => {
    const env = { OPENAI_API_KEY: mockKey('ok') };
    const refused = await cli(['test', '--base-url', 'http://192.0.2.2/v1', '--format', 'json'], { cwd: dir, env });
    assert.strictEqual(refused.code, 2);
    assert.match(refused.stderr, /http:\/\/192\.0\.2\.2\/v1 is http:\/\/ on another machine: the key would cross the network in clear text.*--allow-insecure-http/);
    const fromEnv = await cli(['test', '--format', 'json'], { cwd: dir, env: { ...env, OPENAI_BASE_URL: 'http://user:pw@192.0.2.2/v1' } });
    assert.strictEqual(fromEnv.code, 2);
    assert.doesNotMatch(fromEnv.stderr, /pw@/);
    const allowed = await cli(['test', '--base-url', 'http://192.0.2.2:9/v1', '--allow-insecure-http', '--timeout-ms', '300', '--format', 'json'], { cwd: dir, env });
    assert.notStrictEqual(allowed.code, 2, 'sent when explicitly allowed');
    assert.strictEqual((await cli(['test', '--base-url', mock.baseUrl.replace('127.0.0.1', 'localhost'), '--format', 'json'], { cwd: dir, env })).code, 0);
  });

  it('prints a readable report with the Realtime URL derived from the base URL', async () => {
    const file = envFile('.env.text', `OPENAI_API_KEY=${mockKey('rt_model_close')}\n`);
    const run = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl], { cwd: dir });
    assert.match(run.stdout, new RegExp(`ws://127\\.0\\.0\\.1:${mock.port}/v1/realtime\\?model=gpt-realtime`));
    assert.match(run.stdout, /Realtime: {2}model_unavailable model_not_found, closed 4004 invalid_request_error\.model_not_found/);
    assert.match(run.stdout, /not the default https:\/\/api\.openai\.com\/v1/);
  });

  it('honours HTTPS_PROXY for both probes', async () => {
    const proxy = await startConnectProxy();
    try {
      const file = envFile('.env.proxy', `OPENAI_API_KEY=${mockKey('ok')}\n`);
      const run = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json'], { cwd: dir, env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url } });
      assert.strictEqual(run.code, 0, run.stdout + run.stderr);
      assert.deepStrictEqual(proxy.connects, [`127.0.0.1:${mock.port}`, `127.0.0.1:${mock.port}`]);
      const notes = JSON.parse(run.stdout).verdict.notes.join('\n');
      assert.match(notes, new RegExp(`went through the proxy ${proxy.url.replace(/[.]/g, '\\.')} \\(HTTPS_PROXY\\)`));
      assert.match(notes, /Python apps \(openai-python, httpx\) use it too; a Node app using the openai SDK \(built-in fetch\) does not, unless it runs with NODE_USE_ENV_PROXY=1/);
      const bypass = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json'], { cwd: dir, env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
      assert.strictEqual(bypass.code, 0);
      assert.strictEqual(proxy.connects.length, 2, 'NO_PROXY bypasses the proxy');
      assert.deepStrictEqual(JSON.parse(bypass.stdout).verdict.notes, []);
    } finally {
      await proxy.close();
    }
  });

  it('usage errors exit 2', async () => {
    for (const args of [['test', '--format', 'xml'], ['test', '--timeout-ms', 'soon'], ['test', '--base-url', 'ftp://x'], ['test', '--env-file', 'missing.env']]) {
      assert.strictEqual((await cli(args, { cwd: dir, env: { OPENAI_API_KEY: mockKey('ok') } })).code, 2, args.join(' '));
    }
    assert.strictEqual((await cli(['test'], { cwd: dir, env: {} })).code, 2);
  });
});
