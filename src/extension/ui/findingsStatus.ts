import * as vscode from 'vscode';
import { redact } from '../../core/redact';
import { ENV_DOCUMENT_SELECTOR, isEnvDocument } from '../document/envDocuments';
import { BuiltInCommands, DIAGNOSTIC_SOURCE, EXTENSION_NAME, ItemIds } from '../shared/constants';
import type { ExtensionEvents } from '../shared/events';

/** A language status item on .env files summarising their findings. */
export class FileFindingsStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem(ItemIds.findings, ENV_DOCUMENT_SELECTOR);
  private readonly subscriptions: vscode.Disposable[];

  constructor(events: ExtensionEvents) {
    this.item.name = EXTENSION_NAME;
    this.item.command = { title: vscode.l10n.t('Show problems'), command: BuiltInCommands.showProblems };
    this.subscriptions = [this.item, vscode.window.onDidChangeActiveTextEditor(() => this.update()), events.diagnosticsChanged.event(() => this.update())];
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isEnvDocument(document)) {
      return;
    }
    const ours = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const counts = {
      errors: ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
      warnings: ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
      hints: ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Information || d.severity === vscode.DiagnosticSeverity.Hint).length,
    };
    const summary = countWords(counts);
    this.item.text = `${counts.errors + counts.warnings === 0 ? '$(pass)' : '$(key)'} ${summary}`;
    this.item.accessibilityInformation = { label: `${EXTENSION_NAME}: ${summary}` };
    this.item.severity = counts.errors > 0 ? vscode.LanguageStatusSeverity.Error : counts.warnings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.item.detail = ours[0] ? shortened(redact(ours[0].message), DETAIL_LENGTH) : undefined;
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

const DETAIL_LENGTH = 160;

/** "OpenAI keys: 1 error, 2 warnings", "OpenAI keys: 1 hint", "OpenAI keys: no problem", with correct plurals. */
export function countWords({ errors, warnings, hints }: { errors: number; warnings: number; hints: number }): string {
  const parts = [
    errors === 1 ? vscode.l10n.t('1 error') : errors > 1 ? vscode.l10n.t('{0} errors', errors) : '',
    warnings === 1 ? vscode.l10n.t('1 warning') : warnings > 1 ? vscode.l10n.t('{0} warnings', warnings) : '',
    hints === 1 ? vscode.l10n.t('1 hint') : hints > 1 ? vscode.l10n.t('{0} hints', hints) : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? vscode.l10n.t('OpenAI keys: no problem') : vscode.l10n.t('OpenAI keys: {0}', parts.join(', '));
}

/** At most `limit` characters, cut at a word boundary with an ellipsis, never in the middle of a word. */
export function shortened(text: string, limit: number): string {
  if (text.length <= limit) {
    return text;
  }
  const cut = text.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,:;]+$/, '')}…`;
}
