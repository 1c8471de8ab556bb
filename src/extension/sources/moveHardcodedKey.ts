import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { addGitignoreEntry } from '../../core/fileFixes';
import { maskKey } from '../../core/keys/mask';
import { CANONICAL_KEY_NAME } from '../../core/keys/variables';
import { redact } from '../../core/redact';
import { FileOps, NODE_FILE_OPS, WriteRefused } from '../../core/safeFile';
import { dotenvPathFor } from '../../core/sources/dotenvPath';
import { MovePlan, keyOf, planMove } from '../../core/sources/move';
import { importsOs } from '../../core/sources/pythonImports';
import type { SourceFinding } from '../../core/sources/scan';
import { toWorkspaceEdit } from '../lint/codeActions';
import { BuiltInCommands } from '../shared/constants';
import type { Background } from '../shared/logErrors';
import { Settings, readLintSettings, terminalsProvideKey } from '../shared/settings';
import { VaultScope, describeScope } from '../vault/vault';
import type { KeyVault } from '../vault/vault';
import { findingAt, fileUriOf, notebookOf, scanDocument, scanPathOf } from './documentScan';
import { writeKeyToEnv } from './envFile';
import type { GitStatusProvider, SourceGitFacts } from './gitFacts';

/*
 * "Move key to .env" and "Move key to SecretStorage" for a hard-coded key: the key is stored and verified first
 * (.env written atomically and re-parsed; SecretStorage read back), and only then is the literal replaced by the
 * language's idiom, in one undoable edit. Any failure before that leaves the source as it was.
 */

/** What a quick fix passes to the commands: the document and where the key starts in it. */
export interface HardcodedKeyTarget {
  uri: vscode.Uri;
  offset: number;
}

export interface MoveHardcodedKeyDeps {
  vault: KeyVault;
  background: Background;
  gitStatus: GitStatusProvider;
  /** What git said about the source file, for the notes (a tracked file's key must be rotated). */
  git?: SourceGitFacts;
  /** The file system calls of the .env and .gitignore writes (tests make them fail). */
  fileOps?: FileOps;
}

/** The move, as planned on the document's current text. */
interface PreparedMove {
  document: vscode.TextDocument;
  version: number;
  wasDirty: boolean;
  file: vscode.Uri;
  finding: SourceFinding;
  key: string;
  plan: Extract<MovePlan, { kind: 'replace' }>;
}

/** Every notification and dialog goes through the redaction boundary with the key at hand. */
function shown(text: string, ...keys: Array<string | undefined>): string {
  return redact(text, keys.flatMap((k) => (k ? [k] : [])));
}

function findDocument(uri: vscode.Uri): Thenable<vscode.TextDocument> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ? Promise.resolve(open) : vscode.workspace.openTextDocument(uri);
}

/** Python: `os` imported by a code cell that runs before this one counts. */
function osImportedBefore(document: vscode.TextDocument): boolean {
  const notebook = notebookOf(document);
  if (!notebook) {
    return false;
  }
  const cells = notebook.getCells();
  const index = cells.findIndex((cell) => cell.document === document);
  return cells.slice(0, Math.max(0, index)).some((cell) => cell.kind === vscode.NotebookCellKind.Code && importsOs(cell.document.getText()));
}

export function planFor(document: vscode.TextDocument, finding: SourceFinding): MovePlan {
  return planMove(document.getText(), finding, { osImported: osImportedBefore(document) });
}

async function prepare(target: HardcodedKeyTarget, { background, git }: MoveHardcodedKeyDeps): Promise<PreparedMove | undefined> {
  const document = await findDocument(target.uri);
  const file = fileUriOf(document);
  const finding = findingAt(scanDocument(document, git?.peek(file)), target.offset);
  if (!finding) {
    background('Showing a notification', vscode.window.showInformationMessage(vscode.l10n.t('The key is no longer there: nothing was moved.')));
    return undefined;
  }
  const plan = planFor(document, finding);
  const key = keyOf(document.getText(), finding);
  if (plan.kind !== 'replace' || plan.destination !== 'dotenv') {
    const message = plan.kind === 'guidance' ? plan.message : vscode.l10n.t('This key goes to the repository secrets, not to .env: nothing was moved.');
    background('Showing a notification', vscode.window.showInformationMessage(shown(message, key)));
    return undefined;
  }
  return { document, version: document.version, wasDirty: document.isDirty, file, finding, key, plan };
}

