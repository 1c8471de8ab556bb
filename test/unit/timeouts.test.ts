import * as assert from 'assert';
import { spawn } from 'child_process';
import * as dgram from 'dgram';
import * as net from 'net';
import * as path from 'path';
import { Agent, fetch as undiciFetch } from 'undici';
import { cancellableLookup } from '../../src/core/probe/cancellableLookup';
import { testKey } from '../../src/core/probe/keyTest';
import { MockOpenAI, mockKey, startMockOpenAI } from '../mock/openaiMock';

const CLI = path.resolve(__dirname, '..', '..', 'src', 'cli', 'main.js');
const TIMEOUT_MS = 1000;

interface Run {
  code: number | null;
  ms: number;
  json: { rest: { status: string }; realtime: { status: string } | null; inference: { status: string } | null };
}

/** Runs the CLI as its own process and measures from spawn to exit. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Date.now() - started;
      try {
        resolve({ code, ms, json: args.includes('--version') ? (undefined as never) : JSON.parse(out) });
      } catch (error) {
        reject(new Error(`not JSON (${(error as Error).message}): ${out}`));
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
  let startupMs = 0;

  before(async () => {
    mock = await startMockOpenAI();
    silent = await silentServer();
    // What starting the CLI costs on this machine right now (it loads the same modules as a test run).
    const samples = [];
    for (let i = 0; i < 3; i++) {
      samples.push((await runCli(['--version'], {}).catch(() => ({ ms: 0 }))).ms);
    }
    startupMs = Math.min(...samples);
    console.log(`      (CLI start-up on this machine: ${startupMs} ms, subtracted from each run's wall time)`);
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
      const beyond = run.ms - startupMs;
      assert.ok(beyond <= TIMEOUT_MS + 1000, `the process ended ${run.ms} ms after it started (${beyond} ms after start-up)`);
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
