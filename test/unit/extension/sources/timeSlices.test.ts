import * as assert from 'assert';
import { scanClosedFiles } from '../../../../src/extension/sources/closedFiles';
import { SliceClock, TimeSlicer } from '../../../../src/extension/sources/timeSlices';
import { fakeKey } from '../../../support/keys';

/** A clock that moves only when the work says it took time, and counts the yields. */
function fakeClock(): SliceClock & { advance(ms: number): void; yields: number[] } {
  let now = 0;
  const clock = {
    yields: [] as number[],
    now: () => now,
    advance: (ms: number) => void (now += ms),
    yieldToEventLoop: async () => void clock.yields.push(now),
  };
  return clock;
}

describe('the workspace scan in time slices', () => {
  it('yields once a slice has used its budget, never in the middle of one, and keeps the longest slice', async () => {
    const clock = fakeClock();
    const slicer = new TimeSlicer(15, clock);
    for (const cost of [4, 4, 4, 4, 30, 1, 1]) {
      clock.advance(cost);
      await slicer.checkpoint();
    }
    slicer.finish();
    // 4+4+4+4 = 16 >= 15: yield; 30 alone: yield; 1+1 left at the end.
    assert.deepStrictEqual(clock.yields, [16, 46]);
    assert.strictEqual(slicer.longestSliceMs, 30);
    assert.strictEqual(slicer.yieldCount, 2);
  });

  it('only files whose bytes hold sk- are decoded and scanned; binary files never are', async () => {
    const clock = fakeClock();
    const files: Record<string, Uint8Array | undefined> = {
      'a.ts': Buffer.from(`export const k = '${fakeKey('project', 3)}';\n`),
      'b.ts': Buffer.from('export const nothing = 1;\n'),
      'c.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0x73, 0x6b, 0x2d]),
      'gone.py': undefined,
    };
    const scanned: string[] = [];
    const cleared: string[] = [];
    const count = await scanClosedFiles(
      Object.keys(files),
      {
        read: async (name) => {
          clock.advance(10);
          return files[name];
        },
        scan: (name) => void scanned.push(name),
        clear: (name) => void cleared.push(name),
      },
      new TimeSlicer(15, clock),
    );
    assert.deepStrictEqual(scanned, ['a.ts']);
    assert.deepStrictEqual(cleared, ['b.ts', 'c.png', 'gone.py']);
    assert.deepStrictEqual(count, { files: 4, scanned: 1 });
    assert.deepStrictEqual(clock.yields, [20, 40], 'a yield every second file at 10 ms a file');
  });

  it('stops at the next file once cancelled', async () => {
    let reads = 0;
    let cancelled = false;
    await scanClosedFiles(
      ['1', '2', '3'],
      {
        read: async () => {
          reads++;
          cancelled = true;
          return undefined;
        },
        scan: () => undefined,
        clear: () => undefined,
        cancelled: () => cancelled,
      },
      new TimeSlicer(15, fakeClock()),
    );
    assert.strictEqual(reads, 1);
  });
});
