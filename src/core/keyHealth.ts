import * as l10n from '@vscode/l10n';
import type * as NodeCrypto from 'crypto';
import type { KeyType } from './keys/keyShape';
import type { KeyTestReport } from './probe/keyTest';
import { redactDeep } from './redact';

/**
 * A one-way fingerprint of a key: SHA-256 of a per-installation salt and the key. Enough to recognise the
 * same key again after a reload; useless for recovering it, and different on every installation.
 */
export function keyFingerprint(key: string, salt: string): string {
  return nodeCrypto().createHash('sha256').update(salt).update('\0').update(key.trim()).digest('hex').slice(0, 32);
}

let cryptoModule: typeof NodeCrypto | undefined;

/** node's crypto, loaded on first use: loading it costs ~5 ms, which every `lint` would pay before its first line. */
export function nodeCrypto(): typeof NodeCrypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (cryptoModule ??= require('crypto') as typeof NodeCrypto);
}

/** What is remembered of a test: statuses, never the key. */
export interface RememberedResult {
  masked: string;
  type: KeyType;
  verdict: string;
  summary: string;
  rest: string;
  realtime: string | null;
  restRequestId: string | null;
  realtimeRequestId: string | null;
  testedAt: number;
}

/** Where results are kept: VS Code's globalState in the extension, a Map in tests. */
export interface ResultStore {
  get(): Record<string, RememberedResult> | undefined;
  set(value: Record<string, RememberedResult>): Thenable<void> | Promise<void> | void;
}

const MAX_REMEMBERED = 50;

/** The last test result of each key, by fingerprint, surviving reloads. */
export class TestResultCache {
  constructor(
    private readonly store: ResultStore,
    private readonly salt: string,
  ) {}

  get(key: string): RememberedResult | undefined {
    return this.store.get()?.[keyFingerprint(key, this.salt)];
  }

  async remember(key: string, report: KeyTestReport, now: number): Promise<RememberedResult> {
    // Stored state is output too: nothing of the key (or of any key) reaches globalState.
    const result: RememberedResult = redactDeep({
      masked: report.key.masked,
      type: report.key.type,
      verdict: report.verdict.status,
      summary: report.verdict.summary,
      rest: report.sent ? report.rest.status : 'not_sent',
      realtime: report.realtime?.status ?? null,
      restRequestId: report.rest.requestId,
      realtimeRequestId: report.realtime?.requestId ?? null,
      testedAt: now,
    }, [key, key.trim()]);
    const all = { ...(this.store.get() ?? {}), [keyFingerprint(key, this.salt)]: result };
    const newest = Object.entries(all)
      .sort(([, a], [, b]) => b.testedAt - a.testedAt)
      .slice(0, MAX_REMEMBERED);
    await this.store.set(Object.fromEntries(newest));
    return result;
  }
}

/** "just now", "5 min ago", "3 h ago", "2 days ago" */
export function formatAge(testedAt: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - testedAt) / 1000));
  if (seconds < 60) {
    return l10n.t('just now');
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return l10n.t('{0} min ago', minutes);
  }
  const hours = Math.round(minutes / 60);
  if (hours < 48) {
    return l10n.t('{0} h ago', hours);
  }
  return l10n.t('{0} days ago', Math.round(hours / 24));
}
