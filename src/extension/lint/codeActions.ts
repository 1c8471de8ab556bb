import * as vscode from 'vscode';
import type { Finding, TextEdit } from '../../core/findings';
import { ReviewedFix, fixAllEdits, reviewFixes } from '../../core/fixProof';
import type { LintResult } from '../../core/lint';
import { redact } from '../../core/redact';
import { ruleDocsUrl } from '../../core/report/formats';
import { SuppressionScope, suppressionEdit } from '../../core/suppressionEdits';
import { isEnvDocument } from '../document/envDocuments';
import type { DocumentModels } from '../document/model';
import { BuiltInCommands, Commands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND_SUFFIX } from '../shared/constants';
import type { Background } from '../shared/logErrors';
import { codeOf, diagnosticKey, toRange } from './toVscode';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append(FIX_ALL_KIND_SUFFIX);

/** Quick fixes for our diagnostics and a `source.fixAll.openaiKeyDoctor` action with the safe ones. */
export class EnvCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly models: DocumentModels) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!isEnvDocument(document)) {
      return [];
    }
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const wantsFixAll = context.only?.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only ?? vscode.CodeActionKind.Empty);
    if (ours.length === 0 && !wantsFixAll) {
      return [];
    }
    // The lint result of this exact version: the one the diagnostics were made from, positions included.
    const result = this.models.get(document).lint;
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) {
      return wantsFixAll ? fixAllAction(document, result, FIX_ALL_KIND) : [];
    }
    const byKey = new Map<string, Finding>();
    for (const finding of result.findings) {
      byKey.set(diagnosticKey(finding.rule, toRange(finding.span, result.lines), redact(finding.message)), finding);
    }
    const actions: vscode.CodeAction[] = [];
    const ruleActions: vscode.CodeAction[] = [];
    const offered = new Set<string>();
    for (const diagnostic of ours) {
      const finding = byKey.get(diagnosticKey(codeOf(diagnostic) ?? '', diagnostic.range, diagnostic.message));
      if (finding) {
        for (const reviewed of reviewFixes(result, finding)) {
          actions.push(toCodeAction(document, reviewed, diagnostic));
        }
        if (!offered.has(finding.rule)) {
          offered.add(finding.rule);
          ruleActions.push(...ruleCodeActions(document, finding, diagnostic));
        }
      }
    }
    if (result.findings.filter((f) => f.fixes.some((x) => x.safe && x.edits.length > 0)).length > 1) {
      actions.push(...fixAllAction(document, result, vscode.CodeActionKind.QuickFix, vscode.l10n.t('Fix all safe problems in this file')));
    }
    // As in ESLint: after the fixes, silence the rule here or in the file, or read about it.
    return [...actions, ...ruleActions];
  }
}

/** "Disable <rule> for this line", "Disable <rule> for this file" and "Show documentation for <rule>". */
function ruleCodeActions(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  const text = document.getText();
  const scopes: Array<[SuppressionScope, string]> = [
    ['line', vscode.l10n.t('Disable {0} for this line', finding.rule)],
    ['file', vscode.l10n.t('Disable {0} for this file', finding.rule)],
  ];
  for (const [scope, title] of scopes) {
    const edit = suppressionEdit(text, finding.rule, finding.span, scope);
    if (edit) {
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.edit = toWorkspaceEdit(document, [edit]);
      actions.push(action);
    }
  }
  const docs = new vscode.CodeAction(vscode.l10n.t('Show documentation for {0}', finding.rule), vscode.CodeActionKind.QuickFix);
  docs.diagnostics = [diagnostic];
  docs.command = { title: docs.title, command: BuiltInCommands.open, arguments: [vscode.Uri.parse(ruleDocsUrl(finding.rule))] };
  actions.push(docs);
  return actions;
}

function toCodeAction(document: vscode.TextDocument, { fix, title, preferred }: ReviewedFix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const shownTitle = redact(title);
  const action = new vscode.CodeAction(shownTitle, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = preferred;
  if (fix.edits.length > 0) {
    action.edit = toWorkspaceEdit(document, fix.edits);
  }
  if (fix.fileAction?.kind === 'reencode-utf8') {
    action.command = { title: shownTitle, command: Commands.saveAsUtf8, arguments: [document.uri] };
  } else if (fix.fileAction?.kind === 'add-to-gitignore') {
    action.command = { title: shownTitle, command: Commands.addToGitignore, arguments: [document.uri] };
  }
  return action;
}

function fixAllAction(document: vscode.TextDocument, result: LintResult, kind: vscode.CodeActionKind, title = vscode.l10n.t('Fix all safe OpenAI key problems')): vscode.CodeAction[] {
  const edits = fixAllEdits(result);
  if (edits.length === 0) {
    return [];
  }
  const action = new vscode.CodeAction(title, kind);
  action.edit = toWorkspaceEdit(document, edits);
  return [action];
}

export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  }
  return edit;
}

/** "Fix all safe problems in this file" from the palette. */
export async function fixAllInActiveEditor({ models, background }: { models: DocumentModels; background: Background }): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isEnvDocument(editor.document)) {
    background('Showing a notification', vscode.window.showInformationMessage(vscode.l10n.t('Open a .env file to fix its OpenAI key problems.')));
    return;
  }
  const edits = fixAllEdits(models.get(editor.document).lint);
  if (edits.length === 0) {
    background('Showing a notification', vscode.window.showInformationMessage(vscode.l10n.t('Nothing to fix automatically in this file.')));
    return;
  }
  await vscode.workspace.applyEdit(toWorkspaceEdit(editor.document, edits));
}
