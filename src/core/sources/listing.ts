import * as path from 'path';
import { DEPENDENCY_FOLDERS, SKIPPED_SOURCE_FOLDERS, isSkippedFileName } from './fileKinds';
import { SourceFileSystem, nodeSourceFileSystem } from './fileSystem';
import type { GitRunner } from './gitRunner';
import type { GitFacts } from './messages';

export interface ListedFile {
  /** Absolute path. */
  path: string;
  /** Relative to the listed folder, `/`-separated. */
  relative: string;
  /** In a git repository: tracked, or untracked and not ignored (git lists no ignored file). */
  git?: GitFacts;
}

export interface SourceListing {
  /** `git`: the files git would list; `walk`: a walk of the folder (not a repository, git missing or refused). */
  mode: 'git' | 'walk';
  files: ListedFile[];
  /** Folders that could not be read. */
  errors: Array<{ path: string; code: string }>;
}

export interface ListingOptions {
  /** Runs git; `false` never asks git (the walk is used). */
  git: GitRunner | false;
  fs?: SourceFileSystem;
}

/**
 * The files of a folder that may hold source code or configuration, in a stable order. In a git repository,
 * what git lists (tracked files and untracked files that are not ignored), without the repository's
 * configuration running anything (see gitRunner.ts); elsewhere a walk that never follows a symbolic link and
 * skips dependency, VCS and build folders. Binary files (by name) and `.env` files are left out in both.
 */
export async function listSourceFiles(root: string, options: ListingOptions): Promise<SourceListing> {
  const absolute = path.resolve(root);
  if (options.git) {
    const files = await listGitFiles(absolute, options.git);
    if (files) {
      return { mode: 'git', files, errors: [] };
    }
  }
  return walkSourceFiles(absolute, options.fs ?? nodeSourceFileSystem);
}

/** git ls-files, twice (tracked; untracked not ignored); undefined outside a repository or when git fails. */
export async function listGitFiles(root: string, git: GitRunner): Promise<ListedFile[] | undefined> {
  const [tracked, untracked] = await Promise.all([
    git(['ls-files', '-z', '--cached'], root),
    git(['ls-files', '-z', '--others', '--exclude-standard'], root),
  ]);
  if (tracked.code !== 0 || untracked.code !== 0) {
    return undefined;
  }
  const files: ListedFile[] = [];
  const seen = new Set<string>();
  const add = (output: Buffer, facts: GitFacts) => {
    for (const relative of output.toString('utf8').split('\0')) {
      if (relative === '' || seen.has(relative) || !keepsGitPath(relative)) {
        continue;
      }
      seen.add(relative); // a path in conflict is listed once per stage
      files.push({ path: path.join(root, ...relative.split('/')), relative, git: facts });
    }
  };
  add(tracked.stdout, { tracked: true, ignored: false });
  add(untracked.stdout, { tracked: false, ignored: false });
  return files.sort((a, b) => compare(a.relative, b.relative));
}

function keepsGitPath(relative: string): boolean {
  const segments = relative.split('/');
  return !isSkippedFileName(segments[segments.length - 1]) && !segments.slice(0, -1).some((s) => DEPENDENCY_FOLDERS.has(s));
}

export function walkSourceFiles(root: string, fs: SourceFileSystem): SourceListing {
  const files: ListedFile[] = [];
  const errors: SourceListing['errors'] = [];
  const stack: Array<{ dir: string; relative: string }> = [{ dir: root, relative: '' }];
  while (stack.length > 0) {
    const { dir, relative } = stack.pop()!;
    let entries;
    try {
      entries = fs.readDirectory(dir);
    } catch (e) {
      errors.push({ path: dir, code: (e as NodeJS.ErrnoException).code ?? 'EIO' });
      continue;
    }
    entries.sort((a, b) => compare(a.name, b.name));
    const subfolders: Array<{ dir: string; relative: string }> = [];
    for (const entry of entries) {
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.kind === 'directory') {
        if (!SKIPPED_SOURCE_FOLDERS.has(entry.name)) {
          subfolders.push({ dir: path.join(dir, entry.name), relative: childRelative });
        }
      } else if (entry.kind === 'file' && !isSkippedFileName(entry.name)) {
        files.push({ path: path.join(dir, entry.name), relative: childRelative });
      }
      // Symbolic links (which may point out of the folder), FIFOs, sockets and devices are never followed or read.
    }
    stack.push(...subfolders.reverse());
  }
  return { mode: 'walk', files: files.sort((a, b) => compare(a.relative, b.relative)), errors };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
