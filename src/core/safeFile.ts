import * as fs from 'fs';
import * as path from 'path';

/**
 * The one way we read and write the files we change (`lint --fix`, re-save as UTF-8, add to .gitignore, in
 * the CLI and the extension): stat before reading, never open what is not a regular file, never write through
 * a link that leads out of the folder being fixed, and write a temporary file in the same folder, flushed to
 * disk, renamed over the original with its mode kept, only if the file is still what was read.
 */

/** The file-system calls used here; tests replace some to simulate a full disk or another writer. */
export interface FileOps {
  statSync: typeof fs.statSync;
  lstatSync: typeof fs.lstatSync;
  realpathSync: typeof fs.realpathSync;
  openSync: typeof fs.openSync;
  fstatSync: typeof fs.fstatSync;
  readSync: typeof fs.readSync;
  writeSync: typeof fs.writeSync;
  fsyncSync: typeof fs.fsyncSync;
  fchmodSync: typeof fs.fchmodSync;
  fchownSync: typeof fs.fchownSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  linkSync: typeof fs.linkSync;
  unlinkSync: typeof fs.unlinkSync;
}

export const NODE_FILE_OPS: FileOps = fs;

/** A file as it was read: its bytes and what identifies that version of it. */
export interface FileSnapshot {
  path: string;
  bytes: Uint8Array;
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  mode: number;
  uid: number;
  gid: number;
}

export type FileKind = 'directory' | 'fifo' | 'socket' | 'character device' | 'block device' | 'other';

export type ReadOutcome =
  | { kind: 'read'; snapshot: FileSnapshot }
  | { kind: 'too-large'; size: number }
  | { kind: 'not-regular'; fileKind: FileKind }
  | { kind: 'error'; code: string };

