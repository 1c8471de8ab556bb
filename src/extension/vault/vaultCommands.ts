import * as path from 'path';
import * as vscode from 'vscode';
import { maskKey } from '../../core/keys/mask';
import { keyProblems } from '../../core/probe/keyProblems';
import { redact } from '../../core/redact';
import type { DocumentModels } from '../document/model';
import type { KeyTarget } from '../keyTest/keyCandidates';
import type { KeyTester } from '../keyTest/keyTester';
import { BuiltInCommands, Commands } from '../shared/constants';
import type { Background } from '../shared/logErrors';
import { Settings } from '../shared/settings';
import { KeyVault, StoredKey, VaultScope, describeScope, maskedStored } from './vault';

/* Store, remove and test keys in SecretStorage; move a key out of a .env into it. */

export interface VaultCommandDeps {
  vault: KeyVault;
  tester: KeyTester;
  models: DocumentModels;
  background: Background;
}

async function pickScope(preferred?: vscode.WorkspaceFolder): Promise<VaultScope | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    return { kind: 'global' };
  }
  const items = [
    { label: vscode.l10n.t('Global key'), description: vscode.l10n.t('used in every window'), scope: { kind: 'global' } as VaultScope },
    ...folders.map((folder) => ({ label: vscode.l10n.t('Key for {0}', folder.name), description: vscode.l10n.t('used for this workspace folder only'), scope: { kind: 'folder', folder } as VaultScope })),
  ];
  if (preferred) {
    items.sort((a) => (a.scope.kind === 'folder' && a.scope.folder.uri.toString() === preferred.uri.toString() ? -1 : 0));
  }
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Store the OpenAI key for…') }))?.scope;
}

/** The linter's first complaint about a pasted key, shown live under the input box (redacted with it). */
export function validateKeyInput(value: string): string | undefined {
  if (value.length === 0) {
    return vscode.l10n.t('Paste your secret key (it starts with sk-).');
  }
  const problem = keyProblems(value)[0];
  return problem === undefined ? undefined : redact(problem, [value, value.trim()]);
}

/** Every notification and dialog of these commands goes through the redaction boundary, with the key at hand. */
function shown(text: string, ...keys: Array<string | undefined>): string {
  return redact(text, keys.flatMap((k) => (k ? [k, k.trim()] : [])));
}

export async function storeKey({ vault, tester, background }: VaultCommandDeps): Promise<void> {
  const scope = await pickScope(vscode.window.activeTextEditor ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri) : undefined);
  if (!scope) {
    return;
  }
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('Store OpenAI key in {0}', describeScope(scope)),
    prompt: vscode.l10n.t('Paste the key from https://platform.openai.com/api-keys. It is kept in VS Code\'s encrypted SecretStorage and nowhere else.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: validateKeyInput,
  });
  if (!key) {
    return;
  }
  try {
    await vault.store(scope, key);
  } catch (error) {
    background('Showing a notification', vscode.window.showErrorMessage(shown(vscode.l10n.t('Could not store the key: {0}', (error as Error).message), key)));
    return;
  }
  const test = vscode.l10n.t('Test it now');
  const answer = await vscode.window.showInformationMessage(shown(vscode.l10n.t('Stored {0} in {1}.', maskKey(key), describeScope(scope)), key), test);
  if (answer === test) {
    await tester.test({ key, source: describeScope(scope) });
  }
}

async function pickStored(vault: KeyVault, title: string): Promise<StoredKey | undefined> {
  const stored = await vault.list();
  if (stored.length === 0) {
    const store = vscode.l10n.t('Store OpenAI key');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('No OpenAI key is stored in SecretStorage.'), store);
    if (answer === store) {
      await vscode.commands.executeCommand(Commands.storeKey);
    }
    return undefined;
  }
  if (stored.length === 1) {
    return stored[0];
  }
  return (await vscode.window.showQuickPick(stored.map((s) => ({ label: shown(maskedStored(s), s.key), stored: s })), { title }))?.stored;
}

