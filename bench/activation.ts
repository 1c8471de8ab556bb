/**
 * Loads the real bundle with a stub `vscode` module and times activate(): the work done at start-up
 * (registering providers, watchers and commands) without a VS Code process.
 */
import Module from 'module';

class Disposable {
  constructor(private readonly onDispose: () => void = () => undefined) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(e: T): void {
    this.listeners.forEach((l) => l(e));
  }
  dispose(): void {
    this.listeners = [];
  }
}

class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
}

const event = () => new Disposable();

function stubVscode(): unknown {
  return {
    Disposable,
    EventEmitter,
    CodeActionKind,
    RelativePattern: class {
      constructor(
        readonly base: unknown,
        readonly pattern: string,
      ) {}
    },
    Uri: { parse: (s: string) => ({ toString: () => s }), file: (p: string) => ({ fsPath: p, toString: () => p }) },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    l10n: { t: (s: string) => s },
    languages: {
      createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {} }),
      registerCodeActionsProvider: () => new Disposable(),
    },
    commands: { registerCommand: () => new Disposable() },
    window: {
      activeTextEditor: undefined,
      createOutputChannel: () => ({ info() {}, warn() {}, error() {}, show() {}, dispose() {} }),
    },
    workspace: {
      isTrusted: true,
      textDocuments: [],
      workspaceFolders: [],
      getConfiguration: () => ({ get: (_k: string, d: unknown) => d }),
      onDidOpenTextDocument: event,
      onDidChangeTextDocument: event,
      onDidSaveTextDocument: event,
      onDidCloseTextDocument: event,
      onDidChangeWorkspaceFolders: event,
      onDidGrantWorkspaceTrust: event,
      onDidChangeConfiguration: event,
      createFileSystemWatcher: () => ({ onDidCreate: event, onDidChange: event, onDidDelete: event, dispose() {} }),
      findFiles: async () => [],
    },
  };
}

export interface ActivationTiming {
  /** require() of the bundle plus activate(), with a cold module cache: what start-up costs. */
  loadAndActivateMs: number;
  /** activate() alone, module already loaded. */
  activateMs: number;
  runs: number;
}

export async function measureActivation(bundle: string): Promise<ActivationTiming> {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  const vscode = stubVscode();
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : original.call(this, request, ...rest);
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  try {
    const runs = 30;
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      delete require.cache[require.resolve(bundle)];
      const context = { subscriptions: [] as Array<{ dispose(): unknown }> };
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
