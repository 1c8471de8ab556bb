import * as fs from 'fs';
import * as path from 'path';
import { decodeFile } from '../encoding';
import type { Severity } from '../findings';
import { DEFAULT_MAX_FILE_BYTES } from '../lintFile';
import { FileReport, toRecord } from '../report/formats';
import { isSkippedFileName, looksBinary } from './fileKinds';
import { SourceFileSystem, nodeSourceFileSystem } from './fileSystem';
import { GitRunner, literalPathspec } from '../git';
import { bytesMayHoldKey, textMayHoldKey } from './keyTokens';
import { ListedFile, listSourceFiles } from './listing';
import type { GitFacts } from './messages';
import { SourceScanResult, scanSourceText } from './scan';

export interface SourceScanSettings {
  /** Runs git (createSafeGitRunner()); `false` never asks git: folders are walked and no file gets git facts. */
  git: GitRunner | false;
  fs?: SourceFileSystem;
  /** Larger files are not read (default 2 MB, the `.env` limit). */
  maxBytes?: number;
  /** The `hardcoded-key` entry of the rules setting. */
  severity?: Severity | 'off';
}

/** A file with at least one finding. `text` is what positions and move plans refer to. */
export interface ScannedSourceFile {
  path: string;
  relative: string;
  git?: GitFacts;
  text: string;
  result: SourceScanResult;
}

export type SkipReason = 'too-large' | 'binary' | 'not-regular' | 'unreadable';

export interface SourceTreeScan {
  /** Per folder given: how its files were listed. */
  modes: Array<'git' | 'walk' | 'file'>;
  /** Files read: in a git repository only those git found `sk-` in, elsewhere every file listed. */
  scanned: number;
  /** Sorted by path. */
  files: ScannedSourceFile[];
  skipped: Array<{ path: string; reason: SkipReason; detail?: string }>;
}

const SCRATCH_BYTES = 4 * 1024 * 1024;

/**
 * What `lint` runs for source files: each path is a folder or a file named explicitly. In a git repository,
 * git lists and searches the files (`git grep`, see listGitCandidates); elsewhere every file of the walk is read
 * once, with the `sk-` pre-filter on its bytes before any decoding.
 */
export async function scanSourcePaths(paths: readonly string[], settings: SourceScanSettings): Promise<SourceTreeScan> {
  const fileSystem = settings.fs ?? nodeSourceFileSystem;
  const out: SourceTreeScan = { modes: [], scanned: 0, files: [], skipped: [] };
  const maxBytes = settings.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  // One buffer for every ordinary read: thousands of files, no garbage. A larger file gets a buffer of its own
  // size, so a generous --max-size-mb allocates nothing up front.
  const scratch = Buffer.allocUnsafe(Math.min(maxBytes, SCRATCH_BYTES) + 1);
  for (const given of paths) {
    const absolute = path.resolve(given);
    let isDirectory: boolean;
    try {
      isDirectory = fs.statSync(absolute).isDirectory();
    } catch (e) {
      out.skipped.push({ path: absolute, reason: 'unreadable', detail: (e as NodeJS.ErrnoException).code });
      continue;
    }
    if (isDirectory) {
      const listing = await listSourceFiles(absolute, { git: settings.git, fs: settings.fs, candidatesOnly: true });
      out.modes.push(listing.mode);
      for (const error of listing.errors) {
        out.skipped.push({ path: error.path, reason: 'unreadable', detail: error.code });
      }
      for (const file of listing.files) {
        scanListedFile(file, settings, fileSystem, scratch, out);
      }
    } else if (!isSkippedFileName(path.basename(absolute))) {
      out.modes.push('file');
      const git = settings.git ? await gitFactsOf(absolute, settings.git) : undefined;
      scanListedFile({ path: absolute, relative: path.basename(absolute), git }, settings, fileSystem, scratch, out);
    }
  }
  out.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

function scanListedFile(file: ListedFile, settings: SourceScanSettings, fileSystem: SourceFileSystem, scratch: Buffer, out: SourceTreeScan): void {
  const maxBytes = settings.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const read = fileSystem.readRegularFile(file.path, maxBytes, scratch);
  if (read.kind !== 'read') {
    if (read.kind === 'too-large') {
      out.skipped.push({ path: file.path, reason: 'too-large', detail: String(read.size) });
    } else if (read.kind === 'error') {
      out.skipped.push({ path: file.path, reason: 'unreadable', detail: read.code });
    } else {
      out.skipped.push({ path: file.path, reason: 'not-regular' });
    }
    return;
  }
  out.scanned++;
  const scanned = scanSourceBytes(read.bytes, file, settings.severity);
  if (scanned === 'binary') {
    out.skipped.push({ path: file.path, reason: 'binary' });
  } else if (scanned) {
    out.files.push(scanned);
  }
}

/** One file's bytes (not kept: a view into a shared buffer is fine): undefined when it holds no key, 'binary' when it is not text. */
export function scanSourceBytes(bytes: Buffer, file: ListedFile, severity?: Severity | 'off'): ScannedSourceFile | 'binary' | undefined {
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (!utf16 && !bytesMayHoldKey(bytes)) {
    return undefined;
  }
  if (looksBinary(bytes)) {
    return 'binary';
  }
  const text = decodeSource(bytes, utf16);
  if (!textMayHoldKey(text)) {
    return undefined;
  }
  const result = scanSourceText(text, { path: file.relative, git: file.git, severity });
  return result.findings.length > 0 ? { path: file.path, relative: file.relative, git: file.git, text, result } : undefined;
}

/** The text an editor shows: UTF-16 by its byte order mark, else UTF-8 without its byte order mark. */
function decodeSource(bytes: Buffer, utf16: boolean): string {
  if (utf16) {
    return decodeFile(bytes).text;
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.toString('utf8', bom ? 3 : 0);
}

/**
 * Git facts for one file named explicitly (folders get them from the listing). The name is a literal pathspec and
 * check-ignore looks at the name only (`--no-index`): `pages/[id].js` is not a glob that matches `pages/d.js`.
 */
export async function gitFactsOf(file: string, git: GitRunner): Promise<GitFacts | undefined> {
  const dir = path.dirname(file);
  const name = path.basename(file);
  const tracked = await git(['ls-files', '-z', '--cached', '--', literalPathspec(name)], dir);
  if (tracked.code !== 0) {
    return undefined;
  }
  if (tracked.stdout.length > 0) {
    return { tracked: true, ignored: false };
  }
  const ignored = await git(['check-ignore', '-q', '--no-index', '--', name], dir);
  return ignored.code === 0 || ignored.code === 1 ? { tracked: false, ignored: ignored.code === 0 } : undefined;
}

/** The CLI's reports for the files with findings, paths as `display` shows them. */
export function sourceFileReports(scan: SourceTreeScan, display: (absolutePath: string) => string): FileReport[] {
  return scan.files.map((file) => ({
    path: display(file.path),
    findings: file.result.findings.map((f) => toRecord(f, file.result.lines)),
  }));
}
