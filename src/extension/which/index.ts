import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { LoadOrderDiagnostics } from './loadOrderDiagnostics';

/**
 * "Which key does my app get?": the load-order and key-reuse diagnostics of every .env, computed from each app
 * folder's loader and the environment the app inherits.
 */
export function registerWhich(_context: vscode.ExtensionContext, deps: Pick<Services, 'apps' | 'events' | 'background'>): vscode.Disposable {
  return vscode.Disposable.from(new LoadOrderDiagnostics({ ...deps, salt: randomBytes(16).toString('hex') }));
}
