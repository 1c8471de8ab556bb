import * as fs from 'fs';
import * as path from 'path';
import type { GitStatus } from './rules/context';

async function git(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  // Loaded on first use: a lint outside any repository never needs it.
  const { execFile } = await import('child_process');
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
  if (!mayBeInRepository(dir)) {
    return undefined;
  }
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

/**
 * git finds a repository through a `.git` (folder, or file for a worktree) in the folder or a parent, or through
 * GIT_DIR. Without either, starting git only to hear "not a git repository" costs more than linting a small file.
 */
function mayBeInRepository(dir: string): boolean {
  if (process.env.GIT_DIR) {
    return true;
  }
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) {
      return true;
    }
    if (path.dirname(current) === current) {
      return false;
    }
  }
}
