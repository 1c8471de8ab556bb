import * as vscode from 'vscode';
import type { TestResultCache } from '../../core/keyHealth';
import { chainFor } from '../../core/loaders/chain';
import { isKeyDefinition } from '../../core/loaders/rules';
import { isEnvDocument } from '../document/envDocuments';
import type { DocumentModels } from '../document/model';
import type { AppFolders } from './appFolders';
import { chainHoverMarkdown } from './chainView';

export interface ChainHoverDeps {
  apps: AppFolders;
  models: DocumentModels;
  results: TestResultCache;
}

/** The hover of each key line of a .env document: every place the app's loader finds that variable, the winner marked. */
export class ChainHoverProvider implements vscode.HoverProvider {
  constructor(private readonly deps: ChainHoverDeps) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!isEnvDocument(document) || !vscode.workspace.getWorkspaceFolder(document.uri)) {
      return undefined;
    }
    const model = this.deps.models.get(document);
    const offset = document.offsetAt(position);
    const entry = model.parsed.entries.find((e) => isKeyDefinition(e) && ((offset >= e.statementSpan.start && offset <= e.statementSpan.end) || model.lineOf(e) === position.line));
    if (!entry) {
      return undefined;
    }
    const found = await this.deps.apps.appOf(document.uri);
    if (!found) {
      return undefined;
    }
    const chain = chainFor(found.app.resolution, entry.name);
    const markdown = new vscode.MarkdownString(chainHoverMarkdown(found.app, chain, found.file, model.lineOf(entry) + 1, this.deps.results, Date.now()), true);
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(entry.statementSpan.start), document.positionAt(entry.statementSpan.end)));
  }
}
