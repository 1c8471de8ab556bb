import * as path from 'path';
import * as vscode from 'vscode';
import type { EnvEntry } from '../../core/dotenv/parse';
import { parseDotenv } from '../../core/dotenv/parse';
import { decodeFile } from '../../core/encoding';
import { EnvKeys, companionsOf, envKeysOf } from '../../core/keys/envKeys';
import { maskKey } from '../../core/keys/mask';
import { Environment, maskValue } from '../../core/loaders/chain';
import { diagnoseEnvironmentValue } from '../../core/loaders/environmentValue';
import { ProviderConfig, keyNotForOpenAi, providerConfigFrom } from '../../core/keys/provider';
import { notSentSummary, testUrlFor } from '../../core/keys/providerMessages';
import type { ValueOrigin } from '../../core/lintValue';
import { redact } from '../../core/redact';
import { isEnvDocument, isEnvUri } from '../document/envDocuments';
import type { DocumentModels, EnvDocumentModel } from '../document/model';
import { BuiltInCommands, ENV_FILE_GLOB, EXCLUDED_FOLDERS_GLOB } from '../shared/constants';
import type { Background } from '../shared/logErrors';
import { Settings } from '../shared/settings';

import { Commands } from '../shared/constants';
/** A key the user may want to test, with where it lives. The key itself stays in memory only. */
export interface KeyCandidate {
  key: string;
  /** "apps/api/.env, line 3", "SecretStorage (global)", "VS Code's environment" */
  source: string;
  organization?: string;
  project?: string;
  uri?: vscode.Uri;
  line?: number;
  /** The variable holding it, and where its file or environment sends it (OPENAI_BASE_URL, OPENAI_API_TYPE…). */
  variable?: string;
  provider?: ProviderConfig;
  /** OPENAI_BASE_URL of the key's .env: where the app sends the key (never where the test sends it). */
  appBaseUrl?: string;
  /** Set for a key from an environment variable, so its problems are described as such. */
  origin?: ValueOrigin;
}

/** Another place keys come from (the vault adds SecretStorage). */
export interface KeyCandidateProvider {
  candidates(): Promise<KeyCandidate[]>;
}

/** Where a command or a CodeLens points: a line of a .env file. */
export interface KeyTarget {
  uri?: vscode.Uri;
  line?: number;
}

function describe(uri: vscode.Uri, line: number): string {
  return vscode.l10n.t('{0}, line {1}', vscode.workspace.asRelativePath(uri), line + 1);
}

/** The candidate for one key entry of a .env: its key, where it is, and the file's organization, project, provider. */
export function candidateFor(uri: vscode.Uri, line: number, entry: EnvEntry, keys: EnvKeys): KeyCandidate {
  return {
    key: entry.value,
    source: describe(uri, line),
    uri,
    line,
    organization: keys.organization,
    project: keys.project,
    variable: entry.name,
    provider: keys.provider,
    appBaseUrl: keys.appBaseUrl,
  };
}

/** The candidate for a key entry of an open document's model. */
export function candidateOfModel(model: EnvDocumentModel, entry: EnvEntry): KeyCandidate {
  return candidateFor(model.uri, model.lineOf(entry), entry, model.keys);
}

/** The key defined on a line of a .env document (or spanning the offset), if there is one. */
export function keyCandidateAt(models: DocumentModels, document: vscode.TextDocument, line: number, offset = -1): KeyCandidate | undefined {
  if (!isEnvDocument(document)) {
    return undefined;
  }
  const model = models.get(document);
  const entry = model.keyAt(line, offset);
  return entry ? candidateOfModel(model, entry) : undefined;
}

/** The key on the cursor's line in a .env editor, if there is one. */
export function keyUnderCursor(models: DocumentModels, editor: vscode.TextEditor | undefined): KeyCandidate | undefined {
  return editor ? keyCandidateAt(models, editor.document, editor.selection.active.line, editor.document.offsetAt(editor.selection.active)) : undefined;
}

/**
 * The key VS Code's environment holds (what the extension host inherited: a shell profile's export, a Windows
 * `set`), labelled "environment", with the companions and provider that environment gives it. Undefined when the
 * variable is unset or empty.
 */
export function environmentCandidate(environment: Environment, variable = 'OPENAI_API_KEY'): KeyCandidate | undefined {
  const key = environment[variable];
  if (!key) {
    return undefined;
  }
  const read = (name: string) => environment[name];
  return { key, source: vscode.l10n.t('environment ({0})', variable), variable, ...companionsOf(read), provider: providerConfigFrom(read), origin: 'environment' };
}

