import * as l10n from '@vscode/l10n';
import type { Agent } from 'http';
import * as https from 'https';
import type { LookupFunction } from 'net';
import * as net from 'net';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { ClientOptions, RawData } from 'ws';
import { keyTypeOf } from '../keys/keyShape';
import { classifyServerError, networkErrorCode, parseCloseReason, tlsProblem } from './classify';
import { MAX_BODY_BYTES } from './defaults';
import { displayUrl, missingScopesOf, safeText, serverField } from './serverFields';
import { CancelledError, Clock, ProbeStatus, ProbeTarget, RealtimeResponseOutcome, RealtimeResult, systemClock } from './types';
import { displayRealtimeUrl, realtimeUrl } from './urls';

export interface RealtimeProbeDeps {
  clock?: Clock;
  /** An agent for the WebSocket upgrade, e.g. a proxy agent (the CLI honours HTTPS_PROXY). */
  agent?: Agent;
  /** A DNS lookup bounded by the test's deadline (the CLI's: a stalled resolver must not keep it alive). */
  lookup?: LookupFunction;
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
const MAX_UPGRADE_BODY_BYTES = 64 * 1024;
const MAX_MESSAGE = 300;

/** The full test's paid call: one text token, out of band (no conversation), the smallest budget accepted. */
const RESPONSE_CREATE = {
  type: 'response.create',
  response: {
    conversation: 'none',
    output_modalities: ['text'],
    max_output_tokens: 1,
    instructions: 'Reply with one word.',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'ok' }] }],
  },
};

export { realtimeUrl };

type Phase = 'connecting' | 'waiting-session' | 'waiting-update' | 'waiting-response' | 'closing';

interface ServerError {
  code: string | null;
  type: string | null;
  message: string;
}

/**
 * Opens the Realtime WebSocket with the SDK's GA class and our own client (never the SDK's default client,
 * which would read OPENAI_API_KEY from the environment), waits for session.created, sends a text-only
 * session.update and waits for session.updated: no tokens. The full test then asks for one out-of-band
 * one-token text response and waits for response.done, where model access and credit show. Closes with 1000.
 * Records a rejected upgrade's status and body, error events, the close code and reason; every server field is
 * kept only in its documented shape, every message redacted before it is cut.
 */
