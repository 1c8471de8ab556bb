import * as assert from 'assert';
import * as net from 'net';
import { KeyTestReport, testKey } from '../../../../src/core/probe/keyTest';
import { probeRealtime, realtimeUrl } from '../../../../src/core/probe/realtimeProbe';
import { CancelledError } from '../../../../src/core/probe/types';
import { MOCK_ORGANIZATION, MockOpenAI, SCENARIOS, mockKey, startMockOpenAI } from '../../../mock/openaiMock';
import { fakeKey } from '../../../support/keys';

/** Expected statuses of the free test per mock scenario: [REST, Realtime, verdict]. */
const FREE: Record<string, [string, string, string]> = {
  ok: ['ok', 'ok', 'ok'],
  invalid_key: ['invalid_key', 'invalid_key', 'invalid_key'],
  models_read_missing: ['restricted_key', 'ok', 'ok'],
  restricted: ['ok', 'ok', 'ok'],
  no_quota: ['ok', 'ok', 'ok'],
  credit_exhausted: ['ok', 'ok', 'ok'],
  billing_hard_limit: ['ok', 'ok', 'ok'],
  billing_inactive: ['ok', 'ok', 'ok'],
  rate_limited: ['rate_limited', 'ok', 'rate_limited'],
  region: ['region_unsupported', 'region_unsupported', 'region_unsupported'],
  ip_blocked: ['ip_not_allowed', 'ip_not_allowed', 'ip_not_allowed'],
  no_realtime: ['ok', 'access_denied', 'access_denied'],
  rt_model_late: ['ok', 'ok', 'ok'],
  rt_model_unlisted: ['ok', 'model_unavailable', 'model_unavailable'],
  rt_model_close: ['ok', 'model_unavailable', 'model_unavailable'],
  rt_beta_shape: ['ok', 'protocol_error', 'protocol_error'],
  server_error: ['server_error', 'server_error', 'server_error'],
  hang: ['timeout', 'timeout', 'timeout'],
  slow_headers: ['timeout', 'timeout', 'timeout'],
  slow_body: ['timeout', 'ok', 'timeout'],
  reset_mid_body: ['network_error', 'network_error', 'network_error'],
  non_json: ['protocol_error', 'protocol_error', 'protocol_error'],
  bad_json: ['protocol_error', 'ok', 'protocol_error'],
  huge_body: ['protocol_error', 'ok', 'protocol_error'],
  rt_no_session: ['ok', 'timeout', 'timeout'],
  rt_garbage: ['ok', 'protocol_error', 'protocol_error'],
  rt_non_object: ['ok', 'protocol_error', 'protocol_error'],
  rt_abrupt: ['ok', 'network_error', 'network_error'],
  rt_response_hang: ['ok', 'ok', 'ok'],
  redirect: ['protocol_error', 'protocol_error', 'protocol_error'],
};

/** Expected statuses of the full test: [REST, paid REST call, Realtime, verdict]. */
const FULL: Record<string, [string, string, string, string]> = {
  ok: ['ok', 'ok', 'ok', 'ok'],
  invalid_key: ['invalid_key', 'invalid_key', 'invalid_key', 'invalid_key'],
  models_read_missing: ['restricted_key', 'ok', 'ok', 'ok'],
  restricted: ['ok', 'restricted_key', 'restricted_key', 'restricted_key'],
  no_quota: ['ok', 'no_quota', 'no_quota', 'no_quota'],
  credit_exhausted: ['ok', 'no_quota', 'no_quota', 'no_quota'],
  billing_hard_limit: ['ok', 'no_quota', 'no_quota', 'no_quota'],
  billing_inactive: ['ok', 'billing_inactive', 'billing_inactive', 'billing_inactive'],
  rt_model_late: ['ok', 'ok', 'model_unavailable', 'model_unavailable'],
  rt_model_unlisted: ['ok', 'ok', 'model_unavailable', 'model_unavailable'],
  no_realtime: ['ok', 'ok', 'access_denied', 'access_denied'],
  hang: ['timeout', 'timeout', 'timeout', 'timeout'],
  slow_body: ['timeout', 'timeout', 'ok', 'timeout'],
  huge_body: ['protocol_error', 'protocol_error', 'ok', 'protocol_error'],
  rt_response_hang: ['ok', 'ok', 'timeout', 'timeout'],
};

const TIMEOUT_MS = 800;

