import * as l10n from '@vscode/l10n';
import type { Agent, ClientRequest, IncomingMessage } from 'http';
import * as https from 'https';
import type { LookupFunction } from 'net';
import * as net from 'net';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { RealtimeClientEvent } from 'openai/resources/realtime/realtime';
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

/** The free test's only message: a text-only session, which costs nothing. */
const SESSION_UPDATE: RealtimeClientEvent = { type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } };

/** The full test's paid call: one text token, out of band (no conversation), the smallest budget accepted. */
const RESPONSE_CREATE: RealtimeClientEvent = {
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

/**
 * Where the conversation with the server is. Each phase ends with the event the next one names:
 * connecting --upgrade--> waiting-session --session.created--> waiting-update --session.updated-->
 * (free test) closing, (full test) waiting-response --response.done--> closing --close--> concluded.
 * An error, a rejected upgrade, a close frame or the timer may end any phase early.
 */
type Phase = 'connecting' | 'waiting-session' | 'waiting-update' | 'waiting-response' | 'closing';

interface ServerError {
  code: string | null;
  type: string | null;
  message: string;
}

type Outcome = Pick<RealtimeResult, 'status' | 'message'> & Partial<RealtimeResult>;

/** What the probe has seen so far: the conclusion is drawn from it alone (`conclusionOf`). */
export interface RealtimeEvidence {
  httpStatus: number | null;
  requestId: string | null;
  sessionId: string | null;
  sessionUpdated: boolean;
  /** The full test's response.create outcome. */
  response: RealtimeResponseOutcome | null;
  serverError: ServerError | null;
  /** A failure found on our side: network, TLS, a protocol the endpoint does not speak. */
  localFailure: { status: ProbeStatus; message: string; cause?: string | null } | null;
  closeCode: number | null;
  closeReason: string | null;
}

export interface Conclusion {
  outcome: Outcome;
  /** The server's error the outcome rests on: the evidence's, or one read from the close frame's reason. */
  serverError: ServerError | null;
}

/**
 * The result the evidence supports, in order: the server's error, the test's success, our own failure, then
 * what the close frame says.
 */
export function conclusionOf(evidence: Readonly<RealtimeEvidence>, target: Pick<ProbeTarget, 'full' | 'realtimeModel'>, keyIsAdmin: boolean): Conclusion {
  const { serverError, closeCode, closeReason } = evidence;
  const settled = (outcome: Outcome): Conclusion => ({ outcome, serverError });
  if (serverError) {
    return settled({ status: classifyServerError({ ...serverError, httpStatus: evidence.httpStatus }, keyIsAdmin), message: serverError.message });
  }
  if (target.full ? evidence.response !== null : evidence.sessionUpdated) {
    return settled({
      status: 'ok',
      message: target.full
        ? l10n.t('Realtime session for {0} opened, and a one-token response ended {1}.', target.realtimeModel, evidence.response?.status ?? '')
        : l10n.t('Realtime session for {0} opened and configured (session.updated).', target.realtimeModel),
    });
  }
  if (evidence.localFailure) {
    return settled(evidence.localFailure);
  }
  const fromReason = closeReason ? parseCloseReason(closeReason) : { type: null, code: null };
  if (fromReason.code) {
    const closedWith = { code: fromReason.code, type: fromReason.type, message: l10n.t('The server closed the connection with {0} {1}.', closeCode ?? '', closeReason ?? '') };
    return { outcome: { status: classifyServerError(closedWith, keyIsAdmin), message: closedWith.message }, serverError: closedWith };
  }
  switch (closeCode) {
    case 1006:
      return settled({ status: 'network_error', message: l10n.t('The connection dropped without a close frame (1006): a network fault, a proxy, or a server that hung up.') });
    case 1011:
      return settled({ status: 'server_error', message: l10n.t('The server closed the connection with 1011 (internal error).') });
    case 4004:
      return settled({ status: 'model_unavailable', message: l10n.t('The server closed with 4004: the model {0} was not found for this key.', target.realtimeModel) });
    case 3000:
      return settled({ status: 'invalid_key', message: l10n.t('The server closed with 3000 (invalid API key).') });
    default:
      return settled({ status: 'protocol_error', message: l10n.t('The server closed the connection ({0}) before the test was done.', closeCode ?? l10n.t('no code')) });
  }
}

/** What the timer says when it fires in each phase. */
const TIMED_OUT_WHILE: Record<Phase, () => string> = {
  connecting: () => l10n.t('no answer to the WebSocket upgrade'),
  'waiting-session': () => l10n.t('connected, but no session.created arrived'),
  'waiting-update': () => l10n.t('session.created arrived, but no session.updated'),
  'waiting-response': () => l10n.t('the session is ready, but no response.done came for response.create'),
  closing: () => l10n.t('the connection did not close'),
};

/**
 * Opens the Realtime WebSocket with the SDK's GA class and our own client (never the SDK's default client,
 * which would read OPENAI_API_KEY from the environment), waits for session.created, sends a text-only
 * session.update and waits for session.updated: no tokens. The full test then asks for one out-of-band
 * one-token text response and waits for response.done, where model access and credit show. Closes with 1000.
 * Records a rejected upgrade's status and body, error events, the close code and reason; every server field is
 * kept only in its documented shape, every message redacted before it is cut.
 */
export function probeRealtime(target: ProbeTarget, deps: RealtimeProbeDeps = {}): Promise<RealtimeResult> {
  return new Promise<RealtimeResult>((resolve, reject) => new RealtimeProbeRun(target, deps, resolve, reject).start());
}

/** One run of the probe: its phase, its evidence, and a handler per event of the socket. */
class RealtimeProbeRun {
  private readonly clock: Clock;
  private readonly started: number;
  private readonly secrets: string[];
  private readonly keyIsAdmin: boolean;
  private readonly where: string;
  private phase: Phase = 'connecting';
  private settled = false;
  private readonly evidence: RealtimeEvidence = {
    httpStatus: null,
    requestId: null,
    sessionId: null,
    sessionUpdated: false,
    response: null,
    serverError: null,
    localFailure: null,
    closeCode: null,
    closeReason: null,
  };
  private readonly timers: NodeJS.Timeout[] = [];
  private rt: OpenAIRealtimeWS | undefined;
  private readonly onAbort = () => this.cancel();

  constructor(
    private readonly target: ProbeTarget,
    private readonly deps: RealtimeProbeDeps,
    private readonly resolve: (result: RealtimeResult) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.clock = deps.clock ?? systemClock;
    this.started = this.clock.now();
    this.secrets = [target.key];
    this.keyIsAdmin = keyTypeOf(target.key) === 'admin';
    this.where = displayRealtimeUrl(target.baseUrl, target.realtimeModel);
  }

  start(): void {
    const { target } = this;
    if (target.signal?.aborted) {
      this.reject(new CancelledError());
      return;
    }
    target.signal?.addEventListener('abort', this.onAbort);
    this.timers.push(setTimeout(() => this.onTimeout(), target.timeoutMs));
    let rt: OpenAIRealtimeWS;
    try {
      rt = this.open();
    } catch (error) {
      this.finish({ status: 'protocol_error', message: l10n.t('Could not open the Realtime connection: {0}', (error as Error).message) });
      return;
    }
    this.rt = rt;
    rt.socket.on('upgrade', (upgrade) => this.onUpgrade(upgrade));
    rt.socket.on('unexpected-response', (request, upgrade) => this.onRejectedUpgrade(request, upgrade));
    rt.socket.on('message', (data: RawData, isBinary: boolean) => this.onFrame(data, isBinary));
    rt.on('session.created', (event) => this.onSessionCreated(event));
    rt.on('session.updated', () => this.onSessionUpdated());
    rt.on('response.done', (event) => this.onResponseDone(event));
    rt.on('error', (error) => this.onError(error));
    rt.socket.on('close', (code, reason) => this.onClose(code, reason));
  }

  private open(): OpenAIRealtimeWS {
    const { target, deps } = this;
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
    return deps.createRealtime ? deps.createRealtime(props, client) : new OpenAIRealtimeWS(props, client);
  }

  // Events, in the order a good session sends them.

  private onUpgrade(upgrade: IncomingMessage): void {
    this.evidence.requestId = serverField(upgrade.headers['x-request-id'], 'requestId', this.secrets);
    this.phase = 'waiting-session';
  }

  private onSessionCreated(event: unknown): void {
    this.evidence.sessionId = serverField((event as { session?: { id?: unknown } }).session?.id, 'sessionId', this.secrets);
    this.phase = 'waiting-update';
    this.rt!.send(SESSION_UPDATE);
  }

  private onSessionUpdated(): void {
    this.evidence.sessionUpdated = true;
    if (this.target.full) {
      this.phase = 'waiting-response';
      this.rt!.send(RESPONSE_CREATE);
      return;
    }
    this.closeNow();
  }

  private onResponseDone(event: unknown): void {
    if (this.phase !== 'waiting-response') {
      return;
    }
    const secrets = this.secrets;
    const done = (event as { response?: { status?: unknown; status_details?: { error?: { code?: unknown; type?: unknown; message?: unknown } } } }).response;
    const status = serverField(done?.status, 'code', secrets) ?? 'unknown';
    const error = done?.status_details?.error;
    this.evidence.response = { status, code: serverField(error?.code, 'code', secrets) };
    if (status === 'failed' || status === 'cancelled' || status === 'unknown') {
      this.evidence.serverError = {
        code: this.evidence.response.code,
        type: serverField(error?.type, 'code', secrets),
        message: typeof error?.message === 'string' ? error.message : l10n.t('The one-token response ended {0}.', status),
      };
    }
    this.closeNow();
  }

  private onClose(code: number, reason: Buffer): void {
    this.evidence.closeCode = code;
    this.evidence.closeReason = serverField(reason.toString('utf8'), 'closeReason', this.secrets);
    this.conclude();
  }

  // What ends a session early.

  private onRejectedUpgrade(request: ClientRequest, upgrade: IncomingMessage): void {
    const { evidence, secrets } = this;
    evidence.httpStatus = upgrade.statusCode ?? null;
    evidence.requestId = serverField(upgrade.headers['x-request-id'], 'requestId', secrets);
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
      const httpStatus = evidence.httpStatus;
      if (httpStatus !== null && httpStatus >= 300 && httpStatus < 400) {
        const location = upgrade.headers.location;
        this.failLocally(l10n.t('The Realtime upgrade was redirected ({0}) to {1}; not followed, so the key was not sent there.', httpStatus, location ? displayUrl(location, secrets) : l10n.t('an unknown place')));
        return;
      }
      evidence.serverError = {
        code: parsed.code,
        type: parsed.type,
        // Redacted before it is cut to 200 characters.
        message: parsed.message ?? l10n.t('The WebSocket upgrade was rejected with HTTP {0}{1}.', httpStatus ?? '', body ? `: ${safeText(body, secrets).slice(0, 200)}` : ''),
      };
      if (httpStatus === 403 && !parsed.code && !/missing scopes/i.test(evidence.serverError.message)) {
        const status = this.keyIsAdmin ? 'admin_key' : 'access_denied';
        this.finish({ status, message: l10n.t('The Realtime upgrade was refused with HTTP 403{0}. The key has no access to the Realtime API for {1}.', parsed.message ? `: ${parsed.message}` : '', this.target.realtimeModel) });
        return;
      }
      this.conclude();
    };
    upgrade.on('end', done);
    upgrade.on('error', done);
  }

  /** The SDK ignores frames that are JSON but not an event (null, 42, "x"); a Realtime server never sends them. */
  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.settled) {
      return;
    }
    let event: unknown;
    try {
      event = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      event = undefined;
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event) || typeof (event as { type?: unknown }).type !== 'string') {
      this.failLocally(l10n.t('The server sent a frame that is not a Realtime event: this endpoint does not speak the Realtime protocol.'));
    }
  }

  private onError(error: Error): void {
    const { evidence, secrets } = this;
    const event = (error as { error?: { code?: unknown; type?: unknown; message?: unknown } }).error;
    if (event) {
      evidence.serverError = {
        code: serverField(event.code, 'code', secrets),
        type: serverField(event.type, 'code', secrets),
        message: typeof event.message === 'string' ? event.message : l10n.t('The server sent an error event.'),
      };
      if (this.phase === 'waiting-response') {
        evidence.response = { status: 'error', code: evidence.serverError.code };
        this.closeNow();
      } else {
        this.timers.push(setTimeout(() => this.conclude(), CLOSE_GRACE_MS));
      }
      return;
    }
    if (/could not parse websocket event/.test(error.message)) {
      return; // onFrame reports it
    }
    const cause = (error as { cause?: unknown }).cause;
    const wsCode = (cause as { code?: unknown } | undefined)?.code;
    if (typeof wsCode === 'string' && wsCode.startsWith('WS_ERR_')) {
      this.failLocally(l10n.t('The server broke the WebSocket protocol ({0}).', wsCode));
      return;
    }
    if (evidence.httpStatus !== null) {
      return; // a rejected upgrade: onRejectedUpgrade concludes with the body
    }
    const code = networkErrorCode(cause) ?? networkErrorCode(error) ?? null;
    const tls = tlsProblem(code);
    evidence.localFailure = {
      status: code === 'ETIMEDOUT' ? 'timeout' : 'network_error',
      cause: code,
      message: tls
        ? l10n.t('Could not reach {0}: the TLS connection failed on {1} ({2}).', this.where, tls, code ?? '')
        : l10n.t('Could not reach {0} ({1}).', this.where, code ?? error.message),
    };
    if (this.phase === 'connecting') {
      this.conclude();
    }
  }

  private onTimeout(): void {
    if (this.evidence.serverError || this.evidence.localFailure) {
      this.conclude();
      return;
    }
    this.finish({ status: 'timeout', message: l10n.t('Realtime: {0} within {1} ms.', TIMED_OUT_WHILE[this.phase](), this.target.timeoutMs) });
  }

  // Transitions to the end.

  private failLocally(message: string): void {
    this.evidence.localFailure = { status: 'protocol_error', message };
    this.conclude();
  }

  private closeNow(): void {
    this.phase = 'closing';
    this.rt!.close({ code: 1000, reason: 'key test complete' });
    this.timers.push(setTimeout(() => this.conclude(), CLOSE_GRACE_MS));
  }

  private conclude(): void {
    if (!this.settled) {
      const { outcome, serverError } = conclusionOf(this.evidence, this.target, this.keyIsAdmin);
      this.finish(outcome, serverError);
    }
  }

  private stop(): void {
    this.settled = true;
    this.timers.forEach(clearTimeout);
    this.target.signal?.removeEventListener('abort', this.onAbort);
  }

  private finish(outcome: Outcome, serverError = this.evidence.serverError): void {
    if (this.settled) {
      return;
    }
    this.stop();
    try {
      this.rt?.socket.removeAllListeners('message');
      this.rt?.socket.terminate();
    } catch {
      // already closed
    }
    const { evidence, secrets, target } = this;
    const missingScopes = serverError ? missingScopesOf(serverError.message, secrets) : [];
    this.resolve({
      httpStatus: evidence.httpStatus,
      closeCode: evidence.closeCode,
      closeReason: evidence.closeReason,
      code: serverError?.code ?? null,
      type: serverError?.type ?? null,
      requestId: evidence.requestId ?? evidence.sessionId,
      sessionId: evidence.sessionId,
      ...(target.full ? { response: evidence.response } : {}),
      ...(evidence.localFailure?.cause ? { cause: evidence.localFailure.cause } : {}),
      ...(missingScopes.length > 0 ? { missingScopes } : {}),
      ...outcome,
      // Redacted first, cut after.
      message: truncate(safeText(outcome.message, secrets)),
      ms: Math.round(this.clock.now() - this.started),
    });
  }

  private cancel(): void {
    if (!this.settled) {
      this.stop();
      this.rt?.socket.terminate();
      this.reject(new CancelledError());
    }
  }
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
