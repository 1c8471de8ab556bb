import * as path from 'path';
import * as vscode from 'vscode';
import { FileFixError, addGitignoreEntry, resaveAsUtf8 } from '../../core/fileFixes';
import { redact } from '../../core/redact';
import { WriteRefused } from '../../core/safeFile';
import type { FileFactsCache } from '../document/fileFacts';
import type { ExtensionEvents } from '../shared/events';
import type { Background } from '../shared/logErrors';
import { readLintSettings } from '../shared/settings';

/*
 * Fixes that change a file's bytes or another file: re-save as UTF-8, add to .gitignore. Both write through
 * the CLI's safe path (temp file, fsync, rename, mode kept, refused if the file changed or leads out of the
 * workspace folder), then ask for every file to be linted again.
 */

export interface FileActionDeps {
  facts: FileFactsCache;
  events: ExtensionEvents;
  background: Background;
}

/** Why a write did not happen, in the user's words. */
function describeFailure(name: string, e: unknown): string {
  if (e instanceof WriteRefused) {
    return e.reason === 'changed'
      ? vscode.l10n.t('{0} changed after it was read, so it was not written and nothing was lost: try again.', name)
      : e.reason === 'outside-root'
        ? vscode.l10n.t('{0} is a link that leads out of the workspace folder, so it was not written through.', name)
        : vscode.l10n.t('{0} is not a regular file, so it was not written.', name);
  }
  if (e instanceof FileFixError && e.code === 'undecodable') {
    return vscode.l10n.t('{0} does not decode completely (damaged UTF-16), so re-saving it would lose bytes: re-create it as UTF-8.', name);
  }
  const code = e instanceof FileFixError ? e.code : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  return vscode.l10n.t('Could not write {0} ({1}); it was left as it was.', name, code);
}

function isOpenAndDirty(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty);
}

/** Every notification of these commands goes through the redaction boundary. */
function notify(background: Background, show: (text: string) => Thenable<unknown>, text: string): void {
  background('Showing a notification', show(redact(text)));
}

export async function saveAsUtf8(uri: vscode.Uri | undefined, { events, background }: FileActionDeps): Promise<void> {
  if (!uri || uri.scheme !== 'file') {
    return;
  }
  const name = path.basename(uri.fsPath);
  if (isOpenAndDirty(uri)) {
    notify(background, vscode.window.showWarningMessage, vscode.l10n.t('Save or revert {0} first: it has unsaved changes.', name));
    return;
  }
  const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
  try {
    if (resaveAsUtf8(uri.fsPath, root, readLintSettings(uri).maxFileBytes) === 'rewritten') {
      notify(background, vscode.window.showInformationMessage, vscode.l10n.t('{0} is now UTF-8 (same content): dotenv can read it.', name));
    }
    events.relintRequested.fire();
  } catch (e) {
    notify(background, vscode.window.showErrorMessage, describeFailure(name, e));
  }
}

export async function addToGitignore(uri: vscode.Uri | undefined, { facts, events, background }: FileActionDeps): Promise<void> {
  if (!uri) {
    return;
  }
  const git = facts.peek(uri).git ?? (await facts.refresh(uri)).git;
  if (!git) {
    notify(background, vscode.window.showWarningMessage, vscode.l10n.t('{0} is not in a git repository (or the workspace is not trusted).', path.basename(uri.fsPath)));
    return;
  }
  const gitignore = vscode.Uri.file(path.join(git.repositoryRoot, '.gitignore'));
  if (isOpenAndDirty(gitignore)) {
    notify(background, vscode.window.showWarningMessage, vscode.l10n.t('Save or revert {0} first: it has unsaved changes.', '.gitignore'));
    return;
  }
  try {
    addGitignoreEntry(git.repositoryRoot, git.gitignoreEntry);
  } catch (e) {
    notify(background, vscode.window.showErrorMessage, describeFailure('.gitignore', e));
    return;
  }
  const message = git.tracked
    ? vscode.l10n.t('Added {0} to .gitignore. git still tracks it: run "git rm --cached {0}" and revoke the key if it was ever pushed.', git.gitignoreEntry)
    : vscode.l10n.t('Added {0} to .gitignore.', git.gitignoreEntry);
  notify(background, vscode.window.showInformationMessage, message);
  events.relintRequested.fire();
}
