import * as vscode from 'vscode';
import { ENV_DOCUMENT_SELECTOR } from '../document/envDocuments';
import type { Services } from '../services';
import { EnvCodeActionProvider } from './codeActions';
import { EnvDiagnostics } from './diagnostics';
import { trackEncodingContext, trackIgnoredContext } from './fileContextKeys';
import { FindingDetailHoverProvider } from './findingHover';

/** Linting .env files: diagnostics as you type and for the whole workspace, quick fixes and Fix All, the longer explanation on hover. */
export function registerLint(_context: vscode.ExtensionContext, deps: Pick<Services, 'models' | 'linter' | 'facts' | 'events' | 'background'>): vscode.Disposable {
  return vscode.Disposable.from(
    new EnvDiagnostics(deps),
    vscode.languages.registerCodeActionsProvider(ENV_DOCUMENT_SELECTOR, new EnvCodeActionProvider(deps.models), EnvCodeActionProvider.metadata),
    vscode.languages.registerHoverProvider(ENV_DOCUMENT_SELECTOR, new FindingDetailHoverProvider(deps.models)),
    trackEncodingContext(deps),
    trackIgnoredContext(deps),
  );
}
