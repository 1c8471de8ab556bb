import * as vscode from 'vscode';
import { FACT_FILE_NAMES } from '../../core/loaders/detect';
import { SKIPPED_FOLDERS } from '../../core/walk';
import { isEnvDocument } from '../document/envDocuments';
import { toDiagnostic } from '../lint/toVscode';
import { DIAGNOSTIC_SOURCE, ENV_FILE_GLOB } from '../shared/constants';
import type { ExtensionEvents } from '../shared/events';
import type { Background } from '../shared/logErrors';
import { LINT_SETTINGS, LOADER_SETTINGS, Settings, affects, readLintSettings } from '../shared/settings';
import type { AppFolders } from './appFolders';
import { workspaceLoadOrderFindings } from './workspaceFindings';

/** Files whose change can change which loader a folder has (package.json, next.config.*, compose.yaml…). */
const LOADER_FILES_GLOB = `**/{${[...FACT_FILE_NAMES, 'next.config.*', 'vite.config.*'].join(',')}}`;

/** Typing in a .env changes every file of its folder: wait for a pause, then recompute them all. */
export const LOAD_ORDER_DEBOUNCE_MS = 300;

export interface LoadOrderDiagnosticsDeps {
  apps: AppFolders;
  events: ExtensionEvents;
  background: Background;
  /** Salts key fingerprints for `key-reused`; made at activation, so no fingerprint outlives the session. */
  salt: string;
  /** Where the diagnostics go; its own collection by default, next to the linter's, with the same source. */
  collection?: vscode.DiagnosticCollection;
}

/**
 * The diagnostics that need a whole folder: `environment-shadows-file`, `overridden-by-other-file` (from each app
 * folder's loader and the environment the app inherits) and `key-reused` (across files and workspace folders).
 * Recomputed when any .env, any file naming the loader, a setting, or the stored keys terminals get changes.
 */
export class LoadOrderDiagnostics implements vscode.Disposable {
  private readonly collection: vscode.DiagnosticCollection;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly published = new Map<string, vscode.Uri>();
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  /** The .env files of each workspace folder: searched again only when files come or go, not at each keystroke. */
  private readonly envFiles = new Map<string, Promise<vscode.Uri[]>>();

  constructor(private readonly deps: LoadOrderDiagnosticsDeps) {
    this.collection = deps.collection ?? vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE} (load order)`);
    const schedule = () => this.schedule();
    const filesChanged = (uri?: vscode.Uri) => {
      if (uri && isSkipped(uri)) {
        return;
      }
      this.envFiles.clear();
      this.schedule(uri);
    };
    const envWatcher = vscode.workspace.createFileSystemWatcher(ENV_FILE_GLOB);
    const loaderWatcher = vscode.workspace.createFileSystemWatcher(LOADER_FILES_GLOB);
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidChangeTextDocument((e) => isEnvDocument(e.document) && this.schedule(e.document.uri)),
      vscode.workspace.onDidOpenTextDocument((d) => isEnvDocument(d) && filesChanged(d.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => isEnvDocument(d) && filesChanged(d.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => filesChanged()),
      vscode.workspace.onDidGrantWorkspaceTrust(schedule),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, ...LINT_SETTINGS, ...LOADER_SETTINGS, Settings.provideKeyToTerminals)) {
          schedule();
        }
      }),
      // Terminals get the stored key: a new stored key changes the environment an app started there inherits.
      deps.events.storedKeysChanged.event(schedule),
      deps.events.relintRequested.event(() => filesChanged()),
      ...[envWatcher, loaderWatcher].flatMap((w) => [w, w.onDidCreate(filesChanged), w.onDidChange((uri) => isSkipped(uri) || this.schedule(uri)), w.onDidDelete(filesChanged)]),
    );
    this.schedule();
  }

  /**
   * Forgets what the change touches (the folders around `changed`, else everything) at once, so the hover and the
   * command resolve again on their next call, and recomputes the diagnostics after a pause.
   */
  schedule(changed?: vscode.Uri): void {
    this.deps.apps.forget(changed);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.deps.background('Checking which .env definitions apps get', this.refresh());
    }, LOAD_ORDER_DEBOUNCE_MS);
  }

  /** Computes every file's findings again and replaces the published ones; an older run that ends later is dropped. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const computed = await workspaceLoadOrderFindings(this.deps.apps, this.deps.salt, (folder) => this.envFilesOf(folder));
    if (generation !== this.generation) {
      return;
    }
    const changed = new Map(this.published);
    this.published.clear();
    for (const [key, { uri, findings, lines }] of computed) {
      if (findings.length === 0 || !(readLintSettings(uri).scanWorkspace || isOpen(uri))) {
        continue;
      }
      this.collection.set(uri, findings.map((f) => toDiagnostic(f, lines, uri)));
      this.published.set(key, uri);
      changed.set(key, uri);
    }
    for (const [key, uri] of changed) {
      if (!this.published.has(key)) {
        this.collection.delete(uri);
      }
      this.deps.events.diagnosticsChanged.fire(uri);
    }
  }

  private envFilesOf(folder: vscode.WorkspaceFolder): Promise<vscode.Uri[]> {
    const key = folder.uri.toString();
    let files = this.envFiles.get(key);
    if (!files) {
      files = this.deps.apps.files.findEnvFiles(folder);
      this.envFiles.set(key, files);
      files.catch(() => this.envFiles.delete(key));
    }
    return files;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.generation++;
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

/** In node_modules, .git, a build output…: an `npm install` writes thousands of package.json files no app folder reads. */
function isSkipped(uri: vscode.Uri): boolean {
  return uri.path.split('/').some((segment) => SKIPPED_FOLDERS.has(segment));
}

function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => !d.isClosed && d.uri.toString() === uri.toString());
}
