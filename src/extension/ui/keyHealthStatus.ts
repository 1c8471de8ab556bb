import * as vscode from 'vscode';
import { RememberedResult, TestResultCache, formatAge } from '../../core/keyHealth';
import { KEY_PREFIXES } from '../../core/keys/keyShape';
import { maskKey } from '../../core/keys/mask';
import { Environment, keyCore, maskValue } from '../../core/loaders/chain';
import { diagnoseEnvironmentValue } from '../../core/loaders/environmentValue';
import { keyProblems } from '../../core/probe/keyProblems';
import { isFailing } from '../../core/probe/types';
import { detectPlaceholder } from '../../core/keys/placeholder';
import { isHarmlessToQuote, redact } from '../../core/redact';
import { isEnvDocument } from '../document/envDocuments';
import type { DocumentModels } from '../document/model';
import { BuiltInCommands, Commands, EXTENSION_NAME, ItemIds } from '../shared/constants';
import type { ExtensionEvents } from '../shared/events';
import type { Background } from '../shared/logErrors';
import { ALL_SETTINGS, Settings, StatusBarMode, affects, read, terminalsProvideKey } from '../shared/settings';
import type { StoredKeyIndex } from '../vault/storedKeyIndex';
import type { KeyVault } from '../vault/vault';
import { ActiveKey, resolveActiveKey } from './activeKey';
import { statusWords } from '../shared/statusWords';

export type HealthLevel = 'none' | 'untested' | 'ok' | 'warning' | 'error';

export interface KeyHealthView {
  text: string;
  level: HealthLevel;
  tooltip: string;
}

/** A broken OPENAI_API_KEY in VS Code's environment, which apps started from VS Code inherit. */
export interface EnvironmentNote {
  /** For redaction only: never shown. */
  value: string;
  masked: string;
  problem: string;
}

/**
 * The environment's OPENAI_API_KEY when a key check fails for it (quotes from Windows `set`, a trailing space or
 * `\r`, look-alikes, set but empty). Not when it is the active key itself: its own problems say it then.
 */
export function environmentNoteOf(environment: Environment, active: ActiveKey | undefined): EnvironmentNote | undefined {
  const value = environment.OPENAI_API_KEY;
  if (value === undefined || active?.kind === 'environment') {
    return undefined;
  }
  const [first] = diagnoseEnvironmentValue('OPENAI_API_KEY', value);
  return first ? { value, masked: maskValue(value), problem: first.message } : undefined;
}

/** Pure: what the status bar shows for a key, its format problems and its last result; redacted with the key. */
export function describeHealth(active: ActiveKey | undefined, problems: string[], result: RememberedResult | undefined, now: number, terminals: boolean, environment?: EnvironmentNote): KeyHealthView {
  const view = withEnvironment(renderHealth(active, problems, result, now, terminals), environment);
  // A masked copy or a placeholder is no secret (as for findings): redacting with it would mask its own mask.
  const secrets = active && !isMaskedCopy(active.key.trim()) ? [active.key, active.key.trim()] : [];
  if (environment) {
    secrets.push(keyCore(environment.value));
  }
  return { ...view, text: redact(view.text, secrets), tooltip: redact(view.tooltip, secrets) };
}

/** A broken environment value makes the item a warning at least: most loaders give the app that value, not the .env's. */
function withEnvironment(view: KeyHealthView, environment: EnvironmentNote | undefined): KeyHealthView {
  if (!environment) {
    return view;
  }
  const note = `$(warning) \`${environment.masked}\`: ${environment.problem} ${vscode.l10n.t('Apps started from VS Code inherit it, and most loaders keep it over any .env file.')}`;
  const [title, ...rest] = view.tooltip.split('\n');
  return {
    text: view.level === 'error' ? view.text : view.text.replace(/^\$\([a-z-]+\)/, '$(warning)'),
    level: view.level === 'error' ? 'error' : 'warning',
    tooltip: [title, '', note, ...rest].join('\n'),
  };
}

function isMaskedCopy(value: string): boolean {
  return detectPlaceholder(value)?.kind === 'masked-copy' && isHarmlessToQuote(value);
}

