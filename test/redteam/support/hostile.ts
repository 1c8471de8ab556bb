import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import { WebSocket, WebSocketServer } from 'ws';

/** A small programmable server for the red-team tests: REST handler plus Realtime WebSocket handler. */
export interface Hostile {
  baseUrl: string;
  port: number;
  requests: Array<{ method: string; url: string; authorization: string }>;
  close(): Promise<void>;
}

export async function startHostile(options: {
  rest?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  realtime?: (ws: WebSocket, req: http.IncomingMessage) => void;
  /** Answer the upgrade request yourself (instead of accepting it). */
  upgrade?: (req: http.IncomingMessage, socket: Socket) => void;
}): Promise<Hostile> {
  const requests: Hostile['requests'] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization ?? '' });
    if (options.rest) {
      options.rest(req, res);
    } else {
      res.writeHead(404).end();
    }
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket: Socket, head) => {
    requests.push({ method: 'UPGRADE', url: req.url ?? '', authorization: req.headers.authorization ?? '' });
    if (options.upgrade) {
      options.upgrade(req, socket);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => options.realtime?.(ws, req));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    close: async () => {
      for (const client of wss.clients) {
        client.terminate();
      }
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The JSON answers of a working API, for the REST side of a test that is about the Realtime side. */
export function okRest(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  let body: unknown;
  if (url.pathname.startsWith('/v1/models/')) {
    body = { id: decodeURIComponent(url.pathname.slice('/v1/models/'.length)), object: 'model', created: 1, owned_by: 'system' };
  } else if (url.pathname === '/v1/models') {
    body = { object: 'list', data: [{ id: 'gpt-realtime', object: 'model' }] };
  } else if (url.pathname === '/v1/embeddings') {
    body = { object: 'list', data: [{ object: 'embedding', index: 0, embedding: '' }], model: 'text-embedding-3-small', usage: { prompt_tokens: 1, total_tokens: 1 } };
  } else {
    body = { id: 'chatcmpl-x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'O' }, finish_reason: 'length' }] };
  }
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_0123abcd' }).end(JSON.stringify(body)));
}

/** A Realtime session that works: session.created, session.updated, response.done completed. */
export function okRealtime(ws: WebSocket, hooks: { beforeUpdated?: () => Promise<void>; afterUpdated?: () => void; beforeDone?: () => Promise<void> } = {}): void {
  ws.send(JSON.stringify({ type: 'session.created', event_id: 'event_1', session: { id: 'sess_abc', object: 'realtime.session' } }));
  ws.on('message', async (data) => {
    const event = JSON.parse(data.toString()) as { type: string };
    if (event.type === 'session.update') {
      await hooks.beforeUpdated?.();
      ws.send(JSON.stringify({ type: 'session.updated', event_id: 'event_2', session: { id: 'sess_abc' } }));
      hooks.afterUpdated?.();
    } else if (event.type === 'response.create') {
      await hooks.beforeDone?.();
      ws.send(JSON.stringify({ type: 'response.done', event_id: 'event_3', response: { id: 'resp_1', status: 'completed', output: [] } }));
      hooks.afterUpdated?.();
    }
  });
}
