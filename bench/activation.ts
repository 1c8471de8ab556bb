/**
 * Loads the real bundle with a stub `vscode` module and times activate(): the work done at start-up
 * (registering providers, watchers and commands) without a VS Code process.
 */
import Module from 'module';
import { MemorySecretStorage, createVscodeStub } from '../test/support/vscodeStub';

export interface ActivationTiming {
  /** require() of the bundle plus activate(), with a cold module cache: what start-up costs. */
  loadAndActivateMs: number;
  /** activate() alone, module already loaded. */
  activateMs: number;
  runs: number;
}

export async function measureActivation(bundle: string, runs = 30): Promise<ActivationTiming> {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  const vscode = createVscodeStub();
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : original.call(this, request, ...rest);
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      delete require.cache[require.resolve(bundle)];
      const context = {
        subscriptions: [] as Array<{ dispose(): unknown }>,
        secrets: new MemorySecretStorage(),
        globalState: { get: () => undefined, update: async () => undefined },
        environmentVariableCollection: { clear() {}, replace() {}, getScoped: () => ({ replace() {} }) },
      };
      const t0 = process.hrtime.bigint();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const extension = require(bundle) as { activate(c: unknown): unknown };
      const t1 = process.hrtime.bigint();
      extension.activate(context);
      const t2 = process.hrtime.bigint();
      cold.push(Number(t2 - t0) / 1e6);
      warm.push(Number(t2 - t1) / 1e6);
      context.subscriptions.forEach((s) => s.dispose());
    }
    return { loadAndActivateMs: median(cold), activateMs: median(warm), runs };
  } finally {
    loader._load = original;
  }
}
