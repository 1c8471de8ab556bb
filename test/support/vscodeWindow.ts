/**
 * What the key tester needs of VS Code beyond the shared stub (./vscodeStub.ts): notifications and modals that
 * answer from a script, progress, settings with a user-level API base URL, and a log channel that keeps what it
 * is given. Installed over the stub for one suite and removed after it.
 */
import { installVscodeStub } from './vscodeStub';

export interface Shown {
  kind: 'info' | 'warning' | 'error';
  message: string;
  modal: boolean;
  detail?: string;
  items: string[];
}

export interface TesterWorld {
  shown: Shown[];
  log: string[];
  opened: string[];
  /** Picks the answer to each notification or modal; undefined dismisses it. */
  answer: (shown: Shown) => string | undefined;
  settings: Record<string, unknown>;
  /** The USER-level openaiKeyDoctor.apiBaseUrl. */
  baseUrl: string;
  logChannel: { info(t: string): void; warn(t: string): void; error(t: string): void; show(): void; dispose(): void };
  restore(): void;
}

export function installTesterWorld(): TesterWorld {
  installVscodeStub();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vscode = require('vscode') as Record<string, Record<string, unknown>>;
  // The stub's own window object is put back as it was: its getters (activeTextEditor) read the stub's state.
  const saved = { window: vscode.window, workspace: Object.getOwnPropertyDescriptors(vscode.workspace), env: vscode.env, ProgressLocation: vscode.ProgressLocation };
  const world: TesterWorld = {
    shown: [],
    log: [],
    opened: [],
    answer: () => undefined,
    settings: {},
    baseUrl: 'https://api.openai.com/v1',
    logChannel: {
      info: (t) => world.log.push(t),
      warn: (t) => world.log.push(t),
      error: (t) => world.log.push(t),
      show: () => undefined,
      dispose: () => undefined,
    },
    restore: () => {
      vscode.window = saved.window;
      Object.defineProperties(vscode.workspace, saved.workspace);
      vscode.env = saved.env;
      vscode.ProgressLocation = saved.ProgressLocation;
    },
  };
  const show =
    (kind: Shown['kind']) =>
    async (message: string, ...rest: unknown[]): Promise<string | undefined> => {
      const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest.shift() as { modal?: boolean; detail?: string }) : {};
      const shown: Shown = { kind, message, modal: options.modal === true, detail: options.detail, items: rest as string[] };
      world.shown.push(shown);
      return world.answer(shown);
    };
  vscode.window = Object.assign(Object.defineProperties({}, Object.getOwnPropertyDescriptors(saved.window)), {
    showInformationMessage: show('info'),
    showWarningMessage: show('warning'),
    showErrorMessage: show('error'),
    withProgress: async (_options: unknown, task: (progress: unknown, token: unknown) => Promise<unknown>) =>
      task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) }),
  });
  vscode.ProgressLocation = { Notification: 15 } as never;
  vscode.env = { openExternal: async (uri: { toString(): string }) => (world.opened.push(uri.toString()), true) } as never;
  Object.defineProperty(vscode.workspace, 'getConfiguration', {
    configurable: true,
    value: (section?: string) => ({
      get: (name: string, fallback: unknown) => (section === 'openaiKeyDoctor' && name in world.settings ? world.settings[name] : fallback),
      inspect: (name: string) => (section === 'openaiKeyDoctor' && name === 'apiBaseUrl' ? { globalValue: world.baseUrl, defaultValue: 'https://api.openai.com/v1' } : undefined),
    }),
  });
  return world;
}
