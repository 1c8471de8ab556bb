import { problemsOf } from './keyProblems';
import { KeyTestDeps, KeyTestReport, KeyTestRequest, runKeyTest } from './keyTestRun';

export * from './keyTestRun';
export { keyProblems, problemsOf } from './keyProblems';

/**
 * Tests a key against the REST API and the Realtime API in parallel (see runKeyTest), after checking its format
 * with the linter's key rules. The extension's probes bundle (dist/probes.js) calls runKeyTest with the problems
 * the extension computed, so the rules are not bundled twice.
 */
export async function testKey(request: KeyTestRequest, deps: KeyTestDeps = {}): Promise<KeyTestReport> {
  return runKeyTest(request, problemsOf(request), deps);
}
