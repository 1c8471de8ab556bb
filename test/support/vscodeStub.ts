/**
 * A small stand-in for the `vscode` module, enough to run the extension's adapters in plain Node: unit tests
 * of the vault and the status bar, and the activation benchmark. Installed with installVscodeStub().
 */
import Module from 'module';
import { posix } from 'path';

export class Disposable {
  constructor(private readonly onDispose: () => void = () => undefined) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
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
  static readonly Source = new CodeActionKind('source');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  /** As VS Code: `source` contains `source.fixAll.x`; the empty kind contains every kind. */
  contains(other: CodeActionKind): boolean {
    return this.value === '' || other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other: CodeActionKind): boolean {
    return this.contains(other) || other.contains(this);
  }
}

/** The edits of a WorkspaceEdit, in the order they were added (applied by a test's applyEdit). */
export class WorkspaceEdit {
  readonly edits: Array<{ uri: unknown; range: Range; newText: string }> = [];
  /** The same edits, by the name the code-action tests read them. */
  get replacements(): Array<{ uri: unknown; range: Range; newText: string }> {
    return this.edits;
  }
  replace(uri: unknown, range: Range, newText: string): void {
    this.edits.push({ uri, range, newText });
  }
  insert(uri: unknown, position: Position, newText: string): void {
    this.edits.push({ uri, range: new Range(position, position), newText });
  }
  delete(uri: unknown, range: Range): void {
    this.edits.push({ uri, range, newText: '' });
  }
}

export class CodeAction {
  diagnostics: unknown[] | undefined;
  isPreferred: boolean | undefined;
  edit: WorkspaceEdit | undefined;
  command: { title: string; command: string; arguments?: unknown[] } | undefined;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

/** SecretStorage in memory, with the change event VS Code fires across windows. */
export class MemorySecretStorage {
  readonly values = new Map<string, string>();
  private readonly emitter = new EventEmitter<{ key: string }>();
  readonly onDidChange = this.emitter.event;
  failNextStore = false;
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    if (this.failNextStore) {
      this.failNextStore = false;
      throw new Error('no keyring');
    }
    this.values.set(key, value);
    this.emitter.fire({ key });
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.emitter.fire({ key });
  }
  /** Another window changed a secret. */
  changedElsewhere(key: string, value: string | undefined): void {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, value);
    }
    this.emitter.fire({ key });
  }
}

export function format(message: string, ...args: unknown[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));
}

const event = () => new Disposable();

/** A `file:` URI with what the extension reads of one: path, fsPath, scheme, toString (joinPath resolves `..`). */
export function fileUri(path: string) {
  const normalized = posix.normalize(path);
  return { scheme: 'file', path: normalized, fsPath: normalized, toString: () => `file://${normalized}` };
}

/** A message the extension showed: its kind, its text and the items offered. */
export interface ShownMessage {
  kind: 'information' | 'warning' | 'error' | 'input-validation' | 'quick-pick';
  text: string;
  items: unknown[];
}

export interface StubState {
  workspaceFolders: Array<{ uri: { toString(): string; fsPath: string }; name: string; index: number }>;
  activeTextEditor: unknown;
  configuration: Record<string, unknown>;
  trusted: boolean;
  /** Handlers registered with commands.registerCommand. */
  commands: Map<string, (...args: unknown[]) => unknown>;
  /** Every notification, dialog, input-box validation message and quick-pick label shown. */
  shown: ShownMessage[];
  /** What the next input box returns (after its validateInput ran on it). */
  inputBoxValue: string | undefined;
  /** Documents workspace.openTextDocument returns, by URI string. */
  documents: Map<string, unknown>;
  /** The open documents (workspace.textDocuments). */
  textDocuments: unknown[];
  /** Files of the workspace, by URI string: workspace.findFiles lists them, workspace.fs reads them. */
  files: Map<string, { uri: unknown; bytes: Uint8Array | undefined }>;
  /** What the diagnostic collections hold, by URI string (a collection's delete removes its entry). */
  diagnostics: Map<string, unknown[]>;
  /** The workspace events a test fires: workspace.onDidOpenTextDocument is `workspaceEvents.open.event`... */
  workspaceEvents: {
    open: EventEmitter<unknown>;
    change: EventEmitter<unknown>;
    save: EventEmitter<unknown>;
    close: EventEmitter<unknown>;
    configuration: EventEmitter<unknown>;
  };
}

export const stubState: StubState = {
  workspaceFolders: [],
  activeTextEditor: undefined,
  configuration: {},
  trusted: true,
  commands: new Map(),
  shown: [],
  inputBoxValue: undefined,
  documents: new Map(),
  textDocuments: [],
  files: new Map(),
  diagnostics: new Map(),
  workspaceEvents: { open: new EventEmitter(), change: new EventEmitter(), save: new EventEmitter(), close: new EventEmitter(), configuration: new EventEmitter() },
};

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
}

const show =
  (kind: ShownMessage['kind']) =>
  async (text: string, ...rest: unknown[]) => {
    stubState.shown.push({ kind, text, items: rest.filter((r) => typeof r === 'string') });
    return undefined;
  };

