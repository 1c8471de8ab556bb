import { isEnvFileName } from '../envFileNames';

/**
 * Folders the walker never enters outside git: dependencies, virtual environments, VCS data, caches and
 * build output. (In a git repository the listing is git's; only dependency folders are left out there.)
 */
export const SKIPPED_SOURCE_FOLDERS: ReadonlySet<string> = new Set([
  // dependencies and environments
  'node_modules', 'bower_components', 'jspm_packages', '.pnpm-store', '.yarn', '.venv', 'venv', 'site-packages', '.tox', '.nox',
  // version control
  '.git', '.hg', '.svn', '.jj',
  // build output and caches
  'dist', 'out', 'build', '.next', '.nuxt', '.svelte-kit', '.output', '.turbo', '.parcel-cache', '.cache', 'coverage',
  '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.ipynb_checkpoints', '.gradle', 'target',
]);

/** Dependency folders: not the project's code even when git tracks them. */
export const DEPENDENCY_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'bower_components', 'jspm_packages', '.pnpm-store', 'site-packages']);

const BINARY_EXTENSIONS: ReadonlySet<string> = new Set([
  // images, audio, video, fonts
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp', 'ico', 'icns', 'tif', 'tiff', 'psd', 'heic',
  'mp3', 'mp4', 'm4a', 'wav', 'flac', 'ogg', 'oga', 'webm', 'mov', 'avi', 'mkv',
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  // archives and packages
  'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'jar', 'war', 'whl', 'egg', 'vsix', 'nupkg', 'deb', 'rpm', 'dmg', 'iso',
  // compiled code and data
  'exe', 'dll', 'so', 'dylib', 'o', 'a', 'lib', 'obj', 'class', 'pyc', 'pyo', 'wasm', 'node', 'bin', 'dat',
  'sqlite', 'sqlite3', 'db', 'parquet', 'feather', 'npy', 'npz', 'pkl', 'pickle', 'h5', 'onnx', 'pt', 'safetensors',
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt',
]);

/** A file never scanned by its name: binary formats, and `.env` files (their own linter checks them). */
export function isSkippedFileName(name: string): boolean {
  if (name.startsWith('.env') && isEnvFileName(name)) {
    return true;
  }
  const dot = name.lastIndexOf('.');
  if (dot <= 0) {
    return false;
  }
  const extension = name.slice(dot + 1);
  return BINARY_EXTENSIONS.has(extension) || BINARY_EXTENSIONS.has(extension.toLowerCase());
}

/** How far into a file the NUL-byte sniff looks, as git and grep do. */
export const BINARY_SNIFF_BYTES = 8000;

/** Text files have no NUL byte; UTF-16 text (with a byte order mark) does, and is still text. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return false;
  }
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nul = b.indexOf(0);
  return nul >= 0 && nul < BINARY_SNIFF_BYTES;
}
