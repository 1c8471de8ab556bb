import { execFile } from 'child_process';
import * as path from 'path';
import type { GitStatus } from './rules/context';

function git(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000, windowsHide: true }, (error, stdout) => {
      if (!error) {
        resolve({ code: 0, out: stdout });
        return;
      }
      const code = (error as { code?: unknown }).code;
      resolve({ code: typeof code === 'number' ? code : -1, out: '' });
    });
  });
}

/**
 * Asks git whether a file is tracked or ignored. Only paths reach the command line, never file content.
 * Undefined outside a repository or without git. Never call it for an untrusted workspace: a cloned
 * repository's own git config can make git run programs.
 */
export async function gitStatusOf(file: string): Promise<GitStatus | undefined> {
  const dir = path.dirname(path.resolve(file));
  const root = await git(['rev-parse', '--show-toplevel'], dir);
  if (root.code !== 0) {
    return undefined;
  }
  const base = path.basename(file);
  const [tracked, ignored] = await Promise.all([
    git(['ls-files', '--error-unmatch', '--', base], dir),
    git(['check-ignore', '-q', '--no-index', '--', base], dir),
  ]);
  const relative = path.relative(root.out.trim(), path.resolve(file)).split(path.sep).join('/');
  return {
    tracked: tracked.code === 0,
    ignored: ignored.code === 0,
    gitignoreEntry: relative.includes('/') ? `/${relative}` : relative,
    repositoryRoot: root.out.trim(),
  };
}