/** Replaces the literal, in one edit (one Undo), if the document is still the one the plan was made on. */
async function replaceLiteral(move: PreparedMove, storedIn: string, background: Background): Promise<boolean> {
  const name = path.posix.basename(move.file.path);
  if (move.document.version !== move.version) {
    background('Showing a notification', vscode.window.showWarningMessage(shown(vscode.l10n.t('{0} changed while the key was being stored: the key is in {1}, but the file was left as it is. Replace the key yourself.', name, storedIn), move.key)));
    return false;
  }
  if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(move.document, move.plan.edits)))) {
    background('Showing a notification', vscode.window.showErrorMessage(shown(vscode.l10n.t('The key is in {0}, but {1} could not be edited: replace the key yourself.', storedIn, name), move.key)));
    return false;
  }
  if (!move.wasDirty && move.document.uri.scheme === 'file') {
    await move.document.save();
  }
  return true;
}

function inRepository(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) {
      return true;
    }
    if (path.dirname(current) === current) {
      return false;
    }
  }
}

type GitignorePlan = { refused: string } | { entry?: { repositoryRoot: string; gitignoreEntry: string } };

/** Whether git will ignore the .env, or the .gitignore entry that makes it so; a message when it cannot. Writes nothing. */
async function planIgnore(envPath: string, deps: MoveHardcodedKeyDeps): Promise<GitignorePlan> {
  const name = path.basename(envPath);
  if (!vscode.workspace.isTrusted) {
    return inRepository(path.dirname(envPath)) ? { refused: vscode.l10n.t('Trust this workspace first: git is not run in Restricted Mode, so {0} cannot be checked for being git-ignored.', name) } : {};
  }
  const status = await deps.gitStatus(envPath).catch(() => undefined);
  if (!status || status.ignored) {
    return {};
  }
  if (status.tracked) {
    return { refused: vscode.l10n.t('git tracks {0}: a key written there would be committed. Run git rm --cached {0} and add it to .gitignore first.', status.gitignoreEntry) };
  }
  return { entry: { repositoryRoot: status.repositoryRoot, gitignoreEntry: status.gitignoreEntry } };
}

/** Makes sure git ignores the .env before a key is written to it (the planned entry); a message when it cannot. */
function applyIgnore(plan: { entry?: { repositoryRoot: string; gitignoreEntry: string } }, deps: MoveHardcodedKeyDeps): { added: boolean } | { refused: string } {
  if (!plan.entry) {
    return { added: false };
  }
  try {
    addGitignoreEntry(plan.entry.repositoryRoot, plan.entry.gitignoreEntry, deps.fileOps ?? NODE_FILE_OPS);
    return { added: true };
  } catch (error) {
    return { refused: vscode.l10n.t('Could not add {0} to .gitignore ({1}), so no key was written to it.', plan.entry.gitignoreEntry, failureCode(error)) };
  }
}

function failureCode(error: unknown): string {
  return error instanceof WriteRefused ? error.reason : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
}

