import * as path from 'path';
import * as vscode from 'vscode';
import { FileLintResult, lintBytes, tooLargeResult } from '../core/lintFile';
import { lintText, LintResult } from '../core/lint';
import { readFileSafely } from '../core/safeFile';
import { readLintSettings } from './config';
import type { FileFactsCache } from './fileFacts';

/** Lints documents and files with the settings and disk facts that apply to them. */
export class DocumentLinter {
  constructor(
    private readonly facts: FileFactsCache,
    private readonly hasStoredKey: (uri: vscode.Uri) => boolean = () => false,
  ) {}

  lintDocument(document: vscode.TextDocument): LintResult {
    const settings = readLintSettings(document.uri);
    const text = document.getText();
    const size = Buffer.byteLength(text, 'utf8');
    if (size > settings.maxFileBytes) {
      return tooLargeResult(size, settings.maxFileBytes, { ruleSeverity: settings.ruleSeverity });
    }
    const facts = this.facts.peek(document.uri);
    return lintText(text, {
      fileName: path.posix.basename(document.uri.path),
      decoded: facts.decoded,
      git: facts.git,
      keyInSecretStorage: this.hasStoredKey(document.uri),
      ruleSeverity: settings.ruleSeverity,
    });
  }

  /** A file that is not open: stat first (size limit, regular files only), then read. */
  async lintFile(uri: vscode.Uri): Promise<FileLintResult | undefined> {
    const settings = readLintSettings(uri);
    const options = { fileName: path.posix.basename(uri.path), keyInSecretStorage: this.hasStoredKey(uri), maxBytes: settings.maxFileBytes, ruleSeverity: settings.ruleSeverity };
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
        return undefined;
      }
    }
    const facts = await this.facts.refresh(uri, bytes);
    return lintBytes(bytes, { ...options, git: facts.git });
  }
}
