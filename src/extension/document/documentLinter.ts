import * as path from 'path';
import * as vscode from 'vscode';
import type { ParsedEnv } from '../../core/dotenv/parse';
import { FileLintResult, lintBytes, tooLargeResult } from '../../core/lintFile';
import { lintText, LintResult } from '../../core/lint';
import { readFileSafely } from '../../core/safeFile';
import { readLintSettings, sizeLimitName } from '../shared/settings';
import type { FileFactsCache } from './fileFacts';

export interface DocumentLinterDeps {
  facts: FileFactsCache;
  /** A key for this file is in SecretStorage: an empty OPENAI_API_KEY there is expected. */
  hasStoredKey: (uri: vscode.Uri) => boolean;
}

/** Lints documents and files with the settings and disk facts that apply to them. */
export class DocumentLinter {
  constructor(private readonly deps: DocumentLinterDeps) {}

  /** An open document's text (of one version); `parse` gives its parse when the text is within the size limit. */
  lintText(uri: vscode.Uri, text: string, parse: () => ParsedEnv): LintResult {
    const settings = readLintSettings(uri);
    const size = Buffer.byteLength(text, 'utf8');
    if (size > settings.maxFileBytes) {
      return tooLargeResult(size, settings.maxFileBytes, { ruleSeverity: settings.ruleSeverity, sizeLimitName: sizeLimitName() });
    }
    const facts = this.deps.facts.peek(uri);
    return lintText(
      text,
      {
        fileName: path.posix.basename(uri.path),
        decoded: facts.decoded,
        git: facts.git,
        keyInSecretStorage: this.deps.hasStoredKey(uri),
        ruleSeverity: settings.ruleSeverity,
      },
      parse(),
    );
  }

  /** A file that is not open: stat first (size limit, regular files only), then read. */
  async lintFile(uri: vscode.Uri): Promise<FileLintResult | undefined> {
    const settings = readLintSettings(uri);
    const options = {
      fileName: path.posix.basename(uri.path),
      keyInSecretStorage: this.deps.hasStoredKey(uri),
      maxBytes: settings.maxFileBytes,
      ruleSeverity: settings.ruleSeverity,
      sizeLimitName: sizeLimitName(),
    };
    let bytes: Uint8Array;
    if (uri.scheme === 'file') {
      const read = readFileSafely(uri.fsPath, settings.maxFileBytes);
      if (read.kind === 'too-large') {
        return tooLargeResult(read.size, settings.maxFileBytes, options);
      }
      if (read.kind !== 'read') {
        return undefined;
      }
      bytes = read.snapshot.bytes;
    } else {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > settings.maxFileBytes) {
          return tooLargeResult(stat.size, settings.maxFileBytes, options);
        }
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch {
        return undefined; // gone or unreadable: nothing to show
      }
    }
    const facts = await this.deps.facts.refresh(uri, bytes);
    return lintBytes(bytes, { ...options, git: facts.git });
  }
}
