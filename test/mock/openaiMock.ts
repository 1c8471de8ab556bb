/**
 * A mock of the OpenAI API on 127.0.0.1: GET /v1/models and the Realtime WebSocket (/v1/realtime), with the
 * real error bodies, status codes and close codes (../shared/reference/openai-api-facts.md), plus network
 * faults. The scenario is chosen by the key: `sk-proj-<scenario>__<rest of a real-shaped key>`.
 */
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import { WebSocket, WebSocketServer } from 'ws';
import { fakeKey } from '../support/keys';

export const SCENARIOS = [
  'ok',
  'invalid_key',
  'restricted',
  'no_quota',
  'credit_exhausted',
  'billing_inactive',
  'rate_limited',
  'region',
  'org_mismatch',
  'ip_blocked',
  'no_realtime',
  'rt_model_close',
  'rt_model_late',
  'rt_beta_shape',
  'server_error',
  'hang',
  'slow_headers',
  'reset_mid_body',
  'non_json',
  'rt_no_session',
  'rt_garbage',
  'rt_abrupt',
  'redirect',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** A key with the real shape (passes the linter) that selects a scenario of the mock. */
export function mockKey(scenario: Scenario | string, type: 'project' | 'admin' = 'project'): string {
  const base = fakeKey(type, scenario.length * 31 + scenario.charCodeAt(0));
  const prefix = type === 'admin' ? 'sk-admin-' : 'sk-proj-';
  const tag = `${scenario}__`;
  return prefix + tag + base.slice(prefix.length + tag.length);
}

export function scenarioOf(key: string): string {
  const match = /^sk-(?:proj|admin|svcacct)-([a-z0-9_]+?)__/.exec(key);
  return match ? match[1] : 'ok';
}

export interface RecordedRequest {
  /** When the request reached the mock (Date.now()). */
  at?: number;
  kind: 'rest' | 'realtime';
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface MockOpenAI {
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /** Where a redirect scenario points: a second server that records whatever reaches it. */
  redirectTarget: { url: string; requests: RecordedRequest[] };
  close(): Promise<void>;
}

export const MOCK_ORGANIZATION = 'org-MockOrganization123';
const SLOW_MS = 3000;

const err = (type: string | null, code: string | null, message: string) => ({ error: { message, type, param: null, code } });

interface RestReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function restReply(scenario: string, key: string, headers: http.IncomingHttpHeaders): RestReply | undefined {
  const masked = `${key.slice(0, 8)}...${key.slice(-4)}`;
  if (key.startsWith('sk-admin-')) {
    return { status: 403, body: err('invalid_request_error', null, 'Admin API keys cannot be used for non-administration endpoints.') };
  }
  switch (scenario) {
    case 'invalid_key':
      return { status: 401, body: err('invalid_request_error', 'invalid_api_key', `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`) };
    case 'restricted':
      return { status: 401, body: err('invalid_request_error', null, 'You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you\'re using a restricted API key, that it has the necessary scopes.') };
    case 'no_quota':
      return { status: 429, body: err('insufficient_quota', 'insufficient_quota', 'You exceeded your current quota, please check your plan and billing details.') };
    case 'credit_exhausted':
      return { status: 429, body: err('insufficient_quota', 'credit_balance_exhausted', 'Your credit balance is too low to access the API. Please go to Billing to purchase credits.') };
    case 'billing_inactive':
      return { status: 429, body: err('billing_not_active', 'billing_not_active', 'Your account is not active, please check your billing details on our website.') };
    case 'rate_limited':
      return {
        status: 429,
        body: err('requests', 'rate_limit_exceeded', 'Rate limit reached for requests in organization org-abc on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 644ms.'),
        headers: { 'retry-after': '1', 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '0' },
      };
    case 'region':
      return { status: 403, body: err('request_forbidden', 'unsupported_country_region_territory', 'Country, region, or territory not supported') };
    case 'org_mismatch':
      return headers['openai-organization'] && headers['openai-organization'] !== MOCK_ORGANIZATION
        ? { status: 401, body: err('invalid_request_error', 'mismatched_organization', 'OpenAI-Organization header should match organization for API key') }
        : undefined;
    case 'ip_blocked':
      return { status: 401, body: err('invalid_request_error', null, 'IP not authorized. Your IP address is not in the allow list for this project.') };
    case 'server_error':
      return { status: 503, body: err('server_error', null, 'The server is overloaded or not ready yet.') };
    default:
      return undefined;
  }
}

function modelList(scenario: string): unknown {
  const ids = ['gpt-4.1', 'gpt-4o-mini', 'text-embedding-3-small', ...(scenario === 'no_realtime' ? [] : ['gpt-realtime', 'gpt-realtime-mini'])];
  return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'system' })) };
}