export async function removeKey({ vault, background }: VaultCommandDeps): Promise<void> {
  const stored = await pickStored(vault, vscode.l10n.t('Remove which stored key?'));
  if (!stored) {
    return;
  }
  const remove = vscode.l10n.t('Remove');
  const answer = await vscode.window.showWarningMessage(shown(vscode.l10n.t('Remove {0} from SecretStorage?', maskedStored(stored)), stored.key), { modal: true }, remove);
  if (answer === remove) {
    await vault.delete(stored.scope);
    background('Showing a notification', vscode.window.showInformationMessage(shown(vscode.l10n.t('Removed {0}.', maskedStored(stored)), stored.key)));
  }
}

export async function testStoredKey({ vault, tester }: VaultCommandDeps): Promise<void> {
  const stored = await pickStored(vault, vscode.l10n.t('Test which stored key?'));
  if (stored) {
    await tester.test({ key: stored.key, source: describeScope(stored.scope) });
  }
}

/**
 * Moves the key on a .env line into SecretStorage: store, read back, and only then remove the value with an
 * undoable edit that touches nothing else. Any failure leaves the file as it was and says why.
 */
export async function moveKey({ vault, models, background }: VaultCommandDeps, target?: KeyTarget): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const uri = target?.uri ?? editor?.document.uri;
  const line = target?.line ?? editor?.selection.active.line;
  if (!uri || line === undefined) {
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const version = document.version;
  const wasDirty = document.isDirty;
  const model = models.get(document);
  const entry = model.keys.entries.find((e) => model.lineOf(e) === line);
  if (!entry) {
    background('Showing a notification', vscode.window.showInformationMessage(vscode.l10n.t('There is no OpenAI key on this line to move.')));
    return;
  }
  const key = entry.value;
  const problems = keyProblems(key);
  if (problems.length > 0) {
    const anyway = vscode.l10n.t('Move anyway');
    const answer = await vscode.window.showWarningMessage(shown(vscode.l10n.t('This key is malformed: {0}', problems[0]), key), { modal: true }, anyway);
    if (answer !== anyway) {
      return;
    }
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const scope: VaultScope = folder ? { kind: 'folder', folder } : { kind: 'global' };
  const existing = await vault.get(scope);
  if (existing && existing !== key) {
    const replace = vscode.l10n.t('Replace it');
    const answer = await vscode.window.showWarningMessage(shown(vscode.l10n.t('{0} already holds {1}. Replace it with {2}?', describeScope(scope), maskKey(existing), maskKey(key)), key, existing), { modal: true }, replace);
    if (answer !== replace) {
      return;
    }
  }
  try {
    await vault.store(scope, key);
  } catch (error) {
    background('Showing a notification', vscode.window.showErrorMessage(shown(vscode.l10n.t('The key was not moved, and {0} is unchanged: {1}', path.basename(uri.fsPath), (error as Error).message), key)));
    return;
  }
  if (document.version !== version) {
    background('Showing a notification', vscode.window.showWarningMessage(shown(vscode.l10n.t('{0} changed while the key was being stored: it is stored in {1}, but the file was left as it is. Remove the value yourself.', path.basename(uri.fsPath), describeScope(scope)), key)));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  const span = entry.valueSpan;
  edit.delete(uri, new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)));
  if (!(await vscode.workspace.applyEdit(edit))) {
    background('Showing a notification', vscode.window.showErrorMessage(shown(vscode.l10n.t('The key is stored in {0}, but {1} could not be edited: remove the value yourself.', describeScope(scope), path.basename(uri.fsPath)), key)));
    return;
  }
  if (!wasDirty) {
    await document.save();
  }
  const terminals = vscode.l10n.t('Provide it to terminals');
  const answer = await vscode.window.showInformationMessage(
    shown(vscode.l10n.t('Moved {0} from {1} to {2}. {3} is now empty in the file; turn on "Provide key to terminals" so programs started in VS Code terminals still get it.', maskKey(key), path.basename(uri.fsPath), describeScope(scope), entry.name), key),
    terminals,
  );
  if (answer === terminals) {
    await vscode.commands.executeCommand(BuiltInCommands.openSettings, Settings.provideKeyToTerminals.id);
  }
}
