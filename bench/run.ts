/**
 * npm run bench: throughput and scaling of the linter next to dotenv's own parser, in one run on one machine,
 * reported as ratios (absolute times on a shared 2-core machine are noise). Also the bundle size, the time
 * activate() takes against a stub vscode, and the source-file key scan next to grep.
 */
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as path from 'path';
import { parseDotenv } from '../src/core/dotenv/parse';
import { lintText } from '../src/core/lint';
import { fakeKey } from '../test/support/keys';
import { measureActivation } from './activation';
import { benchCli, coldSplit } from './cli';
import { normalFile, oneLineFile } from './files';
import { benchProbes } from './probes';
import { benchSourceSlices, printSliceBench } from './sourceSlices';
import { benchSources } from './sources';

const ROOT = path.resolve(__dirname, '..', '..');
const LISTED_PATHOLOGICAL = 4;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall time of `fn` over `runs` runs, after one warm-up. */
function time(fn: () => unknown, runs: number): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

function mb(text: string): number {
  return Buffer.byteLength(text, 'utf8') / (1024 * 1024);
}

interface Row {
  name: string;
  megabytes: number;
  ms: number;
  msPerMb: number;
}

function measure(name: string, text: string, fn: (t: string) => unknown, runs: number): Row {
  const ms = time(() => fn(text), runs);
  return { name, megabytes: mb(text), ms, msPerMb: ms / mb(text) };
}

