import * as vscode from 'vscode';
import { DecodedFile, decodeFile } from '../../core/encoding';
import type { GitStatus } from '../../core/rules/context';
import { readFileSafely } from '../../core/safeFile';
import { readLintSettings } from '../shared/settings';

export type EncodingFacts = Pick<DecodedFile, 'encoding' | 'bom' | 'nulBytes' | 'binary' | 'undecodable'>;

export interface FileFacts {
  decoded?: EncodingFacts;
  git?: GitStatus;
}

export type GitStatusProvider = (fsPath: string) => Promise<GitStatus | undefined>;

/**
 * What only the disk knows about a file: its encoding (an editor shows UTF-16 as normal text) and what git
 * thinks of it. Cached per file; git is asked only in trusted workspaces.
 */
export class FileFactsCache implements vscode.Disposable {
  private readonly facts = new Map<string, FileFacts>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires, before `refresh` resolves, when the facts of a file (or of every file: undefined) changed. */
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly gitStatus: GitStatusProvider,
    private readonly isTrusted: () => boolean,
  ) {}

  peek(uri: vscode.Uri): FileFacts {
    return this.facts.get(uri.toString()) ?? {};
  }

  async refresh(uri: vscode.Uri, bytes?: Uint8Array): Promise<FileFacts> {
    if (uri.scheme !== 'file') {
      return {};
    }
    let decoded: EncodingFacts | undefined;
    // Not on disk yet, unreadable, not a regular file or above the size limit: lint the text alone.
    const read = bytes === undefined ? readFileSafely(uri.fsPath, readLintSettings(uri).maxFileBytes) : undefined;
    const content = bytes ?? (read?.kind === 'read' ? read.snapshot.bytes : undefined);
    if (content) {
      const { encoding, bom, nulBytes, binary, undecodable } = decodeFile(content);
      decoded = { encoding, bom, nulBytes, binary, undecodable };
    }
    // A failing git (not installed, not a repository) means no git facts: the file is linted without them.
    const git = this.isTrusted() ? await this.gitStatus(uri.fsPath).catch(() => undefined) : undefined;
    const facts = { decoded, git };
    this.facts.set(uri.toString(), facts);
    this.emitter.fire(uri);
    return facts;
  }

  forget(uri: vscode.Uri): void {
    this.facts.delete(uri.toString());
    this.emitter.fire(uri);
  }

  clearGit(): void {
    for (const [key, value] of this.facts) {
      this.facts.set(key, { decoded: value.decoded });
    }
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
