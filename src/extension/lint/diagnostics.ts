import * as vscode from 'vscode';
import type { LintResult } from '../core/lint';
import { DIAGNOSTIC_SOURCE, ENV_FILE_GLOB, EXCLUDED_FOLDERS_GLOB, LINT_DEBOUNCE_MS } from './constants';
import { readLintSettings } from './config';
import type { DocumentLinter } from './documentLinter';
import { isEnvDocument, isEnvUri } from './envDocuments';
import type { FileFactsCache } from './fileFacts';
import { toDiagnostic } from './toVscode';

/** The settings that change what the linter reports; the key-test settings do not. */
const LINT_SETTINGS = ['openaiKeyDoctor.rules', 'openaiKeyDoctor.maxFileSizeMB', 'openaiKeyDoctor.scanWorkspace'];

/**
 * Diagnostics for every .env file: open documents as the user types (debounced, stale results dropped by
 * a generation counter), and files that are not open through a watcher per workspace folder.
 */
export class EnvDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();
  private readonly folderWatchers = new Map<string, vscode.Disposable>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a file's diagnostics were replaced. */
  readonly onDidLint = this.changeEmitter.event;

  constructor(
    private readonly linter: DocumentLinter,
    private readonly facts: FileFactsCache,
  ) {
    this.subscriptions.push(
      this.collection,
      this.changeEmitter,
      vscode.workspace.onDidOpenTextDocument((d) => this.onOpen(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.onOpen(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.watchFolders()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.relintAll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (LINT_SETTINGS.some((setting) => e.affectsConfiguration(setting))) {
          this.relintAll();
        }
      }),
    );
    for (const document of vscode.workspace.textDocuments) {
      this.onOpen(document);
    }
    this.watchFolders();
  }

  /** The result for an open document, linted now (code actions need positions for this exact version). */
  lintNow(document: vscode.TextDocument): LintResult {
    return this.linter.lintDocument(document);
  }

  relintAll(): void {
    this.facts.clearGit();
    for (const document of vscode.workspace.textDocuments) {
      this.onOpen(document);
    }
    void this.scanWorkspace();
  }

  async scanWorkspace(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    await Promise.all(folders.map((folder) => this.scanFolder(folder)));
  }

  private async scanFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    if (!readLintSettings(folder.uri).scanWorkspace) {
      return;
    }
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, ENV_FILE_GLOB), EXCLUDED_FOLDERS_GLOB, 500);
    await Promise.all(files.filter(isEnvUri).map((uri) => this.lintClosedFile(uri)));
  }

  private watchFolders(): void {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const current = new Set(folders.map((f) => f.uri.toString()));
    for (const [key, watcher] of this.folderWatchers) {
      if (!current.has(key)) {
        watcher.dispose();
        this.folderWatchers.delete(key);
      }
    }
    for (const folder of folders) {
      const key = folder.uri.toString();
      if (this.folderWatchers.has(key)) {
        continue;
      }
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, ENV_FILE_GLOB));
      const relint = (uri: vscode.Uri) => {
        if (isEnvUri(uri)) {
          void this.lintClosedFile(uri);
        }
      };
      this.folderWatchers.set(
        key,
        vscode.Disposable.from(
          watcher,
          watcher.onDidCreate(relint),
          watcher.onDidChange(relint),
          watcher.onDidDelete((uri) => {
            this.facts.forget(uri);
            this.collection.delete(uri);
            this.changeEmitter.fire(uri);
          }),
        ),
      );
      void this.scanFolder(folder);
    }
  }

  private isOpen(uri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed);
  }

  private async lintClosedFile(uri: vscode.Uri): Promise<void> {
    if (this.isOpen(uri)) {
      return;
    }
    const generation = this.nextGeneration(uri);
    const result = await this.linter.lintFile(uri);
    if (this.generations.get(uri.toString()) !== generation || this.isOpen(uri)) {
      return;
    }
    this.publish(uri, result);
  }

  private onOpen(document: vscode.TextDocument): void {
    if (!isEnvDocument(document)) {
      return;
    }
    const generation = this.nextGeneration(document.uri);
    const version = document.version;
    void this.facts.refresh(document.uri).then(() => {
      if (this.generations.get(document.uri.toString()) === generation && document.version === version && !document.isClosed) {
        this.publish(document.uri, this.linter.lintDocument(document));
      }
    });
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isEnvDocument(document)) {
      return;
    }
    const key = document.uri.toString();
    const generation = this.nextGeneration(document.uri);
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (this.generations.get(key) === generation && !document.isClosed) {
          this.publish(document.uri, this.linter.lintDocument(document));
        }
      }, LINT_DEBOUNCE_MS),
    );
  }

  private onClose(document: vscode.TextDocument): void {
    if (!isEnvDocument(document)) {
      return;
    }
    clearTimeout(this.timers.get(document.uri.toString()));
    if (document.uri.scheme === 'file' && isEnvUri(document.uri)) {
      void this.lintClosedFile(document.uri);
    } else {
      this.collection.delete(document.uri);
      this.changeEmitter.fire(document.uri);
    }
  }

  private nextGeneration(uri: vscode.Uri): number {
    const key = uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    return generation;
  }

  private publish(uri: vscode.Uri, result: LintResult | undefined): void {
    if (!result) {
      this.collection.delete(uri);
    } else {
      this.collection.set(uri, result.findings.map((f) => toDiagnostic(f, result.lines, uri)));
    }
    this.changeEmitter.fire(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    for (const watcher of this.folderWatchers.values()) {
      watcher.dispose();
    }
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
