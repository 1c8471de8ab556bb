import * as vscode from 'vscode';
import { isEnvDocument } from '../document/envDocuments';
import type { DocumentModels } from '../document/model';
import type { KeyTarget } from '../keyTest/keyCandidates';
import { Commands } from '../shared/constants';

import { holdsActionableKey } from '../../core/keys/placeholder';
/** Offers "Move key to SecretStorage" as a quick fix on a line holding a key (not a placeholder or a masked copy). */
export class MoveKeyCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly models: DocumentModels) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    if (!isEnvDocument(document)) {
      return [];
    }
    const model = this.models.get(document);
    const entry = model.keys.entries.find((e) => model.lineOf(e) === range.start.line);
    if (!entry || !holdsActionableKey(entry.value)) {
      return []; // a placeholder or a masked copy is not a key to move
    }
    const action = new vscode.CodeAction(vscode.l10n.t('Move key to SecretStorage'), vscode.CodeActionKind.QuickFix);
    const target: KeyTarget = { uri: document.uri, line: range.start.line };
    action.command = { title: action.title, command: Commands.moveKeyToSecretStorage, arguments: [target] };
    return [action];
  }
}
