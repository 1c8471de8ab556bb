import * as vscode from 'vscode';
import { redact } from '../../core/redact';
import { isEnvDocument } from '../document/envDocuments';
import type { DocumentModels } from '../document/model';

/**
 * The longer explanation of the problems under the cursor: the Problems panel and the diagnostic hover show the
 * one-sentence message, this hover adds why it fails (what dotenv, docker or the SDK do) once, below it.
 */
export class FindingDetailHoverProvider implements vscode.HoverProvider {
  constructor(private readonly models: DocumentModels) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isEnvDocument(document)) {
      return undefined;
    }
    const offset = document.offsetAt(position);
    const details = [
      ...new Set(
        this.models
          .get(document)
          .lint.findings.filter((f) => f.detail !== undefined && offset >= f.span.start && offset <= Math.max(f.span.end, f.span.start + 1))
          .map((f) => redact(f.detail!)),
      ),
    ];
    if (details.length === 0) {
      return undefined;
    }
    const markdown = new vscode.MarkdownString();
    details.forEach((detail, i) => {
      markdown.appendText(detail);
      if (i < details.length - 1) {
        markdown.appendMarkdown('\n\n---\n\n');
      }
    });
    return new vscode.Hover(markdown);
  }
}
