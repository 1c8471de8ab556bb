import { decodeFile } from '../../core/encoding';
import { looksBinary } from '../../core/sources/fileKinds';
import { bytesMayHoldKey } from '../../core/sources/keyTokens';
import type { TimeSlicer } from './timeSlices';

/** What the workspace scan does with each file; no `vscode` here, so the bench and the tests drive it directly. */
export interface ClosedFileWork<F> {
  /** The file's bytes, or undefined when it is too large, gone or unreadable. */
  read(file: F): Promise<Uint8Array | undefined>;
  /** Called only for text files whose bytes hold `sk-`: scan the text (large ones in slices) and publish. */
  scan(file: F, text: string, slicer: TimeSlicer): void | Promise<void>;
  /** Called for every other file: forget what an earlier scan found there. */
  clear(file: F): void;
  /** The scan was cancelled (a newer one started, the extension is going away). */
  cancelled?(): boolean;
}

export interface ClosedFileScanCount {
  files: number;
  /** Files that passed the `sk-` pre-filter and were decoded and scanned. */
  scanned: number;
}

/**
 * Reads the files one by one, with the cheap `sk-` test on their bytes before any decoding, and gives the event
 * loop back between files once the slice used its budget (see TimeSlicer): the extension host never waits on the
 * scan for long.
 */
export async function scanClosedFiles<F>(files: readonly F[], work: ClosedFileWork<F>, slicer: TimeSlicer): Promise<ClosedFileScanCount> {
  const count: ClosedFileScanCount = { files: 0, scanned: 0 };
  for (const file of files) {
    if (work.cancelled?.()) {
      break;
    }
    const bytes = await work.read(file);
    count.files++;
    if (bytes && bytesMayHoldKey(bytes) && !looksBinary(bytes)) {
      const decoded = decodeFile(bytes);
      if (!decoded.binary) {
        count.scanned++;
        await work.scan(file, decoded.text, slicer);
      } else {
        work.clear(file);
      }
    } else {
      work.clear(file);
    }
    await slicer.checkpoint();
  }
  slicer.finish();
  return count;
}
