import * as vscode from 'vscode';
import type { Environment } from '../../core/loaders/chain';
import { isEnvDocument } from '../document/envDocuments';
import type { EnvEntry } from '../../core/dotenv/parse';
import type { DocumentModels, EnvDocumentModel } from '../document/model';
import { KeyCandidate, candidateOfModel, environmentCandidate } from '../keyTest/keyCandidates';
import type { KeyTester } from '../keyTest/keyTester';
import { Commands } from '../shared/constants';
import { KeyVault, describeScope } from '../vault/vault';

export interface ActiveKey extends KeyCandidate {
  kind: 'env-file' | 'stored' | 'environment';
  /** For a key of a .env file: the errors its diagnostics show for it (its line, or the whole file). */
  fileProblems?: string[];
}

/** Findings about the whole file that mean dotenv gets no variable from it: no key of it reaches the app. */
const FILE_BLOCKERS: ReadonlySet<string> = new Set(['utf16-encoding', 'binary-file', 'nul-bytes']);

/**
 * The key of a .env document the status bar speaks for: the key on the cursor's line, else the OPENAI_API_KEY
 * dotenv uses (the last one), else the first key; with the errors the Problems panel shows for it.
 */
export function fileKeyAt(model: EnvDocumentModel, cursor: { line: number; offset: number } | undefined): { entry: EnvEntry; problems: string[] } | undefined {
  const keys = model.keys.entries;
  const chosen = (cursor && model.keyAt(cursor.line, cursor.offset)) ?? [...keys].reverse().find((e) => e.name === 'OPENAI_API_KEY') ?? keys[0];
  if (!chosen) {
    return undefined;
  }
  const statement = chosen.statementSpan;
  const problems = model.lint.findings
    .filter((f) => FILE_BLOCKERS.has(f.rule) || (f.severity === 'error' && f.span.start <= statement.end && f.span.end >= statement.start))
    .map((f) => f.message);
  return { entry: chosen, problems };
}

export interface ActiveKeyDeps {
  models: DocumentModels;
  vault: KeyVault;
  /** VS Code's environment (Services.environment). */
  environment: Environment;
}

/**
 * The key the status bar speaks for: the one at the cursor in the active .env editor (else the one dotenv uses),
 * else the stored key for the active file's folder (or the global one), else VS Code's own OPENAI_API_KEY.
 */
export async function resolveActiveKey({ models, vault, environment }: ActiveKeyDeps): Promise<ActiveKey | undefined> {
  const editor = vscode.window.activeTextEditor;
  const document = editor?.document;
  if (editor && document && isEnvDocument(document)) {
    const model = models.get(document);
    const cursor = editor.selection ? { line: editor.selection.active.line, offset: document.offsetAt(editor.selection.active) } : undefined;
    const chosen = fileKeyAt(model, cursor);
    if (chosen) {
      return { kind: 'env-file', ...candidateOfModel(model, chosen.entry), fileProblems: chosen.problems };
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
