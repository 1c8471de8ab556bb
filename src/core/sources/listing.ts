import * as path from 'path';
import { DEPENDENCY_FOLDERS, SKIPPED_SOURCE_FOLDERS, isSkippedFileName } from './fileKinds';
import { SourceFileSystem, nodeSourceFileSystem } from './fileSystem';
import { GitRunner, mayBeInRepository } from '../git';
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
  /**
   * `git`: the files git would list; `walk`: the files of a walk of the folder (not a repository, git missing
   * or refused). With `candidatesOnly`, possibly only those containing `sk-`.
   */
  mode: 'git' | 'walk';
  files: ListedFile[];
  /** Folders that could not be read. */
  errors: Array<{ path: string; code: string }>;
}

export interface ListingOptions {
  /** Runs git; `false` never asks git (the walk is used). */
  git: GitRunner | false;
  fs?: SourceFileSystem;
  /**
   * List only the files that contain `sk-`, what a key scan needs: with git's native search, in a repository
   * (listGitCandidates) or, when git is installed, outside one (listWalkCandidates). Not with an injected `fs`.
   */
  candidatesOnly?: boolean;
}

/**
 * The files of a folder that may hold source code or configuration, in no particular order. In a git repository,
 * what git lists (tracked files and untracked files that are not ignored), without the repository's
 * configuration running anything (see ../git.ts); elsewhere a walk that never follows a symbolic link and
 * skips dependency, VCS and build folders. Binary files (by name) and `.env` files are left out in both.
 */
export async function listSourceFiles(root: string, options: ListingOptions): Promise<SourceListing> {
  const resolved = path.resolve(root);
  const absolute = resolved.length > 1 && resolved.endsWith(path.sep) ? resolved.slice(0, -1) : resolved;
  if (options.git) {
    // Outside a repository, asking git to list it would only cost a process or two to hear "not a git repository".
    const inRepository = mayBeInRepository(absolute);
    const files = !inRepository ? undefined : options.candidatesOnly ? await listGitCandidates(absolute, options.git) : await listGitFiles(absolute, options.git);
    if (files) {
      return { mode: 'git', files, errors: [] };
    }
    if (options.candidatesOnly && !options.fs) {
      // A handful of files is read sooner than git starts (a folder holding a .env and little else).
      const small = walk(absolute, nodeSourceFileSystem, SMALL_FOLDER_FILES);
      const walked = small ? undefined : await listWalkCandidates(absolute, options.git);
      if (small || walked) {
        return small ?? { mode: 'walk', files: walked!, errors: [] };
      }
    }
  }
  return walkSourceFiles(absolute, options.fs ?? nodeSourceFileSystem);
}

/** Outside a repository, a folder with at most this many files is walked and read here rather than searched by git. */
export const SMALL_FOLDER_FILES = 16;

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
      files.push({ path: toAbsolute(root, relative), relative, git: facts });
    }
  };
  add(tracked.stdout, { tracked: true, ignored: false });
  add(untracked.stdout, { tracked: false, ignored: false });
  return files;
}

/**
 * The files git would list (as listGitFiles) that contain `sk-`, found by `git grep --untracked`: git reads
 * and searches the files natively, in parallel, so only the few candidates reach JavaScript. Same hardened
 * runner, same exclusions; undefined outside a repository or when git fails.
 */
export async function listGitCandidates(root: string, git: GitRunner): Promise<ListedFile[] | undefined> {
  const excluded = [...DEPENDENCY_FOLDERS].map((folder) => `:(exclude,glob)**/${folder}/**`);
  const [matching, untracked] = await Promise.all([
    git(['grep', '-l', '-z', '-F', '--untracked', '-e', 'sk-', '--', '.', ...excluded], root),
    git(['ls-files', '-z', '--others', '--exclude-standard'], root),
  ]);
  // git grep exits with 1 when nothing matches.
  if ((matching.code !== 0 && matching.code !== 1) || untracked.code !== 0) {
    return undefined;
  }
  const untrackedPaths = new Set(untracked.stdout.toString('utf8').split('\0'));
  const files: ListedFile[] = [];
  for (const relative of new Set(matching.stdout.toString('utf8').split('\0'))) {
    if (relative !== '' && keepsGitPath(relative)) {
      files.push({ path: toAbsolute(root, relative), relative, git: { tracked: !untrackedPaths.has(relative), ignored: false } });
    }
  }
  return files;
}

/**
 * Outside a repository, the files of the walk (walkSourceFiles) that contain `sk-`, found by
 * `git grep --no-index`: git's own directory walk, which never follows a symbolic link, skips FIFOs and devices,
 * and reads no .gitignore; the skipped folders are pathspec exclusions. Undefined when git is missing or fails.
 */
export async function listWalkCandidates(root: string, git: GitRunner): Promise<ListedFile[] | undefined> {
  const excluded = [...SKIPPED_SOURCE_FOLDERS].map((folder) => `:(exclude,glob)**/${folder}/**`);
  const matching = await git(['grep', '--no-index', '-l', '-z', '-F', '-e', 'sk-', '--', '.', ...excluded], root);
  if (matching.code !== 0 && matching.code !== 1) {
    return undefined;
  }
  const files: ListedFile[] = [];
  for (const relative of matching.stdout.toString('utf8').split('\0')) {
    if (relative !== '' && !isSkippedFileName(relative.slice(relative.lastIndexOf('/') + 1))) {
      files.push({ path: toAbsolute(root, relative), relative });
    }
  }
  return files;
}

function toAbsolute(root: string, relative: string): string {
  return root + path.sep + (path.sep === '/' ? relative : relative.split('/').join(path.sep));
}

function keepsGitPath(relative: string): boolean {
  const segments = relative.split('/');
  return !isSkippedFileName(segments[segments.length - 1]) && !segments.slice(0, -1).some((s) => DEPENDENCY_FOLDERS.has(s));
}

export function walkSourceFiles(root: string, fs: SourceFileSystem): SourceListing {
  return walk(root, fs, Infinity)!;
}

/** The walk, or undefined as soon as it finds more than `limit` files. */
function walk(root: string, fs: SourceFileSystem, limit: number): SourceListing | undefined {
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
    const prefix = relative === '' ? '' : `${relative}/`;
    for (const entry of entries) {
      // Symbolic links (which may point out of the folder), FIFOs, sockets and devices are neither: never followed or read.
      if (entry.isDirectory()) {
        if (!SKIPPED_SOURCE_FOLDERS.has(entry.name)) {
          stack.push({ dir: dir + path.sep + entry.name, relative: prefix + entry.name });
        }
      } else if (entry.isFile() && !isSkippedFileName(entry.name)) {
        if (files.length === limit) {
          return undefined;
        }
        files.push({ path: dir + path.sep + entry.name, relative: prefix + entry.name });
      }
    }
  }
  return { mode: 'walk', files, errors };
}
