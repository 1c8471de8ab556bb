import * as vscode from 'vscode';
import { useTranslations } from '../core/l10nSetup';
import { registerCommands } from './commands';
import type { KeyTester } from './keyTest/keyTester';
import { registerKeyTest } from './keyTest';
import { registerLint } from './lint';
import { createServices } from './services';
import { registerSources } from './sources';
import { registerUi } from './ui';
import { registerVault } from './vault';
import type { KeyVault } from './vault/vault';
import { registerWhich } from './which';

/** What the integration tests can reach. */
export interface ExtensionApi {
  tester: KeyTester;
  vault: KeyVault;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  useTranslations(vscode.l10n.bundle);
  const services = createServices(context);
  context.subscriptions.push(
    services,
    registerLint(context, services),
    registerKeyTest(context, services),
    registerVault(context, services),
    registerUi(context, services),
    registerSources(context, services),
    registerCommands(services),
    registerWhich(context, services),
  );
  return { tester: services.tester, vault: services.vault };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
