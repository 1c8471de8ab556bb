/**
 * The extension's services (src/extension/services.ts) made over the `vscode` stub, for unit tests of the
 * features: an in-memory SecretStorage and globalState, no git (stub URIs are not `file:` URIs).
 */
import { MemorySecretStorage, installVscodeStub } from './vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createServices } = require('../../src/extension/services') as typeof import('../../src/extension/services');

export type Services = import('../../src/extension/services').Services;

/** An ExtensionContext with what createServices and the features read. */
export function stubContext(secrets = new MemorySecretStorage()) {
  const state = new Map<string, unknown>();
  return {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    secrets,
    globalState: { get: (key: string) => state.get(key), update: async (key: string, value: unknown) => void state.set(key, value) },
    environmentVariableCollection: { clear() {}, replace() {}, getScoped: () => ({ replace() {} }) },
  };
}

/** Every service, made as activate() makes them; dispose it after the test. */
export function makeServices(secrets = new MemorySecretStorage()): Services & { dispose(): void } {
  return createServices(stubContext(secrets) as never);
}
