import * as vscode from 'vscode';
import { gitStatusOf } from '../core/gitStatus';
import type { TestResultCache } from '../core/keyHealth';
import type { Environment } from '../core/loaders/chain';
import { DocumentLinter } from './document/documentLinter';
import { FileFactsCache } from './document/fileFacts';
import { DocumentModels } from './document/model';
import { KeyTester } from './keyTest/keyTester';
import { createResultCache } from './keyTest/resultCache';
import { EXTENSION_NAME } from './shared/constants';
import { ExtensionEvents } from './shared/events';
import { Background, logErrors } from './shared/logErrors';
import { SourceGitFacts } from './sources/gitFacts';
import { StoredKeyIndex } from './vault/storedKeyIndex';
import { KeyVault } from './vault/vault';
import { appEnvironment } from './which/appEnvironment';
import { AppFolders } from './which/appFolders';
import { vscodeWorkspaceFiles } from './which/workspaceFiles';

/**
 * What the features share, one instance each: made here, passed to every `registerX(context, deps)` and to the
 * command table. A feature takes the part it needs (`Pick<Services, ...>`).
 */
export interface Services {
  /** The "OpenAI Key Doctor" log channel. */
  readonly log: vscode.LogOutputChannel;
  /** Starts work nobody awaits; its failure goes to the log. */
  readonly background: Background;
  /** How features tell each other what happened. */
  readonly events: ExtensionEvents;
  /** Keys in SecretStorage. */
  readonly vault: KeyVault;
  /** Which scopes hold a stored key, readable synchronously. */
  readonly storedKeys: StoredKeyIndex;
  /** Encoding and git facts of files, from the disk. */
  readonly facts: FileFactsCache;
  /** Lints open documents and closed files with their settings and facts. */
  readonly linter: DocumentLinter;
  /** The model of each open .env document's version: parse, keys, lint result. */
  readonly models: DocumentModels;
  /** Runs key tests the way a user expects (confirmations, progress, verdict). */
  readonly tester: KeyTester;
  /** The last result of each tested key, by fingerprint, across reloads. */
  readonly results: TestResultCache;
  /**
   * The environment the extension host inherited (VS Code resolved the user's shell at start-up), read once here:
   * features take it from this field, never from `process.env`, so tests pass their own.
   */
  readonly environment: Environment;
  /** The loader resolution of each app folder: which files it reads, which definition wins. */
  readonly apps: AppFolders;
  /** What git says about source files that hold a hard-coded key. */
  readonly sourceGit: SourceGitFacts;
}

export function createServices(context: vscode.ExtensionContext, environment: Environment = { ...process.env }): Services & vscode.Disposable {
  const log = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  const background = logErrors(log);
  const events = new ExtensionEvents();
  const vault = new KeyVault(context.secrets);
  const storedKeys = new StoredKeyIndex({ vault, background, changed: events.storedKeysChanged });
  const facts = new FileFactsCache(gitStatusOf, () => vscode.workspace.isTrusted);
  const linter = new DocumentLinter({ facts, hasStoredKey: (uri) => storedKeys.has(uri) });
  const models = new DocumentModels(linter, facts);
  const tester = new KeyTester({ log, background, onDidTest: events.keyTested });
  const results = createResultCache(context, background);
  const apps = new AppFolders({ files: vscodeWorkspaceFiles(), environmentOf: appEnvironment(environment, vault) });
  const sourceGit = new SourceGitFacts(gitStatusOf, () => vscode.workspace.isTrusted);
  const disposables = vscode.Disposable.from(models, tester, facts, storedKeys, vault, events, log);
  return { log, background, events, vault, storedKeys, facts, linter, models, tester, results, environment, apps, sourceGit, dispose: () => disposables.dispose() };
}
