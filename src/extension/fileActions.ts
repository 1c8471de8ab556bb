import * as path from 'path';
import * as vscode from 'vscode';
import { decodeFile, encodeUtf8 } from '../core/encoding';
import { withGitignoreEntry } from '../core/gitignore';
import { Commands } from './constants';
import type { EnvDiagnostics } from './diagnostics';
import type { FileFactsCache } from './fileFacts';

/** Fixes that change a file's bytes or another file: re-save as UTF-8, add to .gitignore. */
export function registerFileActionCommands(diagnostics: EnvDiagnostics, facts: FileFactsCache): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.saveAsUtf8, (uri?: vscode.Uri) => saveAsUtf8(uri ?? vscode.window.activeTextEditor?.document.uri, diagnostics)),
    vscode.commands.registerCommand(Commands.addToGitignore, (uri?: vscode.Uri) => addToGitignore(uri ?? vscode.window.activeTextEditor?.document.uri, facts, diagnostics)),
  );
}

async function saveAsUtf8(uri: vscode.Uri | undefined, diagnostics: EnvDiagnostics): Promise<void> {
  if (!uri || uri.scheme !== 'file') {
    return;
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Save or revert {0} first: it has unsaved changes.', path.basename(uri.fsPath)));
    return;
  }
  try {
    const decoded = decodeFile(await vscode.workspace.fs.readFile(uri));
    if (decoded.encoding === 'utf8') {
      return;
    }
    const text = decoded.text.replace(/^\uFEFF/, '');
    await vscode.workspace.fs.writeFile(uri, encodeUtf8(text));
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is now UTF-8 (same content): dotenv can read it.', path.basename(uri.fsPath)));
    diagnostics.relintAll();
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not re-save {0} as UTF-8: {1}', path.basename(uri.fsPath), (e as Error).message));
  }
}

async function addToGitignore(uri: vscode.Uri | undefined, facts: FileFactsCache, diagnostics: EnvDiagnostics): Promise<void> {
  if (!uri) {
    return;
  }
  const git = facts.peek(uri).git ?? (await facts.refresh(uri)).git;
  if (!git) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not in a git repository (or the workspace is not trusted).', path.basename(uri.fsPath)));
    return;
  }
  const gitignore = vscode.Uri.file(path.join(git.repositoryRoot, '.gitignore'));
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === gitignore.toString());
  if (open) {
    const updated = withGitignoreEntry(open.getText(), git.gitignoreEntry);
    if (updated !== open.getText()) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(gitignore, open.positionAt(open.getText().length), updated.slice(open.getText().length));
      await vscode.workspace.applyEdit(edit);
      await open.save();
    }
  } else {
    let existing = '';
    try {
      existing = Buffer.from(await vscode.workspace.fs.readFile(gitignore)).toString('utf8');
    } catch {
      existing = '';
    }
    await vscode.workspace.fs.writeFile(gitignore, encodeUtf8(withGitignoreEntry(existing, git.gitignoreEntry)));
  }
  const message = git.tracked
    ? vscode.l10n.t('Added {0} to .gitignore. git still tracks it: run "git rm --cached {0}" and revoke the key if it was ever pushed.', git.gitignoreEntry)
    : vscode.l10n.t('Added {0} to .gitignore.', git.gitignoreEntry);
  void vscode.window.showInformationMessage(message);
  diagnostics.relintAll();
}
