import * as vscode from 'vscode';
import type { Environment } from '../../core/loaders/chain';
import type { DocumentModels } from '../document/model';
import type { Background } from '../shared/logErrors';
import { KeyCandidateProvider, KeyTarget, keyCandidateAt, keyUnderCursor, pickKey, workspaceKeyCandidates } from './keyCandidates';
import type { KeyTester } from './keyTester';

export interface TestKeyDeps {
  models: DocumentModels;
  tester: KeyTester;
  background: Background;
  /** Where else keys are (the vault's SecretStorage). */
  keySources: KeyCandidateProvider[];
  /** VS Code's environment: its OPENAI_API_KEY is a candidate too. */
  environment: Environment;
}

/**
 * "Test OpenAI key" (free: no tokens) and "Test OpenAI key (full)" (one paid call per API, after a confirmation
 * that says its cost): the key of the target line (a CodeLens), else the key under the cursor in a .env, else a
 * pick of every key the workspace knows.
 */
export async function testKeyCommand(deps: TestKeyDeps, target: KeyTarget | undefined, full: boolean): Promise<void> {
  let candidate =
    target?.uri !== undefined && target.line !== undefined
      ? keyCandidateAt(deps.models, await vscode.workspace.openTextDocument(target.uri), target.line)
      : keyUnderCursor(deps.models, vscode.window.activeTextEditor);
  candidate ??= await pickKey(await workspaceKeyCandidates(deps.models, deps.keySources, deps.environment), deps.background);
  if (candidate) {
    await deps.tester.test(candidate, { interactive: true, full });
  }
}
