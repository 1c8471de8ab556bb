import * as vscode from 'vscode';
import { parseDotenv } from '../core/dotenv/parse';
import { roleOf } from '../core/keys/variables';
import { KeyCandidate, candidateForEntry } from './keyCandidates';
import { isEnvDocument } from './envDocuments';
import { KeyVault, describeScope } from './vault';

export interface ActiveKey extends KeyCandidate {
  kind: 'env-file' | 'stored' | 'environment';
}

/**
 * The key the status bar speaks for: the one in the active .env editor, else the stored key for the active
 * file's folder (or the global one), else VS Code's own OPENAI_API_KEY.
 */
export async function resolveActiveKey(vault: KeyVault): Promise<ActiveKey | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (document && isEnvDocument(document)) {
    const entries = parseDotenv(document.getText()).entries;
    const keys = entries.filter((e) => roleOf(e.name) === 'key' && e.value.trim() !== '');
    const chosen = [...keys].reverse().find((e) => e.name === 'OPENAI_API_KEY') ?? keys[0];
    if (chosen) {
      return { kind: 'env-file', ...candidateForEntry(document.uri, document.positionAt(chosen.nameSpan.start).line, chosen, entries) };
    }
  }
  const stored = await vault.keyFor(document?.uri);
  if (stored) {
    return { kind: 'stored', key: stored.key, source: describeScope(stored.scope) };
  }
  const fromEnvironment = process.env.OPENAI_API_KEY;
  if (fromEnvironment) {
    return { kind: 'environment', key: fromEnvironment, source: vscode.l10n.t("VS Code's environment (OPENAI_API_KEY)") };
  }
  return undefined;
}
