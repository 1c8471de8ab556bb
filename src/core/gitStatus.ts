import * as path from 'path';
import { literalPathspec, mayBeInRepository, runGit } from './git';
import type { GitStatus } from './rules/context';

/**
 * Asks git whether a file is tracked or ignored: `git rev-parse --show-toplevel`, `git ls-files
 * --error-unmatch -- :(literal)<name>` (a name, not a glob: `[id].env`) and `git check-ignore -q --no-index -- <name>`, run through the hardened runner
 * (see git.ts). Only paths reach the command line, never file content. Undefined outside a repository or
 * without git. The extension still never calls it in an untrusted workspace.
 */
export async function gitStatusOf(file: string): Promise<GitStatus | undefined> {
  const dir = path.dirname(path.resolve(file));
  if (!mayBeInRepository(dir)) {
    return undefined;
  }
  const root = await runGit(['rev-parse', '--show-toplevel'], dir);
  if (root.code !== 0) {
    return undefined;
  }
  const base = path.basename(file);
  const [tracked, ignored] = await Promise.all([runGit(['ls-files', '--error-unmatch', '--', literalPathspec(base)], dir), runGit(['check-ignore', '-q', '--no-index', '--', base], dir)]);
  const relative = path.relative(root.stdout.trim(), path.resolve(file)).split(path.sep).join('/');
  return {
    tracked: tracked.code === 0,
    ignored: ignored.code === 0,
    gitignoreEntry: relative.includes('/') ? `/${relative}` : relative,
    repositoryRoot: root.stdout.trim(),
  };
}
