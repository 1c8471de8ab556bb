/**
 * A mock of the OpenAI API on 127.0.0.1, built from public evidence (see ./scenarios.ts for the source of every
 * behaviour): GET /v1/models and /v1/models/{model} (which never look at credit), the token-spending calls
 * (/v1/embeddings, /v1/chat/completions, /v1/responses) and the Realtime WebSocket (/v1/realtime) with
 * session.update and response.create, plus network faults and hostile answers.
 *
 * Keys select scenarios: mockKey(scenario) is a key of the real shape that the mock knows; like the real API, it
 * answers 401 invalid_api_key for any key it does not know.
 */
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import { WebSocket, WebSocketServer } from 'ws';
import { FakeKeyType, fakeKey } from '../support/keys';
import { SCENARIOS, Scenario } from './scenarios';

export { SCENARIOS, SCENARIO_SOURCES } from './scenarios';
export type { Scenario } from './scenarios';

const KNOWN = new Map<string, string>();

function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return (hash % 1_000_000) + 1_000_000;
}

/** A key with the real shape (passes the linter) that the mock knows and answers with `scenario`. */
export function mockKey(scenario: Scenario | string, type: Extract<FakeKeyType, 'project' | 'admin'> = 'project'): string {
  const key = fakeKey(type, seedOf(`${type}:${scenario}`));
  KNOWN.set(key, scenario);
  return key;
}
for (const scenario of SCENARIOS) {
  mockKey(scenario);
  mockKey(scenario, 'admin');
}

/** The scenario a key selects; `unknown` for a key the mock does not know. */
export function scenarioOf(key: string): string {
  return KNOWN.get(key) ?? 'unknown';
}

