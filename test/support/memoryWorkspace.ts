/**
 * Workspace folders in memory for the load-order features (src/extension/which): files by absolute path, folders
 * as the `vscode` stub lists them. Open documents are files too: the features read editors first, tests need not.
 */
import { posix } from 'path';
import { isEnvFileName } from '../../src/core/envFileNames';
import type { WorkspaceFiles } from '../../src/extension/which/workspaceFiles';
import { fileUri, stubState } from './vscodeStub';

type Uri = ReturnType<typeof fileUri>;

export interface MemoryWorkspace extends WorkspaceFiles {
  /** Replaces (or, with undefined, deletes) a file. */
  write(path: string, text: string | undefined): void;
}

/** `{ '/work/web/.env': '…' }`, with `folders` (absolute paths) as the workspace folders, in that order. */
export function memoryWorkspace(folders: string[], files: Record<string, string>): MemoryWorkspace {
  const contents = new Map(Object.entries(files));
  stubState.workspaceFolders = folders.map((path, index) => ({ uri: fileUri(path), name: posix.basename(path), index }));
  const under = (dir: string) => [...contents.keys()].filter((p) => p.startsWith(`${dir}/`));
  return {
    write(path, text) {
      if (text === undefined) {
        contents.delete(path);
      } else {
        contents.set(path, text);
      }
    },
    async findEnvFiles(folder) {
      return under((folder.uri as unknown as Uri).path)
        .filter((p) => isEnvFileName(posix.basename(p)))
        .map((p) => fileUri(p) as never);
    },
    async list(dir) {
      const path = (dir as unknown as Uri).path;
      return [...new Set(under(path).map((p) => p.slice(path.length + 1).split('/')[0]))].sort();
    },
    async read(uri, maxBytes) {
      const text = contents.get((uri as unknown as Uri).path);
      const bytes = text === undefined ? undefined : new Uint8Array(Buffer.from(text, 'utf8'));
      return bytes && bytes.byteLength <= maxBytes ? bytes : undefined;
    },
    async exists(uri) {
      const path = (uri as unknown as Uri).path;
      return contents.has(path) || under(path).length > 0;
    },
  };
}
