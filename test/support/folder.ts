import type { FolderReader } from '../../src/core/loaders/folderReader';
import { normalize } from '../../src/core/loaders/loadOrder';

/**
 * A folder in memory: paths relative to it, `../.env` for a parent folder. `depth` is how many folders lie above
 * it (python-dotenv searches them). Records every path read, so tests can see what a loader looked at.
 */
export function memoryFolder(files: Record<string, string | Uint8Array>, depth = 3): FolderReader & { reads: string[] } {
  const normalized = new Map(Object.entries(files).map(([p, c]) => [normalize(p), typeof c === 'string' ? new Uint8Array(Buffer.from(c, 'utf8')) : c]));
  const reads: string[] = [];
  return {
    reads,
    parentDepth: depth,
    async exists(relativePath) {
      return normalized.has(normalize(relativePath));
    },
    async list() {
      return [...normalized.keys()].filter((p) => !p.includes('/')).sort();
    },
    async read(relativePath) {
      reads.push(relativePath);
      return normalized.get(normalize(relativePath));
    },
  };
}
