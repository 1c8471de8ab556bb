import * as vscode from 'vscode';
import type { SourceScanResult } from '../../core/sources/scan';
import { toDiagnostic } from '../lint/toVscode';
import { LINT_DEBOUNCE_MS } from '../shared/constants';
import type { ExtensionEvents } from '../shared/events';
import type { Background } from '../shared/logErrors';
import { LINT_SETTINGS, Settings, affects, readLintSettings, readVscodeSetting } from '../shared/settings';
import { ClosedFileScanCount, scanClosedFiles } from './closedFiles';
import { documentScanOptions, fileUriOf, scanOptionsOf, sourceScanEnabled } from './documentScan';
import type { SourceGitFacts } from './gitFacts';
import { SOURCE_EXCLUDED_FOLDERS, SOURCE_FILE_GLOB, isSourceDocument, isSourcePath } from './sourceDocuments';
import { scanTextInSlices } from './largeText';
import { TimeSlicer } from './timeSlices';

export interface SourceDiagnosticsDeps {
  events: ExtensionEvents;
  background: Background;
  git: SourceGitFacts;
  log: Pick<vscode.LogOutputChannel, 'info'>;
}

/** The workspace scan starts this long after activation: start-up belongs to the user's own work. */
export const WORKSPACE_SCAN_DELAY_MS = 3000;

/** At most this many files per folder are scanned (VS Code's file search stops there). */
export const MAX_SCANNED_FILES = 20000;

/** The last workspace scan, for the log and the tests. */
export interface WorkspaceScanReport extends ClosedFileScanCount {
  longestSliceMs: number;
}

/**
 * `hardcoded-key` diagnostics: open source documents as the user types (debounced, stale results dropped by a
 * generation counter), and the workspace's closed files through VS Code's file search, after start-up, in
 * slices that never hold the extension host for long.
 */
