import * as path from 'path';
import type { GitRunner } from '../core/git';
import type { FileReport } from '../core/report/formats';
import { toRecord } from '../core/report/formats';
import { isSkippedFileName, looksBinary } from '../core/sources/fileKinds';
import { sourceLanguageOf } from '../core/sources/language';
import { gitFactsOf, scanSourceBytes, scanSourcePaths, sourceFileReports } from '../core/sources/scanTree';

/**
 * How `lint` treats a file named explicitly that is not called like a .env file: a file in a language the source
 * scan knows (by name, or by its `#!` line) is scanned for hard-coded keys; one that reads like a .env file is
 * linted as one (cookiecutter's `.envs/.production/.django`); any other text file is scanned as the folder scan
 * would; a binary file gets the `not-env-file` note.
 */
export function explicitFileKind(name: string, bytes: Uint8Array, text: string, readsLikeDotenv: (text: string) => boolean): 'source' | 'env' | 'neither' {
  const firstLine = text.slice(0, 200).split('\n', 1)[0];
  if (sourceLanguageOf(name, { firstLine }) !== 'text') {
    return 'source';
  }
  if (readsLikeDotenv(text)) {
    return 'env';
  }
  return !isSkippedFileName(name) && !looksBinary(bytes) ? 'source' : 'neither';
}

/** A source file named explicitly, already read: its report (listed even without findings, like a .env file). */
export async function explicitSourceReport(file: string, bytes: Uint8Array, displayPath: string, git: GitRunner | false): Promise<FileReport> {
  const facts = git ? await gitFactsOf(file, git) : undefined;
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const scanned = scanSourceBytes(buffer, { path: file, relative: path.basename(file), git: facts });
  if (!scanned || scanned === 'binary') {
    return { path: displayPath, findings: [] };
  }
  return { path: displayPath, findings: scanned.result.findings.map((f) => toRecord(f, scanned.result.lines)) };
}

export interface FolderSourceScan {
  /** The files with a hard-coded key, sorted by path. */
  reports: FileReport[];
  /** Files or folders that could not be read. */
  unreadable: Array<{ path: string; code: string }>;
  /** Files above the size limit, not searched, with their size in bytes. */
  tooLarge: Array<{ path: string; size: number }>;
}

/**
 * The source and config files of the folders given to `lint`: in a git repository the files git lists (tracked,
 * or untracked and not ignored), searched by git itself through the hardened runner; elsewhere a walk that skips
 * dependency and build folders. Binary files and `.env` files are left out (the latter are linted as such).
 */
export async function scanSourceFolders(dirs: readonly string[], git: GitRunner | false, maxBytes: number, display: (file: string) => string): Promise<FolderSourceScan> {
  if (dirs.length === 0) {
    return { reports: [], unreadable: [], tooLarge: [] };
  }
  const scan = await scanSourcePaths(dirs, { git, maxBytes });
  return {
    reports: sourceFileReports(scan, display),
    unreadable: scan.skipped.flatMap((s) => (s.reason === 'unreadable' ? [{ path: s.path, code: s.detail ?? 'EIO' }] : [])),
    tooLarge: scan.skipped.flatMap((s) => (s.reason === 'too-large' ? [{ path: s.path, size: Number(s.detail ?? 0) }] : [])),
  };
}