function kindOf(stat: fs.Stats): FileKind {
  if (stat.isDirectory()) {
    return 'directory';
  }
  if (stat.isFIFO()) {
    return 'fifo';
  }
  if (stat.isSocket()) {
    return 'socket';
  }
  if (stat.isCharacterDevice()) {
    return 'character device';
  }
  if (stat.isBlockDevice()) {
    return 'block device';
  }
  return 'other';
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

// O_NONBLOCK: if a FIFO takes the file's place between the stat and the open, the open must not hang.
const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/**
 * Reads a regular file (through a link, if it is one) of at most `maxBytes`: the size is checked on a stat,
 * before a byte is read, and anything else (FIFO, device, socket, directory) is never opened.
 */
export function readFileSafely(file: string, maxBytes: number, ops: FileOps = NODE_FILE_OPS): ReadOutcome {
  let stat: fs.Stats;
  try {
    stat = ops.statSync(file);
  } catch (e) {
    return { kind: 'error', code: errorCode(e) };
  }
  if (!stat.isFile()) {
    return { kind: 'not-regular', fileKind: kindOf(stat) };
  }
  if (stat.size > maxBytes) {
    return { kind: 'too-large', size: stat.size };
  }
  let fd: number;
  try {
    fd = ops.openSync(file, READ_FLAGS);
  } catch (e) {
    return { kind: 'error', code: errorCode(e) };
  }
  try {
    const opened = ops.fstatSync(fd);
    if (!opened.isFile()) {
      return { kind: 'not-regular', fileKind: kindOf(opened) };
    }
    if (opened.size > maxBytes) {
      return { kind: 'too-large', size: opened.size };
    }
    const bytes = readAll(fd, maxBytes, ops);
    if (bytes.byteLength > maxBytes) {
      return { kind: 'too-large', size: bytes.byteLength };
    }
    return { kind: 'read', snapshot: { path: file, bytes, dev: opened.dev, ino: opened.ino, size: opened.size, mtimeMs: opened.mtimeMs, mode: opened.mode, uid: opened.uid, gid: opened.gid } };
  } catch (e) {
    return { kind: 'error', code: errorCode(e) };
  } finally {
    ops.closeSync(fd);
  }
}

/** Up to limit + 1 bytes from the current position: one more than allowed says the file grew past it. */
function readAll(fd: number, limit: number, ops: FileOps, position: number | null = null): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  let at = position;
  while (total <= limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
    const read = ops.readSync(fd, chunk, 0, chunk.length, at);
    if (read === 0) {
      break;
    }
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (at !== null) {
      at += read;
    }
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

export type WriteRefusal = 'changed' | 'outside-root' | 'not-regular';

/** A write we refused to make; the file was left as it was. */
export class WriteRefused extends Error {
  constructor(readonly reason: WriteRefusal) {
    super(reason);
  }
}

/** What to write over: a file read with readFileSafely, or a new file that must not exist yet. */
export type WriteTarget = FileSnapshot | { path: string; absent: true };

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Where the bytes really go: a link is followed only when it stays inside `root` (then the link is kept and
 * its target rewritten); the folder holding the file must be inside `root` too.
 */
function destinationOf(target: WriteTarget, root: string, ops: FileOps): string {
  const realRoot = ops.realpathSync(root);
  let destination: string;
  if ('absent' in target) {
    destination = path.join(ops.realpathSync(path.dirname(target.path)), path.basename(target.path));
  } else {
    let link: fs.Stats;
    try {
      link = ops.lstatSync(target.path);
    } catch {
      throw new WriteRefused('changed');
    }
    destination = link.isSymbolicLink() ? ops.realpathSync(target.path) : path.join(ops.realpathSync(path.dirname(target.path)), path.basename(target.path));
  }
  if (!isInside(realRoot, destination)) {
    throw new WriteRefused('outside-root');
  }
  return destination;
}

function sameVersion(stat: fs.Stats, snapshot: FileSnapshot): boolean {
  return stat.dev === snapshot.dev && stat.ino === snapshot.ino && stat.size === snapshot.size && stat.mtimeMs === snapshot.mtimeMs;
}

function writeAll(fd: number, bytes: Uint8Array, ops: FileOps): void {
  let written = 0;
  while (written < bytes.byteLength) {
    written += ops.writeSync(fd, bytes, written, bytes.byteLength - written);
  }
}

/** Flushes a folder's entries (the rename) to disk where the platform allows it. */
function syncFolder(folder: string, ops: FileOps): void {
  let fd: number | undefined;
  try {
    fd = ops.openSync(folder, fs.constants.O_RDONLY);
    ops.fsyncSync(fd);
  } catch {
    // Some platforms and file systems cannot fsync a folder; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) {
      ops.closeSync(fd);
    }
  }
}

/**
 * Replaces a file's content atomically: a temporary file in the same folder, fsync, mode (and owner, when
 * allowed) of the original, then rename, only if the file is still exactly what was read. Refuses (throws
 * WriteRefused) when it changed (also when another program saved it in place in the last instant before the
 * rename: its version is put back), when it is not a regular file, or when it lies outside `root`; any other
 * failure (full disk, no permission) throws the system error, and in every case the original is untouched
 * and no temporary file is left behind.
 */
export function writeFileSafely(target: WriteTarget, bytes: Uint8Array, options: { root: string }, ops: FileOps = NODE_FILE_OPS): void {
  const destination = destinationOf(target, options.root, ops);
  const folder = path.dirname(destination);
  const snapshot = 'absent' in target ? undefined : target;
  if (snapshot) {
    const current = ops.statSync(destination);
    if (!current.isFile()) {
      throw new WriteRefused('not-regular');
    }
    if (!sameVersion(current, snapshot)) {
      throw new WriteRefused('changed');
    }
  }
  const temporary = temporaryNameFor(destination);
  // A rewritten file starts private and gets the original's mode; a new one gets the usual mode (umask).
  const fd = ops.openSync(temporary, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, snapshot ? 0o600 : 0o666);
  let renamed = false;
  let original: number | undefined;
  try {
    try {
      writeAll(fd, bytes, ops);
      if (snapshot) {
        ops.fchmodSync(fd, snapshot.mode & 0o7777);
        if (typeof process.getuid === 'function' && process.getuid() === 0) {
          ops.fchownSync(fd, snapshot.uid, snapshot.gid);
        }
      }
      ops.fsyncSync(fd);
    } finally {
      ops.closeSync(fd);
    }
    if (snapshot) {
      // Last look, as late as possible: the original still holds exactly what was read.
      original = ops.openSync(destination, READ_FLAGS);
      const stat = ops.fstatSync(original);
      if (!stat.isFile() || !sameVersion(stat, snapshot) || Buffer.compare(Buffer.from(readAll(original, snapshot.size, ops, 0)), Buffer.from(snapshot.bytes)) !== 0) {
        throw new WriteRefused('changed');
      }
      ops.renameSync(temporary, destination);
    } else {
      // A new file: link fails if another program created it in the meantime, where rename would replace it.
      try {
        ops.linkSync(temporary, destination);
      } catch (e) {
        if (errorCode(e) === 'EEXIST') {
          throw new WriteRefused('changed');
        }
        throw e;
      }
      ops.unlinkSync(temporary);
    }
    renamed = true;
    syncFolder(folder, ops);
    if (original !== undefined && snapshot) {
      keepLateWrites(original, snapshot, destination, ops);
    }
  } finally {
    if (original !== undefined) {
      ops.closeSync(original);
    }
    if (!renamed) {
      try {
        ops.unlinkSync(temporary);
      } catch {
        // already gone
      }
    }
  }
}

/**
 * Another program may write to the original between our last look and the rename (no file system offers a
 * compare-and-rename); it then wrote to the file we just replaced, which we still hold open. Lines it appended
 * are appended to the new file, so nothing it wrote is lost. Any other change (an editor saving in place,
 * same length or not) puts its version back in place of ours and refuses: WriteRefused('changed').
 */
function keepLateWrites(original: number, snapshot: FileSnapshot, destination: string, ops: FileOps): void {
  let copied = snapshot.size;
  for (let round = 0; round < 8; round++) {
    const stat = ops.fstatSync(original);
    const unchanged = stat.size === copied && stat.mtimeMs === snapshot.mtimeMs;
    if (unchanged) {
      return;
    }
    const now = readAll(original, Math.max(stat.size, copied), ops, 0);
    const sameStart = now.byteLength >= snapshot.size && Buffer.compare(Buffer.from(now.subarray(0, snapshot.size)), Buffer.from(snapshot.bytes)) === 0;
    if (!sameStart) {
      putBack(now, snapshot, destination, ops);
      throw new WriteRefused('changed');
    }
    if (now.byteLength <= copied) {
      return;
    }
    const late = now.subarray(copied);
    const fd = ops.openSync(destination, fs.constants.O_WRONLY | fs.constants.O_APPEND);
    try {
      writeAll(fd, late, ops);
      ops.fsyncSync(fd);
    } finally {
      ops.closeSync(fd);
    }
    copied += late.byteLength;
  }
}

/** The other program's version of the file back in its place: a temporary file, fsync, its mode, rename. */
function putBack(bytes: Uint8Array, snapshot: FileSnapshot, destination: string, ops: FileOps): void {
  const temporary = temporaryNameFor(destination);
  const fd = ops.openSync(temporary, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  try {
    try {
      writeAll(fd, bytes, ops);
      ops.fchmodSync(fd, snapshot.mode & 0o7777);
      ops.fsyncSync(fd);
    } finally {
      ops.closeSync(fd);
    }
    ops.renameSync(temporary, destination);
  } catch (e) {
    try {
      ops.unlinkSync(temporary);
    } catch {
      // already renamed or gone
    }
    throw e;
  }
  syncFolder(path.dirname(destination), ops);
}

function temporaryNameFor(destination: string): string {
  return path.join(path.dirname(destination), `.${path.basename(destination)}.okd-${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
}
