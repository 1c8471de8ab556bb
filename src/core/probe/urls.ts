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

const LOOPBACK_HOSTS = /^(localhost|.*\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/**
 * An http:// base URL to another machine would carry `Authorization: Bearer <key>` in clear text: it needs an
 * explicit yes. Loopback (a local proxy, the mock) and https need nothing.
 */
export function isInsecureRemote(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' && !LOOPBACK_HOSTS.test(url.hostname);
  } catch {
    return false;
  }
}
