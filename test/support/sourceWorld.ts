/**
 * What the hard-coded key feature (src/extension/sources/) needs of VS Code beyond the shared stub: documents
 * with real text, positions and versions, change events, a recording diagnostic collection, WorkspaceEdit with
 * applyEdit and one-step undo, scripted modals, workspace folders on a real temp folder, findFiles and
 * workspace.fs. Installed over the stub for one suite and removed after it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LineIndex } from '../../src/core/dotenv/lineIndex';
import { EventEmitter, WorkspaceEdit, installVscodeStub } from './vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const vscode = require('vscode') as Record<string, Record<string, unknown>>;

export interface FakeUri {
  scheme: string;
  path: string;
  fsPath: string;
  toString(): string;
}

export function fileUri(fsPath: string): FakeUri {
  return { scheme: 'file', path: fsPath, fsPath, toString: () => `file://${fsPath}` };
}

interface Pos {
  line: number;
  character: number;
}

/** An open text document: its text changes only through applyEdit / type(), each change a new version. */
export class FakeDocument {
  version = 1;
  isDirty = false;
  isClosed = false;
  private readonly undoStack: string[] = [];

  constructor(
    readonly uri: FakeUri,
    readonly languageId: string,
    private text: string,
  ) {}

  getText(): string {
    return this.text;
  }

  positionAt(offset: number): Pos {
    const p = new LineIndex(this.text).positionAt(offset);
    return new (vscode.Position as unknown as new (l: number, c: number) => Pos)(p.line, p.character);
  }

  offsetAt(position: Pos): number {
    return new LineIndex(this.text).offsetAt(position);
  }

  /** A change made in the editor (one undo step). */
  replaceText(next: string): void {
    this.undoStack.push(this.text);
    this.text = next;
    this.version++;
    this.isDirty = true;
  }

  /** Ctrl+Z: the text before the last change. */
  undo(): void {
    const previous = this.undoStack.pop();
    if (previous !== undefined) {
      this.text = previous;
      this.version++;
      this.isDirty = true;
    }
  }

  get undoSteps(): number {
    return this.undoStack.length;
  }

  async save(): Promise<boolean> {
    fs.writeFileSync(this.uri.fsPath, this.text);
    this.isDirty = false;
    return true;
  }
}

export interface Modal {
  kind: 'info' | 'warning' | 'error';
  message: string;
  modal: boolean;
  detail?: string;
  items: string[];
}

export interface SourceWorld {
  root: string;
  folder: { uri: FakeUri; name: string; index: number };
  documents: FakeDocument[];
  /** Diagnostics by URI string, as the collection holds them now. */
  diagnostics: Map<string, Array<{ range: { start: Pos; end: Pos }; message: string; severity: number; source?: string; code?: { value: string } }>>;
  shown: Modal[];
  answer: (shown: Modal) => string | undefined;
  settings: Record<string, unknown>;
  /** Extra `files.exclude` / `search.exclude` entries. */
  excludes: { files: Record<string, boolean>; search: Record<string, boolean> };
  /** What findFiles returns, and the last exclude pattern it was given. */
  found: FakeUri[];
  lastExclude?: string;
  applyEditSucceeds: boolean;
  trusted: boolean;
  /** Notebooks open in the editor (their cells are not modelled). */
  notebooks: Array<{ uri: FakeUri; isClosed: boolean; getCells(): unknown[] }>;
  changed: InstanceType<typeof EventEmitter<{ document: FakeDocument }>>;
  opened: InstanceType<typeof EventEmitter<FakeDocument>>;
  open(relativePath: string, languageId: string, text: string): FakeDocument;
  restore(): void;
}

