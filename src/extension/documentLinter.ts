import * as path from 'path';
import * as vscode from 'vscode';
import { FileLintResult, lintBytes, tooLargeResult } from '../core/lintFile';
import { lintText, LintResult } from '../core/lint';
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

  async lintFile(uri: vscode.Uri): Promise<FileLintResult | undefined> {
    const settings = readLintSettings(uri);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return undefined;
    }
    const facts = await this.facts.refresh(uri, bytes.byteLength <= settings.maxFileBytes ? bytes : new Uint8Array(0));
    return lintBytes(bytes, {
      fileName: path.posix.basename(uri.path),
      git: facts.git,
      keyInSecretStorage: this.hasStoredKey(uri),
      maxBytes: settings.maxFileBytes,
      ruleSeverity: settings.ruleSeverity,
    });
  }
}
