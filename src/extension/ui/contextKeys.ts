import * as vscode from 'vscode';
import type { TestResultCache } from '../../core/keyHealth';
import { BuiltInCommands, ContextKeys } from '../shared/constants';
import type { ExtensionEvents } from '../shared/events';
import type { Background } from '../shared/logErrors';
import type { StoredKeyIndex } from '../vault/storedKeyIndex';
import type { KeyVault } from '../vault/vault';

export interface ContextKeyDeps {
  vault: KeyVault;
  storedKeys: StoredKeyIndex;
  results: TestResultCache;
  events: ExtensionEvents;
  background: Background;
}

/**
 * The context keys of `when` clauses and of the walkthrough's completion events: "a key is stored" follows the
 * stored keys; "REST / Realtime tested" follow real results, also after a reload (a stored key's remembered
 * result passed).
 */
export function trackContextKeys({ vault, storedKeys, results, events, background }: ContextKeyDeps): vscode.Disposable {
  const set = (key: string, value: boolean) => background(`Setting ${key}`, vscode.commands.executeCommand(BuiltInCommands.setContext, key, value));
  const restoreFromStoredKeys = async () => {
    const remembered = (await vault.list()).map((s) => results.get(s.key)).filter((r) => r !== undefined);
    if (remembered.some((r) => r.rest === 'ok')) {
      set(ContextKeys.restOk, true);
    }
    if (remembered.some((r) => r.realtime === 'ok')) {
      set(ContextKeys.realtimeOk, true);
    }
  };
  return vscode.Disposable.from(
    events.storedKeysChanged.event(() => {
      set(ContextKeys.hasStoredKey, storedKeys.any());
      background('Restoring the walkthrough', restoreFromStoredKeys());
    }),
    events.keyTested.event(({ report }) => {
      if (report.rest.status === 'ok' && report.sent) {
        set(ContextKeys.restOk, true);
      }
      if (report.realtime?.status === 'ok') {
        set(ContextKeys.realtimeOk, true);
      }
    }),
  );
}
