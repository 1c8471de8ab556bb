import * as vscode from 'vscode';
import { DEFAULT_BASE_URL, DEFAULT_FULL_TEST_MODEL, DEFAULT_REALTIME_MODEL, DEFAULT_TIMEOUT_MS } from '../core/probe/defaults';
import { CONFIG_SECTION } from './constants';

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
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  const baseUrl = config.inspect<string>('apiBaseUrl');
  const configured = (baseUrl?.globalValue ?? baseUrl?.defaultValue ?? DEFAULT_BASE_URL).trim();
  const timeout = config.get<number>('timeoutMs', DEFAULT_TIMEOUT_MS);
  return {
    baseUrl: isHttpUrl(configured) ? configured.replace(/\/+$/, '') : DEFAULT_BASE_URL,
    realtimeModel: config.get<string>('realtimeModel', DEFAULT_REALTIME_MODEL).trim() || DEFAULT_REALTIME_MODEL,
    timeoutMs: Number.isFinite(timeout) && timeout >= 1000 ? timeout : DEFAULT_TIMEOUT_MS,
    testOnSave: config.get<boolean>('testOnSave', false),
    fullTestModel: config.get<string>('fullTestModel', DEFAULT_FULL_TEST_MODEL).trim() || DEFAULT_FULL_TEST_MODEL,
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
