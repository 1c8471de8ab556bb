import { closeSync, constants, fstatSync, openSync, readSync, readdirSync } from 'fs';

/** A directory entry as `readdirSync(dir, { withFileTypes: true })` gives it (symbolic links are neither). */
export interface DirectoryEntry {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
}

/** Reading one file: its bytes, or why not. */
export type ReadOutcome =
  | { kind: 'read'; bytes: Buffer }
  /** `size` is at least maxBytes + 1. */
  | { kind: 'too-large'; size: number }
  /** A symbolic link, FIFO, socket, device or directory: never read. */
  | { kind: 'not-regular' }
  | { kind: 'error'; code: string };

/** The file system as the source scan uses it; tests pass their own. */
export interface SourceFileSystem {
  /** The entries of a directory, without following symbolic links. Throws when the directory cannot be read. */
  readDirectory(dir: string): DirectoryEntry[];
  /**
   * A regular file's bytes if it is at most `maxBytes` long. With `scratch`, a file that fits in it is a view into
   * it, valid until the next call: scanning thousands of files allocates nothing. A larger file gets its own buffer.
   */
  readRegularFile(file: string, maxBytes: number, scratch?: Buffer): ReadOutcome;
}

// Named imports: `import * as fs` would go through a getter on every one of thousands of calls.
const OPEN_FLAGS =
  constants.O_RDONLY |
  // Never through a symbolic link (a link swapped in after listing included), never blocking on a FIFO.
  (constants.O_NOFOLLOW ?? 0) |
  (constants.O_NONBLOCK ?? 0);

export const nodeSourceFileSystem: SourceFileSystem = {
  readDirectory(dir) {
    return readdirSync(dir, { withFileTypes: true });
  },
  readRegularFile(file, maxBytes, scratch) {
    let fd: number;
    try {
      fd = openSync(file, OPEN_FLAGS);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      return code === 'ELOOP' || code === 'EISDIR' ? { kind: 'not-regular' } : { kind: 'error', code };
    }
    try {
      return readOpened(fd, maxBytes, scratch);
    } finally {
      closeSync(fd);
    }
  },
};

/** fs.readSync takes at most 2^31 - 1 bytes per call; a limit of 2 GB or more is read in chunks. */
const MAX_READ_CHUNK = 1 << 30;

/**
 * Reads up to maxBytes + 1 bytes without asking the size first (one system call fewer per file): into `scratch`
 * when given, else a small buffer. Only a file that fills it asks fstat, and gets a buffer of its own size, so a
 * generous limit allocates nothing up front; the rare empty or failed read asks whether the file was regular.
 */
function readOpened(fd: number, maxBytes: number, scratch: Buffer | undefined): ReadOutcome {
  let bytes = scratch && scratch.length > 0 ? scratch : Buffer.allocUnsafe(Math.min(maxBytes + 1, 64 * 1024));
  let read = 0;
  try {
    for (;;) {
      if (read === bytes.length) {
        if (read > maxBytes) {
          break;
        }
        const size = sizeOf(fd) ?? 0;
        if (size > maxBytes) {
          return { kind: 'too-large', size };
        }
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(size + 1, bytes.length * 2)));
        bytes.copy(grown, 0, 0, read);
        bytes = grown;
      }
      const n = readSync(fd, bytes, read, Math.min(bytes.length - read, MAX_READ_CHUNK), null);
      if (n === 0) {
        break;
      }
      read += n;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    return code === 'EISDIR' || code === 'EAGAIN' || !isRegular(fd) ? { kind: 'not-regular' } : { kind: 'error', code };
  }
  if (read > maxBytes) {
    return { kind: 'too-large', size: Math.max(sizeOf(fd) ?? 0, read) };
  }
  if (read === 0 && !isRegular(fd)) {
    return { kind: 'not-regular' };
  }
  return { kind: 'read', bytes: bytes.subarray(0, read) };
}

function isRegular(fd: number): boolean {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false;
  }
}

function sizeOf(fd: number): number | undefined {
  try {
    return fstatSync(fd).size;
  } catch {
    return undefined;
  }
}