describe('key test against the mock OpenAI server', () => {
  let mock: MockOpenAI;
  before(async () => {
    mock = await startMockOpenAI();
  });
  after(async () => {
    await mock.close();
  });

  const run = (scenario: string, extra: Partial<Parameters<typeof testKey>[0]> = {}): Promise<KeyTestReport> =>
    testKey({ key: mockKey(scenario), source: 'test', baseUrl: mock.baseUrl, timeoutMs: TIMEOUT_MS, ...extra });

  it('covers every scenario of the mock in the free test', () => {
    // org_mismatch depends on the header sent (its own test below); the hostile ones are the canary's.
    assert.deepStrictEqual(SCENARIOS.filter((s) => !(s in FREE) && !s.startsWith('hostile') && s !== 'org_mismatch'), []);
  });

  for (const [scenario, [rest, realtime, verdict]] of Object.entries(FREE)) {
    it(`free, ${scenario}: REST ${rest}, Realtime ${realtime}, verdict ${verdict}; no token spent`, async () => {
      const spent = mock.spending.length;
      const report = await run(scenario);
      assert.deepStrictEqual([report.rest.status, report.realtime?.status, report.verdict.status], [rest, realtime, verdict], JSON.stringify(report, null, 1));
      assert.strictEqual(report.inference, null);
      assert.ok(report.verdict.summary.length > 20);
      assert.ok(report.verdict.unverified?.includes('billing'), 'a free test never sees billing');
      if (verdict !== 'ok') {
        assert.ok(report.verdict.nextSteps.length > 0, 'a failure always says what to do next');
      }
      assert.deepStrictEqual(mock.spending.slice(spent), [], 'the free test spends no tokens');
    });
  }

  for (const [scenario, [rest, inference, realtime, verdict]] of Object.entries(FULL)) {
    it(`full, ${scenario}: REST ${rest}, paid call ${inference}, Realtime ${realtime}, verdict ${verdict}; at most two paid calls`, async () => {
      const spent = mock.spending.length;
      const report = await run(scenario, { full: true });
      assert.deepStrictEqual([report.rest.status, report.inference?.status, report.realtime?.status, report.verdict.status], [rest, inference, realtime, verdict], JSON.stringify(report, null, 1));
      assert.deepStrictEqual(report.verdict.unverified, [], 'the full test leaves nothing unverified');
      const paid = mock.spending.slice(spent);
      assert.ok(paid.length <= 2, `${paid.length} paid calls`);
      assert.ok(paid.filter((p) => p.kind === 'rest').length <= 1 && paid.filter((p) => p.kind === 'realtime').length <= 1);
    });
  }

  it('the full test asks for the smallest budgets: a one-word embedding and a one-token out-of-band text response', async () => {
    const spent = mock.spending.length;
    await run('ok', { full: true });
    const paid = mock.spending.slice(spent);
    const rest = paid.find((p) => p.kind === 'rest')!;
    const realtime = paid.find((p) => p.kind === 'realtime')!;
    assert.strictEqual(rest.what, '/v1/embeddings');
    assert.deepStrictEqual(rest.body, { model: 'text-embedding-3-small', input: 'ok', encoding_format: 'base64' });
    const response = (realtime.body as { response: Record<string, unknown> }).response;
    assert.strictEqual(realtime.what, 'response.create');
    assert.deepStrictEqual([response.max_output_tokens, response.output_modalities, response.conversation], [1, ['text'], 'none']);
  });

  it('a chat model as the full test\'s model gets a one-token chat completion', async () => {
    const spent = mock.spending.length;
    const report = await run('ok', { full: true, inferenceModel: 'gpt-4o-mini', realtime: false });
    assert.strictEqual(report.inference?.status, 'ok');
    assert.strictEqual(report.inference?.endpoint, '/chat/completions');
    const [call] = mock.spending.slice(spent);
    assert.deepStrictEqual((call.body as { max_completion_tokens: number }).max_completion_tokens, 1);
  });

  it('a full-test model the key cannot use: model_unavailable naming that model and the option the caller names', async () => {
    const report = await run('ok', { full: true, inferenceModel: 'text-embedding-nope', inferenceModelOption: '--inference-model', realtime: false });
    assert.strictEqual(report.verdict.status, 'model_unavailable');
    assert.match(report.verdict.summary, /text-embedding-nope/);
    assert.strictEqual(report.verdict.nextSteps[0], "Set the full test's model (--inference-model) to a model your app uses, and run it again.");
    const unnamed = await run('ok', { full: true, inferenceModel: 'text-embedding-nope', realtime: false });
    assert.strictEqual(unnamed.verdict.nextSteps[0], "Set the full test's model to a model your app uses, and run it again.", 'the core names no setting of its own');
  });

  it('GET /models never reports credit: no_quota, billing_hard_limit and billing_inactive keys pass it', async () => {
    for (const scenario of ['no_quota', 'credit_exhausted', 'billing_hard_limit', 'billing_inactive']) {
      const report = await run(scenario, { realtime: false });
      assert.strictEqual(report.rest.status, 'ok', scenario);
      assert.strictEqual(report.verdict.status, 'ok');
      assert.deepStrictEqual(report.verdict.unverified, ['billing']);
    }
  });

  it('names the root cause from the evidence: billing_hard_limit_reached is no_quota, ip_not_authorized points to the allow-list', async () => {
    const hardLimit = await run('billing_hard_limit', { full: true });
    assert.deepStrictEqual([hardLimit.inference?.httpStatus, hardLimit.inference?.code, hardLimit.verdict.status], [400, 'billing_hard_limit_reached', 'no_quota']);
    assert.match(hardLimit.verdict.summary, /billing_hard_limit_reached/);
    const ip = await run('ip_blocked');
    assert.strictEqual(ip.rest.code, 'ip_not_authorized');
    assert.match(ip.verdict.nextSteps[0], /Security → IP allowlist.*15 minutes/);
  });

  it('a restricted key: restricted_key naming the missing scope; a key missing only the Models read scope is not a failure', async () => {
    const restricted = await run('restricted', { full: true });
    assert.deepStrictEqual(restricted.inference?.missingScopes, ['model.request']);
    assert.match(restricted.verdict.summary, /lacks model\.request/);
    const readOnly = await run('models_read_missing', { full: true });
    assert.deepStrictEqual(readOnly.rest.missingScopes, ['api.model.read']);
    assert.strictEqual(readOnly.verdict.status, 'ok');
    assert.match(readOnly.verdict.notes?.[0] ?? '', /api\.model\.read.*not a failure/);
    const readOnlyFree = await run('models_read_missing');
    assert.strictEqual(readOnlyFree.verdict.status, 'ok');
    assert.ok(readOnlyFree.verdict.unverified?.includes('inference_access'), 'the free test could not see whether the key may call models');
  });

  it('the free test says what it did not see: billing always, Realtime model access when Realtime ran', async () => {
    assert.deepStrictEqual((await run('ok')).verdict.unverified, ['billing', 'realtime_model_access']);
    assert.deepStrictEqual((await run('ok', { realtime: false })).verdict.unverified, ['billing']);
    const late = await run('rt_model_late');
    assert.strictEqual(late.verdict.status, 'ok', 'only a response shows this failure');
    assert.match(late.verdict.summary, /not verified: credit, and whether a Realtime response succeeds/);
  });

  it('GET /models/{model} saying model_not_found makes the Realtime result model_unavailable without a paid call', async () => {
    const report = await run('rt_model_unlisted');
    assert.strictEqual(report.rest.realtimeModelListed, false);
    assert.strictEqual(report.rest.code, 'model_not_found');
    assert.match(report.realtime?.message ?? '', /GET \/models\/gpt-realtime says the model is not available/);
    assert.strictEqual(report.verdict.summary, 'The key is valid for the REST API, but gpt-realtime is not available to it over Realtime.');
  });

  it('a Realtime response that fails with model_not_found: the full test says model_unavailable', async () => {
    const report = await run('rt_model_late', { full: true });
    assert.deepStrictEqual(report.realtime?.response, { status: 'failed', code: 'model_not_found' });
    assert.strictEqual(report.realtime?.code, 'model_not_found');
    assert.strictEqual(report.verdict.status, 'model_unavailable');
  });

  it('records the details: HTTP status, server code, request id, close code and reason', async () => {
    const invalid = await run('invalid_key');
    assert.strictEqual(invalid.rest.httpStatus, 401);
    assert.strictEqual(invalid.rest.code, 'invalid_api_key');
    assert.match(invalid.rest.requestId ?? '', /^req_[0-9a-f]+$/);
    assert.strictEqual(invalid.realtime?.closeCode, 3000);
    assert.strictEqual(invalid.realtime?.closeReason, 'invalid_request_error.invalid_api_key');
    assert.strictEqual(invalid.realtime?.code, 'invalid_api_key');
    const beta = await run('rt_beta_shape');
    assert.strictEqual(beta.realtime?.closeCode, 4000);
    assert.strictEqual(beta.realtime?.code, 'beta_api_shape_disabled');
    const denied = await run('no_realtime');
    assert.strictEqual(denied.realtime?.httpStatus, 403);
    assert.strictEqual(denied.rest.realtimeModelListed, false);
    assert.strictEqual(denied.verdict.summary, 'The key is valid for the REST API but has no Realtime access for gpt-realtime.');
    const limited = await run('rate_limited');
    assert.strictEqual(limited.rest.rateLimit?.['retry-after'], '1');
    const ok = await run('ok');
    assert.strictEqual(ok.rest.realtimeModelListed, true);
    assert.match(ok.realtime?.sessionId ?? '', /^sess_mock\d+$/);
    assert.match(ok.realtime?.requestId ?? '', /^req_[0-9a-f]+$/, 'the upgrade\'s x-request-id');
    assert.strictEqual(ok.realtime?.closeCode, 1000);
  });

  it('the free Realtime probe sends session.update with text only, never response.create, and no beta header', async () => {
    const before = mock.requests.length;
    const spent = mock.spending.length;
    const report = await run('ok');
    assert.strictEqual(report.realtime?.status, 'ok');
    assert.strictEqual(report.realtime?.response, undefined);
    assert.strictEqual(mock.spending.length, spent);
    const upgrade = mock.requests.slice(before).find((r) => r.kind === 'realtime')!;
    assert.strictEqual(upgrade.headers['openai-beta'], undefined);
    assert.strictEqual(upgrade.url, '/v1/realtime?model=gpt-realtime');
  });

  it('sends OpenAI-Organization and OpenAI-Project on both probes when set', async () => {
    const before = mock.requests.length;
    await run('ok', { organization: 'org-abc123', project: 'proj_abc123' });
    const sent = mock.requests.slice(before);
    assert.strictEqual(sent.length, 2);
    for (const request of sent) {
      assert.strictEqual(request.headers['openai-organization'], 'org-abc123');
      assert.strictEqual(request.headers['openai-project'], 'proj_abc123');
    }
  });

  it('an organization that does not match the key: org_mismatch on both probes; the right one works', async () => {
    const wrong = await run('org_mismatch', { organization: 'org-SomeoneElse' });
    assert.deepStrictEqual([wrong.rest.status, wrong.realtime?.status], ['org_mismatch', 'org_mismatch']);
    const right = await run('org_mismatch', { organization: MOCK_ORGANIZATION });
    assert.strictEqual(right.verdict.status, 'ok');
  });

  it('an admin key: admin_key on both probes', async () => {
    const report = await testKey({ key: mockKey('ok', 'admin'), source: 'test', baseUrl: mock.baseUrl, timeoutMs: TIMEOUT_MS });
    assert.strictEqual(report.sent, false, 'an admin key in OPENAI_API_KEY is malformed for model calls: not sent by default');
    const sent = await testKey({ key: mockKey('ok', 'admin'), source: 'test', baseUrl: mock.baseUrl, timeoutMs: TIMEOUT_MS, sendMalformed: true });
    assert.deepStrictEqual([sent.rest.status, sent.realtime?.status, sent.verdict.status], ['admin_key', 'admin_key', 'admin_key']);
  });

  it('a malformed key is reported before any network call', async () => {
    const before = mock.requests.length;
    const report = await testKey({ key: ` ${mockKey('ok')}`, source: 'test', baseUrl: mock.baseUrl, timeoutMs: TIMEOUT_MS });
    assert.strictEqual(report.sent, false);
    assert.strictEqual(report.verdict.status, 'malformed');
    assert.match(report.verdict.summary, /starts with U\+0020 SPACE/);
    assert.strictEqual(mock.requests.length, before, 'nothing was sent');
  });

  it('runs both probes at once: the Realtime upgrade reaches the server while the REST probe is still waiting', async () => {
    const before = mock.requests.length;
    const started = Date.now();
    const report = await run('slow_headers');
    const arrived = mock.requests.slice(before);
    assert.deepStrictEqual(arrived.map((r) => r.kind).sort(), ['realtime', 'rest']);
    assert.strictEqual(report.rest.status, 'timeout');
    assert.strictEqual(report.realtime?.status, 'timeout');
    // Run one after the other, the upgrade could only arrive after the REST probe had given up.
    const upgradeArrived = arrived.find((r) => r.kind === 'realtime')!.at! - started;
    assert.ok(upgradeArrived < report.rest.ms, `the upgrade arrived ${upgradeArrived} ms in, after REST ended at ${report.rest.ms} ms`);
  });

  it('never follows a redirect with the key', async () => {
    await run('redirect');
    assert.deepStrictEqual(mock.redirectTarget.requests, [], 'the redirect target never saw a request');
  });

  it('cancels: the probes stop and report cancellation', async () => {
    const controller = new AbortController();
    const pending = run('hang', { timeoutMs: 10000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, CancelledError);
  });

  it('reports network errors when nothing listens', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(p));
      });
    });
    const report = await testKey({ key: mockKey('ok'), source: 'test', baseUrl: `http://127.0.0.1:${port}/v1`, timeoutMs: TIMEOUT_MS });
    assert.deepStrictEqual([report.rest.status, report.realtime?.status], ['network_error', 'network_error']);
    assert.match(report.rest.message, /ECONNREFUSED/);
  });

  it('answers a key it does not know like the real API: 401 invalid_api_key on both', async () => {
    const report = await testKey({ key: fakeKey('project', 4242), source: 'test', baseUrl: mock.baseUrl, timeoutMs: TIMEOUT_MS });
    assert.deepStrictEqual([report.rest.status, report.rest.code, report.realtime?.status, report.realtime?.closeCode], ['invalid_key', 'invalid_api_key', 'invalid_key', 3000]);
  });

  it('derives the Realtime URL from the base URL', () => {
    assert.strictEqual(realtimeUrl('https://api.openai.com/v1', 'gpt-realtime'), 'wss://api.openai.com/v1/realtime?model=gpt-realtime');
    assert.strictEqual(realtimeUrl('http://127.0.0.1:8080/v1/', 'gpt-realtime-mini'), 'ws://127.0.0.1:8080/v1/realtime?model=gpt-realtime-mini');
  });

  it('the realtime probe alone can be given its own WebSocket factory', async () => {
    let created = 0;
    const result = await probeRealtime(
      { key: mockKey('ok'), baseUrl: mock.baseUrl, realtimeModel: 'gpt-realtime', timeoutMs: TIMEOUT_MS },
      {
        createRealtime: (props, client) => {
          created++;
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const { OpenAIRealtimeWS } = require('openai/realtime/ws');
          return new OpenAIRealtimeWS(props, client);
        },
      },
    );
    assert.strictEqual(created, 1);
    assert.strictEqual(result.status, 'ok');
  });
});

