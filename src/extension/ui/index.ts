import * as vscode from 'vscode';
import type { Services } from '../services';
import { trackContextKeys } from './contextKeys';
import { FileFindingsStatus } from './findingsStatus';
import { KeyHealthStatus } from './keyHealthStatus';

/** What is always in view: the key health status bar item, the findings language status, the context keys. */
export function registerUi(_context: vscode.ExtensionContext, deps: Pick<Services, 'models' | 'vault' | 'storedKeys' | 'results' | 'events' | 'background' | 'environment'>): vscode.Disposable {
  return vscode.Disposable.from(new KeyHealthStatus(deps), new FileFindingsStatus(deps.events), trackContextKeys(deps));
}
