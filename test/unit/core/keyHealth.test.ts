import * as assert from 'assert';
import { TestResultCache, formatAge, keyFingerprint } from '../../../src/core/keyHealth';
import { fakeKey } from '../../support/keys';
import { reportOf } from '../../support/reports';

const KEY = fakeKey('project', 5);
const OTHER = fakeKey('project', 6);
const report = (verdict: string) => reportOf(KEY, verdict);

describe('fingerprint cache of test results', () => {
  it('a fingerprint is one-way, stable, and differs between installations', () => {
    const a = keyFingerprint(KEY, 'salt-a');
    assert.strictEqual(a, keyFingerprint(KEY, 'salt-a'));
    assert.notStrictEqual(a, keyFingerprint(KEY, 'salt-b'));
    assert.notStrictEqual(a, keyFingerprint(OTHER, 'salt-a'));
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.ok(!a.includes(KEY.slice(8, 16)));
  });

  it('remembers the last result per key, survives a "reload", and never stores the key', async () => {
    let stored: Record<string, unknown> | undefined;
    const store = { get: () => stored as never, set: (v: Record<string, unknown>) => void (stored = JSON.parse(JSON.stringify(v))) };
    const cache = new TestResultCache(store, 'salt');
    await cache.remember(KEY, report('ok'), 1000);
    await cache.remember(OTHER, report('invalid_key'), 2000);
    const afterReload = new TestResultCache(store, 'salt');
    assert.strictEqual(afterReload.get(KEY)?.verdict, 'ok');
    assert.strictEqual(afterReload.get(OTHER)?.verdict, 'invalid_key');
    assert.strictEqual(afterReload.get(` ${KEY}\n`)?.verdict, 'ok', 'the same key with white space is the same key');
    assert.strictEqual(afterReload.get(fakeKey('project', 99)), undefined);
    const serialized = JSON.stringify(stored);
    assert.ok(!serialized.includes(KEY.slice(8, 40)) && !serialized.includes(OTHER.slice(8, 40)), 'no key in the stored state');
  });

  it('keeps at most 50 results, the newest', async () => {
    let stored: Record<string, unknown> | undefined;
    const cache = new TestResultCache({ get: () => stored as never, set: (v) => void (stored = v) }, 's');
    for (let i = 0; i < 60; i++) {
      await cache.remember(fakeKey('project', 100 + i), report('ok'), i);
    }
    assert.strictEqual(Object.keys(stored!).length, 50);
    assert.strictEqual(cache.get(fakeKey('project', 100)), undefined);
    assert.ok(cache.get(fakeKey('project', 159)));
  });

  it('formats the age of a result', () => {
    assert.strictEqual(formatAge(0, 30_000), 'just now');
    assert.strictEqual(formatAge(0, 5 * 60_000), '5 min ago');
    assert.strictEqual(formatAge(0, 3 * 3_600_000), '3 h ago');
    assert.strictEqual(formatAge(0, 3 * 86_400_000), '3 days ago');
  });
});