describe('key test leaves nothing open', () => {
  it('no socket or server survives, and timers do not grow with the number of tests', async () => {
    const scenarios = ['ok', 'invalid_key', 'hang', 'rt_abrupt', 'rt_no_session', 'reset_mid_body', 'redirect', 'rt_model_late', 'slow_body', 'huge_body', 'rt_response_hang'];
    const round = async () => {
      const mock = await startMockOpenAI();
      for (const scenario of scenarios) {
        await testKey({ key: mockKey(scenario), source: 'test', baseUrl: mock.baseUrl, timeoutMs: 300, full: true });
      }
      await mock.close();
      await new Promise((r) => setTimeout(r, 100));
      return countHandles();
    };
    // The first round may start process-wide machinery (fetch's connection pool timer); later rounds must add nothing.
    const first = await round();
    await round();
    const third = await round();
    assert.strictEqual(third.TCPSocketWrap, 0, `sockets left open: ${JSON.stringify(third)}`);
    assert.strictEqual(third.TCPServerWrap, 0, `servers left open: ${JSON.stringify(third)}`);
    assert.ok(third.Timeout <= first.Timeout, `timers grew from ${first.Timeout} to ${third.Timeout}`);
  });
});

function countHandles(): Record<'TCPSocketWrap' | 'TCPServerWrap' | 'Timeout', number> {
  const info = process.getActiveResourcesInfo();
  const count = (name: string) => info.filter((i) => i === name).length;
  return { TCPSocketWrap: count('TCPSocketWrap'), TCPServerWrap: count('TCPServerWrap'), Timeout: count('Timeout') };
}
