import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import { cli } from '../support/cli';
import { fakeKey } from '../support/keys';

// The module object itself (not an import namespace, whose properties are read-only getters).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dns = require('dns') as typeof import('dns');

/**
 * Red team: `http://` to another machine needs `--allow-insecure-http` (issue 9, deliver 5), but any host name
 * ending in `.localhost` counts as loopback by its *name* (urls.ts LOOPBACK_HOSTS), and the CLI resolves such
 * names with the system resolver (cancellableLookup: getaddrinfo, which on glibc asks DNS for them; nothing
 * pins them to 127.0.0.1 or checks the address connected to). A DNS answer for `<name>.localhost` that is not a
 * loopback address (a hostile network's resolver) then gets `Authorization: Bearer <key>` in clear text, with
 * no flag and no warning.
 *
 * The hostile resolver is simulated by answering `*.localhost` with this machine's own non-loopback address,
 * where a plain HTTP server records what reaches it.
 */
function nonLoopbackAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) {
        return info.address;
      }
    }
  }
  return undefined;
}

describe('red team: http:// to a *.localhost name that does not resolve to loopback', function () {
  this.timeout(30000);
  const address = nonLoopbackAddress();
  let server: http.Server;
  let port: number;
  const seen: string[] = [];
  const realLookup = dns.lookup;

  before(async function () {
    if (!address) {
      this.skip();
    }
    server = http.createServer((req, res) => {
      seen.push(`${req.socket.localAddress} ${req.headers.authorization ?? ''}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'gpt-realtime', object: 'model', data: [] }));
    });
    await new Promise<void>((r) => server.listen(0, address, () => r()));
    port = (server.address() as AddressInfo).port;
    // The hostile resolver: *.localhost -> a non-loopback address.
    (dns as { lookup: unknown }).lookup = ((hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
      if (/\.localhost$/i.test(hostname)) {
        const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
        return all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4);
      }
      return (realLookup as (...args: unknown[]) => unknown)(hostname, options, callback);
    }) as unknown;
  });
  after(async () => {
    (dns as { lookup: unknown }).lookup = realLookup;
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  });

  it('the key does not travel in clear text to a non-loopback address without --allow-insecure-http', async () => {
    const key = fakeKey('project', 99);
    seen.length = 0;
    const run = await cli(['test', '--base-url', `http://okd-dev-proxy.localhost:${port}/v1`, '--no-realtime', '--timeout-ms', '3000', '--format', 'json'], {
      cwd: os.tmpdir(),
      env: { OPENAI_API_KEY: key },
    });
    const leaked = seen.filter((s) => s.includes(key));
    assert.deepStrictEqual(
      leaked.map((s) => s.split(' ')[0]),
      [],
      `exit ${run.code}: Bearer <key> reached ${address}:${port} over plain http (${leaked.length} request(s)); stdout: ${run.stdout.slice(0, 300)}`,
    );
  });
});
