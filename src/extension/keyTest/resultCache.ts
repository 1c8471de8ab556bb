import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { RememberedResult, TestResultCache } from '../../core/keyHealth';
import { serverField } from '../../core/probe/serverFields';
import { redactDeep } from '../../core/redact';
import { STATE_KEYS } from '../shared/constants';
import type { ExtensionEvents } from '../shared/events';
import type { Background } from '../shared/logErrors';

/**
 * Remembers each test's result by the key's fingerprint in globalState (never the key), so the status bar
 * shows it again after a reload.
 */
export function createResultCache(context: vscode.ExtensionContext, background: Background): TestResultCache {
  let salt = context.globalState.get<string>(STATE_KEYS.salt);
  if (!salt) {
    salt = randomBytes(32).toString('hex');
    background('Saving the fingerprint salt', context.globalState.update(STATE_KEYS.salt, salt));
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

/** Each test's result is remembered, then `resultsChanged` tells whatever shows results. */
export function rememberResults({ events, results, background }: { events: ExtensionEvents; results: TestResultCache; background: Background }): vscode.Disposable {
  return events.keyTested.event(({ candidate, report }) => {
    const remembered = results.remember(candidate.key, redactDeep(report, [candidate.key]), Date.now()).then(() => events.resultsChanged.fire());
    background('Remembering a test result', remembered);
  });
}
