import * as vscode from 'vscode';
import { isEnvDocument } from '../document/envDocuments';
import type { DocumentModels } from '../document/model';
import type { Background } from '../shared/logErrors';
import { readKeyTestSettings } from '../shared/settings';
import { candidateOfModel } from './keyCandidates';
import type { KeyTester } from './keyTester';

export interface TestOnSaveDeps {
  models: DocumentModels;
  tester: KeyTester;
  background: Background;
}

/** Off by default; only in trusted workspaces; never prompts: a quiet test of the saved file's keys (those dotenv uses). */
export function registerTestOnSave({ models, tester, background }: TestOnSaveDeps): vscode.Disposable {
  const testSaved = async (document: vscode.TextDocument) => {
    const model = models.get(document);
    for (const entry of model.keys.effective) {
      await tester.test(candidateOfModel(model, entry), { interactive: false });
    }
  };
  return vscode.workspace.onDidSaveTextDocument((document) => {
    if (vscode.workspace.isTrusted && isEnvDocument(document) && readKeyTestSettings(document.uri).testOnSave) {
      background('Testing the keys of a saved .env', testSaved(document));
    }
  });
}
