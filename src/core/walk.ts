import * as fs from 'fs';
import * as path from 'path';
import { isEnvFileName } from './envFileNames';

/** Folders never searched for .env files: dependencies, VCS data and build output. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.next', '.nuxt', '.svelte-kit', 'coverage', '.venv', 'venv', '__pycache__', '.turbo', '.cache']);

/** Every .env file under the given paths; files named explicitly are kept whatever their name. */
export function findEnvFiles(paths: readonly string[], onError: (p: string, e: Error) => void): string[] {
  return walkEnvFiles(paths, onError).map((f) => f.path);
}

export interface FoundFile {
  path: string;
  /** The folder being linted that holds it (for a file named explicitly, its folder): nothing is written outside it. */
  root: string;
}

/**
 * Every .env file under the given paths, with the folder it was found in. Folders reached through a link
 * are never entered; a link named .env is listed (apps read through it) and the reader decides (it opens
 * only regular files). Nothing is opened here.
 */
export function walkEnvFiles(paths: readonly string[], onError: (p: string, e: Error) => void): FoundFile[] {
  const found: FoundFile[] = [];
  let root = '';
  const visitFolder = (p: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(p, { withFileTypes: true });
    } catch (e) {
      onError(p, e as Error);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = entry.name;
      if (SKIPPED_FOLDERS.has(name)) {
        continue;
      }
      // The directory entry's type is the link's own (lstat's answer): a link to a folder is never entered.
      if (entry.isDirectory()) {
        visitFolder(path.join(p, name));
      } else if (isEnvFileName(name)) {
        found.push({ path: path.join(p, name), root });
      }
    }
  };
  const visit = (p: string, explicit: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      onError(p, e as Error);
      return;
    }
    if (stat.isDirectory()) {
      visitFolder(p);
    } else if (explicit || isEnvFileName(path.basename(p))) {
      found.push({ path: p, root: explicit ? path.dirname(p) : root });
    }
  };
  for (const p of paths) {
    root = p;
    visit(p, true);
  }
  return found;
}
