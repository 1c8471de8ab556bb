import * as assert from 'assert';
import { spawn } from 'child_process';
import * as dgram from 'dgram';
import * as net from 'net';
import * as path from 'path';
import { Agent, fetch as undiciFetch } from 'undici';
import { cancellableLookup } from '../../../../src/core/probe/cancellableLookup';
import { testKey } from '../../../../src/core/probe/keyTest';
import { MockOpenAI, mockKey, startMockOpenAI } from '../../../mock/openaiMock';

const CLI = path.resolve(__dirname, '..', '..', '..', '..', 'src', 'cli', 'main.js');
const EXIT_TIMER = path.resolve(__dirname, '..', '..', '..', 'support', 'exitTimer.js');
const TIMEOUT_MS = 1000;

type Probe = { status: string; ms: number };

interface Run {
  code: number | null;
  /** Spawn to exit, start-up included. */
  wallMs: number;
  /** From the start of the key test to the exit of the process: the longest probe, then what lingered. */
  testMs: number;
  lingerMs: number;
  json: { rest: Probe; realtime: Probe | null; inference: Probe | null };
}

/** Runs the CLI as its own process, and measures how long it lived once the test began. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--require', EXIT_TIMER, CLI, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = Date.now() - started;
      const lingerMs = Number(/OKD_LINGER_MS=(-?\d+)/.exec(err)?.[1] ?? NaN);
      try {
        const json = JSON.parse(out) as Run['json'];
        const longest = Math.max(...[json.rest, json.realtime, json.inference].map((p) => p?.ms ?? 0));
        resolve({ code, wallMs, testMs: longest + lingerMs, lingerMs, json });
      } catch (error) {
        reject(new Error(`not JSON (${(error as Error).message}): ${out}${err}`));
      }
    });
  });
}

/** A server that accepts TCP connections and never says a word: a TLS handshake to it stalls forever. */
function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () =>
          new Promise<void>((r) => {
            sockets.forEach((s) => s.destroy());
            server.close(() => r());
          }),
      }),
    ),
  );
}

describe('--timeout-ms bounds the whole test, in every phase: the process ends by timeout + 1 s', function () {
  this.timeout(60000);
  let mock: MockOpenAI;
  let silent: { port: number; close(): Promise<void> };

  before(async () => {
    mock = await startMockOpenAI();
    silent = await silentServer();
  });
  after(async () => {
    await mock.close();
    await silent.close();
  });

  const phases: Array<[string, string, string[], (run: Run) => void]> = [
    ['TLS handshake (TCP accepted, no handshake)', 'tls', [], (r) => assert.deepStrictEqual([r.json.rest.status, r.json.realtime?.status], ['timeout', 'timeout'])],
    ['TLS handshake, full test', 'tls', ['--full'], (r) => assert.deepStrictEqual([r.json.rest.status, r.json.inference?.status, r.json.realtime?.status], ['timeout', 'timeout', 'timeout'])],
    ['response headers and the WebSocket upgrade', 'hang', ['--full'], (r) => assert.deepStrictEqual([r.json.rest.status, r.json.realtime?.status], ['timeout', 'timeout'])],
    ['response body', 'slow_body', ['--full'], (r) => assert.deepStrictEqual([r.json.rest.status, r.json.inference?.status], ['timeout', 'timeout'])],
    ['Realtime events (no session.created)', 'rt_no_session', [], (r) => assert.strictEqual(r.json.realtime?.status, 'timeout')],
    ['Realtime events (no answer to response.create)', 'rt_response_hang', ['--full'], (r) => assert.strictEqual(r.json.realtime?.status, 'timeout')],
  ];
  for (const [phase, scenario, extra, check] of phases) {
    it(`${phase}: ends within ${TIMEOUT_MS} + 1000 ms`, async () => {
      const baseUrl = scenario === 'tls' ? `https://127.0.0.1:${silent.port}/v1` : mock.baseUrl;
      const run = await runCli(['test', '--base-url', baseUrl, '--timeout-ms', String(TIMEOUT_MS), '--format', 'json', ...extra], { OPENAI_API_KEY: mockKey(scenario === 'tls' ? 'ok' : scenario) });
      check(run);
      assert.strictEqual(run.code, 1);
      assert.ok(run.lingerMs >= 0, 'the report was printed');
      assert.ok(run.testMs <= TIMEOUT_MS + 1000, `the process ended ${run.testMs} ms after the test began (${run.lingerMs} ms after its report; ${run.wallMs} ms with start-up)`);
    });
  }

  it('DNS: a resolver that never answers is cut at the deadline, and nothing of it stays alive', async () => {
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
    const dns = cancellableLookup({ servers: [`127.0.0.1:${udp.address().port}`] });
    const dispatcher = new Agent({ connect: { lookup: dns.lookup, timeout: TIMEOUT_MS } });
    try {
      const started = Date.now();
      const report = await testKey(
        { key: mockKey('ok'), source: 'test', baseUrl: 'https://api.stalled-dns.test/v1', timeoutMs: TIMEOUT_MS, full: true },
        { rest: { fetch: undiciFetch as unknown as typeof fetch, fetchOptions: { dispatcher } }, realtime: { lookup: dns.lookup } },
      );
      const elapsed = Date.now() - started;
      assert.deepStrictEqual([report.rest.status, report.inference?.status, report.realtime?.status], ['timeout', 'timeout', 'timeout']);
      assert.ok(elapsed < TIMEOUT_MS + 500, `${elapsed} ms`);
    } finally {
      dns.cancel();
      await dispatcher.destroy();
      udp.close();
    }
    await new Promise((r) => setTimeout(r, 50));
    const left = process.getActiveResourcesInfo().filter((r) => /GetAddrInfo|UDP|QueryWrap/.test(r));
    assert.deepStrictEqual(left, [], 'no DNS query or socket left');
  });
});
