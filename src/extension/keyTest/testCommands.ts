import * as vscode from 'vscode';
import { parseDotenv } from '../core/dotenv/parse';
import { roleOf } from '../core/keys/variables';
import { Commands } from './constants';
import { isEnvDocument } from './envDocuments';
import { KeyCandidateProvider, keyCandidateAt, keyUnderCursor, pickKey, workspaceKeyCandidates } from './keyCandidates';
import { readKeyTestSettings } from './keyTestSettings';
import type { KeyTester } from './keyTester';

/**
 * "Test OpenAI key" (free: no tokens) and "Test OpenAI key (full)" (one paid call per API, after a confirmation
 * that says its cost): the key under the cursor in a .env, else a pick of every key the workspace knows.
 */
export function registerTestKeyCommand(tester: KeyTester, providers: KeyCandidateProvider[]): vscode.Disposable {
  const register = (command: string, full: boolean) =>
    vscode.commands.registerCommand(command, async (target?: { uri?: vscode.Uri; line?: number }) => {
      let candidate =
        target?.uri !== undefined && target.line !== undefined
          ? keyCandidateAt(await vscode.workspace.openTextDocument(target.uri), target.line)
          : keyUnderCursor(vscode.window.activeTextEditor);
      candidate ??= await pickKey(await workspaceKeyCandidates(providers));
      if (candidate) {
        await tester.test(candidate, { interactive: true, full });
      }
    });
  return vscode.Disposable.from(register(Commands.testKey, false), register(Commands.testKeyFull, true));
}

/** Off by default; only in trusted workspaces; never prompts: a quiet test of the saved file's keys. */
export function registerTestOnSave(tester: KeyTester): vscode.Disposable {
  return vscode.workspace.onDidSaveTextDocument(async (document) => {
    if (!vscode.workspace.isTrusted || !isEnvDocument(document) || !readKeyTestSettings(document.uri).testOnSave) {
      return;
    }
    const entries = parseDotenv(document.getText()).entries.filter((e) => roleOf(e.name) === 'key' && e.value.trim() !== '');
    const effective = new Map(entries.map((e) => [e.name, e]));
    for (const entry of effective.values()) {
      const candidate = keyCandidateAt(document, document.positionAt(entry.nameSpan.start).line);
      if (candidate) {
        await tester.test(candidate, { interactive: false });
      }
    }
  });
}
