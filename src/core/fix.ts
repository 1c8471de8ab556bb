import type { TextEdit } from './findings';

/** The edits `applyEdits` really applies: sorted, and without those that overlap an earlier one. */
export function effectiveEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  let copied = 0;
  for (const edit of sorted) {
    if (edit.start < copied) {
      continue;
    }
    kept.push(edit);
    copied = edit.end;
  }
  return kept;
}

/** Applies non-overlapping edits; edits that overlap an earlier one are dropped. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let copied = 0;
  for (const edit of effectiveEdits(edits)) {
    out += text.slice(copied, edit.start) + edit.newText;
    copied = edit.end;
  }
  return out + text.slice(copied);
}

/** Do two edits touch the same bytes (an insertion strictly inside a replaced range counts)? */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.start < b.end && a.end > b.start) {
    return true;
  }
  const inside = (insertion: TextEdit, range: TextEdit) => insertion.start === insertion.end && insertion.start > range.start && insertion.start < range.end;
  return inside(a, b) || inside(b, a) || (a.start === a.end && b.start === b.end && a.start === b.start);
}