export function probeRealtime(target: ProbeTarget, deps: RealtimeProbeDeps = {}): Promise<RealtimeResult> {
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const secrets = [target.key];
  const keyIsAdmin = keyTypeOf(target.key) === 'admin';
  const where = displayRealtimeUrl(target.baseUrl, target.realtimeModel);

  return new Promise<RealtimeResult>((resolve, reject) => {
    let phase: Phase = 'connecting';
    let settled = false;
    let sessionUpdated = false;
    let response: RealtimeResponseOutcome | null = null;
    let httpStatus: number | null = null;
    let requestId: string | null = null;
    let sessionId: string | null = null;
    let serverError: ServerError | null = null;
    let localFailure: { status: ProbeStatus; message: string; cause?: string | null } | null = null;
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
      const missingScopes = serverError ? missingScopesOf(serverError.message, secrets) : [];
      resolve({
        httpStatus,
        closeCode,
        closeReason,
        code: serverError?.code ?? null,
        type: serverError?.type ?? null,
        requestId: requestId ?? sessionId,
        sessionId,
        ...(target.full ? { response } : {}),
        ...(localFailure?.cause ? { cause: localFailure.cause } : {}),
        ...(missingScopes.length > 0 ? { missingScopes } : {}),
        ...outcome,
        // Redacted first, cut after.
        message: truncate(safeText(outcome.message, secrets)),
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
      if (serverError) {
        finish({ status: classifyServerError({ ...serverError, httpStatus }, keyIsAdmin), message: serverError.message });
        return;
      }
      if (target.full ? response !== null : sessionUpdated) {
        finish({
          status: 'ok',
          message: target.full
            ? l10n.t('Realtime session for {0} opened, and a one-token response ended {1}.', target.realtimeModel, response?.status ?? '')
            : l10n.t('Realtime session for {0} opened and configured (session.updated).', target.realtimeModel),
        });
        return;
      }
      if (localFailure) {
        finish(localFailure);
        return;
      }
      const fromReason = closeReason ? parseCloseReason(closeReason) : { type: null, code: null };
      if (fromReason.code) {
        serverError = { code: fromReason.code, type: fromReason.type, message: l10n.t('The server closed the connection with {0} {1}.', closeCode ?? '', closeReason ?? '') };
        finish({ status: classifyServerError(serverError, keyIsAdmin), message: serverError.message });
        return;
      }
      if (closeCode === 1006) {
        finish({ status: 'network_error', message: l10n.t('The connection dropped without a close frame (1006): a network fault, a proxy, or a server that hung up.') });
      } else if (closeCode === 1011) {
        finish({ status: 'server_error', message: l10n.t('The server closed the connection with 1011 (internal error).') });
      } else if (closeCode === 4004) {
        finish({ status: 'model_unavailable', message: l10n.t('The server closed with 4004: the model {0} was not found for this key.', target.realtimeModel) });
      } else if (closeCode === 3000) {
        finish({ status: 'invalid_key', message: l10n.t('The server closed with 3000 (invalid API key).') });
      } else {
        finish({ status: 'protocol_error', message: l10n.t('The server closed the connection ({0}) before the test was done.', closeCode ?? l10n.t('no code')) });
      }
    };

    const protocolFailure = (message: string) => {
      localFailure = { status: 'protocol_error', message };
      conclude();
    };

    timers.push(
      setTimeout(() => {
        // Closing: the check already has its answer (session.updated, response.done or an error); the deadline
        // only cuts the close handshake short, it does not turn that answer into a timeout.
        if (serverError || localFailure || phase === 'closing') {
          conclude();
          return;
        }
        const what = {
          connecting: () => l10n.t('no answer to the WebSocket upgrade'),
          'waiting-session': () => l10n.t('connected, but no session.created arrived'),
          'waiting-update': () => l10n.t('session.created arrived, but no session.updated'),
          'waiting-response': () => l10n.t('the session is ready, but no response.done came for response.create'),
        }[phase]();
        finish({ status: 'timeout', message: l10n.t('Realtime: {0} within {1} ms.', what, target.timeoutMs) });
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
      // Our own timer ends every phase; ws's handshake timeout is only a safety net behind it.
      handshakeTimeout: target.timeoutMs + 1000,
      followRedirects: false,
      maxPayload: MAX_BODY_BYTES,
      ...(deps.lookup ? { lookup: deps.lookup } : {}),
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
      finish({ status: 'protocol_error', message: l10n.t('Could not open the Realtime connection: {0}', (error as Error).message) });
      return;
    }
    const socket = rt.socket;

    socket.on('upgrade', (upgrade) => {
      requestId = serverField(upgrade.headers['x-request-id'], 'requestId', secrets);
      phase = 'waiting-session';
    });

    socket.on('unexpected-response', (request, upgrade) => {
      httpStatus = upgrade.statusCode ?? null;
      requestId = serverField(upgrade.headers['x-request-id'], 'requestId', secrets);
      const chunks: Buffer[] = [];
      let size = 0;
      upgrade.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_UPGRADE_BODY_BYTES) {
          chunks.push(chunk);
        }
      });
      const done = () => {
        request.destroy();
        const body = Buffer.concat(chunks).toString('utf8');
        const parsed = parseErrorBody(body, secrets);
        if (httpStatus !== null && httpStatus >= 300 && httpStatus < 400) {
          const location = upgrade.headers.location;
          protocolFailure(l10n.t('The Realtime upgrade was redirected ({0}) to {1}; not followed, so the key was not sent there.', httpStatus, location ? displayUrl(location, secrets) : l10n.t('an unknown place')));
          return;
        }
        serverError = {
          code: parsed.code,
          type: parsed.type,
          // Redacted before it is cut to 200 characters.
          message: parsed.message ?? l10n.t('The WebSocket upgrade was rejected with HTTP {0}{1}.', httpStatus ?? '', body ? `: ${safeText(body, secrets).slice(0, 200)}` : ''),
        };
        if (httpStatus === 403 && !parsed.code && !/missing scopes/i.test(serverError.message)) {
          const status = keyIsAdmin ? 'admin_key' : 'access_denied';
          finish({ status, message: l10n.t('The Realtime upgrade was refused with HTTP 403{0}. The key has no access to the Realtime API for {1}.', parsed.message ? `: ${parsed.message}` : '', target.realtimeModel) });
          return;
        }
        conclude();
      };
      upgrade.on('end', done);
      upgrade.on('error', done);
    });

    // The SDK ignores frames that are JSON but not an event (null, 42, "x"); a Realtime server never sends them.
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (settled) {
        return;
      }
      let event: unknown;
      try {
        event = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        event = undefined;
      }
      if (typeof event !== 'object' || event === null || Array.isArray(event) || typeof (event as { type?: unknown }).type !== 'string') {
        protocolFailure(l10n.t('The server sent a frame that is not a Realtime event: this endpoint does not speak the Realtime protocol.'));
      }
    });

    rt.on('session.created', (event) => {
      sessionId = serverField((event as { session?: { id?: unknown } }).session?.id, 'sessionId', secrets);
      phase = 'waiting-update';
      rt!.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } } as never);
    });

    rt.on('session.updated', () => {
      sessionUpdated = true;
      if (target.full) {
        phase = 'waiting-response';
        rt!.send(RESPONSE_CREATE as never);
        return;
      }
      closeNow();
    });

    rt.on('response.done', (event) => {
      if (phase !== 'waiting-response') {
        return;
      }
      const done = (event as { response?: { status?: unknown; status_details?: { error?: { code?: unknown; type?: unknown; message?: unknown } } } }).response;
      const status = serverField(done?.status, 'code', secrets) ?? 'unknown';
      const error = done?.status_details?.error;
      response = { status, code: serverField(error?.code, 'code', secrets) };
      if (status === 'failed' || status === 'cancelled' || status === 'unknown') {
        serverError = {
          code: response.code,
          type: serverField(error?.type, 'code', secrets),
          message: typeof error?.message === 'string' ? error.message : l10n.t('The one-token response ended {0}.', status),
        };
      }
      closeNow();
    });

    rt.on('error', (error) => {
      const event = (error as { error?: { code?: unknown; type?: unknown; message?: unknown } }).error;
      if (event) {
        serverError = {
          code: serverField(event.code, 'code', secrets),
          type: serverField(event.type, 'code', secrets),
          message: typeof event.message === 'string' ? event.message : l10n.t('The server sent an error event.'),
        };
        if (phase === 'waiting-response') {
          response = { status: 'error', code: serverError.code };
          closeNow();
        } else {
          timers.push(setTimeout(conclude, CLOSE_GRACE_MS));
        }
        return;
      }
      if (/could not parse websocket event/.test(error.message)) {
        return; // the message listener above reports it
      }
      const cause = (error as { cause?: unknown }).cause;
      const wsCode = (cause as { code?: unknown } | undefined)?.code;
      if (typeof wsCode === 'string' && wsCode.startsWith('WS_ERR_')) {
        protocolFailure(l10n.t('The server broke the WebSocket protocol ({0}).', wsCode));
        return;
      }
      if (httpStatus !== null) {
        return; // a rejected upgrade: unexpected-response concludes with the body
      }
      const code = networkErrorCode(cause) ?? networkErrorCode(error) ?? null;
      const tls = tlsProblem(code);
      localFailure = {
        status: code === 'ETIMEDOUT' ? 'timeout' : 'network_error',
        cause: code,
        message: tls
          ? l10n.t('Could not reach {0}: the TLS connection failed on {1} ({2}).', where, tls, code ?? '')
          : l10n.t('Could not reach {0} ({1}).', where, code ?? error.message),
      };
      if (phase === 'connecting') {
        conclude();
      }
    });

    socket.on('close', (code, reason) => {
      closeCode = code;
      closeReason = serverField(reason.toString('utf8'), 'closeReason', secrets);
      conclude();
    });

    function closeNow() {
      phase = 'closing';
      rt!.close({ code: 1000, reason: 'key test complete' });
      timers.push(setTimeout(conclude, CLOSE_GRACE_MS));
    }
  });
}

function parseErrorBody(body: string, secrets: readonly string[]): { code: string | null; type: string | null; message: string | null } {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; type?: unknown; message?: unknown } };
    const error = parsed.error;
    return {
      code: serverField(error?.code, 'code', secrets),
      type: serverField(error?.type, 'code', secrets),
      message: typeof error?.message === 'string' ? error.message : null,
    };
  } catch {
    return { code: null, type: null, message: null };
  }
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE)}…` : oneLine;
}