export function createVscodeStub(): Record<string, unknown> {
  return {
    Disposable,
    EventEmitter,
    CodeActionKind,
    CodeAction,
    WorkspaceEdit,
    NotebookCellKind: { Markup: 1, Code: 2 },
    Position,
    Range,
    Location: class {
      constructor(
        readonly uri: unknown,
        readonly range: Range,
      ) {}
    },
    Diagnostic: class {
      source: string | undefined;
      code: unknown;
      relatedInformation: unknown;
      constructor(
        readonly range: Range,
        readonly message: string,
        readonly severity: number,
      ) {}
    },
    DiagnosticRelatedInformation: class {
      constructor(
        readonly location: unknown,
        readonly message: string,
      ) {}
    },
    Hover: class {
      constructor(
        readonly contents: unknown,
        readonly range?: Range,
      ) {}
    },
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    MarkdownString: class {
      isTrusted: unknown;
      constructor(
        public value = '',
        readonly supportThemeIcons = false,
      ) {}
      appendMarkdown(text: string) {
        this.value += text;
        return this;
      }
    },
    RelativePattern: class {
      constructor(
        readonly base: unknown,
        readonly pattern: string,
      ) {}
    },
    Uri: {
      parse: (s: string) => ({ scheme: s.split(':')[0], path: s.replace(/^[\w-]+:\/\/[^/]*/, ''), toString: () => s }),
      file: (p: string) => fileUri(p),
      joinPath: (base: { path: string }, ...parts: string[]) => fileUri(posix.join(base.path, ...parts)),
    },
    FileType: { File: 1, Directory: 2, SymbolicLink: 64 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    // Present from the start: a module that imported the stub reads later replacements (vscodeWindow.ts) through it.
    ProgressLocation: { Notification: 15 },
    env: { openExternal: async () => true },
    LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
    l10n: { t: (message: string, ...args: unknown[]) => format(message, ...args) },
    languages: {
      createDiagnosticCollection: () => ({
        set: (uri: { toString(): string }, diagnostics: unknown[]) => stubState.diagnostics.set(uri.toString(), diagnostics),
        delete: (uri: { toString(): string }) => stubState.diagnostics.delete(uri.toString()),
        clear() {},
        dispose() {},
      }),
      registerCodeActionsProvider: () => new Disposable(),
      registerCodeLensProvider: () => new Disposable(),
      registerHoverProvider: () => new Disposable(),
      createLanguageStatusItem: () => ({ dispose() {} }),
      getDiagnostics: () => [],
    },
    commands: {
      registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
        stubState.commands.set(id, handler);
        return new Disposable(() => stubState.commands.delete(id));
      },
      executeCommand: async () => undefined,
    },
    window: {
      get activeTextEditor() {
        return stubState.activeTextEditor;
      },
      createOutputChannel: () => ({ info() {}, warn() {}, error() {}, show() {}, dispose() {} }),
      createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
      onDidChangeActiveTextEditor: event,
      onDidChangeTextEditorSelection: event,
      showInformationMessage: show('information'),
      showWarningMessage: show('warning'),
      showErrorMessage: show('error'),
      showQuickPick: async (items: Array<{ label: string }>) => {
        for (const item of items) {
          stubState.shown.push({ kind: 'quick-pick', text: item.label, items: [] });
        }
        return items[0];
      },
      showInputBox: async (options: { validateInput?: (value: string) => string | undefined }) => {
        const value = stubState.inputBoxValue;
        const message = value === undefined ? undefined : options.validateInput?.(value);
        if (message) {
          stubState.shown.push({ kind: 'input-validation', text: message, items: [] });
        }
        return value;
      },
    },
    workspace: {
      get isTrusted() {
        return stubState.trusted;
      },
      get textDocuments() {
        return stubState.textDocuments;
      },
      get workspaceFolders() {
        return stubState.workspaceFolders;
      },
      getWorkspaceFolder: (uri: { toString(): string }) => stubState.workspaceFolders.find((f) => uri.toString().startsWith(f.uri.toString())),
      asRelativePath: (uri: { fsPath?: string }) => uri.fsPath ?? String(uri),
      getConfiguration: () => ({ get: (k: string, d: unknown) => (k in stubState.configuration ? stubState.configuration[k] : d), inspect: () => undefined }),
      onDidOpenTextDocument: stubState.workspaceEvents.open.event,
      onDidChangeTextDocument: stubState.workspaceEvents.change.event,
      onDidSaveTextDocument: stubState.workspaceEvents.save.event,
      onDidCloseTextDocument: stubState.workspaceEvents.close.event,
      onDidOpenNotebookDocument: event,
      notebookDocuments: [],
      onDidChangeWorkspaceFolders: event,
      onDidGrantWorkspaceTrust: event,
      openTextDocument: async (uri: { toString(): string }) => stubState.documents.get(uri.toString()),
      applyEdit: async () => true,
      onDidChangeConfiguration: stubState.workspaceEvents.configuration.event,
      createFileSystemWatcher: () => ({ onDidCreate: event, onDidChange: event, onDidDelete: event, dispose() {} }),
      findFiles: async () => [...stubState.files.values()].map((f) => f.uri),
      fs: {
        readFile: async (uri: { toString(): string }) => {
          const file = stubState.files.get(uri.toString());
          if (file?.bytes === undefined) {
            throw new Error(`no such file: ${uri.toString()}`);
          }
          return file.bytes;
        },
        stat: async (uri: { toString(): string }) => ({ size: stubState.files.get(uri.toString())?.bytes?.length ?? 0 }),
      },
    },
  };
}

/** A workspace folder as the stub's workspace lists it: file:///work/<name>. */
export function stubFolder(name: string, index = 0) {
  return { uri: { toString: () => `file:///work/${name}`, fsPath: `/work/${name}` }, name, index };
}

/** Background work for tests of the extension's parts: a failure fails the test run (mocha reports it). */
export function failingBackground(_what: string, work: Thenable<unknown>): void {
  Promise.resolve(work).then(undefined, (error: unknown) => {
    throw error;
  });
}

let installed = false;

/** Makes `require('vscode')` return the stub, for the rest of the process. */
export function installVscodeStub(): void {
  if (installed) {
    return;
  }
  installed = true;
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  const stub = createVscodeStub();
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? stub : original.call(this, request, ...rest);
  };
}