let requestCounter = 0;
const requestId = () => `req_mock${(++requestCounter).toString().padStart(6, '0')}`;

function bearer(headers: http.IncomingHttpHeaders): string {
  return (headers.authorization ?? '').replace(/^Bearer /, '');
}

/** `latencyMs` delays every answer (REST response, upgrade, first event): a network seen from far away. */
export async function startMockOpenAI(options: { port?: number; latencyMs?: number } = {}): Promise<MockOpenAI> {
  const latency = options.latencyMs ?? 0;
  const later = (fn: () => void) => (latency > 0 ? setTimeout(fn, latency) : fn());
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const redirectRequests: RecordedRequest[] = [];
  const redirectServer = http.createServer((req, res) => {
    redirectRequests.push({ kind: 'rest', method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(modelList('ok')));
  });
  redirectServer.on('upgrade', (req, socket) => {
    redirectRequests.push({ kind: 'realtime', method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    socket.destroy();
  });
  await new Promise<void>((r) => redirectServer.listen(0, '127.0.0.1', r));
  const redirectUrl = `http://127.0.0.1:${(redirectServer.address() as AddressInfo).port}`;

  const server = http.createServer((req, res) => {
    requests.push({ at: Date.now(), kind: 'rest', method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const key = bearer(req.headers);
    const scenario = scenarioOf(key);
    const url = new URL(req.url ?? '/', 'http://mock');
    if (scenario === 'hang') {
      return; // accept the connection, never answer
    }
    if (url.pathname !== '/v1/models') {
      res.writeHead(404, { 'content-type': 'application/json', 'x-request-id': requestId() }).end(JSON.stringify(err('invalid_request_error', null, `Invalid URL (${req.method} ${url.pathname})`)));
      return;
    }
    if (!key) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(err('invalid_request_error', null, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).")));
      return;
    }
    const send = () => {
      if (scenario === 'redirect') {
        res.writeHead(302, { location: `${redirectUrl}/v1/models`, 'x-request-id': requestId() }).end();
        return;
      }
      if (scenario === 'non_json') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome to nginx!</body></html>');
        return;
      }
      if (scenario === 'reset_mid_body') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000', 'x-request-id': requestId() });
        res.write('{"object":"list","data":[{"id":"gpt-');
        setTimeout(() => req.socket.destroy(), 50);
        return;
      }
      const reply = restReply(scenario, key, req.headers);
      const status = reply?.status ?? 200;
      const body = reply?.body ?? modelList(scenario);
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId(), 'openai-processing-ms': '12', ...(reply?.headers ?? {}) });
      res.end(JSON.stringify(body));
    };
    if (scenario === 'slow_headers') {
      setTimeout(send, SLOW_MS);
    } else {
      later(send);
    }
  });

  const wss = new WebSocketServer({ noServer: true });
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
      const text = body === undefined ? '' : JSON.stringify(body);
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\nx-request-id: ${requestId()}\r\ncontent-length: ${Buffer.byteLength(text)}\r\n${Object.entries(extra).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${text}`);
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
    if (key.startsWith('sk-admin-') || scenario === 'no_realtime') {
      reject(403, undefined);
      return;
    }
    if (scenario === 'region') {
      reject(403, err('request_forbidden', 'unsupported_country_region_territory', 'Country, region, or territory not supported'));
      return;
    }
    if (scenario === 'restricted' || scenario === 'ip_blocked') {
      const reply = restReply(scenario, key, req.headers)!;
      reject(reply.status, reply.body);
      return;
    }
    if (scenario === 'org_mismatch' && req.headers['openai-organization'] && req.headers['openai-organization'] !== MOCK_ORGANIZATION) {
      reject(401, err('invalid_request_error', 'mismatched_organization', 'OpenAI-Organization header should match organization for API key'));
      return;
    }
    const accept = () =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        realtimeSession(ws, scenario, key, req.headers, url.searchParams.get('model'));
      });
    if (scenario === 'slow_headers') {
      setTimeout(accept, SLOW_MS);
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
    redirectTarget: { url: redirectUrl, requests: redirectRequests },
    async close() {
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

let eventCounter = 0;
const eventId = () => `event_mock${(++eventCounter).toString().padStart(6, '0')}`;

function realtimeSession(ws: WebSocket, scenario: string, key: string, headers: http.IncomingHttpHeaders, model: string | null): void {
  const send = (event: Record<string, unknown>) => ws.send(JSON.stringify({ event_id: eventId(), ...event }));
  const fail = (type: string, code: string, message: string, closeCode: number) => {
    send({ type: 'error', error: { type, code, message, param: null, event_id: null } });
    ws.close(closeCode, `${type}.${code}`);
  };
  if (headers['openai-beta'] || scenario === 'rt_beta_shape') {
    fail('invalid_request_error', 'beta_api_shape_disabled', 'The Realtime API beta shape is no longer supported: remove the OpenAI-Beta: realtime=v1 header.', 4000);
    return;
  }
  if (!model) {
    fail('invalid_request_error', 'missing_model', 'Missing required parameter: model.', 4000);
    return;
  }
  if (scenario === 'invalid_key') {
    const masked = `${key.slice(0, 8)}...${key.slice(-4)}`;
    fail('invalid_request_error', 'invalid_api_key', `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`, 3000);
    return;
  }
  if (scenario === 'rt_model_close') {
    ws.close(4004, 'invalid_request_error.model_not_found');
    return;
  }
  if (scenario === 'no_quota' || scenario === 'credit_exhausted' || scenario === 'billing_inactive') {
    if (scenario === 'billing_inactive') {
      fail('billing_not_active', 'billing_not_active', 'Your account is not active, please check your billing details on our website.', 3000);
    } else {
      fail('insufficient_quota', scenario === 'no_quota' ? 'insufficient_quota' : 'credit_balance_exhausted', 'You exceeded your current quota, please check your plan and billing details.', 3000);
    }
    return;
  }
  if (scenario === 'server_error') {
    ws.close(1011, 'server_error');
    return;
  }
  if (scenario === 'rt_abrupt' || scenario === 'reset_mid_body') {
    (ws as unknown as { _socket: Socket })._socket.destroy();
    return;
  }
  if (scenario === 'rt_garbage' || scenario === 'non_json') {
    ws.send('<html>502 Bad Gateway</html>');
    return;
  }
  if (scenario === 'rt_no_session') {
    return;
  }
  send({ type: 'session.created', session: { type: 'realtime', object: 'realtime.session', id: `sess_mock${eventCounter}`, model, output_modalities: ['audio'] } });
  ws.on('message', (data) => {
    let event: { type?: string; session?: Record<string, unknown> };
    try {
      event = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (event.type === 'response.create') {
      send({ type: 'error', error: { type: 'invalid_request_error', code: 'mock_refuses_tokens', message: 'The key test must not create responses.', param: null, event_id: null } });
      return;
    }
    if (event.type !== 'session.update') {
      return;
    }
    if (scenario === 'rt_model_late') {
      send({ type: 'error', error: { type: 'invalid_request_error', code: 'model_not_found', message: `The model \`${model}\` does not exist or you do not have access to it.`, param: null, event_id: null } });
      return;
    }
    send({ type: 'session.updated', session: { type: 'realtime', object: 'realtime.session', model, ...event.session } });
  });
}
