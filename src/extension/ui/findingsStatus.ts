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
    const errors = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    if (errors + warnings === 0) {
      this.item.text = vscode.l10n.t('$(pass) OpenAI keys: no problem');
      this.item.severity = vscode.LanguageStatusSeverity.Information;
    } else {
      this.item.text = vscode.l10n.t('$(key) OpenAI keys: {0} errors, {1} warnings', errors, warnings);
      this.item.severity = errors > 0 ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Warning;
    }
    this.item.detail = ours[0] ? redact(ours[0].message).slice(0, 120) : undefined;
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
