import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_MAX_FILE_BYTES } from '../lintFile';
import type { FolderReader } from './folderReader';

export type SkipReason = 'too-large' | 'not-a-regular-file' | 'link-outside-folder' | 'unreadable';

export interface NodeFolderReader extends FolderReader {
  /** Files that exist but were not read, and why (for a note in the output). */
  readonly skipped: Map<string, SkipReason>;
}

/**
 * Reads a folder from the disk, safely: regular files only, at most `maxBytes`, never through a symbolic link that
 * leads out of the folder (a link inside the folder to a file inside it is followed). Files above the folder are
 * read only when they are not links themselves.
 */
export function nodeFolderReader(folder: string, options: { maxBytes?: number } = {}): NodeFolderReader {
  const root = path.resolve(folder);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const skipped = new Map<string, SkipReason>();
  let realRoot: string | undefined;
  const realRootOf = () => (realRoot ??= fs.realpathSync(root));

  const target = (relativePath: string): string | undefined => {
    const file = path.resolve(root, relativePath);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      return undefined;
    }
    const inside = isInside(file, root);
    if (!stat.isSymbolicLink() && !inside) {
      return file;
    }
    if (stat.isSymbolicLink() && !inside) {
      skipped.set(relativePath, 'link-outside-folder');
      return undefined;
    }
    const real = fs.realpathSync(file);
    if (!isInside(real, realRootOf())) {
      skipped.set(relativePath, 'link-outside-folder');
      return undefined;
    }
    return real;
  };

  return {
    skipped,
    parentDepth: root.split(path.sep).filter(Boolean).length,
    async exists(relativePath) {
      try {
        fs.lstatSync(path.resolve(root, relativePath));
        return true;
      } catch {
        return false;
      }
    },
    async list() {
      try {
        return fs.readdirSync(root).sort();
      } catch {
        return [];
      }
    },
    async read(relativePath) {
      let file: string | undefined;
      try {
        file = target(relativePath);
      } catch {
        skipped.set(relativePath, 'unreadable');
        return undefined;
      }
      if (!file) {
        return undefined;
      }
      let fd: number | undefined;
      try {
        if (!fs.statSync(file).isFile()) {
          skipped.set(relativePath, 'not-a-regular-file'); // a named pipe would block the read
          return undefined;
        }
        fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
        const stat = fs.fstatSync(fd);
        if (!stat.isFile()) {
          skipped.set(relativePath, 'not-a-regular-file');
          return undefined;
        }
        if (stat.size > maxBytes) {
          skipped.set(relativePath, 'too-large');
          return undefined;
        }
        const bytes = Buffer.alloc(stat.size);
        let read = 0;
        while (read < stat.size) {
          const n = fs.readSync(fd, bytes, read, stat.size - read, read);
          if (n === 0) {
            break;
          }
          read += n;
        }
        return new Uint8Array(bytes.buffer, bytes.byteOffset, read);
      } catch {
        skipped.set(relativePath, 'unreadable');
        return undefined;
      } finally {
        if (fd !== undefined) {
          fs.closeSync(fd);
        }
      }
    },
  };
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}
