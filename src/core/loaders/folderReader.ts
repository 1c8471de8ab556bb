/**
 * How the loader model reads a folder: the CLI reads the disk (nodeFolderReader), the extension reads through
 * VS Code (open editors first). Paths are relative to the folder with `/` separators; `../.env` reaches a parent
 * folder, which python-dotenv searches and compose `env_file` entries may name.
 */
export interface FolderReader {
  /** Names of the entries directly in the folder. */
  list(): Promise<string[]>;
  /** The bytes of a regular file, or undefined when it does not exist or must not be read (too large, a link out of the folder). */
  read(relativePath: string): Promise<Uint8Array | undefined>;
  /** Whether something exists at the path, readable or not (python-dotenv stops its search at a .env it cannot read). */
  exists?(relativePath: string): Promise<boolean>;
  /** How many folders lie above this one; python-dotenv's upward search stops there. */
  parentDepth?: number;
}
