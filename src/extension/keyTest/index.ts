import * as vscode from 'vscode';
import { ENV_DOCUMENT_SELECTOR } from '../document/envDocuments';
import type { Services } from '../services';
import { KeyCodeLensProvider } from './keyLenses';
import { KeyHoverProvider } from './keyHover';
import { rememberResults } from './resultCache';
import { registerTestOnSave } from './testOnSave';

/** Testing keys: results remembered, "Test key" above each key, the hover of a key, test-on-save. */
export function registerKeyTest(_context: vscode.ExtensionContext, deps: Pick<Services, 'models' | 'tester' | 'results' | 'events' | 'background'>): vscode.Disposable {
  const lenses = new KeyCodeLensProvider(deps.models, deps.results);
  return vscode.Disposable.from(
    rememberResults(deps),
    lenses,
    deps.events.resultsChanged.event(() => lenses.refresh()),
    vscode.languages.registerCodeLensProvider(ENV_DOCUMENT_SELECTOR, lenses),
    vscode.languages.registerHoverProvider(ENV_DOCUMENT_SELECTOR, new KeyHoverProvider(deps.models, deps.results)),
    registerTestOnSave(deps),
  );
}
