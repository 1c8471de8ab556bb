/**
 * Long work on the extension host in slices: the caller calls `checkpoint()` between two pieces of work (a file,
 * a chunk), and it gives the event loop back once the current slice has used its budget. It also keeps the
 * longest slice it saw, which is what `npm run bench` reports against the 50 ms rule. No `vscode` here.
 */
export interface SliceClock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Lets every waiting event run (a macrotask, not a microtask: `setImmediate`). */
  yieldToEventLoop(): Promise<void>;
}

export const REAL_CLOCK: SliceClock = {
  now: () => performance.now(),
  yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)),
};

/** The budget of one slice: well under the 50 ms rule, so one more piece of work still fits. */
export const SLICE_BUDGET_MS = 15;

export class TimeSlicer {
  private sliceStart: number;
  private longest = 0;
  private yields = 0;

  constructor(
    private readonly budgetMs = SLICE_BUDGET_MS,
    private readonly clock: SliceClock = REAL_CLOCK,
  ) {
    this.sliceStart = clock.now();
  }

  /** Yields when the slice has used its budget; `force` yields anyway (before a burst of synchronous work). */
  async checkpoint(force = false): Promise<void> {
    const elapsed = this.clock.now() - this.sliceStart;
    if (!force && elapsed < this.budgetMs) {
      return;
    }
    this.longest = Math.max(this.longest, elapsed);
    this.yields++;
    await this.clock.yieldToEventLoop();
    this.sliceStart = this.clock.now();
  }

  /** Ends the last slice (its time counts toward the longest). */
  finish(): void {
    this.longest = Math.max(this.longest, this.clock.now() - this.sliceStart);
  }

  /** The longest time, in ms, the work held the event loop without a yield. */
  get longestSliceMs(): number {
    return this.longest;
  }

  get yieldCount(): number {
    return this.yields;
  }
}