export class SourceDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('openaiKeyDoctor.sources');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private workspaceScan = 0;
  private startTimer: NodeJS.Timeout | undefined;
  lastWorkspaceScan: WorkspaceScanReport | undefined;

  constructor(
    private readonly deps: SourceDiagnosticsDeps,
    startDelayMs = WORKSPACE_SCAN_DELAY_MS,
  ) {
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d)),
      // An open notebook is diagnosed cell by cell: the scan of its .ipynb file on disk steps aside meanwhile.
      vscode.workspace.onDidOpenNotebookDocument((notebook) => {
        this.nextGeneration(notebook.uri);
        this.collection.delete(notebook.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.rescan()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, Settings.scanSources, ...LINT_SETTINGS) || e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) {
          this.rescan();
        }
      }),
      deps.events.relintRequested.event(() => this.rescan()),
    );
    for (const document of vscode.workspace.textDocuments) {
      this.lintNow(document);
    }
    this.startTimer = setTimeout(() => {
      this.startTimer = undefined;
      this.startWorkspaceScan();
    }, startDelayMs);
  }

  /** Every open document now, and the workspace's files again (git facts asked anew). */
  rescan(): void {
    this.deps.git.clear();
    for (const document of vscode.workspace.textDocuments) {
      this.lintNow(document);
    }
    if (this.startTimer === undefined) {
      this.startWorkspaceScan();
    }
  }

  /** Starts a workspace scan (a running one stops at its next file) and resolves when it is done. */
  startWorkspaceScan(): Promise<WorkspaceScanReport> {
    const run = this.scanWorkspace(++this.workspaceScan);
    this.deps.background('Scanning the workspace for hard-coded OpenAI keys', run);
    return run;
  }

  private async scanWorkspace(scan: number): Promise<WorkspaceScanReport> {
    const files: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (sourceScanEnabled(folder.uri) && readLintSettings(folder.uri).scanWorkspace) {
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, SOURCE_FILE_GLOB), excludeGlob(folder), MAX_SCANNED_FILES);
        files.push(...found.filter((uri) => isSourcePath(uri.path)));
      }
    }
    const slicer = new TimeSlicer();
    const count = await scanClosedFiles(
      files,
      {
        read: (uri) => this.readClosed(uri),
        scan: (uri, text, slices) => this.publishClosed(uri, text, slices),
        clear: (uri) => {
          if (!this.isOpen(uri)) {
            this.collection.delete(uri);
          }
        },
        cancelled: () => scan !== this.workspaceScan,
      },
      slicer,
    );
    const report = { ...count, longestSliceMs: slicer.longestSliceMs };
    this.lastWorkspaceScan = report;
    this.deps.log.info(`Source scan: ${report.files} files listed, ${report.scanned} read past the sk- filter, longest slice ${report.longestSliceMs.toFixed(1)} ms`);
    return report;
  }

  private async readClosed(uri: vscode.Uri): Promise<Uint8Array | undefined> {
    if (this.isOpen(uri)) {
      return undefined;
    }
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > readLintSettings(uri).maxFileBytes) {
        return undefined;
      }
      return await vscode.workspace.fs.readFile(uri);
    } catch {
      return undefined;
    }
  }

  /** A closed file: git-ignored files are left out, as `git ls-files` leaves them out of the CLI's scan. */
  private async publishClosed(uri: vscode.Uri, text: string, slicer: TimeSlicer): Promise<void> {
    const generation = this.nextGeneration(uri);
    const current = () => this.generations.get(uri.toString()) === generation && !this.isOpen(uri);
    const first = await scanTextInSlices(text, scanOptionsOf(uri), slicer);
    if (!current()) {
      return;
    }
    if (first.findings.length === 0) {
      this.collection.delete(uri);
      return;
    }
    // git is asked off the scan's path: the scan goes on with the next file meanwhile.
    const withGit = async () => {
      const git = this.deps.git.has(uri) ? this.deps.git.peek(uri) : await this.deps.git.refresh(uri);
      if (!current()) {
        return;
      }
      if (git?.ignored && !git.tracked) {
        this.collection.delete(uri);
        return;
      }
      const result = git ? await scanTextInSlices(text, scanOptionsOf(uri, { git }), new TimeSlicer()) : first;
      if (current()) {
        this.set(uri, result);
      }
    };
    this.deps.background(`Asking git about ${uri.fsPath}`, withGit());
  }

  private lintNow(document: vscode.TextDocument): void {
    if (!isSourceDocument(document)) {
      return;
    }
    const generation = this.nextGeneration(document.uri);
    this.publishOpen(document, generation);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isSourceDocument(document)) {
      return;
    }
    const key = document.uri.toString();
    const generation = this.nextGeneration(document.uri);
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.publishOpen(document, generation);
      }, LINT_DEBOUNCE_MS),
    );
  }

  private publishOpen(document: vscode.TextDocument, generation: number): void {
    const current = () => this.generations.get(document.uri.toString()) === generation && !document.isClosed;
    if (!current()) {
      return;
    }
    const file = fileUriOf(document);
    if (!sourceScanEnabled(file)) {
      this.collection.delete(document.uri);
      return;
    }
    const text = document.getText();
    const publish = async () => {
      const result = await scanTextInSlices(text, documentScanOptions(document, this.deps.git.peek(file)), new TimeSlicer());
      if (!current()) {
        return;
      }
      this.set(document.uri, result);
      if (result.findings.length > 0 && !this.deps.git.has(file)) {
        // The message says whether git tracks the file: ask once, then publish again with the answer.
        const git = await this.deps.git.refresh(file);
        if (git && current()) {
          this.set(document.uri, await scanTextInSlices(text, documentScanOptions(document, git), new TimeSlicer()));
        }
      }
    };
    this.deps.background(`Scanning ${file.fsPath} for hard-coded keys`, publish());
  }

  private onClose(document: vscode.TextDocument): void {
    if (!isSourceDocument(document)) {
      return;
    }
    clearTimeout(this.timers.get(document.uri.toString()));
    this.nextGeneration(document.uri);
    this.collection.delete(document.uri);
    if (document.uri.scheme === 'file' && sourceScanEnabled(document.uri)) {
      // What is on disk (the user may close without saving) stays reported, as the workspace scan would.
      const uri = document.uri;
      this.deps.background(
        `Scanning ${uri.fsPath}`,
        this.readClosed(uri).then((bytes) => bytes && scanClosedFiles([uri], { read: async () => bytes, scan: (u, text, slicer) => this.publishClosed(u, text, slicer), clear: () => undefined }, new TimeSlicer())),
      );
    }
  }

  private isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key && !d.isClosed) || (vscode.workspace.notebookDocuments ?? []).some((n) => n.uri.toString() === key && !n.isClosed);
  }

  private nextGeneration(uri: vscode.Uri): number {
    const key = uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    return generation;
  }

  private set(uri: vscode.Uri, result: SourceScanResult): void {
    if (result.findings.length === 0) {
      this.collection.delete(uri);
    } else {
      this.collection.set(uri, result.findings.map((f) => toDiagnostic(f, result.lines, uri)));
    }
    this.deps.events.diagnosticsChanged.fire(uri);
  }

  dispose(): void {
    clearTimeout(this.startTimer);
    this.workspaceScan++;
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

/**
 * findFiles applies files.exclude only when no exclude is given; ours is given (dependency and build folders),
 * so files.exclude and search.exclude (their plain `true` entries) are added to it. The 1.90 API has no way to
 * apply .gitignore to findFiles: a file with a key that git ignores is left out after git is asked about it.
 */
export function excludeGlob(folder: vscode.WorkspaceFolder): string {
  const patterns = new Set(SOURCE_EXCLUDED_FOLDERS.map((name) => `**/${name}/**`));
  for (const section of ['files', 'search']) {
    const excluded = readVscodeSetting<Record<string, unknown>>(section, 'exclude', folder.uri) ?? {};
    for (const [pattern, on] of Object.entries(excluded)) {
      if (on === true && !pattern.includes('{') && !pattern.includes(',')) {
        patterns.add(pattern);
      }
    }
  }
  return `{${[...patterns].join(',')}}`;
}
