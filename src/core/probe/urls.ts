import { isLoopbackHost } from './loopback';
import { displayUrl } from './serverFields';

/** `https://api.openai.com/v1` -> `wss://api.openai.com/v1/realtime?model=gpt-realtime` (http -> ws). */
export function realtimeUrl(baseUrl: string, model: string): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + '/realtime');
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.searchParams.set('model', model);
  return url.toString();
}

/** The Realtime URL for display: without the base URL's `user:password@` or query. */
export function displayRealtimeUrl(baseUrl: string, model: string): string {
  try {
    return realtimeUrl(displayUrl(baseUrl), model);
  } catch {
    return displayUrl(baseUrl);
  }
}

/**
 * An http:// base URL to another machine would carry `Authorization: Bearer <key>` in clear text: it needs an
 * explicit yes. Loopback (a local proxy, the mock) and https need nothing. For a system resolver, which may ask
 * DNS about `*.localhost` and get any address back, only `localhost` and loopback addresses are loopback.
 */
export function isInsecureRemote(baseUrl: string): boolean {
  return isPlainHttpTo(baseUrl, false);
}

/** The same, for a caller whose resolver pins `localhost` and `*.localhost` to loopback (the CLI's). */
export function isInsecureRemoteWithPinnedLocalhost(baseUrl: string): boolean {
  return isPlainHttpTo(baseUrl, true);
}

function isPlainHttpTo(baseUrl: string, localhostNamesPinned: boolean): boolean {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' && !isLoopbackHost(url.hostname, { localhostNamesPinned });
  } catch {
    return false;
  }
}
