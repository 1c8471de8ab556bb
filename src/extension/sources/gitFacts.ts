import * as vscode from 'vscode';
import type { GitStatus } from '../../core/rules/context';
import type { GitFacts } from '../../core/sources/messages';

export type GitStatusProvider = (fsPath: string) => Promise<GitStatus | undefined>;

/**
 * What git says about files that hold a key (asked only for those, and only in a trusted workspace: git runs
 * no repository configuration through the hardened runner, but Restricted Mode runs no git at all).
 */
export class SourceGitFacts {
  private readonly known = new Map<string, GitFacts | null>();

  constructor(
    private readonly gitStatus: GitStatusProvider,
    private readonly isTrusted: () => boolean,
  ) {}

  /** What is known now, without asking git. */
  peek(uri: vscode.Uri): GitFacts | undefined {
    return this.known.get(uri.toString()) ?? undefined;
  }

  has(uri: vscode.Uri): boolean {
    return this.known.has(uri.toString());
  }

  async refresh(uri: vscode.Uri): Promise<GitFacts | undefined> {
    if (uri.scheme !== 'file' || !this.isTrusted()) {
      return undefined;
    }
    const status = await this.gitStatus(uri.fsPath).catch(() => undefined);
    const facts = status ? { tracked: status.tracked, ignored: status.ignored } : null;
    this.known.set(uri.toString(), facts);
    return facts ?? undefined;
  }

  clear(): void {
    this.known.clear();
  }
}
