import * as vscode from 'vscode';
import type { FolderReader } from '../../core/loaders/folderReader';
import { isEnvDocument, isEnvUri } from '../document/envDocuments';
import { ENV_FILE_GLOB, EXCLUDED_FOLDERS_GLOB } from '../shared/constants';

/**
 * How the load-order features see the workspace: open documents as the editor holds them (unsaved edits count),
 * other files from the disk through VS Code. Passed in, so tests give a folder in memory.
 */
export interface WorkspaceFiles {
  /** The .env files of a workspace folder, open or not, outside the folders the linter skips. */
  findEnvFiles(folder: vscode.WorkspaceFolder): Promise<vscode.Uri[]>;
  /** The names directly in a folder; [] when it cannot be listed. */
  list(dir: vscode.Uri): Promise<string[]>;
  /** An open document's text, else the file's bytes; undefined when missing, not a regular file or above `maxBytes`. */
  read(uri: vscode.Uri, maxBytes: number): Promise<Uint8Array | undefined>;
  exists(uri: vscode.Uri): Promise<boolean>;
}

const MAX_ENV_FILES = 500;

export function vscodeWorkspaceFiles(): WorkspaceFiles {
  const openDocument = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
  return {
    async findEnvFiles(folder) {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, ENV_FILE_GLOB), EXCLUDED_FOLDERS_GLOB, MAX_ENV_FILES);
      const open = vscode.workspace.textDocuments.filter((d) => !d.isClosed && isEnvDocument(d) && vscode.workspace.getWorkspaceFolder(d.uri)?.uri.toString() === folder.uri.toString()).map((d) => d.uri);
      const byKey = new Map([...found.filter(isEnvUri), ...open].map((uri) => [uri.toString(), uri]));
      return [...byKey.values()];
    },
    async list(dir) {
      try {
        return (await vscode.workspace.fs.readDirectory(dir)).map(([name]) => name).sort();
      } catch {
        return [];
      }
    },
    async read(uri, maxBytes) {
      const open = openDocument(uri);
      if (open) {
        const bytes = new Uint8Array(Buffer.from(open.getText(), 'utf8'));
        return bytes.byteLength <= maxBytes ? bytes : undefined;
      }
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        // A named pipe or a device would block or flood the read: regular files only (a link to one is followed).
        if ((stat.type & vscode.FileType.File) === 0 || stat.size > maxBytes) {
          return undefined;
        }
        return await vscode.workspace.fs.readFile(uri);
      } catch {
        return undefined;
      }
    },
    async exists(uri) {
      if (openDocument(uri)) {
        return true;
      }
      try {
        await vscode.workspace.fs.stat(uri);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * The core's view of one app folder: paths relative to `dir`, `../.env` up to the workspace folder (`parentDepth`
 * levels), never above it: an editor has no business reading the user's home for a workspace's chain.
 */
export function appFolderReader(files: WorkspaceFiles, dir: vscode.Uri, parentDepth: number, maxBytes: number): FolderReader {
  const inside = (relativePath: string) => {
    const ups = relativePath.split('/').filter((p) => p === '..').length;
    return ups <= parentDepth;
  };
  return {
    parentDepth,
    list: () => files.list(dir),
    read: async (relativePath) => (inside(relativePath) ? files.read(vscode.Uri.joinPath(dir, relativePath), maxBytes) : undefined),
    exists: async (relativePath) => inside(relativePath) && files.exists(vscode.Uri.joinPath(dir, relativePath)),
  };
}
