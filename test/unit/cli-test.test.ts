import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PROBE_STATUSES } from '../../src/core/probe/types';
import { cli } from '../support/cli';
import { MockOpenAI, SCENARIOS, mockKey, startMockOpenAI } from '../mock/openaiMock';
import { startConnectProxy } from './probe.test';

/** True when any 12-character piece of the key's secret part appears in the text. */
function leaks(text: string, key: string): boolean {
  // The scenario tag before "__" is part of file names; the rest of the key is the secret.
  const secret = key.replace(/^sk-(proj-|admin-)[a-z0-9_]*?__/, '');
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
    assert.deepStrictEqual(Object.keys(json), ['key', 'rest', 'realtime', 'verdict']);
    assert.deepStrictEqual(json.key, { masked: `sk-proj-…${mockKey('ok').slice(-4)}`, type: 'project', source: '.env (OPENAI_API_KEY)' });
    assert.deepStrictEqual(Object.keys(json.rest), ['status', 'httpStatus', 'code', 'message', 'requestId', 'ms']);
    assert.deepStrictEqual(Object.keys(json.realtime), ['status', 'httpStatus', 'closeCode', 'code', 'message', 'ms']);
    assert.deepStrictEqual(Object.keys(json.verdict), ['status', 'summary', 'nextSteps']);
    assert.strictEqual(json.rest.status, 'ok');
    assert.strictEqual(json.rest.httpStatus, 200);
    assert.strictEqual(typeof json.rest.ms, 'number');
    assert.strictEqual(json.realtime.status, 'ok');
    assert.strictEqual(json.realtime.closeCode, 1000);
  });

  for (const scenario of SCENARIOS.filter((s) => !['hang', 'slow_headers', 'rt_no_session'].includes(s))) {
    it(`${scenario}: statuses from the vocabulary, the key never printed, exit code follows the probes`, async () => {
      const key = mockKey(scenario);
      const file = envFile(`.env.${scenario}`, `OPENAI_API_KEY=${key}\nOPENAI_ORG_ID=org-Other123\n`);
      const run = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json', '--timeout-ms', '1500'], { cwd: dir });
      const json = JSON.parse(run.stdout);
      assert.ok((PROBE_STATUSES as readonly string[]).includes(json.rest.status));
      assert.ok((PROBE_STATUSES as readonly string[]).includes(json.realtime.status));
      assert.strictEqual(run.code, json.rest.status === 'ok' && json.realtime.status === 'ok' ? 0 : 1);
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
    assert.strictEqual(JSON.parse(forced.stdout).rest.status, 'ok', 'the mock accepts it; the real API would not');
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
      const bypass = await cli(['test', '--env-file', file, '--base-url', mock.baseUrl, '--format', 'json'], { cwd: dir, env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
      assert.strictEqual(bypass.code, 0);
      assert.strictEqual(proxy.connects.length, 2, 'NO_PROXY bypasses the proxy');
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
