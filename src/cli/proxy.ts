import * as diagnostics from 'diagnostics_channel';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { Socket } from 'net';
import { Agent, Client, ProxyAgent, buildConnector, fetch as undiciFetch } from 'undici';
import { cancellableLookup } from '../core/probe/cancellableLookup';
import { isLoopbackHost } from '../core/probe/loopback';
import type { KeyTestDeps } from '../core/probe/keyTest';

/**
 * The proxy a command-line run should use for a URL: HTTPS_PROXY / HTTP_PROXY, unless NO_PROXY matches. Never
 * for this machine: a proxy's own loopback is another machine's, and an http:// loopback base URL would send the
 * key to the proxy in clear text (`localhost` names are pinned to loopback by the CLI's resolver).
 */
export function proxyFor(target: string, env: NodeJS.ProcessEnv): string | undefined {
  const url = new URL(target);
  if (isLoopbackHost(url.hostname, { localhostNamesPinned: true })) {
    return undefined;
  }
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (noProxy.some((entry) => entry === '*' || url.hostname === entry || url.hostname.endsWith(entry.startsWith('.') ? entry : `.${entry}`))) {
    return undefined;
  }
  const proxy = url.protocol === 'https:' ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy) : (env.HTTP_PROXY ?? env.http_proxy ?? env.HTTPS_PROXY ?? env.https_proxy);
  return proxy || undefined;
}

/**
 * The SDK always opens wss://; for an http:// base URL the tunnel must carry plain HTTP, so TLS inside the
 * CONNECT tunnel is turned off.
 */
class PlainTunnelProxyAgent extends HttpsProxyAgent<string> {
  override connect(req: Parameters<HttpsProxyAgent<string>['connect']>[0], opts: Parameters<HttpsProxyAgent<string>['connect']>[1]) {
    return super.connect(req, { ...opts, secureEndpoint: false });
  }
}

export interface CliNetwork {
  deps: KeyTestDeps;
  /** The proxy both probes go through, if any. */
  proxy?: string;
  /** Destroys every connection still open or opening (a TLS stall, a stalled DNS query): the process can end. */
  close(): Promise<void>;
}

/**
 * The CLI's own network stack for one test. An aborted request does not end a connection that is still being
 * set up (a TLS handshake that never completes lives on until the HTTP client's own connect timeout), and such a
 * socket keeps the process alive after the verdict: every socket opened for the test is therefore tracked and
 * destroyed by `close()`, DNS queries are cancellable, and the connect timeout is the test's. Honours
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY for both probes.
 */
export function cliNetwork(baseUrl: string, env: NodeJS.ProcessEnv, timeoutMs: number): CliNetwork {
  const proxy = proxyFor(baseUrl, env);
  const dns = cancellableLookup();
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  // Plain TCP connections made by anyone during the test (the WebSocket's proxy agent included).
  const onSocket = (message: unknown) => track((message as { socket: Socket }).socket);
  diagnostics.subscribe('net.client.socket', onSocket);
  const tracked = (): buildConnector.connector => {
    const connect = buildConnector({ timeout: timeoutMs, lookup: dns.lookup } as buildConnector.BuildOptions);
    return (options, callback) => {
      const socket = (connect as unknown as (o: buildConnector.Options, c: buildConnector.Callback) => Socket | undefined)(options, callback);
      if (socket) {
        track(socket);
      }
    };
  };
  const dispatcher = proxy
    ? new ProxyAgent({ uri: proxy, requestTls: { timeout: timeoutMs }, clientFactory: (origin, opts) => new Client(origin, { ...opts, connect: tracked() }) })
    : new Agent({ connect: tracked() });
  const insecure = new URL(baseUrl).protocol === 'http:';
  return {
    proxy,
    deps: {
      rest: { fetch: undiciFetch as unknown as typeof fetch, fetchOptions: { dispatcher } },
      realtime: {
        lookup: dns.lookup,
        ...(proxy ? { agent: insecure ? new PlainTunnelProxyAgent(proxy) : new HttpsProxyAgent(proxy) } : {}),
      },
    },
    close: async () => {
      diagnostics.unsubscribe('net.client.socket', onSocket);
      dns.cancel();
      for (const socket of sockets) {
        socket.destroy();
      }
      await dispatcher.destroy();
    },
  };
}
