import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { ENV_DOCUMENT_SELECTOR } from '../document/envDocuments';
import type { Services } from '../services';
import { ChainHoverProvider } from './chainHover';
import { LoadOrderDiagnostics } from './loadOrderDiagnostics';

/**
 * "Which key does my app get?": the load-order and key-reuse diagnostics of every .env, computed from each app
 * folder's loader and the environment the app inherits; the chain in the hover of each key line. The command is in
 * ../commands.ts (whichKeyCommand.ts).
 */
export function registerWhich(_context: vscode.ExtensionContext, deps: Pick<Services, 'apps' | 'models' | 'results' | 'events' | 'background'>): vscode.Disposable {
  return vscode.Disposable.from(
    new LoadOrderDiagnostics({ ...deps, salt: randomBytes(16).toString('hex') }),
    vscode.languages.registerHoverProvider(ENV_DOCUMENT_SELECTOR, new ChainHoverProvider(deps)),
  );
}
