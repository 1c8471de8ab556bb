import * as vscode from 'vscode';
import type { Severity } from '../../core/findings';
import { DEFAULT_MAX_FILE_MB } from '../../core/lintFile';
import { DEFAULT_BASE_URL, DEFAULT_FULL_TEST_MODEL, DEFAULT_REALTIME_MODEL, DEFAULT_TIMEOUT_MS } from '../../core/probe/defaults';
import { LoaderChoice, LoaderId, parseLoaderName } from '../../core/loaders/loaderId';
import { RuleId, isRuleId } from '../../core/rules/catalog';

/** The section of every setting in package.json's `contributes.configuration`. */
export const SECTION = 'openaiKeyDoctor';

/** One setting as package.json declares it (test/unit/extension/shared/settings.test.ts holds them together). */
export interface Setting<T> {
  /** The name inside the section: `maxFileSizeMB`. */
  readonly key: string;
  /** The full name users see and search for: `openaiKeyDoctor.maxFileSizeMB`. */
  readonly id: string;
  readonly type: 'object' | 'number' | 'boolean' | 'string';
  readonly default: T;
  /**
   * `resource`: per folder. `application`: user settings only, so a cloned repository cannot change where keys
   * are sent or what terminals get.
   */
  readonly scope: 'resource' | 'application';
}

function setting<T>(key: string, type: Setting<T>['type'], scope: Setting<T>['scope'], defaultValue: T): Setting<T> {
  return { key, id: `${SECTION}.${key}`, type, scope, default: defaultValue };
}

/** Every setting of the extension. */
export const Settings = {
  rules: setting<Record<string, string>>('rules', 'object', 'resource', {}),
  maxFileSizeMB: setting('maxFileSizeMB', 'number', 'resource', DEFAULT_MAX_FILE_MB),
  scanWorkspace: setting('scanWorkspace', 'boolean', 'resource', true),
  apiBaseUrl: setting('apiBaseUrl', 'string', 'application', DEFAULT_BASE_URL),
  realtimeModel: setting('realtimeModel', 'string', 'resource', DEFAULT_REALTIME_MODEL),
  timeoutMs: setting('timeoutMs', 'number', 'resource', DEFAULT_TIMEOUT_MS),
  fullTestModel: setting('fullTestModel', 'string', 'resource', DEFAULT_FULL_TEST_MODEL),
  testOnSave: setting('testOnSave', 'boolean', 'resource', false),
  provideKeyToTerminals: setting('provideKeyToTerminals', 'boolean', 'application', false),
  loader: setting<LoaderId | 'auto'>('loader', 'string', 'resource', 'auto'),
  mode: setting('mode', 'string', 'resource', ''),
  scanSources: setting('scanSources', 'boolean', 'resource', true),
  statusBar: setting<StatusBarMode>('statusBar', 'string', 'application', 'auto'),
} as const;

/** When the key health item is in the status bar: `auto` on .env files and while a key is stored. */
export type StatusBarMode = 'auto' | 'always' | 'never';

/** The value that applies to a file (or the window), the default when none is set. */
export function read<T>(which: Setting<T>, scope?: vscode.Uri): T {
  return vscode.workspace.getConfiguration(SECTION, scope).get<T>(which.key, which.default);
}

/** A setting of VS Code itself (`files.exclude`, `search.exclude`…), read for a folder. */
export function readVscodeSetting<T>(section: string, key: string, scope?: vscode.Uri): T | undefined {
  return vscode.workspace.getConfiguration(section, scope).get<T>(key);
}