/** Every OpenAI key defined in the workspace's .env files (as dotenv reads them) and in VS Code's environment. */
export async function workspaceKeyCandidates(models: DocumentModels, extra: KeyCandidateProvider[] = [], environment: Environment = {}): Promise<KeyCandidate[]> {
  const found: KeyCandidate[] = [];
  const files = await vscode.workspace.findFiles(ENV_FILE_GLOB, EXCLUDED_FOLDERS_GLOB, 200);
  for (const uri of files.filter(isEnvUri)) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let candidates: KeyCandidate[];
    if (open && isEnvDocument(open)) {
      const model = models.get(open);
      candidates = model.keys.entries.map((entry) => candidateOfModel(model, entry));
    } else {
      let text: string;
      try {
        text = decodeFile(await vscode.workspace.fs.readFile(uri)).text.replace(/^\uFEFF/, '');
      } catch {
        continue; // deleted or unreadable since the search: it has no key to offer
      }
      const keys = envKeysOf(parseDotenv(text).entries);
      candidates = keys.entries.map((entry) => candidateFor(uri, text.slice(0, entry.nameSpan.start).split(/\r\n|\r|\n/).length - 1, entry, keys));
    }
    found.push(...candidates.map((candidate) => ({ ...candidate, source: `${candidate.source} (${candidate.variable})` })));
  }
  for (const provider of extra) {
    found.push(...(await provider.candidates()));
  }
  const fromEnvironment = environmentCandidate(environment);
  if (fromEnvironment) {
    found.push(fromEnvironment);
  }
  return found;
}

/** A quick pick of candidates, masked, one entry per distinct key with all its sources. */
export async function pickKey(candidates: KeyCandidate[], background: Background): Promise<KeyCandidate | undefined> {
  const byKey = new Map<string, KeyCandidate[]>();
  for (const candidate of candidates) {
    byKey.set(candidate.key, [...(byKey.get(candidate.key) ?? []), candidate]);
  }
  const items = [...byKey.values()].map((group) => ({
    // A value from the environment keeps its quotes, spaces and \r visible: they are what is wrong with it.
    label: group[0].origin === 'environment' ? maskValue(group[0].key) : maskKey(group[0].key.trim()),
    description: group.map((c) => c.source).join(' · '),
    detail: group[0].origin === 'environment' ? environmentProblem(group[0]) : group[0].uri ? path.basename(group[0].uri.fsPath) : undefined,
    candidate: group[0],
  }));
  if (items.length === 0) {
    const store = vscode.l10n.t('Store OpenAI key');
    background(
      'Offering to store a key',
      Promise.resolve(vscode.window.showInformationMessage(vscode.l10n.t('No OpenAI key found in the .env files or SecretStorage.'), store)).then((answer) =>
        answer === store ? vscode.commands.executeCommand(Commands.storeKey) : undefined,
      ),
    );
    return undefined;
  }
  if (items.length === 1) {
    return items[0].candidate;
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Test which OpenAI key?'), placeHolder: vscode.l10n.t('Keys are shown masked') });
  return picked?.candidate;
}

/** What is wrong with a value from the environment (quotes from Windows `set`, a trailing `\r`…), redacted. */
function environmentProblem(candidate: KeyCandidate): string | undefined {
  const [first] = diagnoseEnvironmentValue(candidate.variable ?? 'OPENAI_API_KEY', candidate.key);
  return first ? redact(first.message, [candidate.key.trim()]) : undefined;
}

/**
 * An Azure key, another provider's key or a local server's key is never sent to api.openai.com: it would only
 * be rejected, and it is another service's secret. Says what it is and where tests go (when `interactive`), and
 * returns true: the caller sends nothing.
 */
export function refusedAsNotOpenAi(candidate: KeyCandidate, baseUrl: string, interactive: boolean, background: Background): boolean {
  const provider = keyNotForOpenAi({ ...candidate.provider, key: candidate.key, variable: candidate.variable }, baseUrl);
  if (!provider) {
    return false;
  }
  if (interactive) {
    const settings = vscode.l10n.t('Open Settings');
    const summary = notSentSummary(maskKey(candidate.key.trim()), candidate.source, provider, new URL(baseUrl).host);
    const hint = vscode.l10n.t('To test it at {0}, set {1}.', testUrlFor(provider), Settings.apiBaseUrl.id);
    const answered = vscode.window.showWarningMessage(redact(`${summary} ${hint}`, [candidate.key]), settings).then(async (answer) => {
      if (answer === settings) {
        await vscode.commands.executeCommand(BuiltInCommands.openSettings, Settings.apiBaseUrl.id);
      }
    });
    background('Showing a notification', answered);
  }
  return true;
}
