import * as l10n from '@vscode/l10n';
import type { Agent } from 'http';
import * as https from 'https';
import * as net from 'net';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { ClientOptions } from 'ws';
import { keyTypeOf } from '../keys/keyShape';
import { redactSecrets } from '../keys/mask';
import { classifyServerError, networkErrorCode, parseCloseReason } from './classify';
import { CancelledError, Clock, ProbeTarget, RealtimeResult, systemClock } from './types';
import { realtimeUrl } from './urls';

export interface RealtimeProbeDeps {
  clock?: Clock;
  /** An agent for the WebSocket upgrade, e.g. a proxy agent (the CLI honours HTTPS_PROXY). */
  agent?: Agent;
  /** How the SDK's WebSocket is created; tests and the extension use the default. */
  createRealtime?: (props: ConstructorParameters<typeof OpenAIRealtimeWS>[0], client: OpenAI) => OpenAIRealtimeWS;
}

/** An https.Agent that connects without TLS: http:// base URLs reach the SDK's wss:// socket unencrypted. */
class PlainTcpAgent extends https.Agent {
  override createConnection(options: net.NetConnectOpts): net.Socket {
    return net.connect(options);
  }
}

/** After an error event, how long to wait for the server's close frame before concluding. */
const CLOSE_GRACE_MS = 1000;
const MAX_BODY_BYTES = 64 * 1024;

export { realtimeUrl };

type Phase = 'connecting' | 'waiting-session' | 'waiting-update' | 'closing';

/**
 * Opens the Realtime WebSocket with the SDK's GA class and our own client (never the SDK's default client,
 * which would read OPENAI_API_KEY from the environment), waits for session.created, sends a text-only
 * session.update (no audio, no response.create: no tokens), waits for session.updated and closes with 1000.
 * Records a rejected upgrade's status and body, error events, the close code and reason.
 */