function printRows(rows: Row[]): void {
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(52)} ${r.megabytes.toFixed(2).padStart(6)} MB  ${r.ms.toFixed(1).padStart(8)} ms  ${r.msPerMb.toFixed(1).padStart(7)} ms/MB`);
  }
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {};
  console.log('OpenAI Key Doctor benchmark (median of runs, one process, same machine)\n');

  const normal = normalFile();
  console.log(`1. Throughput on a ${mb(normal).toFixed(1)} MB, ${normal.split('\n').length - 1}-line .env`);
  const dotenvRow = measure('dotenv.parse (the oracle, bare parse)', normal, (t) => dotenv.parse(t), 7);
  const parseRow = measure('our parser (positions, no rules)', normal, (t) => parseDotenv(t), 7);
  const lintRow = measure('our full lint (parse + every rule)', normal, (t) => lintText(t, { fileName: '.env' }), 7);
  printRows([dotenvRow, parseRow, lintRow]);
  const lintSpeedRatio = dotenvRow.ms / lintRow.ms;
  console.log(`  => full lint runs at ${lintSpeedRatio.toFixed(2)}x dotenv's bare parse speed (target >= 0.5x); parser alone ${(dotenvRow.ms / parseRow.ms).toFixed(2)}x\n`);
  results.throughput = { dotenv: dotenvRow, parse: parseRow, lint: lintRow, lintSpeedRatio };

  console.log('2. Pathological inputs: time per MB of the full lint, against the normal file');
  const key = fakeKey('project');
  // The first four are the inputs the performance target names; the rest are extra hostile cases.
  const pathological: Array<[string, string]> = [
    ['one 5 MB line', `OPENAI_API_KEY=${'A'.repeat(5 * 1024 * 1024)}\n`],
    ['100k quote characters on one line', `OPENAI_API_KEY=${'"'.repeat(100_000)}\n`],
    ['100k duplicates of OPENAI_API_KEY', `OPENAI_API_KEY=${key}\n`.repeat(100_000)],
    ['deeply nested quotes ("\'`"\'`… 300k deep)', `OPENAI_API_KEY=${'"\'`'.repeat(100_000)}\n`],
    ["100k tiny lines opening a quote that never closes", "A='x\n".repeat(100_000)],
    ['100k escaped quotes in an open double quote', `OPENAI_API_KEY="${'\\"'.repeat(100_000)}\n`],
    ['100k zero-width spaces in a key', `OPENAI_API_KEY=sk-proj-${'\u200b'.repeat(100_000)}\n`],
  ];
  const rows = pathological.map(([name, text]) => {
    const ours = measure(name, text, (t) => lintText(t, { fileName: '.env' }), 5);
    const theirs = measure(name, text, (t) => dotenv.parse(t), 5);
    return { ...ours, perMbVsNormal: ours.msPerMb / lintRow.msPerMb, dotenvMsPerMb: theirs.msPerMb, dotenvPerMbVsNormal: theirs.msPerMb / dotenvRow.msPerMb };
  });
  console.log(`  ${'input'.padEnd(52)} ${'size'.padStart(9)}  ${'our lint'.padStart(11)}  ${'ms/MB'.padStart(7)}  ${'x normal'.padStart(8)}  | dotenv.parse ms/MB (x its normal)`);
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(52)} ${r.megabytes.toFixed(2).padStart(6)} MB  ${r.ms.toFixed(1).padStart(8)} ms  ${r.msPerMb.toFixed(1).padStart(7)}  ${r.perMbVsNormal.toFixed(2).padStart(7)}x  | ${r.dotenvMsPerMb.toFixed(1).padStart(9)} (${r.dotenvPerMbVsNormal.toFixed(2)}x)`,
    );
  }
  const listed = rows.slice(0, LISTED_PATHOLOGICAL);
  const worst = listed.reduce((a, b) => (a.perMbVsNormal > b.perMbVsNormal ? a : b));
  const worstExtra = rows.slice(LISTED_PATHOLOGICAL).reduce((a, b) => (a.perMbVsNormal > b.perMbVsNormal ? a : b));
  console.log(`  => worst of the four specified inputs: "${worst.name}" at ${worst.perMbVsNormal.toFixed(2)}x the normal file's time per MB (target <= 3x)`);
  console.log(`  => worst of the extra inputs: "${worstExtra.name}" at ${worstExtra.perMbVsNormal.toFixed(2)}x (dotenv.parse itself: ${worstExtra.dotenvPerMbVsNormal.toFixed(2)}x)\n`);
  results.pathological = { rows, worstSpecified: worst.perMbVsNormal, worstExtra: worstExtra.perMbVsNormal, normalMsPerMb: lintRow.msPerMb };

  console.log('3. Extension bundle and activation');
  const bundle = path.join(ROOT, 'dist', 'extension.js');
  if (fs.existsSync(bundle)) {
    const size = fs.statSync(bundle).size;
    const probes = path.join(ROOT, 'dist', 'probes.js');
    const probesSize = fs.existsSync(probes) ? fs.statSync(probes).size : 0;
    console.log(`  dist/extension.js: ${(size / 1024).toFixed(1)} KB loaded at start-up; dist/probes.js: ${(probesSize / 1024).toFixed(1)} KB loaded on the first key test (${fs.existsSync(`${bundle}.map`) ? 'development build: run npm run package for the minified one' : 'minified, as packaged'})`);
    results.probesBundleBytes = probesSize;
    const activation = await measureActivation(bundle);
    console.log(`  with a stub vscode, median of ${activation.runs}: require + activate() ${activation.loadAndActivateMs.toFixed(2)} ms, activate() alone ${activation.activateMs.toFixed(3)} ms`);
    results.bundle = { bytes: size, activation };
  } else {
    console.log('  dist/extension.js not built: run `npm run package` first (skipped)');
  }

  console.log('\n4. The CLI as a whole process (what a pre-commit hook pays) next to `node -e` + dotenv.parse of the same file');
  const cliBundles = ['cli.js', 'cli-lint.js'].map((f) => fs.statSync(path.join(ROOT, 'dist', f)).size);
  console.log(`  lint loads dist/cli.js (${(cliBundles[0] / 1024).toFixed(1)} KB) and dist/cli-lint.js (${(cliBundles[1] / 1024).toFixed(1)} KB); medians of alternated runs, files outside any git repository`);
  const cli = benchCli(ROOT, oneLineFile(), normal);
  for (const c of cli) {
    console.log(`  ${c.name.padEnd(14)} lint ${c.lintMs.toFixed(1).padStart(7)} ms | dotenv ${c.dotenvMs.toFixed(1).padStart(7)} ms | node -e 0 ${c.nodeMs.toFixed(1).padStart(5)} ms (median of ${c.runs})`);
    console.log(`    => CLI lint / dotenv: ${c.ratio.toFixed(2)}x (target <= ${c.target.toFixed(1)}x)`);
  }
  const split = coldSplit(ROOT, normal);
  console.log(`  where the big file's time goes (CPU of one cold call in a fresh process, median of 5): dotenv.parse ${split.dotenvParseMs.toFixed(0)} ms | our parser alone ${split.ourParseMs.toFixed(0)} ms | full lint ${split.fullLintMs.toFixed(0)} ms, of which the rule checks (all but the parse) ${(split.fullLintMs - split.ourParseMs).toFixed(0)} ms`);
  results.cli = { comparisons: cli, coldSplit: split };

  console.log('\n5. Key test (REST + Realtime) against the loopback mock, next to a bare fetch + bare ws doing the same exchange;\n   the full test (one paid call per API) next to the sum of its steps');
  const probeRows = [];
  for (const latencyMs of [0, 50]) {
    const r = await benchProbes(latencyMs, latencyMs === 0 ? 40 : 15);
    probeRows.push(r);
    console.log(`  server latency ${String(latencyMs).padStart(2)} ms: ours ${r.oursMs.toFixed(1)} ms | bare fetch+ws in parallel ${r.bareParallelMs.toFixed(1)} ms, one after the other ${r.bareSequentialMs.toFixed(1)} ms`);
    console.log(`    => our overhead ${r.overheadRatio.toFixed(2)}x the bare parallel exchange; wall ${r.oursMs.toFixed(1)} ms vs REST ${r.restMs} ms + Realtime ${r.realtimeMs} ms = ${r.restMs + r.realtimeMs} ms (wall/sum ${r.overlapRatio.toFixed(2)}: < 1 means the probes overlap)`);
    const f = r.full;
    console.log(`    full test: wall ${f.wallMs.toFixed(1)} ms vs GET /models/{model} ${f.restMs} ms + paid REST call ${f.paidCallMs} ms + Realtime with its response ${f.realtimeMs} ms = ${f.sumOfStepsMs} ms (wall/sum ${f.overlapRatio.toFixed(2)}; ${(f.wallMs / r.oursMs).toFixed(2)}x the free test)`);
  }
  results.probes = probeRows;

  console.log('\n6. Hard-coded keys in source files: a whole lint-like process on a generated tree, next to grep -rIl --exclude-dir=node_modules sk-');
  results.sources = await benchSources();

  console.log('\n7. The extension\'s workspace scan for hard-coded keys: the longest time it holds the extension host (target <= 50 ms)');
  const slices = await benchSourceSlices();
  printSliceBench(slices);
  results.sourceSlices = slices;

  const outDir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(results, null, 2));
  console.log(`\nWrote bench/results/latest.json`);
}

void main();
