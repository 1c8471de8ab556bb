import * as vscode from 'vscode';
import { gitStatusOf } from '../core/gitStatus';
import type { KeyTarget } from './keyTest/keyCandidates';
import { testKeyCommand } from './keyTest/testCommands';
import { fixAllInActiveEditor } from './lint/codeActions';
import { addToGitignore, saveAsUtf8 } from './lint/fileActions';
import type { Services } from './services';
import { CommandId, Commands } from './shared/constants';
import { HardcodedKeyTarget, moveHardcodedKeyToEnv, moveHardcodedKeyToSecretStorage } from './sources/moveHardcodedKey';
import { testActiveKey } from './ui/activeKey';
import { moveKey, removeKey, storeKey, testStoredKey } from './vault/vaultCommands';
import { whichKeyCommand } from './which/whichKeyCommand';

type Handler = (...args: never[]) => unknown;

const activeDocumentUri = () => vscode.window.activeTextEditor?.document.uri;

/**
 * Every command of package.json and what it does: the one table registrations are made from. A new command is
 * a row here, its id in shared/constants.ts and its entry in package.json (the unit test of this table checks
 * that the three agree).
 */
export function commandTable(deps: Services): Record<CommandId, Handler> {
  const testKeyDeps = { ...deps, keySources: [deps.vault] };
  const moveDeps = { vault: deps.vault, background: deps.background, gitStatus: gitStatusOf, git: deps.sourceGit };
  return {
    [Commands.fixAll]: () => fixAllInActiveEditor(deps),
    [Commands.saveAsUtf8]: (uri?: vscode.Uri) => saveAsUtf8(uri ?? activeDocumentUri(), deps),
    [Commands.addToGitignore]: (uri?: vscode.Uri) => addToGitignore(uri ?? activeDocumentUri(), deps),
    [Commands.rescanWorkspace]: () => deps.events.relintRequested.fire(),
    [Commands.testKey]: (target?: KeyTarget) => testKeyCommand(testKeyDeps, target, false),
    [Commands.testKeyFull]: (target?: KeyTarget) => testKeyCommand(testKeyDeps, target, true),
    [Commands.testActiveKey]: () => testActiveKey(deps),
    [Commands.showLog]: () => deps.log.show(),
    [Commands.storeKey]: () => storeKey(deps),
    [Commands.removeKey]: () => removeKey(deps),
    [Commands.testStoredKey]: () => testStoredKey(deps),
    [Commands.moveKeyToSecretStorage]: (target?: KeyTarget) => moveKey(deps, target),
    [Commands.whichKey]: (uri?: vscode.Uri) => whichKeyCommand(deps, uri),
    [Commands.moveHardcodedKeyToEnv]: (target: HardcodedKeyTarget) => moveHardcodedKeyToEnv(moveDeps, target),
    [Commands.moveHardcodedKeyToSecretStorage]: (target: HardcodedKeyTarget) => moveHardcodedKeyToSecretStorage(moveDeps, target),
  };
}

export function registerCommands(deps: Services): vscode.Disposable {
  const table = commandTable(deps);
  return vscode.Disposable.from(...Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown)));
}
