import { HttpsProxyAgent } from 'https-proxy-agent';
import { ProxyAgent, fetch as undiciFetch } from 'undici';
import type { KeyTestDeps } from '../core/probe/keyTest';

/** The proxy a command-line run should use for a URL: HTTPS_PROXY / HTTP_PROXY, unless NO_PROXY matches. */
export function proxyFor(target: string, env: NodeJS.ProcessEnv): string | undefined {
  const url = new URL(target);
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

/** Probe dependencies that send both the REST call and the WebSocket upgrade through the proxy. */
export function proxiedDeps(proxy: string, baseUrl: string): KeyTestDeps & { close(): Promise<void> } {
  const dispatcher = new ProxyAgent(proxy);
  const insecure = new URL(baseUrl).protocol === 'http:';
  return {
    rest: { fetch: undiciFetch as unknown as typeof fetch, fetchOptions: { dispatcher } },
    realtime: { agent: insecure ? new PlainTunnelProxyAgent(proxy) : new HttpsProxyAgent(proxy) },
    close: () => dispatcher.close(),
  };
}
