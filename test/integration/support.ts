/**
 * Helpers for the integration suite. It runs in a real extension host: desktop VS Code through
 * @vscode/test-electron (the fixture folder of the repository is the workspace) or code-server through
 * test/integration/inCodeServer.ts (a copy of it). Tests put what they change in files of their own and remove
 * them, so the fixture is the same before and after a run.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'openai-key-doctor.openai-key-doctor';
export const SOURCE = 'OpenAI Key Doctor';

export function extension(): vscode.Extension<ExtensionApi> {
  const found = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not installed in this extension host`);
  return found;
}

/** The object activate() returns. */
export async function api(): Promise<ExtensionApi> {
  return extension().activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture folder open as the workspace');
  return folder.uri;
}

export function fixture(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

export const ruleOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Resolves when `ready` holds for `what()`, re-checked on every `event`, never by sleeping in a loop. */
export function when<T>(event: vscode.Event<unknown>, what: () => T, ready: (value: T) => boolean, describe: string, timeoutMs = 15000): Promise<T> {
  const now = what();
  if (ready(now)) {
    return Promise.resolve(now);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe}`));
    }, timeoutMs);
    const listener = event(() => {
      const value = what();
      if (ready(value)) {
        clearTimeout(timer);
        listener.dispose();
        resolve(value);
      }
    });
  });
}

/** Our diagnostics on a file once `predicate` holds, driven by onDidChangeDiagnostics. */
export function diagnosticsFor(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 15000): Promise<vscode.Diagnostic[]> {
  return when(vscode.languages.onDidChangeDiagnostics, () => ours(uri), predicate, `diagnostics on ${vscode.workspace.asRelativePath(uri)}`, timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message}; they are: ${ours(uri).map((d) => `${ruleOf(d)}: ${d.message}`).join(' | ') || 'none'}`);
  });
}

export const hasRule = (rule: string) => (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => ruleOf(d) === rule);

/**
 * A `.env.it-*` file of this test's own at the root of the workspace, removed (with its editors) by the returned
 * function. Not in a sub-folder made for it: a watcher may report a new folder without the file created in it.
 */
export async function scratchFile(bytes: Uint8Array | string): Promise<{ uri: vscode.Uri; remove(): Promise<void> }> {
  const uri = fixture(`.env.it-${Math.random().toString(36).slice(2, 8)}`);
  await vscode.workspace.fs.writeFile(uri, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  return {
    uri,
    async remove() {
      await closeEditors(uri);
      await vscode.workspace.fs.delete(uri, { useTrash: false });
    },
  };
}

/** Closes every editor tab on `uri`, reverting unsaved changes, so the next test starts from the file on disk. */
export async function closeEditors(uri: vscode.Uri): Promise<void> {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()) {
        await vscode.window.showTextDocument(uri, { viewColumn: group.viewColumn, preview: false });
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  }
}

export async function bytesOf(uri: vscode.Uri): Promise<Buffer> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri));
}
