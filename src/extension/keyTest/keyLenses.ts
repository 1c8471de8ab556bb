import * as vscode from 'vscode';
import { TestResultCache, formatAge } from '../../core/keyHealth';
import { redact } from '../../core/redact';
import { isEnvDocument } from '../document/envDocuments';
import type { DocumentModels } from '../document/model';
import { Commands } from '../shared/constants';
import type { KeyTarget } from './keyCandidates';

import { holdsActionableKey } from '../../core/keys/placeholder';
import { statusWords } from '../shared/statusWords';
/** "Test key" (with the last result) and "Move key to SecretStorage" above each line holding a key (not a placeholder). */
export class KeyCodeLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(
    private readonly models: DocumentModels,
    private readonly results: TestResultCache,
  ) {}

  /** A result was remembered: the "last:" part of the titles changed. */
  refresh(): void {
    this.emitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isEnvDocument(document)) {
      return [];
    }
    const model = this.models.get(document);
    return model.keys.entries.filter((entry) => holdsActionableKey(entry.value)).flatMap((entry) => {
      const line = model.lineOf(entry);
      const range = new vscode.Range(line, 0, line, 0);
      const target: KeyTarget = { uri: document.uri, line };
      const last = this.results.get(entry.value);
      const testTitle = last ? vscode.l10n.t('$(play) Test key (last: {0}, {1})', statusWords(last.verdict), formatAge(last.testedAt, Date.now())) : vscode.l10n.t('$(play) Test key');
      return [
        new vscode.CodeLens(range, { title: redact(testTitle, [entry.value]), command: Commands.testKey, arguments: [target] }),
        new vscode.CodeLens(range, { title: vscode.l10n.t('$(lock) Move key to SecretStorage'), command: Commands.moveKeyToSecretStorage, arguments: [target] }),
      ];
    });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