function renderHealth(active: ActiveKey | undefined, problems: string[], result: RememberedResult | undefined, now: number, terminals: boolean): KeyHealthView {
  if (!active) {
    return {
      text: `$(key) ${vscode.l10n.t('OpenAI: no key')}`,
      level: 'none',
      tooltip: [`**${EXTENSION_NAME}**`, '', vscode.l10n.t('No OpenAI key found in this file, SecretStorage or the environment.'), '', `[$(lock) ${vscode.l10n.t('Store a key')}](command:${Commands.storeKey})`].join('\n'),
    };
  }
  const trimmed = active.key.trim();
  // A masked copy holds no secret: it is shown in the one mask style (sk-proj-…sQoA), not by its length.
  const masked = isMaskedCopy(trimmed) ? `${KEY_PREFIXES.find((p) => trimmed.startsWith(p.prefix))?.prefix ?? ''}…${trimmed.slice(-4)}` : maskKey(trimmed);
  const type = KEY_PREFIXES.find((p) => active.key.trim().startsWith(p.prefix))?.label ?? vscode.l10n.t('unknown key type');
  let text: string;
  let level: HealthLevel;
  if (problems.length > 0) {
    // A .env key's problems are its diagnostics (the file may be unreadable for dotenv, not the key malformed).
    text = `$(error) ${masked} ${active.kind === 'env-file' ? vscode.l10n.t('has errors') : vscode.l10n.t('malformed')}`;
    level = 'error';
  } else if (!result) {
    text = `$(key) ${masked} ${vscode.l10n.t('not tested')}`;
    level = 'untested';
  } else if (result.verdict === 'ok') {
    text = `$(pass) ${masked} ${formatAge(result.testedAt, now)}`;
    level = 'ok';
  } else {
    text = `$(${isFailing(result.verdict) ? 'error' : 'warning'}) ${masked} ${statusWords(result.verdict)}`;
    level = isFailing(result.verdict) ? 'error' : 'warning';
  }
  const lines = [
    `**${EXTENSION_NAME}**`,
    '',
    `${vscode.l10n.t('Key')}: \`${masked}\`, ${type}  `,
    `${vscode.l10n.t('Source')}: ${active.source}  `,
    `${vscode.l10n.t('Format')}: ${problems.length > 0 ? problems[0] : vscode.l10n.t('looks right')}`,
  ];
  if (result) {
    lines.push(
      '',
      `${vscode.l10n.t('Last test')} (${formatAge(result.testedAt, now)}): **${statusWords(result.verdict)}**: ${result.summary}  `,
      `REST: ${statusWords(result.rest)}${result.restRequestId ? ` (\`${result.restRequestId}\`)` : ''}  `,
      `Realtime: ${result.realtime ? statusWords(result.realtime) : vscode.l10n.t('not tested')}${result.realtimeRequestId ? ` (\`${result.realtimeRequestId}\`)` : ''}`,
    );
  } else if (problems.length === 0) {
    lines.push('', vscode.l10n.t('Not tested yet.'));
  }
  if (terminals) {
    lines.push('', vscode.l10n.t('New terminals get OPENAI_API_KEY from SecretStorage.'));
  }
  const links = [`[$(play) ${vscode.l10n.t('Test')}](command:${Commands.testActiveKey})`, `[$(lock) ${vscode.l10n.t('Store')}](command:${Commands.storeKey})`];
  if (active.uri) {
    links.push(`[$(go-to-file) ${vscode.l10n.t('Open the .env')}](command:${BuiltInCommands.open}?${encodeURIComponent(JSON.stringify([active.uri.toString()]))})`);
  }
  lines.push('', links.join(' · '));
  return { text, level, tooltip: lines.join('\n') };
}

/**
 * Whether the item is in the status bar: `auto` shows it on .env files and, while a key is stored, on the other
 * files too (the stored key is what the project uses); never on unrelated files of a project without a key.
 */
export function statusBarVisible(mode: StatusBarMode, onEnvFile: boolean, keyStored: boolean): boolean {
  return mode === 'always' || (mode !== 'never' && (onEnvFile || keyStored));
}

export interface KeyHealthStatusDeps {
  models: DocumentModels;
  vault: KeyVault;
  storedKeys: StoredKeyIndex;
  results: TestResultCache;
  events: ExtensionEvents;
  background: Background;
  /** VS Code's environment (Services.environment). */
  environment: Environment;
}

/** One status bar item for the active key; click tests it. */
export class KeyHealthStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(ItemIds.keyHealth, vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  /** The last rendering, for tests. */
  view: KeyHealthView | undefined;

  constructor(private readonly deps: KeyHealthStatusDeps) {
    this.item.name = EXTENSION_NAME;
    this.item.command = Commands.testActiveKey;
    const refresh = () => this.refreshInBackground();
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(refresh),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Only a .env edit can change the active key: typing in other files must not read SecretStorage.
        if (e.document === vscode.window.activeTextEditor?.document && isEnvDocument(e.document)) {
          this.refreshSoon();
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        // The item speaks for the key at the cursor: moving to another key's line changes it.
        if (isEnvDocument(e.textEditor.document)) {
          this.refreshSoon();
        }
      }),
      deps.vault.onDidChange(refresh),
      deps.storedKeys.onDidChange(refresh),
      deps.events.resultsChanged.event(refresh),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, ...ALL_SETTINGS)) {
          refresh();
        }
      }),
    );
    const ageTicker = setInterval(refresh, 60_000);
    this.subscriptions.push({ dispose: () => clearInterval(ageTicker) });
    refresh();
  }

  private refreshInBackground(): void {
    this.deps.background('Refreshing the status bar', this.refresh());
  }

  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refreshInBackground(), 300);
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    if (!statusBarVisible(read(Settings.statusBar), document !== undefined && isEnvDocument(document), this.deps.storedKeys.any())) {
      this.view = undefined;
      this.item.hide();
      return;
    }
    const active = await resolveActiveKey(this.deps);
    if (generation !== this.generation) {
      return; // a newer refresh is on its way
    }
    // A key of a .env file has the problems its diagnostics show (a UTF-16 file's key is not green); others are linted alone.
    const problems = active?.fileProblems ?? (active ? keyProblems(active.key, { name: active.variable, provider: active.provider, origin: active.kind === 'environment' ? 'environment' : undefined }) : []);
    const view = describeHealth(active, problems, active ? this.deps.results.get(active.key) : undefined, Date.now(), terminalsProvideKey(), environmentNoteOf(this.deps.environment, active));
    this.view = view;
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = { enabledCommands: [Commands.testActiveKey, Commands.storeKey, BuiltInCommands.open] };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.level === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : view.level === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `${EXTENSION_NAME}: ${view.text.replace(/\$\([a-z-]+\) /g, '')}` };
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
