import * as fs from 'fs';

export interface DirectoryEntry {
  name: string;
  kind: 'file' | 'directory' | 'symlink' | 'other';
}

/** Reading one file: its bytes, or why not. */
export type ReadOutcome =
  | { kind: 'read'; bytes: Buffer }
  | { kind: 'too-large'; size: number }
  /** A symbolic link, FIFO, socket, device or directory: never read. */
  | { kind: 'not-regular' }
  | { kind: 'error'; code: string };

/** The file system as the source scan uses it; tests pass their own. */
export interface SourceFileSystem {
  /** The entries of a directory, without following symbolic links. Throws when the directory cannot be read. */
  readDirectory(dir: string): DirectoryEntry[];
  /** A regular file's bytes if it is at most `maxBytes` long. */
  readRegularFile(file: string, maxBytes: number): ReadOutcome;
}

const OPEN_FLAGS =
  fs.constants.O_RDONLY |
  // Never through a symbolic link (a link swapped in after listing included), never blocking on a FIFO.
  (fs.constants.O_NOFOLLOW ?? 0) |
  (fs.constants.O_NONBLOCK ?? 0);

export const nodeSourceFileSystem: SourceFileSystem = {
  readDirectory(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).map((d) => ({
      name: d.name,
      kind: d.isFile() ? 'file' : d.isDirectory() ? 'directory' : d.isSymbolicLink() ? 'symlink' : 'other',
    }));
  },
  readRegularFile(file, maxBytes) {
    let fd: number;
    try {
      fd = fs.openSync(file, OPEN_FLAGS);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      return code === 'ELOOP' || code === 'EISDIR' ? { kind: 'not-regular' } : { kind: 'error', code };
    }
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) {
        return { kind: 'not-regular' };
      }
      if (stat.size > maxBytes) {
        return { kind: 'too-large', size: stat.size };
      }
      const bytes = Buffer.allocUnsafe(stat.size);
      let read = 0;
      while (read < stat.size) {
        const n = fs.readSync(fd, bytes, read, stat.size - read, read);
        if (n === 0) {
          break;
        }
        read += n;
      }
      return { kind: 'read', bytes: read === stat.size ? bytes : bytes.subarray(0, read) };
    } catch (e) {
      return { kind: 'error', code: (e as NodeJS.ErrnoException).code ?? 'EIO' };
    } finally {
      fs.closeSync(fd);
    }
  },
};