/** The user's own value, else the default: a workspace's settings are never read, whatever the scope. */
export function readFromUser<T>(which: Setting<T>): T {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<T>(which.key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? which.default;
}

/** Whether a configuration change touches any of these settings. */
export function affects(event: vscode.ConfigurationChangeEvent, ...which: ReadonlyArray<Setting<unknown>>): boolean {
  return which.some((s) => event.affectsConfiguration(s.id));
}

export const ALL_SETTINGS: ReadonlyArray<Setting<unknown>> = Object.values(Settings);

/** The settings that change what the linter reports; the key-test settings do not. */
export const LINT_SETTINGS: ReadonlyArray<Setting<unknown>> = [Settings.rules, Settings.maxFileSizeMB, Settings.scanWorkspace];

/** What the size-limit message calls the setting. */
export function sizeLimitName(): string {
  return vscode.l10n.t('setting {0}', Settings.maxFileSizeMB.id);
}

/** A typed snapshot of the settings that shape linting. */
export interface LintSettings {
  ruleSeverity: Partial<Record<RuleId, Severity | 'off'>>;
  maxFileBytes: number;
  scanWorkspace: boolean;
}

export function readLintSettings(scope?: vscode.Uri): LintSettings {
  const ruleSeverity: LintSettings['ruleSeverity'] = {};
  for (const [rule, level] of Object.entries(read(Settings.rules, scope))) {
    if (isRuleId(rule) && ['off', 'error', 'warning', 'information'].includes(level)) {
      ruleSeverity[rule] = level as Severity | 'off';
    }
  }
  const maxMb = read(Settings.maxFileSizeMB, scope);
  return {
    ruleSeverity,
    maxFileBytes: Math.max(0.01, Number.isFinite(maxMb) ? maxMb : DEFAULT_MAX_FILE_MB) * 1024 * 1024,
    scanWorkspace: read(Settings.scanWorkspace, scope),
  };
}

/** A typed snapshot of the settings of a key test. */
export interface KeyTestSettings {
  baseUrl: string;
  realtimeModel: string;
  timeoutMs: number;
  testOnSave: boolean;
  /** The model of the full test's one paid REST call. */
  fullTestModel: string;
}

/**
 * The API base URL is read from user (or default) settings only: `scope: application` already keeps a
 * workspace's own settings out, and reading the global value here makes sure a cloned repository can never
 * redirect a key.
 */
export function readKeyTestSettings(scope?: vscode.Uri): KeyTestSettings {
  const configured = readFromUser(Settings.apiBaseUrl).trim();
  const timeout = read(Settings.timeoutMs, scope);
  return {
    baseUrl: isHttpUrl(configured) ? configured.replace(/\/+$/, '') : DEFAULT_BASE_URL,
    realtimeModel: read(Settings.realtimeModel, scope).trim() || DEFAULT_REALTIME_MODEL,
    timeoutMs: Number.isFinite(timeout) && timeout >= 1000 ? timeout : DEFAULT_TIMEOUT_MS,
    testOnSave: read(Settings.testOnSave, scope),
    fullTestModel: read(Settings.fullTestModel, scope).trim() || DEFAULT_FULL_TEST_MODEL,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * On only when the user turned it on (an application setting: a repository's .vscode/settings.json cannot) and
 * the workspace is trusted: in Restricted Mode no terminal gets the key.
 */
export function terminalsProvideKey(): boolean {
  return vscode.workspace.isTrusted && read(Settings.provideKeyToTerminals);
}

/** VS Code's own proxy setting (`http.proxy`), which the key test follows as VS Code does. */
export function vscodeHttpProxy(): string | undefined {
  return vscode.workspace.getConfiguration('http').get<string>('proxy')?.trim() || undefined;
}

/** The settings that change which files an app's loader reads, hence the load-order findings and the chain. */
export const LOADER_SETTINGS: ReadonlyArray<Setting<unknown>> = [Settings.loader, Settings.mode];

/** The loader and mode the user picked for a folder; what is not picked (`auto`, empty) is detected or defaulted. */
export function readLoaderChoice(scope?: vscode.Uri): Partial<LoaderChoice> {
  const loader = parseLoaderName(String(read(Settings.loader, scope) ?? 'auto'));
  const mode = String(read(Settings.mode, scope) ?? '').trim();
  return { loader: loader === 'auto' ? undefined : loader, mode: mode === '' ? undefined : mode };
}