/** "Move key to .env": the key to the folder's `.env` (git-ignored, written, read back), then the literal replaced. */
export async function moveHardcodedKeyToEnv(deps: MoveHardcodedKeyDeps, target: HardcodedKeyTarget): Promise<boolean> {
  const { background } = deps;
  const move = await prepare(target, deps);
  if (!move) {
    return false;
  }
  const { key, plan, file } = move;
  const folder = vscode.workspace.getWorkspaceFolder(file);
  if (!folder || folder.uri.scheme !== 'file') {
    background('Showing a notification', vscode.window.showWarningMessage(vscode.l10n.t('Open the folder that holds this file: the key goes to the .env of a workspace folder.')));
    return false;
  }
  const envRelative = dotenvPathFor(scanPathOf(file), move.finding.hardcoded.language);
  const envPath = path.join(folder.uri.fsPath, ...envRelative.split('/'));
  const envUri = vscode.Uri.file(envPath);
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === envUri.toString() && d.isDirty)) {
    background('Showing a notification', vscode.window.showWarningMessage(vscode.l10n.t('Save or revert {0} first: it has unsaved changes.', envRelative)));
    return false;
  }
  const ignorePlan = await planIgnore(envPath, deps);
  if ('refused' in ignorePlan) {
    background('Showing a notification', vscode.window.showErrorMessage(shown(ignorePlan.refused, key)));
    return false;
  }
  const request = { envPath, root: folder.uri.fsPath, variable: plan.variable, key, maxBytes: readLintSettings(file).maxFileBytes };
  // Asked before anything is written (.gitignore included): a Cancel leaves every file as it was.
  let replaceExisting = false;
  const preview = writeKeyToEnv({ ...request, dryRun: true }, deps.fileOps);
  if (preview.kind === 'conflict') {
    const replace = vscode.l10n.t('Replace the value in .env');
    const keep = vscode.l10n.t('Keep the value in .env');
    const answer = await vscode.window.showWarningMessage(
      shown(preview.message, key),
      { modal: true, detail: vscode.l10n.t('Replace: .env gets this key. Keep: .env is not changed and the code reads the key already there. Either way the literal is replaced (Undo brings it back).') },
      replace,
      keep,
    );
    if (answer === replace) {
      replaceExisting = true;
    } else if (answer !== keep) {
      return false;
    }
  }
  const ignored = applyIgnore(ignorePlan, deps);
  if ('refused' in ignored) {
    background('Showing a notification', vscode.window.showErrorMessage(shown(ignored.refused, key)));
    return false;
  }
  const outcome = preview.kind === 'conflict' && !replaceExisting ? ({ kind: 'present' } as const) : writeKeyToEnv({ ...request, replace: replaceExisting }, deps.fileOps);
  if (outcome.kind === 'conflict') {
    // The file changed between the question and the write: ask again rather than overwrite.
    background('Showing a notification', vscode.window.showWarningMessage(shown(outcome.message, key)));
    return false;
  }
  switch (outcome.kind) {
    case 'written':
    case 'present':
      break;
    case 'unsafe':
      background('Showing a notification', vscode.window.showErrorMessage(shown(outcome.message ?? vscode.l10n.t('Writing {0} to {1} would change another variable: add it by hand.', plan.variable, envRelative), key)));
      return false;
    case 'unreadable':
      background('Showing a notification', vscode.window.showErrorMessage(shown(vscode.l10n.t('{0} cannot be rewritten safely ({1}): nothing was moved.', envRelative, outcome.reason), key)));
      return false;
    case 'failed':
      background(
        'Showing a notification',
        vscode.window.showErrorMessage(
          shown(
            outcome.stage === 'write'
              ? vscode.l10n.t('Could not write {0} ({1}): nothing was moved and both files are as they were.', envRelative, failureCode(outcome.error))
              : vscode.l10n.t('{0} did not read back with the key ({1}): the source was left as it is. Check {0}.', envRelative, failureCode(outcome.error)),
            key,
          ),
        ),
      );
      return false;
    default:
      return false;
  }
  if (!(await replaceLiteral(move, envRelative, background))) {
    return false;
  }
  const done = [vscode.l10n.t('Moved {0} to {1} as {2}; the code reads {3}.', maskKey(key), envRelative, plan.variable, plan.reference)];
  if (ignored.added) {
    done.push(vscode.l10n.t('{0} was added to .gitignore.', envRelative));
  }
  background('Showing a notification', vscode.window.showInformationMessage(shown([...done, ...plan.notes].join(' '), key)));
  return true;
}

/**
 * "Move key to SecretStorage": the key to the folder's stored key (read back), then the literal replaced; the
 * program then gets OPENAI_API_KEY from VS Code terminals (Provide key to terminals).
 */
export async function moveHardcodedKeyToSecretStorage(deps: MoveHardcodedKeyDeps, target: HardcodedKeyTarget): Promise<boolean> {
  const { vault, background } = deps;
  const move = await prepare(target, deps);
  if (!move) {
    return false;
  }
  const { key, plan, file } = move;
  if (plan.variable !== CANONICAL_KEY_NAME) {
    background('Showing a notification', vscode.window.showInformationMessage(vscode.l10n.t('Only OPENAI_API_KEY reaches terminals from SecretStorage: move this key to .env instead.')));
    return false;
  }
  const folder = vscode.workspace.getWorkspaceFolder(file);
  const scope: VaultScope = folder ? { kind: 'folder', folder } : { kind: 'global' };
  const existing = await vault.get(scope);
  if (existing && existing !== key) {
    const replace = vscode.l10n.t('Replace it');
    const answer = await vscode.window.showWarningMessage(shown(vscode.l10n.t('{0} already holds {1}. Replace it with {2}?', describeScope(scope), maskKey(existing), maskKey(key)), key, existing), { modal: true }, replace);
    if (answer !== replace) {
      return false;
    }
  }
  try {
    await vault.store(scope, key);
  } catch (error) {
    background('Showing a notification', vscode.window.showErrorMessage(shown(vscode.l10n.t('The key was not moved, and {0} is unchanged: {1}', path.posix.basename(file.path), (error as Error).message), key)));
    return false;
  }
  if (!(await replaceLiteral(move, describeScope(scope), background))) {
    return false;
  }
  const message = vscode.l10n.t('Stored {0} in {1}; the code reads {2}. Programs started in VS Code terminals get it when "Provide key to terminals" is on.', maskKey(key), describeScope(scope), plan.reference);
  if (terminalsProvideKey()) {
    background('Showing a notification', vscode.window.showInformationMessage(shown(message, key)));
    return true;
  }
  const turnOn = vscode.l10n.t('Provide it to terminals');
  const answer = await vscode.window.showInformationMessage(shown(message, key), turnOn);
  if (answer === turnOn) {
    await vscode.commands.executeCommand(BuiltInCommands.openSettings, Settings.provideKeyToTerminals.id);
  }
  return true;
}
