import * as vscode from 'vscode';
import { gitStatusOf } from '../core/gitStatus';
import type { TestResultCache } from '../core/keyHealth';
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
  /** What git says about source files that hold a hard-coded key. */
  readonly sourceGit: SourceGitFacts;
}

export function createServices(context: vscode.ExtensionContext): Services & vscode.Disposable {
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
  const sourceGit = new SourceGitFacts(gitStatusOf, () => vscode.workspace.isTrusted);
  const disposables = vscode.Disposable.from(models, tester, facts, storedKeys, vault, events, log);
  return { log, background, events, vault, storedKeys, facts, linter, models, tester, results, sourceGit, dispose: () => disposables.dispose() };
}
