import * as assert from 'assert';
import { LineIndex } from '../../../../src/core/dotenv/lineIndex';
import { scanSourceText } from '../../../../src/core/sources/scan';
import { CHUNK_CHARS, LEXED_MAX_CHARS, scanTextInSlices } from '../../../../src/extension/sources/largeText';
import { TimeSlicer } from '../../../../src/extension/sources/timeSlices';
import { fakeKey } from '../../../support/keys';

/** A clock where every reading is 20 ms later: with a 15 ms budget, every checkpoint yields. */
function tickingClock() {
  let now = 0;
  const clock = { yields: 0, now: () => (now += 20), yieldToEventLoop: async () => void clock.yields++ };
  return clock;
}

async function compare(text: string) {
  const clock = tickingClock();
  const sliced = await scanTextInSlices(text, { path: 'big.js' }, new TimeSlicer(15, clock));
  const whole = scanSourceText(text, { path: 'big.js', language: 'text' });
  const lines = new LineIndex(text);
  assert.deepStrictEqual(sliced.findings.map((f) => f.span), whole.findings.map((f) => f.span));
  for (const finding of sliced.findings) {
    assert.deepStrictEqual(sliced.lines.positionAt(finding.span.start), lines.positionAt(finding.span.start));
    assert.deepStrictEqual(sliced.lines.positionAt(finding.span.end), lines.positionAt(finding.span.end));
  }
  return { sliced, yields: clock.yields };
}

describe('large texts are scanned in chunks, as plain text', () => {
  it('finds the same keys at the same lines and columns as one pass over the whole text (LF and CRLF lines)', async () => {
    for (const eol of ['\n', '\r\n']) {
      const lines: string[] = [];
      for (let i = 0; i < 12000; i++) {
        lines.push(i % 1500 === 7 ? `const k${i} = "${fakeKey('project', i)}"; // key ${i}` : `const v${i} = compute(${i}); // filler text for the chunking`);
      }
      const text = lines.join(eol);
      assert.ok(text.length > LEXED_MAX_CHARS * 2);
      const { sliced, yields } = await compare(text);
      assert.strictEqual(sliced.findings.length, 8);
      assert.ok(yields >= Math.floor(text.length / CHUNK_CHARS) - 1, `gave the event loop back between chunks (${yields} yields)`);
    }
  });

  it('a one-line minified file is cut between tokens, never inside a key', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 14000; i++) {
      parts.push(i % 997 === 3 ? `a${i}="${fakeKey('service_account', i)}"` : `b${i}={mask:"sk-",n:${i}}`);
    }
    const text = parts.join(';');
    assert.ok(!text.includes('\n') && text.length > LEXED_MAX_CHARS);
    const { sliced } = await compare(text);
    assert.strictEqual(sliced.findings.length, 15);
  });

  it('a small text is scanned in one go with its language (the idiom needs the lexer)', async () => {
    const text = `const k = '${fakeKey('project', 5)}';\n`;
    const result = await scanTextInSlices(text, { path: 'k.ts' }, new TimeSlicer(15, tickingClock()));
    assert.strictEqual(result.findings[0].hardcoded.idiom.kind, 'env');
  });
});
