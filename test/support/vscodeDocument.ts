/**
 * Open documents and editors for unit tests of the extension's features over the `vscode` stub
 * (./vscodeStub.ts): a TextDocument with the text of one version, positions as VS Code computes them.
 */
import { LineIndex } from '../../src/core/dotenv/lineIndex';
import { stubState } from './vscodeStub';

export interface StubUri {
  scheme: string;
  path: string;
  fsPath: string;
  toString(): string;
}

export function fileUri(fsPath: string): StubUri {
  return { scheme: 'file', path: fsPath, fsPath, toString: () => `file://${fsPath}` };
}

export function untitledUri(name: string): StubUri {
  return { scheme: 'untitled', path: name, fsPath: name, toString: () => `untitled:${name}` };
}

export interface StubDocument {
  uri: StubUri;
  version: number;
  languageId: string;
  isClosed: boolean;
  isDirty: boolean;
  getText(): string;
  positionAt(offset: number): { line: number; character: number };
  offsetAt(position: { line: number; character: number }): number;
  save(): Promise<boolean>;
}

export interface EditableDocument extends StubDocument {
  /** The next version of the same document. */
  edit(newText: string): EditableDocument;
}

/** A document of `text`, at a version. */
export function stubDocument(uri: StubUri, text: string, version = 1, languageId = 'dotenv'): EditableDocument {
  const lines = new LineIndex(text);
  return {
    uri,
    version,
    languageId,
    isClosed: false,
    isDirty: false,
    getText: () => text,
    positionAt: (offset) => lines.positionAt(offset),
    offsetAt: (position) => lines.offsetAt(position),
    save: async () => true,
    edit: (newText) => stubDocument(uri, newText, version + 1, languageId),
  };
}

/** An editor on the document with the cursor at a position. */
export function stubEditor(document: StubDocument, line: number, character = 0) {
  const active = { line, character };
  return { document, selection: { active, anchor: active, start: active, end: active } };
}

/** The document becomes one of workspace.textDocuments (replacing an older version of it). */
export function openDocument<D extends StubDocument>(document: D): D {
  stubState.textDocuments = [...stubState.textDocuments.filter((d) => (d as StubDocument).uri.toString() !== document.uri.toString()), document];
  return document;
}

/** Forgets every open document, workspace file and diagnostic the stub holds. */
export function resetWorkspace(): void {
  stubState.textDocuments = [];
  stubState.files.clear();
  stubState.diagnostics.clear();
  stubState.documents.clear();
  stubState.activeTextEditor = undefined;
  stubState.configuration = {};
  stubState.shown = [];
}
