import * as fs from 'fs';
import * as path from 'path';
import { isEnvFileName } from './envFileNames';

/** Folders never searched for .env files: dependencies, VCS data and build output. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.next', '.nuxt', '.svelte-kit', 'coverage', '.venv', 'venv', '__pycache__', '.turbo', '.cache']);

/** Every .env file under the given paths; files named explicitly are kept whatever their name. */
export function findEnvFiles(paths: readonly string[], onError: (p: string, e: Error) => void): string[] {
  const found: string[] = [];
  const visit = (p: string, explicit: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      onError(p, e as Error);
      return;
    }
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = fs.readdirSync(p).sort();
      } catch (e) {
        onError(p, e as Error);
        return;
      }
      for (const name of names) {
        const child = path.join(p, name);
        if (SKIPPED_FOLDERS.has(name)) {
          continue;
        }
        let childStat: fs.Stats;
        try {
          childStat = fs.lstatSync(child);
        } catch {
          continue;
        }
        if (childStat.isDirectory()) {
          visit(child, false);
        } else if (isEnvFileName(name)) {
          found.push(child);
        }
      }
    } else if (explicit || isEnvFileName(path.basename(p))) {
      found.push(p);
    }
  };
  for (const p of paths) {
    visit(p, true);
  }
  return found;
}
