/** `https://api.openai.com/v1` -> `wss://api.openai.com/v1/realtime?model=gpt-realtime` (http -> ws). */
export function realtimeUrl(baseUrl: string, model: string): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + '/realtime');
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.searchParams.set('model', model);
  return url.toString();
}
