import * as vscode from 'vscode';
import { CANONICAL_KEY_NAME } from '../../core/keys/variables';
import { redact } from '../../core/redact';
import { HARDCODED_KEY_RULE } from '../../core/sources/scan';
import { codeOf } from '../lint/toVscode';
import { Commands, DIAGNOSTIC_SOURCE } from '../shared/constants';
import { fileUriOf, findingAt, scanDocument } from './documentScan';
import type { SourceGitFacts } from './gitFacts';
import type { HardcodedKeyTarget } from './moveHardcodedKey';
import { planFor } from './moveHardcodedKey';
import { isSourceDocument } from './sourceDocuments';

/**
 * "Move key to .env" (preferred) and "Move key to SecretStorage" on each `hardcoded-key` diagnostic whose
 * literal can be replaced. They are commands, not edits: the key must be stored before the literal goes.
 */
export class HardcodedKeyCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly git: SourceGitFacts) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && codeOf(d) === HARDCODED_KEY_RULE);
    if (ours.length === 0 || !isSourceDocument(document) || (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix))) {
      return [];
    }
    const result = scanDocument(document, this.git.peek(fileUriOf(document)));
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const offset = document.offsetAt(diagnostic.range.start);
      const finding = findingAt(result, offset);
      const plan = finding ? planFor(document, finding) : undefined;
      if (!finding || plan?.kind !== 'replace' || plan.destination !== 'dotenv') {
        continue;
      }
      const key = document.getText().slice(finding.span.start, finding.span.end);
      const target: HardcodedKeyTarget = { uri: document.uri, offset };
      const toEnv = new vscode.CodeAction(redact(plan.title, [key]), vscode.CodeActionKind.QuickFix);
      toEnv.diagnostics = [diagnostic];
      toEnv.isPreferred = true;
      toEnv.command = { title: toEnv.title, command: Commands.moveHardcodedKeyToEnv, arguments: [target] };
      actions.push(toEnv);
      if (plan.variable === CANONICAL_KEY_NAME) {
        const toVault = new vscode.CodeAction(redact(vscode.l10n.t('Move the key to SecretStorage and use {0}', plan.reference), [key]), vscode.CodeActionKind.QuickFix);
        toVault.diagnostics = [diagnostic];
        toVault.command = { title: toVault.title, command: Commands.moveHardcodedKeyToSecretStorage, arguments: [target] };
        actions.push(toVault);
      }
    }
    return actions;
  }
}
