import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Agent, fetch as undiciFetch } from 'undici';
import { testKey } from '../../../../src/core/probe/keyTest';
import { mockKey } from '../../../mock/openaiMock';
import { cli } from '../../../support/cli';

/** A self-signed certificate made at run time (nothing secret is stored in the repository). */
function makeCertificate(dir: string, commonName: string): { key: string; cert: string } | undefined {
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, `${commonName}.key`), '-out', path.join(dir, `${commonName}.crt`), '-days', '2', '-subj', `/CN=${commonName}`, '-addext', `subjectAltName=DNS:${commonName}`], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { key: fs.readFileSync(path.join(dir, `${commonName}.key`), 'utf8'), cert: fs.readFileSync(path.join(dir, `${commonName}.crt`), 'utf8') };
}

describe('TLS failures name their cause and the CA-bundle advice', function () {
  this.timeout(20000);
  let dir: string;
  let server: https.Server;
  let baseUrl: string;
  let certificate: { key: string; cert: string } | undefined;

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-tls-'));
    certificate = makeCertificate(dir, 'proxy.intercept.test');
    if (!certificate) {
      console.log('      (skipped: openssl is not installed, so no test certificate can be made)');
      this.skip();
    }
    server = https.createServer(certificate, (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    baseUrl = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1`;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a certificate nobody trusted (a TLS-intercepting proxy): self-signed, with NODE_EXTRA_CA_CERTS / SSL_CERT_FILE advice', async () => {
    const run = await cli(['test', '--base-url', baseUrl, '--format', 'json', '--timeout-ms', '3000'], { cwd: dir, env: { OPENAI_API_KEY: mockKey('ok') } });
    const json = JSON.parse(run.stdout);
    assert.deepStrictEqual([json.rest.status, json.rest.cause, json.realtime.status, json.realtime.cause], ['network_error', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'network_error', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
    assert.match(json.rest.message, /the TLS connection failed on a self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    assert.match(json.verdict.summary, /could not be reached: the TLS connection failed on a self-signed certificate/);
    assert.match(json.verdict.nextSteps[0], /NODE_EXTRA_CA_CERTS=.*SSL_CERT_FILE or REQUESTS_CA_BUNDLE for Python/);
  });

  it('a trusted certificate for another host name: hostname mismatch', async () => {
    const dispatcher = new Agent({ connect: { ca: certificate!.cert } });
    try {
      const report = await testKey(
        { key: mockKey('ok'), source: 'test', baseUrl, timeoutMs: 3000 },
        { rest: { fetch: undiciFetch as unknown as typeof fetch, fetchOptions: { dispatcher } }, realtime: { agent: new https.Agent({ ca: certificate!.cert }) } },
      );
      assert.deepStrictEqual([report.rest.cause, report.realtime?.cause], ['ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_TLS_CERT_ALTNAME_INVALID']);
      assert.match(report.verdict.summary, /a certificate for another host name \(hostname mismatch\)/);
    } finally {
      await dispatcher.destroy();
    }
  });
});
