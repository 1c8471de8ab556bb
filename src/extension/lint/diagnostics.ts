import * as vscode from 'vscode';
import type { LintResult } from '../../core/lint';
import type { DocumentLinter } from '../document/documentLinter';
import { isEnvDocument, isEnvUri } from '../document/envDocuments';
import type { FileFactsCache } from '../document/fileFacts';
import type { DocumentModels } from '../document/model';
import { DIAGNOSTIC_SOURCE, ENV_FILE_GLOB, EXCLUDED_FOLDERS_GLOB, LINT_DEBOUNCE_MS } from '../shared/constants';
import type { ExtensionEvents } from '../shared/events';
import type { Background } from '../shared/logErrors';
import { LINT_SETTINGS, affects, readLintSettings } from '../shared/settings';
import { toDiagnostic } from './toVscode';

export interface DiagnosticsDeps {
  models: DocumentModels;
  linter: DocumentLinter;
  facts: FileFactsCache;
  events: ExtensionEvents;
  background: Background;
}

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

  constructor(private readonly deps: DiagnosticsDeps) {
    const { events } = deps;
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.onOpen(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.onOpen(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.watchFolders()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.relintAll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, ...LINT_SETTINGS)) {
          this.relintAll();
        }
      }),
      // An empty OPENAI_API_KEY is expected where a stored key applies: the findings change with the stored keys.
      events.storedKeysChanged.event(() => this.relintAll()),
      events.relintRequested.event(() => this.relintAll()),
    );
    for (const document of vscode.workspace.textDocuments) {
      this.onOpen(document);
    }
    this.watchFolders();
  }

  /** Git facts and lint results are forgotten; every open document and every .env of the workspace is linted again. */
  relintAll(): void {
    this.deps.facts.clearGit();
    for (const document of vscode.workspace.textDocuments) {
      this.onOpen(document);
    }
    this.deps.background('Scanning the workspace for .env files', this.scanWorkspace());
  }

  private async scanWorkspace(): Promise<void> {
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
          this.deps.background(`Linting ${uri.fsPath}`, this.lintClosedFile(uri));
        }
      };
      this.folderWatchers.set(
        key,
        vscode.Disposable.from(
          watcher,
          watcher.onDidCreate(relint),
          watcher.onDidChange(relint),
          watcher.onDidDelete((uri) => {
            this.deps.facts.forget(uri);
            this.collection.delete(uri);
            this.deps.events.diagnosticsChanged.fire(uri);
          }),
        ),
      );
      this.deps.background(`Scanning ${folder.name} for .env files`, this.scanFolder(folder));
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
    const result = await this.deps.linter.lintFile(uri);
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
    const lintWithFreshFacts = this.deps.facts.refresh(document.uri).then(() => {
      if (this.generations.get(document.uri.toString()) === generation && document.version === version && !document.isClosed) {
        this.publish(document.uri, this.deps.models.get(document).lint);
      }
    });
    this.deps.background(`Linting ${document.uri.fsPath}`, lintWithFreshFacts);
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
          this.publish(document.uri, this.deps.models.get(document).lint);
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
      this.deps.background(`Linting ${document.uri.fsPath}`, this.lintClosedFile(document.uri));
    } else {
      this.collection.delete(document.uri);
      this.deps.events.diagnosticsChanged.fire(document.uri);
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
    this.deps.events.diagnosticsChanged.fire(uri);
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
