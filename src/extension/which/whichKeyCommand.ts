import * as vscode from 'vscode';
import type { TestResultCache } from '../../core/keyHealth';
import { ChainEntry, chainFor } from '../../core/loaders/chain';
import { describeReadOrder } from '../../core/loaders/describe';
import { isKeyDefinition } from '../../core/loaders/rules';
import { redact } from '../../core/redact';
import { isEnvDocument } from '../document/envDocuments';
import type { DocumentModels } from '../document/model';
import type { KeyTester } from '../keyTest/keyTester';
import { BuiltInCommands } from '../shared/constants';
import type { Background } from '../shared/logErrors';
import type { AppFolder, AppFolders } from './appFolders';
import { chainSecrets, formatStateOf, lastTestOf, loaderOf, placeOf } from './chainView';

export interface WhichKeyDeps {
  apps: AppFolders;
  models: DocumentModels;
  results: TestResultCache;
  tester: KeyTester;
  background: Background;
}

const DEFAULT_VARIABLE = 'OPENAI_API_KEY';

/**
 * "Which OPENAI_API_KEY does my app get?": the chain of the active file's app folder (else a workspace folder),
 * masked, in reading order, the winner first marked; picking a file entry opens it at its line, the environment's
 * is tested. The variable is the key on the cursor's line of a .env, else OPENAI_API_KEY.
 */
export async function whichKeyCommand(deps: WhichKeyDeps, target?: vscode.Uri): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const uri = target ?? editor?.document.uri;
  const app = await appFor(deps.apps, uri);
  if (!app) {
    deps.background('Showing a notification', vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: the chain depends on the folder your app runs from.')));
    return;
  }
  const chain = chainFor(app.resolution, variableAtCursor(deps.models, editor) ?? DEFAULT_VARIABLE);
  const secrets = chainSecrets(chain);
  if (chain.entries.length === 0) {
    const message = vscode.l10n.t('No place defines {0} for {1} ({2}): the app gets undefined.', chain.variable, app.workspaceFolder.name, loaderOf(app, chain));
    deps.background('Showing a notification', vscode.window.showInformationMessage(redact(message, secrets)));
    return;
  }
  const now = Date.now();
  const items = chain.entries.map((entry) => ({
    label: redact(`${entry.used ? '$(arrow-right)' : '$(blank)'} ${placeOf(entry)}`, secrets),
    description: redact(`${entry.masked} · ${entry.used ? vscode.l10n.t('used') : vscode.l10n.t('not used')}`, secrets),
    detail: redact(`${formatStateOf(entry)} · ${lastTestOf(entry, deps.results, now)}`, secrets),
    entry,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: redact(vscode.l10n.t('{0} for {1}: {2}', chain.variable, folderLabel(app), loaderOf(app, chain)), secrets),
    placeHolder: redact(vscode.l10n.t('Read in this order: {0}. Pick a file to open it, the environment to test it.', describeReadOrder(app.resolution.plan, chain)), secrets),
    matchOnDescription: true,
  });
  if (picked) {
    await openOrTest(deps, app, picked.entry);
  }
}

async function openOrTest(deps: WhichKeyDeps, app: AppFolder, entry: ChainEntry): Promise<void> {
  if (entry.file && entry.line) {
    const line = entry.line - 1;
    await vscode.commands.executeCommand(BuiltInCommands.open, vscode.Uri.joinPath(app.dir, entry.file), { selection: new vscode.Range(line, 0, line, 0) });
    return;
  }
  await deps.tester.test({ key: entry.value, source: vscode.l10n.t('environment ({0})', entry.name), variable: entry.name, origin: 'environment' }, { interactive: true });
}

/** The app folder of a file (its .env's own loader), else the root of its workspace folder, else the only folder. */
async function appFor(apps: AppFolders, uri: vscode.Uri | undefined): Promise<AppFolder | undefined> {
  const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
  if (uri && folder) {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document && isEnvDocument(document)) {
      return (await apps.appOf(uri))?.app;
    }
    return apps.resolve(folder, folder.uri);
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  const chosen = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick() : folders[0];
  return chosen ? apps.resolve(chosen, chosen.uri) : undefined;
}

function variableAtCursor(models: DocumentModels, editor: vscode.TextEditor | undefined): string | undefined {
  if (!editor || !isEnvDocument(editor.document)) {
    return undefined;
  }
  const model = models.get(editor.document);
  const line = editor.selection.active.line;
  return model.parsed.entries.find((e) => isKeyDefinition(e) && model.lineOf(e) === line)?.name;
}

function folderLabel(app: AppFolder): string {
  const relative = vscode.workspace.asRelativePath(app.dir, true);
  return relative && relative !== app.dir.fsPath ? relative : app.workspaceFolder.name;
}