export interface RecordedRequest {
  /** When the request reached the mock (Date.now()). */
  at?: number;
  kind: 'rest' | 'realtime';
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A call that spends tokens on the real API: an inference request, or response.create on a Realtime socket. */
export interface RecordedSpend {
  at: number;
  kind: 'rest' | 'realtime';
  /** `/v1/embeddings`, `/v1/chat/completions`, `/v1/responses` or `response.create`. */
  what: string;
  model: string | null;
  /** The body the client sent. */
  body: unknown;
}

export interface MockOpenAI {
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  spending: RecordedSpend[];
  /** Where a redirect scenario points: a second server that records whatever reaches it. */
  redirectTarget: { url: string; requests: RecordedRequest[] };
  close(): Promise<void>;
}

export const MOCK_ORGANIZATION = 'org-MockOrganization123';
const SLOW_MS = 3000;
const INFERENCE_PATHS = new Set(['/v1/embeddings', '/v1/chat/completions', '/v1/responses']);
const MODELS = ['gpt-4.1', 'gpt-4.1-nano', 'gpt-4o-mini', 'text-embedding-3-small', 'text-embedding-3-large', 'gpt-realtime', 'gpt-realtime-mini'];
const REALTIME_MODELS = new Set(['gpt-realtime', 'gpt-realtime-mini']);
const QUOTA_MESSAGE = 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.';
const MISSING_SCOPES = (scope: string) =>
  `You have insufficient permissions for this operation. Missing scopes: ${scope}. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.`;

const err = (type: string | null, code: string | null, message: string) => ({ error: { message, type, param: null, code } });

/** "sk-proj-*****…MxYA": how the API masks a key it does not know. */
const maskedLikeTheApi = (key: string) => `${key.slice(0, 8)}*********${key.slice(-4)}`;

let requestCounter = 0;
const requestId = () => `req_${(++requestCounter).toString(16).padStart(8, '0')}${'0'.repeat(24)}`;

let eventCounter = 0;
const eventId = () => `event_mock${(++eventCounter).toString().padStart(6, '0')}`;

function bearer(headers: http.IncomingHttpHeaders): string {
  return (headers.authorization ?? '').replace(/^Bearer /, '');
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A hostile server's REST answer: the key in every field it can reach. */
function hostileReply(key: string): Reply {
  return {
    status: 429,
    body: { error: { message: `Incorrect API key provided: ${key}. Partial: ${key.slice(30, 90)} and ${key.slice(100)}`, type: key, param: key, code: key.slice(8, 60) } },
    headers: {
      'x-request-id': key,
      'x-ratelimit-limit-requests': key.slice(8, 60),
      'x-ratelimit-remaining-requests': `12 ${key.slice(40, 80)}`,
      'retry-after': key,
      'retry-after-ms': key.slice(120),
    },
  };
}

/** The error every call of this key gets, whatever the path (authentication, region, organization, IP). */
function keyLevelReply(scenario: string, key: string, headers: http.IncomingHttpHeaders): Reply | undefined {
  if (key.startsWith('sk-admin-')) {
    return { status: 403, body: err('invalid_request_error', null, 'Admin API keys cannot be used for non-administration endpoints.') };
  }
  switch (scenario) {
    case 'unknown':
    case 'invalid_key':
      return { status: 401, body: err('invalid_request_error', 'invalid_api_key', `Incorrect API key provided: ${maskedLikeTheApi(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`) };
    case 'rate_limited':
      return {
        status: 429,
        body: err('requests', 'rate_limit_exceeded', 'Rate limit reached for requests in organization org-abc on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 644ms.'),
        headers: { 'retry-after': '1', 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '644ms' },
      };
    case 'region':
      return { status: 403, body: err('request_forbidden', 'unsupported_country_region_territory', 'Country, region, or territory not supported') };
    case 'org_mismatch':
      return headers['openai-organization'] && headers['openai-organization'] !== MOCK_ORGANIZATION
        ? { status: 401, body: err('invalid_request_error', 'mismatched_organization', 'OpenAI-Organization header should match organization for API key') }
        : undefined;
    case 'ip_blocked':
      return { status: 401, body: err('invalid_request_error', 'ip_not_authorized', 'Your IP address is not authorized to make this request. Check the IP allowlist of your organization or project.') };
    case 'server_error':
      return { status: 503, body: err('server_error', null, 'The server is overloaded or not ready yet.') };
    case 'hostile':
    case 'hostile_late':
    case 'hostile_upgrade':
      return hostileReply(key);
    default:
      return undefined;
  }
}

const modelObject = (id: string) => ({ id, object: 'model', created: 1700000000, owned_by: 'system' });

function modelsReply(scenario: string, modelId: string | null): Reply {
  if (scenario === 'models_read_missing') {
    return { status: 401, body: err('invalid_request_error', null, MISSING_SCOPES('api.model.read')) };
  }
  const hidden = scenario === 'no_realtime' || scenario === 'rt_model_unlisted' ? REALTIME_MODELS : new Set<string>();
  const visible = MODELS.filter((m) => !hidden.has(m));
  if (modelId === null) {
    return { status: 200, body: { object: 'list', data: visible.map(modelObject) } };
  }
  return visible.includes(modelId)
    ? { status: 200, body: modelObject(modelId) }
    : { status: 404, body: err('invalid_request_error', 'model_not_found', `The model \`${modelId}\` does not exist or you do not have access to it.`) };
}

function inferenceReply(scenario: string, path: string, model: string | null): Reply {
  switch (scenario) {
    case 'no_quota':
      return { status: 429, body: err('insufficient_quota', 'insufficient_quota', QUOTA_MESSAGE) };
    case 'credit_exhausted':
      return { status: 429, body: err('insufficient_quota', 'credit_balance_exhausted', 'Your credit balance is too low to access the API. Please go to Billing to purchase credits.') };
    case 'billing_hard_limit':
      return { status: 400, body: err('invalid_request_error', 'billing_hard_limit_reached', 'Billing hard limit has been reached') };
    case 'billing_inactive':
      return { status: 429, body: err('billing_not_active', 'billing_not_active', 'Your account is not active, please check your billing details on our website.') };
    case 'restricted':
      return { status: 401, body: err('invalid_request_error', null, MISSING_SCOPES('model.request')) };
  }
  if (!model || !MODELS.includes(model)) {
    return { status: 404, body: err('invalid_request_error', 'model_not_found', `The model \`${model ?? ''}\` does not exist or you do not have access to it.`) };
  }
  const usage = { prompt_tokens: 1, total_tokens: 1 };
  if (path === '/v1/embeddings') {
    return { status: 200, body: { object: 'list', data: [{ object: 'embedding', index: 0, embedding: Buffer.from(new Float32Array(8).buffer).toString('base64') }], model, usage } };
  }
  if (path === '/v1/chat/completions') {
    return {
      status: 200,
      body: { id: 'chatcmpl-mock', object: 'chat.completion', created: 1700000000, model, choices: [{ index: 0, message: { role: 'assistant', content: 'O' }, finish_reason: 'length' }], usage },
    };
  }
  return { status: 200, body: { id: 'resp_mock', object: 'response', status: 'incomplete', model, output: [] } };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1024 * 1024) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** `latencyMs` delays every answer (REST response, upgrade, first event): a network seen from far away. */
export async function startMockOpenAI(options: { port?: number; latencyMs?: number } = {}): Promise<MockOpenAI> {
  const latency = options.latencyMs ?? 0;
  const later = (fn: () => void) => (latency > 0 ? setTimeout(fn, latency) : fn());
  const requests: RecordedRequest[] = [];
  const spending: RecordedSpend[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const after = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const redirectRequests: RecordedRequest[] = [];
  const redirectServer = http.createServer((req, res) => {
    redirectRequests.push({ kind: 'rest', method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: MODELS.map(modelObject) }));
  });
  redirectServer.on('upgrade', (req, socket) => {
    redirectRequests.push({ kind: 'realtime', method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    socket.destroy();
  });
  await new Promise<void>((r) => redirectServer.listen(0, '127.0.0.1', r));
  const redirectUrl = `http://127.0.0.1:${(redirectServer.address() as AddressInfo).port}`;

  const server = http.createServer(async (req, res) => {
    requests.push({ at: Date.now(), kind: 'rest', method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const key = bearer(req.headers);
    const scenario = scenarioOf(key);
    const url = new URL(req.url ?? '/', 'http://mock');
    const bodyText = req.method === 'POST' ? await readBody(req) : '';
    const body = parseJson(bodyText);
    const spends = req.method === 'POST' && INFERENCE_PATHS.has(url.pathname);
    if (spends) {
      spending.push({ at: Date.now(), kind: 'rest', what: url.pathname, model: typeof body?.model === 'string' ? body.model : null, body });
    }
    if (scenario === 'hang') {
      return; // accept the connection, never answer
    }
    const json = (reply: Reply) => {
      res.writeHead(reply.status, { 'content-type': 'application/json', 'x-request-id': requestId(), 'openai-processing-ms': '12', ...(reply.headers ?? {}) });
      res.end(JSON.stringify(reply.body));
    };
    const modelPath = /^\/v1\/models(?:\/([^/]+))?$/.exec(url.pathname);
    if (!modelPath && !spends) {
      json({ status: 404, body: err('invalid_request_error', null, `Invalid URL (${req.method} ${url.pathname})`) });
      return;
    }
    if (!key) {
      json({ status: 401, body: err('invalid_request_error', null, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).") });
      return;
    }
    const send = () => {
      switch (scenario) {
        case 'redirect':
          res.writeHead(302, { location: `${redirectUrl}${url.pathname}`, 'x-request-id': requestId() }).end();
          return;
        case 'hostile_redirect':
          res.writeHead(302, { location: `http://user:${key}@${key.slice(8, 40)}.example/v1/${key.slice(40, 90)}?key=${key}`, 'x-request-id': key }).end();
          return;
        case 'non_json':
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome to nginx!</body></html>');
          return;
        case 'bad_json':
          res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': requestId() }).end('{"object":"list","data":[{"id":');
          return;
        case 'huge_body': {
          res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': requestId() });
          // Streams until the client hangs up (at most 64 MB): a client without a cap would read it all.
          let sent = 0;
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          const pump = () => {
            while (sent < 64 * 1024 * 1024 && !res.destroyed) {
              sent += chunk.length;
              if (!res.write(chunk)) {
                res.once('drain', pump);
                return;
              }
            }
            res.end();
          };
          pump();
          return;
        }
        case 'reset_mid_body':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000', 'x-request-id': requestId() });
          res.write('{"object":"list","data":[{"id":"gpt-');
          after(50, () => req.socket.destroy());
          return;
        case 'slow_body':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000', 'x-request-id': requestId() });
          res.write('{"object":"list","data":[{"id":"gpt-');
          return; // never finishes
      }
      const reply = keyLevelReply(scenario, key, req.headers) ?? (spends ? inferenceReply(scenario, url.pathname, typeof body?.model === 'string' ? body.model : null) : modelsReply(scenario, modelPath![1] ? decodeURIComponent(modelPath![1]) : null));
      json(reply);
    };
    if (scenario === 'slow_headers') {
      after(SLOW_MS, send);
    } else {
      later(send);
    }
  });

  const wss = new WebSocketServer({ noServer: true });
  const upgradeHeaders = new WeakMap<http.IncomingMessage, string[]>();
  wss.on('headers', (headers, req) => headers.push(...(upgradeHeaders.get(req) ?? [`x-request-id: ${requestId()}`])));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    requests.push({ at: Date.now(), kind: 'realtime', method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const key = bearer(req.headers);
    const scenario = scenarioOf(key);
    const url = new URL(req.url ?? '/', 'http://mock');
    const reject = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      const headerLines = { 'x-request-id': requestId(), ...extra };
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\n${Object.entries(headerLines).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${text}`);
    };
    if (url.pathname !== '/v1/realtime') {
      reject(404, err('invalid_request_error', null, 'Not found'));
      return;
    }
    if (scenario === 'hang') {
      return;
    }
    if (scenario === 'redirect') {
      reject(302, undefined, { location: `${redirectUrl.replace('http', 'ws')}/v1/realtime` });
      return;
    }
    if (scenario === 'hostile_redirect') {
      reject(302, undefined, { location: `ws://user:${key}@evil.example/v1/realtime?key=${key}`, 'x-request-id': key });
      return;
    }
    if (scenario === 'hostile_upgrade') {
      reject(401, { error: { message: `Bad key ${key} (${key.slice(20, 90)})`, type: key.slice(8, 40), code: key, param: null } }, { 'x-request-id': key });
      return;
    }
    if (key.startsWith('sk-admin-') || scenario === 'no_realtime') {
      reject(403, undefined);
      return;
    }
    if (scenario === 'region' || scenario === 'ip_blocked' || scenario === 'org_mismatch') {
      const reply = keyLevelReply(scenario, key, req.headers);
      if (reply) {
        reject(reply.status, reply.body);
        return;
      }
    }
    if (scenario === 'hostile') {
      upgradeHeaders.set(req, [`x-request-id: ${key}`]);
    }
    const accept = () =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        realtimeSession(ws, scenario, key, req.headers, url.searchParams.get('model'), spending);
      });
    if (scenario === 'slow_headers') {
      after(SLOW_MS, accept);
    } else {
      later(accept);
    }
  });

  await new Promise<void>((r) => server.listen(options.port ?? 0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    spending,
    redirectTarget: { url: redirectUrl, requests: redirectRequests },
    async close() {
      timers.forEach(clearTimeout);
      for (const client of wss.clients) {
        client.terminate();
      }
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
      redirectServer.closeAllConnections();
      await new Promise<void>((r) => redirectServer.close(() => r()));
    },
  };
}

/** Letters and digits only: a key fragment that still has a session id's shape (`sess_…`). */
const alnum = (text: string) => text.replace(/[^A-Za-z0-9]/g, '');

function realtimeSession(ws: WebSocket, scenario: string, key: string, headers: http.IncomingHttpHeaders, model: string | null, spending: RecordedSpend[]): void {
  const send = (event: Record<string, unknown>) => ws.send(JSON.stringify({ event_id: eventId(), ...event }));
  const fail = (type: string, code: string, message: string, closeCode: number) => {
    send({ type: 'error', error: { type, code, message, param: null, event_id: null } });
    ws.close(closeCode, `${type}.${code}`);
  };
  if (headers['openai-beta'] || scenario === 'rt_beta_shape') {
    fail('invalid_request_error', 'beta_api_shape_disabled', 'The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API.', 4000);
    return;
  }
  if (!model) {
    fail('invalid_request_error', 'missing_model', 'Missing required parameter: model.', 4000);
    return;
  }
  if (scenario === 'unknown' || scenario === 'invalid_key') {
    fail('invalid_request_error', 'invalid_api_key', `Incorrect API key provided: ${maskedLikeTheApi(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`, 3000);
    return;
  }
  switch (scenario) {
    case 'rt_model_close':
      ws.close(4004, 'invalid_request_error.model_not_found');
      return;
    case 'server_error':
      ws.close(1011, 'server_error');
      return;
    case 'rt_abrupt':
    case 'reset_mid_body':
      (ws as unknown as { _socket: Socket })._socket.destroy();
      return;
    case 'rt_garbage':
    case 'non_json':
      ws.send('<html>502 Bad Gateway</html>');
      return;
    case 'rt_non_object':
      ws.send('null');
      ws.send('42');
      return;
    case 'rt_no_session':
      return;
  }
  const sessionId = scenario === 'hostile' ? `sess_${alnum(key).slice(10, 60)}` : `sess_mock${eventCounter}`;
  send({ type: 'session.created', session: { type: 'realtime', object: 'realtime.session', id: sessionId, model, output_modalities: ['audio'] } });
  ws.on('message', (data) => {
    let event: { type?: string; session?: Record<string, unknown>; response?: Record<string, unknown> };
    try {
      event = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (event.type === 'session.update') {
      if (scenario === 'hostile') {
        send({ type: 'error', error: { type: key, code: key.slice(8, 60), message: `Key ${key}, again ${key.slice(50, 110)}`, param: key, event_id: null } });
        ws.close(4000, key.slice(8, 120));
        return;
      }
      send({ type: 'session.updated', session: { type: 'realtime', object: 'realtime.session', id: sessionId, model, ...event.session } });
      return;
    }
    if (event.type === 'response.create') {
      spending.push({ at: Date.now(), kind: 'realtime', what: 'response.create', model, body: event });
      respond(event.response ?? {});
    }
  });

  function respond(request: Record<string, unknown>): void {
    const id = `resp_mock${eventCounter}`;
    const failed = (type: string, code: string, message: string) =>
      send({ type: 'response.done', response: { object: 'realtime.response', id, status: 'failed', status_details: { type: 'failed', error: { type, code, message } }, output: [], usage: null } });
    switch (scenario) {
      case 'rt_response_hang':
        return;
      case 'rt_model_late':
      case 'rt_model_unlisted':
        send({ type: 'response.created', response: { object: 'realtime.response', id, status: 'in_progress', output: [] } });
        failed('invalid_request_error', 'model_not_found', `The model \`${model}\` does not exist or you do not have access to it.`);
        return;
      case 'no_quota':
        failed('insufficient_quota', 'insufficient_quota', QUOTA_MESSAGE);
        return;
      case 'billing_hard_limit':
        failed('invalid_request_error', 'billing_hard_limit_reached', 'Billing hard limit has been reached');
        return;
      case 'billing_inactive':
        failed('billing_not_active', 'billing_not_active', 'Your account is not active, please check your billing details on our website.');
        return;
      case 'credit_exhausted':
        send({ type: 'error', error: { type: 'insufficient_quota', code: 'insufficient_quota', message: QUOTA_MESSAGE, param: null, event_id: null } });
        return;
      case 'restricted':
        send({ type: 'error', error: { type: 'invalid_request_error', code: null, message: MISSING_SCOPES('model.request'), param: null, event_id: null } });
        return;
      case 'hostile_late':
        send({ type: 'response.done', response: { object: 'realtime.response', id: key, status: key.slice(8, 40), status_details: { type: key, error: { type: key, code: key.slice(8, 60), message: `No ${key} (${key.slice(60, 130)})` } } } });
        return;
    }
    const budget = typeof request.max_output_tokens === 'number' ? request.max_output_tokens : Infinity;
    send({ type: 'response.created', response: { object: 'realtime.response', id, status: 'in_progress', output: [] } });
    send({ type: 'response.output_text.delta', response_id: id, item_id: 'item_mock', output_index: 0, content_index: 0, delta: 'O' });
    send({
      type: 'response.done',
      response: {
        object: 'realtime.response',
        id,
        status: budget <= 1 ? 'incomplete' : 'completed',
        status_details: budget <= 1 ? { type: 'incomplete', reason: 'max_output_tokens' } : null,
        output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'O' }] }],
        usage: { total_tokens: 8, input_tokens: 7, output_tokens: 1 },
      },
    });
  }
}