export function probeRealtime(target: ProbeTarget, deps: RealtimeProbeDeps = {}): Promise<RealtimeResult> {
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const redact = (text: string) => redactSecrets(text, [target.key]);
  const keyIsAdmin = keyTypeOf(target.key) === 'admin';

  return new Promise<RealtimeResult>((resolve, reject) => {
    let phase: Phase = 'connecting';
    let settled = false;
    let sessionUpdated = false;
    let httpStatus: number | null = null;
    let requestId: string | null = null;
    let sessionId: string | null = null;
    let serverError: { code: string | null; type: string | null; message: string } | null = null;
    let localFailure: { status: RealtimeResult['status']; message: string } | null = null;
    let closeCode: number | null = null;
    let closeReason: string | null = null;
    const timers: NodeJS.Timeout[] = [];
    let rt: OpenAIRealtimeWS | undefined;

    const finish = (outcome: Pick<RealtimeResult, 'status' | 'message'> & Partial<RealtimeResult>) => {
      if (settled) {
        return;
      }
      settled = true;
      timers.forEach(clearTimeout);
      target.signal?.removeEventListener('abort', onAbort);
      try {
        rt?.socket.removeAllListeners('message');
        rt?.socket.terminate();
      } catch {
        // already closed
      }
      resolve({
        httpStatus,
        closeCode,
        closeReason,
        code: serverError?.code ?? null,
        type: serverError?.type ?? null,
        requestId: requestId ?? sessionId,
        sessionId,
        ...outcome,
        message: redact(outcome.message),
        ms: Math.round(clock.now() - started),
      });
    };

    const onAbort = () => {
      if (!settled) {
        settled = true;
        timers.forEach(clearTimeout);
        rt?.socket.terminate();
        reject(new CancelledError());
      }
    };
    if (target.signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    target.signal?.addEventListener('abort', onAbort);

    const conclude = () => {
      if (sessionUpdated) {
        finish({ status: 'ok', message: l10n.t`Realtime session for ${target.realtimeModel} opened and configured (session.updated).` });
        return;
      }
      if (serverError) {
        finish({ status: classifyServerError({ ...serverError, httpStatus }, keyIsAdmin), message: serverError.message });
        return;
      }
      if (localFailure) {
        finish(localFailure);
        return;
      }
      const fromReason = closeReason ? parseCloseReason(closeReason) : { type: null, code: null };
      if (fromReason.code) {
        serverError = { code: fromReason.code, type: fromReason.type, message: l10n.t`The server closed the connection with ${closeCode ?? ''} ${closeReason ?? ''}.` };
        finish({ status: classifyServerError(serverError, keyIsAdmin), message: serverError.message });
        return;
      }
      if (closeCode === 1006) {
        finish({ status: 'network_error', message: 'The connection dropped without a close frame (1006): a network fault, a proxy, or a server that hung up.' });
      } else if (closeCode === 1011) {
        finish({ status: 'server_error', message: 'The server closed the connection with 1011 (internal error). Check https://status.openai.com.' });
      } else if (closeCode === 4004) {
        finish({ status: 'model_unavailable', message: l10n.t`The server closed with 4004: the model ${target.realtimeModel} was not found for this key.` });
      } else if (closeCode === 3000) {
        finish({ status: 'invalid_key', message: 'The server closed with 3000 (invalid API key).' });
      } else {
        finish({ status: 'protocol_error', message: l10n.t`The server closed the connection (${closeCode ?? 'no code'}${closeReason ? ` ${closeReason}` : ''}) before the session was ready.` });
      }
    };

    timers.push(
      setTimeout(() => {
        const what =
          phase === 'connecting'
            ? 'no answer to the WebSocket upgrade'
            : phase === 'waiting-session'
              ? 'connected, but no session.created arrived'
              : phase === 'waiting-update'
                ? 'session.created arrived, but no session.updated'
                : 'the connection did not close';
        if (serverError || localFailure) {
          conclude();
        } else {
          finish({ status: 'timeout', message: l10n.t`Realtime: ${what} within ${target.timeoutMs} ms.` });
        }
      }, target.timeoutMs),
    );

    const headers: Record<string, string> = {};
    if (target.organization) {
      headers['OpenAI-Organization'] = target.organization;
    }
    if (target.project) {
      headers['OpenAI-Project'] = target.project;
    }
    const insecure = target.baseUrl.startsWith('http:');
    const options: ClientOptions = {
      headers,
      handshakeTimeout: target.timeoutMs,
      followRedirects: false,
      maxPayload: 16 * 1024 * 1024,
      ...(deps.agent ? { agent: deps.agent } : {}),
      // The SDK always asks for wss://; for an http:// base URL (a local proxy or mock) keep the plain
      // TCP connection the user configured instead of forcing TLS on it. An agent, not a createConnection
      // option: VS Code's proxy support replaces request options but keeps an explicit agent for loopback.
      ...(insecure && !deps.agent ? { agent: new PlainTcpAgent() } : {}),
    } as ClientOptions;

    try {
      const client = new OpenAI({
        apiKey: target.key,
        baseURL: target.baseUrl,
        organization: null,
        project: null,
        adminAPIKey: null,
        webhookSecret: null,
        maxRetries: 0,
      });
      const props = { model: target.realtimeModel, options };
      rt = deps.createRealtime ? deps.createRealtime(props, client) : new OpenAIRealtimeWS(props, client);
    } catch (error) {
      finish({ status: 'protocol_error', message: l10n.t`Could not open the Realtime connection: ${(error as Error).message}` });
      return;
    }
    const socket = rt.socket;

    socket.on('upgrade', (response) => {
      const id = response.headers['x-request-id'];
      requestId = typeof id === 'string' ? id : null;
      phase = 'waiting-session';
    });

    socket.on('unexpected-response', (request, response) => {
      httpStatus = response.statusCode ?? null;
      const id = response.headers['x-request-id'];
      requestId = typeof id === 'string' ? id : null;
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) {
          chunks.push(chunk);
        }
      });
      const done = () => {
        request.destroy();
        const body = Buffer.concat(chunks).toString('utf8');
        const parsed = parseErrorBody(body);
        if (httpStatus !== null && httpStatus >= 300 && httpStatus < 400) {
          localFailure = {
            status: 'protocol_error',
            message: l10n.t`The Realtime upgrade was redirected (${httpStatus}) to ${response.headers.location ?? 'an unknown place'}; not followed, so the key was not sent there.`,
          };
          conclude();
          return;
        }
        serverError = {
          code: parsed.code,
          type: parsed.type,
          message: parsed.message ?? l10n.t`The WebSocket upgrade was rejected with HTTP ${httpStatus ?? ''}${body ? `: ${body.slice(0, 200)}` : ''}.`,
        };
        if (httpStatus === 403 && !parsed.code && !/missing scopes/i.test(serverError.message)) {
          finish({ status: keyIsAdmin ? 'admin_key' : 'access_denied', message: l10n.t`The Realtime upgrade was refused with HTTP 403${parsed.message ? `: ${parsed.message}` : ''}. The key has no access to the Realtime API for ${target.realtimeModel}.` });
          return;
        }
        conclude();
      };
      response.on('end', done);
      response.on('error', done);
    });

    rt.on('session.created', (event) => {
      sessionId = (event as { session?: { id?: string } }).session?.id ?? null;
      phase = 'waiting-update';
      rt!.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } } as never);
    });

    rt.on('session.updated', () => {
      sessionUpdated = true;
      phase = 'closing';
      rt!.close({ code: 1000, reason: 'key test complete' });
      timers.push(setTimeout(conclude, CLOSE_GRACE_MS));
    });

    rt.on('error', (error) => {
      const event = (error as { error?: { code?: unknown; type?: unknown; message?: unknown } }).error;
      if (event) {
        serverError = {
          code: typeof event.code === 'string' ? event.code : null,
          type: typeof event.type === 'string' ? event.type : null,
          message: typeof event.message === 'string' ? event.message : 'The server sent an error event.',
        };
        timers.push(setTimeout(conclude, CLOSE_GRACE_MS));
        return;
      }
      const cause = (error as { cause?: unknown }).cause;
      const code = networkErrorCode(cause) ?? networkErrorCode(error);
      if (/could not parse websocket event/.test(error.message)) {
        localFailure = { status: 'protocol_error', message: 'The server sent a frame that is not JSON: this endpoint does not speak the Realtime protocol.' };
        timers.push(setTimeout(conclude, CLOSE_GRACE_MS));
        return;
      }
      if (httpStatus !== null) {
        return; // a rejected upgrade: unexpected-response concludes with the body
      }
      localFailure = {
        status: code === 'ETIMEDOUT' ? 'timeout' : 'network_error',
        message: l10n.t`Could not reach ${realtimeUrl(target.baseUrl, target.realtimeModel)} (${code ?? error.message}).`,
      };
      if (phase === 'connecting') {
        conclude();
      }
    });

    socket.on('close', (code, reason) => {
      closeCode = code;
      closeReason = reason.toString('utf8') || null;
      conclude();
    });
  });
}

function parseErrorBody(body: string): { code: string | null; type: string | null; message: string | null } {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; type?: unknown; message?: unknown } };
    const error = parsed.error;
    return {
      code: typeof error?.code === 'string' ? error.code : null,
      type: typeof error?.type === 'string' ? error.type : null,
      message: typeof error?.message === 'string' ? error.message : null,
    };
  } catch {
    return { code: null, type: null, message: null };
  }
}