/** Installs the world over the stub, with one workspace folder on `root` (a real folder on disk). */
export function installSourceWorld(root: string): SourceWorld {
  const saved = {
    window: { ...vscode.window },
    workspace: Object.getOwnPropertyDescriptors(vscode.workspace),
    languages: { ...vscode.languages },
    Uri: vscode.Uri,
  };
  const folder = { uri: fileUri(root), name: path.basename(root), index: 0 };
  const changed = new EventEmitter<{ document: FakeDocument }>();
  const opened = new EventEmitter<FakeDocument>();
  const world: SourceWorld = {
    root,
    folder,
    documents: [],
    diagnostics: new Map(),
    shown: [],
    answer: () => undefined,
    settings: {},
    excludes: { files: { '**/.git': true }, search: { '**/node_modules': true } },
    found: [],
    applyEditSucceeds: true,
    trusted: true,
    notebooks: [],
    changed,
    opened,
    open(relativePath, languageId, text) {
      const document = new FakeDocument(fileUri(path.join(root, relativePath)), languageId, text);
      world.documents.push(document);
      opened.fire(document);
      return document;
    },
    restore() {
      vscode.window = saved.window;
      Object.defineProperties(vscode.workspace, saved.workspace);
      vscode.languages = saved.languages;
      vscode.Uri = saved.Uri;
    },
  };
  const show =
    (kind: Modal['kind']) =>
    async (message: string, ...rest: unknown[]): Promise<string | undefined> => {
      const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest.shift() as { modal?: boolean; detail?: string }) : {};
      const shown: Modal = { kind, message, modal: options.modal === true, detail: options.detail, items: rest as string[] };
      world.shown.push(shown);
      return world.answer(shown);
    };
  vscode.window = { ...vscode.window, showInformationMessage: show('info'), showWarningMessage: show('warning'), showErrorMessage: show('error') };
  vscode.Uri = { ...vscode.Uri, file: (p: string) => fileUri(p) };
  vscode.languages = {
    ...vscode.languages,
    createDiagnosticCollection: () => ({
      set: (uri: FakeUri, diagnostics: never[]) => world.diagnostics.set(uri.toString(), diagnostics),
      delete: (uri: FakeUri) => world.diagnostics.delete(uri.toString()),
      clear: () => world.diagnostics.clear(),
      dispose: () => undefined,
    }),
  };
  const define = (name: string, value: unknown) => Object.defineProperty(vscode.workspace, name, { configurable: true, get: () => value });
  Object.defineProperty(vscode.workspace, 'textDocuments', { configurable: true, get: () => world.documents.filter((d) => !d.isClosed) });
  Object.defineProperty(vscode.workspace, 'workspaceFolders', { configurable: true, get: () => [folder] });
  Object.defineProperty(vscode.workspace, 'isTrusted', { configurable: true, get: () => world.trusted });
  Object.defineProperty(vscode.workspace, 'notebookDocuments', { configurable: true, get: () => world.notebooks });
  define('getWorkspaceFolder', (uri: FakeUri) => (uri.fsPath === root || uri.fsPath.startsWith(root + path.sep) ? folder : undefined));
  define('onDidChangeTextDocument', changed.event);
  define('onDidOpenTextDocument', opened.event);
  define('getConfiguration', (section?: string) => ({
    get: (name: string, fallback: unknown) => {
      if (section === 'files' || section === 'search') {
        return name === 'exclude' ? world.excludes[section] : fallback;
      }
      return section === 'openaiKeyDoctor' && name in world.settings ? world.settings[name] : fallback;
    },
    inspect: () => undefined,
  }));
  define('openTextDocument', async (uri: FakeUri) => world.documents.find((d) => d.uri.toString() === uri.toString()));
  define('applyEdit', async (edit: WorkspaceEdit) => {
    if (!world.applyEditSucceeds) {
      return false;
    }
    const byDocument = new Map<FakeDocument, typeof edit.edits>();
    for (const e of edit.edits) {
      const document = world.documents.find((d) => d.uri.toString() === String(e.uri));
      if (!document) {
        return false;
      }
      byDocument.set(document, [...(byDocument.get(document) ?? []), e]);
    }
    for (const [document, edits] of byDocument) {
      const offsets = edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
      let text = document.getText();
      for (const e of offsets) {
        text = text.slice(0, e.start) + e.newText + text.slice(e.end);
      }
      document.replaceText(text);
    }
    return true;
  });
  define('findFiles', async (_include: unknown, exclude: string) => {
    world.lastExclude = exclude;
    return world.found;
  });
  define('fs', {
    stat: async (uri: FakeUri) => ({ size: fs.statSync(uri.fsPath).size }),
    readFile: async (uri: FakeUri) => new Uint8Array(fs.readFileSync(uri.fsPath)),
  });
  return world;
}
