/**
 * The cost of a key test (REST + Realtime through the openai SDK, in parallel) next to the same exchange done
 * with a bare fetch and a bare ws, against the loopback mock; and the full test's wall time next to the sum of
 * its steps (GET /models/{model}, the paid REST call, the Realtime session and its one-token response).
 */
import WebSocket from 'ws';
import { testKey } from '../src/core/probe/keyTest';
import { mockKey, startMockOpenAI } from '../test/mock/openaiMock';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

async function bareRest(baseUrl: string, key: string): Promise<void> {
  const response = await fetch(`${baseUrl}/models`, { headers: { Authorization: `Bearer ${key}` } });
  await response.json();
}

function bareRealtime(baseUrl: string, key: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/realtime?model=gpt-realtime`, { headers: { Authorization: `Bearer ${key}` } });
    ws.on('message', (data) => {
      const event = JSON.parse(data.toString()) as { type: string };
      if (event.type === 'session.created') {
        ws.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } }));
      } else if (event.type === 'session.updated') {
        ws.close(1000);
      }
    });
    ws.on('close', () => resolve());
    ws.on('error', reject);
  });
}

export interface ProbeBench {
  latencyMs: number;
  oursMs: number;
  bareSequentialMs: number;
  bareParallelMs: number;
  overheadRatio: number;
  restMs: number;
  realtimeMs: number;
  overlapRatio: number;
  full: FullTestBench;
}

export interface FullTestBench {
  wallMs: number;
  restMs: number;
  paidCallMs: number;
  realtimeMs: number;
  sumOfStepsMs: number;
  /** wall / sum of steps: below 1 when the steps overlap. */
  overlapRatio: number;
}

export async function benchProbes(latencyMs: number, runs: number): Promise<ProbeBench> {
  const mock = await startMockOpenAI({ latencyMs });
  const key = mockKey('ok');
  try {
    let lastRest = 0;
    let lastRealtime = 0;
    const oursMs = await timeIt(async () => {
      const report = await testKey({ key, source: 'bench', baseUrl: mock.baseUrl, timeoutMs: 10000 });
      if (report.verdict.status !== 'ok') {
        throw new Error(`unexpected verdict ${report.verdict.status}`);
      }
      lastRest = report.rest.ms;
      lastRealtime = report.realtime?.ms ?? 0;
    }, runs);
    const bareSequentialMs = await timeIt(async () => {
      await bareRest(mock.baseUrl, key);
      await bareRealtime(mock.baseUrl, key);
    }, runs);
    const bareParallelMs = await timeIt(() => Promise.all([bareRest(mock.baseUrl, key), bareRealtime(mock.baseUrl, key)]), runs);
    const steps = { rest: [] as number[], paid: [] as number[], realtime: [] as number[] };
    const fullWallMs = await timeIt(async () => {
      const report = await testKey({ key, source: 'bench', baseUrl: mock.baseUrl, timeoutMs: 10000, full: true });
      if (report.verdict.status !== 'ok' || !report.inference) {
        throw new Error(`unexpected full verdict ${report.verdict.status}`);
      }
      steps.rest.push(report.rest.ms);
      steps.paid.push(report.inference.ms);
      steps.realtime.push(report.realtime?.ms ?? 0);
    }, runs);
    const full = { restMs: median(steps.rest), paidCallMs: median(steps.paid), realtimeMs: median(steps.realtime) };
    const sumOfStepsMs = full.restMs + full.paidCallMs + full.realtimeMs;
    return {
      latencyMs,
      oursMs,
      bareSequentialMs,
      bareParallelMs,
      overheadRatio: oursMs / bareParallelMs,
      restMs: lastRest,
      realtimeMs: lastRealtime,
      overlapRatio: oursMs / (lastRest + lastRealtime),
      full: { wallMs: fullWallMs, ...full, sumOfStepsMs, overlapRatio: fullWallMs / sumOfStepsMs },
    };
  } finally {
    await mock.close();
  }
}
