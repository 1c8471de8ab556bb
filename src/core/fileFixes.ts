import * as path from 'path';
import { decodeFile, encodeUtf8, keepsWhatDotenvReads } from './encoding';
import { withGitignoreEntry } from './gitignore';
import { FileOps, NODE_FILE_OPS, readFileSafely, writeFileSafely } from './safeFile';

/** The fixes that write a file of their own, shared by the CLI and the extension; all go through safeFile. */

export class FileFixError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const GITIGNORE_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Adds a line to the .gitignore at the top of a repository, keeping its line endings; creates it when there
 * is none. Throws WriteRefused (changed meanwhile, a link out of the repository) or the system error.
 */
export function addGitignoreEntry(repositoryRoot: string, entry: string, ops: FileOps = NODE_FILE_OPS): 'added' | 'present' {
  const gitignore = path.join(repositoryRoot, '.gitignore');
  const read = readFileSafely(gitignore, GITIGNORE_MAX_BYTES, ops);
  if (read.kind === 'error' && read.code === 'ENOENT') {
    writeFileSafely({ path: gitignore, absent: true }, encodeUtf8(withGitignoreEntry('', entry)), { root: repositoryRoot }, ops);
    return 'added';
  }
  if (read.kind !== 'read') {
    throw new FileFixError(read.kind === 'error' ? read.code : read.kind);
  }
  const existing = Buffer.from(read.snapshot.bytes).toString('utf8');
  const updated = withGitignoreEntry(existing, entry);
  if (updated === existing) {
    return 'present';
  }
  writeFileSafely(read.snapshot, encodeUtf8(updated), { root: repositoryRoot }, ops);
  return 'added';
}

/**
 * Re-saves a UTF-16 (or BOM) file as UTF-8 with the same text. A file whose bytes do not all decode, or that
 * is not wholly UTF-16 (a UTF-8 part appended), or whose re-save would change a variable dotenv reads from
 * its bytes as they are, is left alone (FileFixError 'undecodable'): its text is not what the app gets.
 */
export function resaveAsUtf8(file: string, root: string, maxBytes: number, ops: FileOps = NODE_FILE_OPS): 'rewritten' | 'already-utf8' {
  const read = readFileSafely(file, maxBytes, ops);
  if (read.kind !== 'read') {
    throw new FileFixError(read.kind === 'error' ? read.code : read.kind);
  }
  const decoded = decodeFile(read.snapshot.bytes);
  if (decoded.encoding === 'utf8') {
    return 'already-utf8';
  }
  const roundTrips = decoded.encoding !== 'utf8bom' || Buffer.compare(Buffer.from(encodeUtf8(decoded.text)), Buffer.from(read.snapshot.bytes)) === 0;
  const rewritten = encodeUtf8(decoded.text.replace(/^\uFEFF/, ''));
  if (decoded.undecodable || decoded.mixed || decoded.binary || !roundTrips || !keepsWhatDotenvReads(read.snapshot.bytes, rewritten)) {
    throw new FileFixError('undecodable');
  }
  writeFileSafely(read.snapshot, rewritten, { root }, ops);
  return 'rewritten';
}
