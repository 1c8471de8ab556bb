import * as vscode from 'vscode';
import type { Environment } from '../../core/loaders/chain';
import { isEnvDocument } from '../document/envDocuments';
import type { DocumentModels } from '../document/model';
import { KeyCandidate, candidateOfModel, environmentCandidate } from '../keyTest/keyCandidates';
import type { KeyTester } from '../keyTest/keyTester';
import { Commands } from '../shared/constants';
import { KeyVault, describeScope } from '../vault/vault';

export interface ActiveKey extends KeyCandidate {
  kind: 'env-file' | 'stored' | 'environment';
}

export interface ActiveKeyDeps {
  models: DocumentModels;
  vault: KeyVault;
  /** VS Code's environment (Services.environment). */
  environment: Environment;
}

/**
 * The key the status bar speaks for: the one in the active .env editor (its OPENAI_API_KEY, else its first key),
 * else the stored key for the active file's folder (or the global one), else VS Code's own OPENAI_API_KEY.
 */
export async function resolveActiveKey({ models, vault, environment }: ActiveKeyDeps): Promise<ActiveKey | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (document && isEnvDocument(document)) {
    const model = models.get(document);
    const keys = model.keys.entries;
    const chosen = [...keys].reverse().find((e) => e.name === 'OPENAI_API_KEY') ?? keys[0];
    if (chosen) {
      return { kind: 'env-file', ...candidateOfModel(model, chosen) };
    }
  }
  const stored = await vault.keyFor(document?.uri);
  if (stored) {
    return { kind: 'stored', key: stored.key, source: describeScope(stored.scope) };
  }
  const fromEnvironment = environmentCandidate(environment);
  return fromEnvironment ? { kind: 'environment', ...fromEnvironment } : undefined;
}

/** Click on the status bar: test the key it shows, else pick one. */
export async function testActiveKey(deps: ActiveKeyDeps & { tester: KeyTester }): Promise<void> {
  const active = await resolveActiveKey(deps);
  if (active) {
    await deps.tester.test(active);
  } else {
    await vscode.commands.executeCommand(Commands.testKey);
  }
}
