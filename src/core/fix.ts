import type { Finding, Fix, TextEdit } from './findings';

/** Applies non-overlapping edits; edits that overlap an earlier one are dropped. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let copied = 0;
  for (const edit of sorted) {
    if (edit.start < copied) {
      continue;
    }
    out += text.slice(copied, edit.start) + edit.newText;
    copied = edit.end;
  }
  return out + text.slice(copied);
}

/** The safe in-text fixes of a set of findings, at most one per finding, never two touching the same bytes. */
export function safeFixEdits(findings: readonly Finding[]): TextEdit[] {
  return chooseSafeFixes(findings).flatMap((f) => f.edits);
}

export function chooseSafeFixes(findings: readonly Finding[]): Fix[] {
  const chosen: Fix[] = [];
  const taken: Array<[number, number]> = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((f: Fix) => f.safe && f.edits.length > 0 && !f.fileAction);
    if (!fix) {
      continue;
    }
    const overlaps = fix.edits.some((e) => taken.some(([s, t]) => e.start < t && e.end > s || (e.start === e.end && e.start > s && e.start < t)));
    if (overlaps) {
      continue;
    }
    for (const e of fix.edits) {
      taken.push([e.start, e.end]);
    }
    chosen.push(fix);
  }
  return chosen;
}
