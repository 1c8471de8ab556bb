import * as assert from 'assert';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import { proxyFor } from '../../../src/cli/proxy';
import { cancellableLookup } from '../../../src/core/probe/cancellableLookup';
import { isInsecureRemote, isInsecureRemoteWithPinnedLocalhost } from '../../../src/core/probe/urls';
import { cli } from '../../support/cli';
import { fakeKey } from '../../support/keys';

// The module object itself (not an import namespace, whose properties are read-only getters).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dns = require('dns') as typeof import('dns');

/** An address of this machine that is not loopback: "another machine" for these tests. */
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

function needAnotherAddress(context: Mocha.Context, address: string | undefined): asserts address is string {
  if (!address) {
    console.log('      (skipped: this machine has no non-loopback IPv4 address to play another machine)');
    context.skip();
  }
}

describe('an http:// base URL on loopback stays on this machine', function () {
  this.timeout(30000);

  it('loopback hosts never go through a proxy; other hosts still do unless NO_PROXY names them', () => {
    const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://proxy.corp:3128' };
    for (const url of ['http://127.0.0.1:8080/v1', 'http://127.8.9.10/v1', 'http://localhost:8080/v1', 'http://LOCALHOST./v1', 'http://dev.localhost:9/v1', 'http://[::1]:8080/v1', 'http://[::ffff:127.0.0.1]/v1', 'https://localhost/v1']) {
      assert.strictEqual(proxyFor(url, env), undefined, url);
    }
    assert.strictEqual(proxyFor('https://api.openai.com/v1', env), 'http://proxy.corp:3128');
    assert.strictEqual(proxyFor('http://10.0.0.5/v1', env), 'http://proxy.corp:3128');
    assert.strictEqual(proxyFor('http://localhost.example.com/v1', env), 'http://proxy.corp:3128', 'a name that only starts with localhost is not loopback');
    assert.strictEqual(proxyFor('https://api.openai.com/v1', { ...env, NO_PROXY: 'openai.com' }), undefined);
  });

  it('*.localhost is loopback for the CLI (its resolver pins it), not for a system resolver that may ask DNS', () => {
    const urls = ['http://okd.localhost:8080/v1', 'http://localhost:8080/v1', 'http://127.0.0.1/v1', 'http://192.0.2.2/v1', 'http://localhost.example.com/v1', 'https://okd.localhost/v1'];
    assert.deepStrictEqual(urls.map((u) => isInsecureRemoteWithPinnedLocalhost(u)), [false, false, false, true, true, false]);
    assert.deepStrictEqual(urls.map((u) => isInsecureRemote(u)), [true, false, false, true, true, false]);
  });

  describe('with a proxy on another machine (HTTP_PROXY / HTTPS_PROXY, NO_PROXY not naming loopback)', () => {
    const address = nonLoopbackAddress();
    let proxy: net.Server;
    let received = '';
    const sockets = new Set<net.Socket>();

    before(async function () {
      needAnotherAddress(this, address);
      // Accepts CONNECT, then records whatever goes through the tunnel.
      proxy = net.createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
        let connected = false;
        socket.on('data', (chunk: Buffer) => {
          received += chunk.toString('latin1');
          if (!connected && received.includes('\r\n\r\n')) {
            connected = true;
            socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
          }
        });
      });
      await new Promise<void>((r) => proxy.listen(0, address, () => r()));
    });
    after(async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
    });

    for (const variable of ['HTTP_PROXY', 'HTTPS_PROXY']) {
      it(`${variable}: Bearer <key> does not travel in clear text to the proxy (red team loopbackViaProxy)`, async () => {
        const key = fakeKey('project', 77);
        received = '';
        const port = (proxy.address() as net.AddressInfo).port;
        const run = await cli(['test', '--base-url', 'http://127.0.0.1:18080/v1', '--timeout-ms', '1500', '--format', 'json'], {
          cwd: os.tmpdir(),
          env: { OPENAI_API_KEY: key, [variable]: `http://${address}:${port}` },
        });
        const connects = received.split('\r\n').filter((l) => l.startsWith('CONNECT '));
        assert.ok(!received.includes(key), `the proxy read the key in clear text after ${JSON.stringify(connects)} (exit ${run.code})`);
        assert.deepStrictEqual(connects, [], 'nothing for loopback went to the proxy');
      });
    }
  });

  describe('a *.localhost name that a hostile resolver answers with another machine', () => {
    const address = nonLoopbackAddress();
    let server: http.Server;
    let port: number;
    const seen: string[] = [];
    const realLookup = dns.lookup;

    before(async function () {
      needAnotherAddress(this, address);
      server = http.createServer((req, res) => {
        seen.push(`${req.socket.localAddress} ${req.headers.authorization ?? ''}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'gpt-realtime', object: 'model', data: [] }));
      });
      await new Promise<void>((r) => server.listen(0, address, () => r()));
      port = (server.address() as net.AddressInfo).port;
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

    it('the CLI resolver answers loopback only, whatever the system resolver says', async () => {
      const { lookup } = cancellableLookup();
      const all = await new Promise<Array<{ address: string; family: number }>>((resolve, reject) =>
        (lookup as unknown as (h: string, o: object, c: (e: Error | null, a: Array<{ address: string; family: number }>) => void) => void)('okd-dev-proxy.localhost', { all: true }, (e, a) => (e ? reject(e) : resolve(a))),
      );
      assert.deepStrictEqual(all, [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ]);
    });

    it('the key does not travel in clear text to a non-loopback address without --allow-insecure-http (red team insecureLocalhost)', async () => {
      const key = fakeKey('project', 99);
      seen.length = 0;
      const run = await cli(['test', '--base-url', `http://okd-dev-proxy.localhost:${port}/v1`, '--no-realtime', '--timeout-ms', '3000', '--format', 'json'], {
        cwd: os.tmpdir(),
        env: { OPENAI_API_KEY: key },
      });
      const leaked = seen.filter((s) => s.includes(key));
      assert.deepStrictEqual(leaked.map((s) => s.split(' ')[0]), [], `exit ${run.code}: Bearer <key> reached ${address}:${port} over plain http; stdout: ${run.stdout.slice(0, 300)}`);
    });
  });
});
