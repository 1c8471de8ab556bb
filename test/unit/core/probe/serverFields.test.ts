import * as assert from 'assert';
import { fullTestPlan, formatUsd, inferenceEndpointFor } from '../../../../src/core/probe/fullTestPlan';
import { displayHeaderValue, displayUrl, missingScopesOf, rateLimitHeaders, safeText, serverField } from '../../../../src/core/probe/serverFields';
import { isInsecureRemote } from '../../../../src/core/probe/urls';
import { SCENARIOS, SCENARIO_SOURCES } from '../../../mock/openaiMock';
import { fakeKey } from '../../../support/keys';

describe('server fields are kept only in their documented shape', () => {
  const key = fakeKey('project', 11);

  it('request ids, codes, session ids and close reasons', () => {
    assert.strictEqual(serverField('req_0123abcdef', 'requestId', [key]), 'req_0123abcdef');
    assert.strictEqual(serverField(key, 'requestId', [key]), null);
    assert.strictEqual(serverField(`req_${key.slice(20, 40)}`, 'requestId', [key]), null);
    assert.strictEqual(serverField('invalid_api_key', 'code', [key]), 'invalid_api_key');
    assert.strictEqual(serverField('Invalid-Key!', 'code', []), null);
    assert.strictEqual(serverField(42, 'code', []), null);
    assert.strictEqual(serverField('sess_C9G8m2a1', 'sessionId', []), 'sess_C9G8m2a1');
    // A key fragment shaped like a session id is masked first, and then no longer has the shape.
    const alnum = key.slice(8).replace(/[^A-Za-z0-9]/g, '').slice(0, 30);
    assert.strictEqual(serverField(`sess_${alnum}`, 'sessionId', [key]), null);
    assert.strictEqual(serverField('invalid_request_error.invalid_api_key', 'closeReason', []), 'invalid_request_error.invalid_api_key');
    assert.strictEqual(serverField(key.slice(8, 100), 'closeReason', [key]), null);
  });

  it('rate-limit headers only when numeric (counts, durations, seconds)', () => {
    const headers: Record<string, string> = { 'x-ratelimit-limit-requests': '60000', 'x-ratelimit-reset-requests': '6m0s', 'x-ratelimit-reset-tokens': '20ms', 'retry-after': key, 'x-ratelimit-remaining-tokens': '12 words' };
    assert.deepStrictEqual(rateLimitHeaders((name) => headers[name], [key]), { 'x-ratelimit-limit-requests': '60000', 'x-ratelimit-reset-requests': '6m0s', 'x-ratelimit-reset-tokens': '20ms' });
  });

  it('missing scopes from the server\'s message', () => {
    assert.deepStrictEqual(missingScopesOf('You have insufficient permissions for this operation. Missing scopes: api.model.read, model.request. Check that…', []), ['api.model.read', 'model.request']);
    assert.deepStrictEqual(missingScopesOf(`Missing scopes: ${key}`, [key]), []);
    assert.deepStrictEqual(missingScopesOf('all good', []), []);
  });

  it('URLs for display: no user:password, no query; header values that are not IDs show their length only', () => {
    assert.strictEqual(displayUrl('https://user:pass@proxy.example/v1?token=x'), 'https://***@proxy.example/v1?…');
    assert.strictEqual(displayUrl('https://api.openai.com/v1'), 'https://api.openai.com/v1');
    assert.strictEqual(displayUrl('not a url'), '(an address that is not a valid URL)');
    assert.strictEqual(safeText('fetch failed for http://u:secret@host/v1', []), 'fetch failed for http://***@host/v1');
    assert.strictEqual(displayHeaderValue('org-Abc123', 'organization', [key]), 'org-Abc123');
    assert.strictEqual(displayHeaderValue(key, 'organization', [key]), `(${key.length} characters that are not an organization ID)`);
  });

  it('an http:// base URL is insecure unless it is loopback', () => {
    assert.deepStrictEqual(
      ['http://192.0.2.2/v1', 'http://proxy.corp:8080/v1', 'http://127.0.0.1:9/v1', 'http://localhost:8080/v1', 'http://[::1]:8080/v1', 'https://api.openai.com/v1'].map(isInsecureRemote),
      [true, true, false, false, false, false],
    );
  });
});

describe('the full test says what it costs before it runs', () => {
  it('an embedding and a one-token Realtime response by default: a worst case under a tenth of a cent', () => {
    const plan = fullTestPlan('text-embedding-3-small', 'gpt-realtime');
    assert.strictEqual(plan.paidCalls, 2);
    assert.ok(plan.worstCaseUsd > 0 && plan.worstCaseUsd < 0.001, String(plan.worstCaseUsd));
    assert.match(plan.summary, /^2 paid calls \(an embedding of one word with text-embedding-3-small \(POST \/embeddings\); a one-token text response with gpt-realtime on the Realtime socket \(response\.create\)\); worst case \$0\.00028$/);
  });

  it('a model without a known price is priced like the most expensive one: the figure stays an upper bound', () => {
    assert.ok(fullTestPlan('some-future-model', 'some-future-realtime').worstCaseUsd > fullTestPlan('gpt-4o-mini', 'gpt-realtime').worstCaseUsd);
    assert.strictEqual(fullTestPlan('gpt-4o-mini', null).paidCalls, 1);
    assert.strictEqual(inferenceEndpointFor('text-embedding-3-large'), '/embeddings');
    assert.strictEqual(inferenceEndpointFor('gpt-4.1-nano'), '/chat/completions');
    assert.deepStrictEqual([formatUsd(0.000272), formatUsd(0.0102), formatUsd(0)], ['$0.00028', '$0.011', '$0']);
  });
});

describe('the mock is built from the evidence', () => {
  it('every scenario cites its source, or says UNCONFIRMED, or is a FAULT that makes no claim about the API', () => {
    for (const scenario of [...SCENARIOS, 'unknown_key', 'admin_key'] as const) {
      const source = SCENARIO_SOURCES[scenario];
      assert.ok(source, `${scenario} has no source`);
      assert.match(source, /openai-api-(evidence|facts)\.md|UNCONFIRMED|^FAULT:|see unknown_key/, `${scenario}: ${source}`);
    }
  });
});
