import * as path from 'path';
import * as vscode from 'vscode';
import { FolderResolution, resolveFolder } from '../../core/loaders/chain';
import { readLintSettings, readLoaderChoice } from '../shared/settings';
import type { EnvironmentOf } from './appEnvironment';
import { WorkspaceFiles, appFolderReader } from './workspaceFiles';

/** A folder an app runs from, with what its loader reads. */
export interface AppFolder {
  workspaceFolder: vscode.WorkspaceFolder;
  dir: vscode.Uri;
  resolution: FolderResolution;
}

export interface AppFoldersDeps {
  files: WorkspaceFiles;
  environmentOf: EnvironmentOf;
}

/**
 * The loader resolution of each app folder (a folder holding .env files, or a workspace folder's root), computed
 * once and kept until something it depends on changes: a .env or a file that names the loader, a setting, the
 * stored keys terminals get. Then `forget()` drops them all; they are cheap to compute again.
 */
export class AppFolders {
  private readonly cache = new Map<string, { dir: vscode.Uri; resolved: Promise<AppFolder> }>();

  constructor(private readonly deps: AppFoldersDeps) {}

  get files(): WorkspaceFiles {
    return this.deps.files;
  }

  resolve(workspaceFolder: vscode.WorkspaceFolder, dir: vscode.Uri): Promise<AppFolder> {
    const key = dir.toString();
    const cached = this.cache.get(key);
    if (cached) {
      return cached.resolved;
    }
    const resolved = this.compute(workspaceFolder, dir);
    this.cache.set(key, { dir, resolved });
    resolved.catch(() => this.cache.delete(key));
    return resolved;
  }

  private async compute(workspaceFolder: vscode.WorkspaceFolder, dir: vscode.Uri): Promise<AppFolder> {
    const depth = relativeTo(workspaceFolder.uri, dir).split('/').filter((p) => p !== '').length;
    const reader = appFolderReader(this.deps.files, dir, depth, readLintSettings(dir).maxFileBytes);
    const resolution = await resolveFolder(reader, await this.deps.environmentOf(dir), readLoaderChoice(dir));
    return { workspaceFolder, dir, resolution };
  }

  /**
   * The app folders whose loader reads this file, with its path as each sees it: its own folder first, then each
   * folder above it up to the workspace folder (a compose file may list `config/app.env`).
   */
  async readersOf(uri: vscode.Uri): Promise<Array<{ app: AppFolder; file: string }>> {
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri);
    if (!workspaceFolder) {
      return [];
    }
    const out: Array<{ app: AppFolder; file: string }> = [];
    for (const dir of foldersAbove(workspaceFolder.uri, uri)) {
      const app = await this.resolve(workspaceFolder, dir);
      const file = relativeTo(dir, uri);
      if (app.resolution.files.has(file)) {
        out.push({ app, file });
      }
    }
    return out;
  }

  /** The app folder a file belongs to: the nearest one whose loader reads it, else the file's own folder. */
  async appOf(uri: vscode.Uri): Promise<{ app: AppFolder; file: string } | undefined> {
    const [nearest] = await this.readersOf(uri);
    if (nearest) {
      return nearest;
    }
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri);
    if (!workspaceFolder) {
      return undefined;
    }
    const dir = vscode.Uri.joinPath(uri, '..');
    return { app: await this.resolve(workspaceFolder, dir), file: relativeTo(dir, uri) };
  }

  /**
   * Drops the resolutions a change can touch: of every folder when `changed` is absent, else of the folders above
   * the changed file's folder (a compose file lists `config/app.env`) and below it (python-dotenv reads `../.env`).
   */
  forget(changed?: vscode.Uri): void {
    if (!changed) {
      this.cache.clear();
      return;
    }
    const dir = path.posix.dirname(changed.path);
    for (const [key, { dir: other }] of [...this.cache]) {
      if (isSameOrInside(dir, other.path) || isSameOrInside(other.path, dir)) {
        this.cache.delete(key);
      }
    }
  }
}

function isSameOrInside(folder: string, candidate: string): boolean {
  return candidate === folder || candidate.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}

/** `/`-separated path of `uri` relative to `dir`. */
export function relativeTo(dir: vscode.Uri, uri: vscode.Uri): string {
  return path.posix.relative(dir.path, uri.path);
}

/** The folders from the file's own folder up to `root`, nearest first. */
export function foldersAbove(root: vscode.Uri, file: vscode.Uri): vscode.Uri[] {
  const steps = relativeTo(root, file).split('/').length - 1;
  const out: vscode.Uri[] = [];
  let dir = vscode.Uri.joinPath(file, '..');
  for (let i = 0; i <= steps && !relativeTo(root, dir).startsWith('..'); i++) {
    out.push(dir);
    dir = vscode.Uri.joinPath(dir, '..');
  }
  return out;
}
