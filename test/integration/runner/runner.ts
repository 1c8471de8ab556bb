/**
 * The test-runner extension's code (bundled with mocha and the spec files by scripts/build-integration-runner.mjs).
 * It runs the same mocha files `@vscode/test-electron` runs on a desktop, here inside code-server's extension
 * host, and posts each result to the harness (test/integration/inCodeServer.ts) on a loopback URL.
 */
import Mocha from 'mocha';
import { REPORT_URL_VARIABLE, RunnerEvent } from './protocol';

/** One spec file compiled into the bundle: loading it registers its describe/it blocks. */
export interface BundledSpec {
  file: string;
  load(): void;
}

/** Posts events one after the other, so the harness sees them in order and `end` last. */
function reporterTo(url: string): { send(event: RunnerEvent): void; flushed(): Promise<void> } {
  let queue = Promise.resolve();
  return {
    send(event) {
      queue = queue.then(async () => {
        try {
          await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
        } catch {
          // the harness is gone (it timed out or was stopped): nobody is left to tell
        }
      });
    },
    flushed: () => queue,
  };
}

function fullTitle(test: Mocha.Runnable): string {
  return test.titlePath().join(' > ');
}

export function runBundledSpecs(specs: BundledSpec[]): void {
  const url = process.env[REPORT_URL_VARIABLE];
  if (!url) {
    return; // installed somewhere else than the harness's profile: stay inert
  }
  const report = reporterTo(url);
  // What a test prints goes to the harness too. The extension host defines console's methods as accessors that
  // forward to the browser's devtools, so plain assignment is ignored: redefine them.
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    const original = console[level].bind(console);
    Object.defineProperty(console, level, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        original(...args);
        report.send({ type: 'log', text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') });
      },
    });
  }
  void run(specs, report).catch((error: Error) => {
    report.send({ type: 'crash', message: error.message, stack: error.stack });
  });
}

async function run(specs: BundledSpec[], report: ReturnType<typeof reporterTo>): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: Mocha.reporters.Base });
  const { EVENT_FILE_PRE_REQUIRE, EVENT_FILE_REQUIRE, EVENT_FILE_POST_REQUIRE } = Mocha.Suite.constants;
  for (const spec of specs) {
    // What mocha.addFile + loadFiles does for a file on disk, for a module inside this bundle.
    mocha.suite.emit(EVENT_FILE_PRE_REQUIRE, globalThis, spec.file, mocha);
    spec.load();
    mocha.suite.emit(EVENT_FILE_REQUIRE, {}, spec.file, mocha);
    mocha.suite.emit(EVENT_FILE_POST_REQUIRE, globalThis, spec.file, mocha);
  }
  const { EVENT_RUN_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
  await new Promise<void>((resolve) => {
    const runner = mocha.run();
    runner.on(EVENT_RUN_BEGIN, () => report.send({ type: 'start', total: runner.total }));
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => report.send({ type: 'pass', title: fullTitle(test), durationMs: test.duration ?? 0 }));
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Runnable, error: Error) => report.send({ type: 'fail', title: fullTitle(test), message: error.message, stack: error.stack }));
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => report.send({ type: 'pending', title: fullTitle(test) }));
    runner.on(EVENT_RUN_END, () => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      report.send({ type: 'end', passed: stats.passes, failed: stats.failures, pending: stats.pending });
      resolve();
    });
  });
  await report.flushed();
}
