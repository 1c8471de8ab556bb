import * as vscode from 'vscode';
import { redact } from '../../core/redact';
import { isEnvDocument } from '../document/envDocuments';
import type { DocumentModels } from '../document/model';
import type { KeyTarget } from '../keyTest/keyCandidates';
import { Commands } from '../shared/constants';

/** Offers "Move to SecretStorage" as a quick fix on any OpenAI key line. */
export class MoveKeyCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly models: DocumentModels) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    if (!isEnvDocument(document)) {
      return [];
    }
    const model = this.models.get(document);
    const entry = model.keys.entries.find((e) => model.lineOf(e) === range.start.line);
    if (!entry) {
      return [];
    }
    const action = new vscode.CodeAction(redact(vscode.l10n.t('Move {0} to SecretStorage', entry.name), [entry.value]), vscode.CodeActionKind.QuickFix);
    const target: KeyTarget = { uri: document.uri, line: range.start.line };
    action.command = { title: action.title, command: Commands.moveKeyToSecretStorage, arguments: [target] };
    return [action];
  }
}
