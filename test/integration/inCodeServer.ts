/**
 * `npm run test:integration:code-server` (and a step of `npm test`): the integration suite, the same mocha files
 * `@vscode/test-electron` runs in desktop VS Code, run inside code-server's real extension host with the packaged
 * .vsix installed. A test-runner extension, installed only into this throw-away profile, runs the suite and posts
 * each result here over loopback HTTP; this prints them and ends with `integration: N passed, N failed`.
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { CodeServerSession, ROOT, readTools } from '../e2e/harness';
import { REPORT_URL_VARIABLE, RunnerEvent } from './runner/protocol';

const SUITE_TIMEOUT_MS = 5 * 60 * 1000;
const RESULTS = path.join(ROOT, 'test-results', 'integration');

interface Collector {
  url: string;
  finished: Promise<Extract<RunnerEvent, { type: 'end' | 'crash' }>>;
  failures: Array<Extract<RunnerEvent, { type: 'fail' }>>;
  close(): void;
}

/** A loopback HTTP endpoint, behind a random path, that prints the runner's events as they arrive. */
async function collectResults(): Promise<Collector> {
  const token = crypto.randomBytes(16).toString('hex');
  const failures: Collector['failures'] = [];
  let finish!: (event: Extract<RunnerEvent, { type: 'end' | 'crash' }>) => void;
  const finished = new Promise<Extract<RunnerEvent, { type: 'end' | 'crash' }>>((resolve) => (finish = resolve));
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== `/${token}`) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(204).end();
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RunnerEvent;
      switch (event.type) {
        case 'start':
          console.log(`  running ${event.total} tests in the extension host`);
          break;
        case 'pass':
          console.log(`    ✔ ${event.title} (${event.durationMs} ms)`);
          break;
        case 'fail':
          failures.push(event);
          console.log(`    ✘ ${event.title}\n      ${event.message.split('\n').join('\n      ')}`);
          break;
        case 'log':
          console.log(`      | ${event.text.split('\n').join('\n      | ')}`);
          break;
        case 'pending':
          console.log(`    - ${event.title} (skipped)`);
          break;
        default:
          finish(event);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/${token}`, finished, failures, close: () => server.close() };
}

function timeout(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
}

async function main(): Promise<number> {
  console.log('Integration suite in code-server (test/integration, mocha in the real extension host)');
  const runnerVsix = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-integration-runner.mjs')], { encoding: 'utf8' }).trim();
  const collector = await collectResults();
  const session = new CodeServerSession(readTools(), { extraExtensions: [runnerVsix], env: { [REPORT_URL_VARIABLE]: collector.url } });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-integration-'));
  fs.cpSync(path.join(ROOT, 'test', 'integration', 'fixture'), workspace, { recursive: true });
  let outcome: Awaited<Collector['finished']> | 'timeout' = 'timeout';
  try {
    await session.start();
    await session.open(workspace);
    outcome = await Promise.race([collector.finished, timeout(SUITE_TIMEOUT_MS)]);
    if (outcome !== 'timeout' && outcome.type === 'end' && outcome.failed === 0) {
      return report(outcome.passed, 0, outcome.pending);
    }
    await session.screenshot('FAILED-integration', RESULTS).catch(() => undefined);
    session.saveLogs('FAILED-integration', RESULTS);
    if (outcome === 'timeout') {
      console.log(`\nThe runner reported no end within ${SUITE_TIMEOUT_MS / 1000} s (extension host log: test-results/integration/).`);
      return report(0, 1, 0);
    }
    if (outcome.type === 'crash') {
      console.log(`\nThe runner crashed: ${outcome.stack ?? outcome.message}`);
      return report(0, 1, 0);
    }
    console.log(`\n${collector.failures.length} failing:`);
    collector.failures.forEach((f, i) => console.log(`\n  ${i + 1}) ${f.title}\n     ${(f.stack ?? f.message).split('\n').join('\n     ')}`));
    return report(outcome.passed, outcome.failed, outcome.pending);
  } finally {
    collector.close();
    await session.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

function report(passed: number, failed: number, pending: number): number {
  console.log(`\nintegration: ${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    console.log('\nintegration: 0 passed, 1 failed');
    process.exit(1);
  },
);
