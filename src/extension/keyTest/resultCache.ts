import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { RememberedResult, TestResultCache } from '../core/keyHealth';
import { serverField } from '../core/probe/serverFields';
import { redactDeep } from '../core/redact';
import { ContextKeys, STATE_KEYS } from './constants';
import type { KeyTester } from './keyTester';
import type { KeyVault } from './vault';

/**
 * Remembers each test's result by the key's fingerprint in globalState (never the key), so the status bar
 * shows it again after a reload; sets the walkthrough's context keys when REST / Realtime pass.
 */
export function createResultCache(context: vscode.ExtensionContext): TestResultCache {
  let salt = context.globalState.get<string>(STATE_KEYS.salt);
  if (!salt) {
    salt = randomBytes(32).toString('hex');
    void context.globalState.update(STATE_KEYS.salt, salt);
  }
  return new TestResultCache(
    {
      get: () => sanitizeResults(context.globalState.get(STATE_KEYS.results)),
      set: (value) => context.globalState.update(STATE_KEYS.results, sanitizeResults(value)),
    },
    salt,
  );
}

/**
 * What globalState holds (and what an older version wrote there) passes the checks of what is shown: request
 * and session ids only in their documented shape, every text with key-shaped tokens masked.
 */
export function sanitizeResults(value: Record<string, RememberedResult> | undefined): Record<string, RememberedResult> | undefined {
  if (!value || typeof value !== 'object') {
    return undefined;
  }
  const id = (raw: unknown) => serverField(raw, 'requestId', []) ?? serverField(raw, 'sessionId', []);
  return Object.fromEntries(
    Object.entries(value).map(([fingerprint, result]) => [fingerprint, { ...redactDeep(result), restRequestId: id(result.restRequestId), realtimeRequestId: id(result.realtimeRequestId) }]),
  );
}

/**
 * The walkthrough's "tested" steps follow real state: after a reload they are complete again when a stored
 * key's remembered result passed.
 */
export async function restoreWalkthroughState(vault: KeyVault, cache: TestResultCache): Promise<void> {
  const results = (await vault.list()).map((s) => cache.get(s.key)).filter((r) => r !== undefined);
  if (results.some((r) => r.rest === 'ok')) {
    await vscode.commands.executeCommand('setContext', ContextKeys.restOk, true);
  }
  if (results.some((r) => r.realtime === 'ok')) {
    await vscode.commands.executeCommand('setContext', ContextKeys.realtimeOk, true);
  }
}

export function rememberResults(tester: KeyTester, cache: TestResultCache, onRemembered: () => void): vscode.Disposable {
  return tester.onDidTest(async ({ candidate, report }) => {
    await cache.remember(candidate.key, redactDeep(report, [candidate.key]), Date.now());
    if (report.rest.status === 'ok' && report.sent) {
      await vscode.commands.executeCommand('setContext', ContextKeys.restOk, true);
    }
    if (report.realtime?.status === 'ok') {
      await vscode.commands.executeCommand('setContext', ContextKeys.realtimeOk, true);
    }
    onRemembered();
  });
}
