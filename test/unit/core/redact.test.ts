import * as assert from 'assert';
import { maskKey } from '../../../src/core/keys/mask';
import { FRAGMENT_LENGTH, createRedactor, redact, redactDeep } from '../../../src/core/redact';
import { ALL_KEY_TYPES, fakeKey } from '../../support/keys';

/** True when any 12-character piece of the key's secret part appears in the text. */
function leaks(text: string, key: string): boolean {
  const secret = key.replace(/^sk-(proj-|svcacct-|admin-|None-)?/, '');
  for (let i = 0; i + 12 <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + 12))) {
      return true;
    }
  }
  return false;
}

describe('redact: the one redaction boundary', () => {
  it('masks a whole key under test as prefix plus last four', () => {
    const key = fakeKey('project');
    assert.strictEqual(redact(`Incorrect API key provided: ${key}.`, [key]), `Incorrect API key provided: ${maskKey(key)}.`);
  });

  it('masks key-shaped tokens of every type even when the caller names no secret', () => {
    for (const type of ALL_KEY_TYPES) {
      const key = fakeKey(type, 7);
      const out = redact(`got ${key} from the server`);
      assert.ok(!leaks(out, key), `${type}: ${out}`);
      assert.match(out, /^got .+ from the server$/);
    }
  });

  it('masks a partial echo of the key under test, wherever it is cut', () => {
    const key = fakeKey('project', 3);
    for (const [start, end] of [[0, 40], [30, 60], [100, 130], [150, key.length], [20, 20 + FRAGMENT_LENGTH]]) {
      const echo = `prefix ${key.slice(start, end)} suffix`;
      const out = redact(echo, [key]);
      assert.ok(!out.includes(key.slice(start, end)), `${start}-${end}: ${out}`);
      assert.ok(out.startsWith('prefix ') && out.endsWith(' suffix'), out);
    }
  });

  it('masks a fragment of 8 characters at every position of the key, in createRedactor as in redact', () => {
    const key = fakeKey('legacy', 4);
    const redactor = createRedactor([key]);
    for (let start = 0; start + FRAGMENT_LENGTH <= key.length; start++) {
      const fragment = key.slice(start, start + FRAGMENT_LENGTH);
      if (fragment === 'T3BlbkFJ' || (start === 0 && fragment.startsWith('sk-') && fragment.length <= 3)) {
        continue;
      }
      const text = `x${'ab '.repeat(start % 5)}${fragment}!`;
      for (const out of [redact(text, [key]), redactor(text)]) {
        assert.ok(!out.includes(fragment), `${start}: ${out}`);
      }
    }
    assert.strictEqual(redactor('nothing secret in this sentence, at all'), 'nothing secret in this sentence, at all');
  });

  it('masks before truncation: a cut body never leaks a tail of the key', () => {
    const key = fakeKey('service_account', 9);
    const body = `{"error":{"message":"bad key ${key}"}}`;
    for (const cut of [40, 68, 120, 200]) {
      assert.ok(!leaks(redact(body, [key]).slice(0, cut), key));
    }
  });

  it('keeps the public parts every key shares readable', () => {
    const key = fakeKey('project', 5);
    const message = 'sk-proj- keys carry the T3BlbkFJ marker; this one is sk-proj-…abcd';
    assert.strictEqual(redact(message, [key]), message);
  });

  it('leaves words that merely contain "sk-" alone', () => {
    const text = 'projects/task-management-service-api/.env and desk-organizer-application-v2';
    assert.strictEqual(redact(text), text);
  });

  it('masks other providers\' keys', () => {
    const groq = 'gsk_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4';
    const google = 'AIza' + 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4o5p6';
    const out = redact(`${groq} ${google}`);
    assert.ok(!out.includes(groq.slice(4, 16)) && !out.includes(google.slice(4, 16)), out);
  });

  it('a secret shorter than a fragment is not searched for (it would mask ordinary words)', () => {
    assert.strictEqual(redact('the key is short', ['short']), 'the key is short');
  });

  it('redactDeep walks objects and arrays', () => {
    const key = fakeKey('legacy', 2);
    const out = redactDeep({ a: [key, 1, null], b: { c: `x${key}` } }, [key]);
    assert.ok(!leaks(JSON.stringify(out), key));
    assert.strictEqual((out.a as unknown[])[1], 1);
  });
});
