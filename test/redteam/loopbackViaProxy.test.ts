import * as assert from 'assert';
import * as net from 'net';
import * as os from 'os';
import { cli } from '../support/cli';
import { fakeKey } from '../support/keys';

/**
 * Red team (issue 9 deliver 5, issue 10 "a key sent anywhere other than the configured base URL"): an `http://`
 * base URL on loopback (a local proxy or dev server) needs no `--allow-insecure-http`, but with HTTP_PROXY /
 * HTTPS_PROXY set and NO_PROXY not naming it (the usual corporate setup), the CLI sends the request through the
 * proxy (src/cli/proxy.ts proxyFor: no loopback bypass): `CONNECT 127.0.0.1:<port>` to the proxy, then
 * `Authorization: Bearer <key>` in clear text through the tunnel. So the key crosses the network unencrypted to
 * another machine, and "127.0.0.1" is the proxy's own loopback, not the user's: the key is sent to a server
 * the user never configured.
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

describe('red team: a loopback http:// base URL and a proxy on another machine', function () {
  this.timeout(30000);
  const address = nonLoopbackAddress();
  let proxy: net.Server;
  let received = '';
  const sockets = new Set<net.Socket>();

  before(async function () {
    if (!address) {
      this.skip();
    }
    // A proxy on another machine's address: accepts CONNECT, then records whatever goes through the tunnel.
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
    it(`${variable}: Bearer <key> does not travel in clear text to the proxy`, async () => {
      const key = fakeKey('project', 77);
      received = '';
      const port = (proxy.address() as net.AddressInfo).port;
      const run = await cli(['test', '--base-url', 'http://127.0.0.1:18080/v1', '--timeout-ms', '1500', '--format', 'json'], {
        cwd: os.tmpdir(),
        env: { OPENAI_API_KEY: key, [variable]: `http://${address}:${port}` },
      });
      const connects = received.split('\r\n').filter((l) => l.startsWith('CONNECT '));
      assert.ok(!received.includes(key), `the proxy at ${address}:${port} read the key in clear text after ${JSON.stringify(connects)} (exit ${run.code}, no --allow-insecure-http asked)`);
    });
  }
});
