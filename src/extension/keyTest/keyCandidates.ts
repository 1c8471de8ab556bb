import * as path from 'path';
import * as vscode from 'vscode';
import { parseDotenv, EnvEntry } from '../core/dotenv/parse';
import { decodeFile } from '../core/encoding';
import { maskKey } from '../core/keys/mask';
import { ProviderConfig, keyNotForOpenAi, providerConfigFrom, providerConfigOfEntries } from '../core/keys/provider';
import { notSentSummary, testUrlFor } from '../core/keys/providerMessages';
import type { ValueOrigin } from '../core/lintValue';
import { redact } from '../core/redact';
import { roleOf } from '../core/keys/variables';
import { ENV_FILE_GLOB, EXCLUDED_FOLDERS_GLOB } from './constants';
import { isEnvDocument, isEnvUri } from './envDocuments';

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
  /** Set for a key from an environment variable, so its problems are described as such. */
  origin?: ValueOrigin;
}

/** Another place keys come from (the vault adds SecretStorage). */
export interface KeyCandidateProvider {
  candidates(): Promise<KeyCandidate[]>;
}

const KEY_ROLES = new Set(['key', 'admin-key']);

function companions(entries: EnvEntry[]): { organization?: string; project?: string } {
  const last = (names: string[]) => [...entries].reverse().find((e) => names.includes(e.name))?.value.trim() || undefined;
  return { organization: last(['OPENAI_ORG_ID', 'OPENAI_ORGANIZATION']), project: last(['OPENAI_PROJECT_ID']) };
}

function describe(uri: vscode.Uri, line: number): string {
  return vscode.l10n.t('{0}, line {1}', vscode.workspace.asRelativePath(uri), line + 1);
}

/** The candidate for one entry of a document: its key, where it is, and the file's organization and project. */
export function candidateForEntry(uri: vscode.Uri, lineOfEntry: number, entry: EnvEntry, entries: EnvEntry[]): KeyCandidate {
  return { key: entry.value, source: describe(uri, lineOfEntry), uri, line: lineOfEntry, ...companions(entries), variable: entry.name, provider: providerConfigOfEntries(entries) };
}

/** The key defined on a line of a .env document (or spanning the offset), if there is one. */
export function keyCandidateAt(document: vscode.TextDocument, line: number, offset = -1): KeyCandidate | undefined {
  if (!isEnvDocument(document)) {
    return undefined;
  }
  const entries = parseDotenv(document.getText()).entries;
  const entry = entries.find((e) => {
    const span = e.statementSpan;
    return KEY_ROLES.has(roleOf(e.name) ?? '') && ((offset >= span.start && offset <= span.end) || document.positionAt(span.start).line === line);
  });
  if (!entry || entry.value.trim() === '') {
    return undefined;
  }
  return candidateForEntry(document.uri, document.positionAt(entry.nameSpan.start).line, entry, entries);
}

/** The key on the cursor's line in a .env editor, if there is one. */
export function keyUnderCursor(editor: vscode.TextEditor | undefined): KeyCandidate | undefined {
  return editor ? keyCandidateAt(editor.document, editor.selection.active.line, editor.document.offsetAt(editor.selection.active)) : undefined;
}

/** Every OpenAI key defined in the workspace's .env files (as dotenv reads them) and in VS Code's environment. */
export async function workspaceKeyCandidates(extra: KeyCandidateProvider[] = []): Promise<KeyCandidate[]> {
  const found: KeyCandidate[] = [];
  const files = await vscode.workspace.findFiles(ENV_FILE_GLOB, EXCLUDED_FOLDERS_GLOB, 200);
  for (const uri of files.filter(isEnvUri)) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    try {
      text = open ? open.getText() : decodeFile(await vscode.workspace.fs.readFile(uri)).text.replace(/^\uFEFF/, '');
    } catch {
      continue;
    }
    const entries = parseDotenv(text).entries;
    for (const entry of entries) {
      if (KEY_ROLES.has(roleOf(entry.name) ?? '') && entry.value.trim() !== '') {
        const line = text.slice(0, entry.nameSpan.start).split(/\r\n|\r|\n/).length - 1;
        const candidate = candidateForEntry(uri, line, entry, entries);
        found.push({ ...candidate, source: `${candidate.source} (${entry.name})` });
      }
    }
  }
  for (const provider of extra) {
    found.push(...(await provider.candidates()));
  }
  const fromEnvironment = process.env.OPENAI_API_KEY;
  if (fromEnvironment) {
    found.push({ key: fromEnvironment, source: vscode.l10n.t("VS Code's environment (OPENAI_API_KEY)"), organization: process.env.OPENAI_ORG_ID, project: process.env.OPENAI_PROJECT_ID, provider: providerConfigFrom((name) => process.env[name]), origin: 'environment' });
  }
  return found;
}

/** A quick pick of candidates, masked, one entry per distinct key with all its sources. */
export async function pickKey(candidates: KeyCandidate[]): Promise<KeyCandidate | undefined> {
  const byKey = new Map<string, KeyCandidate[]>();
  for (const candidate of candidates) {
    byKey.set(candidate.key, [...(byKey.get(candidate.key) ?? []), candidate]);
  }
  const items = [...byKey.values()].map((group) => ({
    label: maskKey(group[0].key.trim()),
    description: group.map((c) => c.source).join(' · '),
    detail: group[0].uri ? path.basename(group[0].uri.fsPath) : undefined,
    candidate: group[0],
  }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No OpenAI key found: open a .env file with OPENAI_API_KEY, or store a key with "OpenAI Key Doctor: Store OpenAI key".'));
    return undefined;
  }
  if (items.length === 1) {
    return items[0].candidate;
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Test which OpenAI key?'), placeHolder: vscode.l10n.t('Keys are shown masked') });
  return picked?.candidate;
}

/**
 * An Azure key, another provider's key or a local server's key is never sent to api.openai.com: it would only
 * be rejected, and it is another service's secret. Says what it is and where tests go (when `interactive`), and
 * returns true: the caller sends nothing.
 */
export function refusedAsNotOpenAi(candidate: KeyCandidate, baseUrl: string, interactive: boolean): boolean {
  const provider = keyNotForOpenAi({ ...candidate.provider, key: candidate.key, variable: candidate.variable }, baseUrl);
  if (!provider) {
    return false;
  }
  if (interactive) {
    const settings = vscode.l10n.t('Open Settings');
    const summary = notSentSummary(maskKey(candidate.key.trim()), candidate.source, provider, new URL(baseUrl).host);
    const hint = vscode.l10n.t('To test it at {0}, set openaiKeyDoctor.apiBaseUrl.', testUrlFor(provider));
    void vscode.window.showWarningMessage(redact(`${summary} ${hint}`, [candidate.key]), settings).then((answer) => {
      if (answer === settings) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'openaiKeyDoctor.apiBaseUrl');
      }
    });
  }
  return true;
}
