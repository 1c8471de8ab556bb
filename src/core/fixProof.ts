import * as l10n from '@vscode/l10n';
import { EnvEntry, ParsedEnv, parseDotenv, resolveValues } from './dotenv/parse';
import { applyEdits, editsOverlap, effectiveEdits } from './fix';
import type { Finding, Fix, TextEdit } from './findings';
import { looksLikeOpenAiKey } from './keys/keyShape';
import { detectPlaceholder } from './keys/placeholder';
import { LintResult, lintText } from './lint';

/**
 * The one proof behind every fix we apply without asking: `lint --fix`, "Fix all", `source.fixAll` and the
 * preferred quick fix. A fix is proven when, after applying it and re-reading the file with the dotenv-exact
 * parser,
 * - every variable has the value it had, except those defined on the lines the fix touches, which get
 *   exactly what those lines say on their own (so nothing leaks into or out of them: no swallowed lines,
 *   no variable lost, no new one appearing elsewhere);
 * - a definition dotenv used is still the one it uses, under its (maybe fixed) name: a fix cannot delete it,
 *   and a rename can neither be shadowed by another definition nor uncover an older one under the old name;
 * - for every name, the definition dotenv used outside the touched lines is still the one it uses: a line the
 *   fix makes readable (an invisible character removed from its name) cannot shadow it, even with the same
 *   value. Only a definition on the touched lines, the fix's own target, may change;
 * - every well-formed key on those lines is still there (a safe fix never deletes a key, even one dotenv
 *   does not use).
 */
export interface FixProof {
  proven: boolean;
  /** Variables that would not get what the fixed lines say (empty when proven, or when only a key is lost). */
  alsoChanges: string[];
  /** The edits would delete a well-formed key. */
  removesKey: boolean;
}

const PROVEN: FixProof = { proven: true, alsoChanges: [], removesKey: false };

/** A half-open range of whole lines of the text before the fix (maybe with the last line break), and where it lands after. */
interface Region {
  start: number;
  end: number;
  newStart: number;
  newEnd: number;
}

export function proveEdits(text: string, parsed: ParsedEnv, edits: readonly TextEdit[]): FixProof {
  const applied = effectiveEdits(edits);
  if (applied.length === 0) {
    return PROVEN;
  }
  const fixedText = applyEdits(text, applied);
  const regions = touchedRegions(text, parsed.entries, applied);
  const { expected, requirements, dropped } = expectedValues(parsed.entries, regions, fixedText);
  const fixedEntries = parseDotenv(fixedText);
  const actual = resolveValues(fixedEntries);
  const usedAfter = usedDefinitions(fixedEntries.entries);
  const alsoChanges = new Set<string>();
  for (const name of new Set([...expected.keys(), ...actual.keys()])) {
    if (expected.get(name) !== actual.get(name)) {
      alsoChanges.add(name);
    }
  }
  for (const { name, value, at } of requirements) {
    if (actual.get(name) !== value || (at !== undefined && usedAfter.get(name) !== at)) {
      alsoChanges.add(name);
    }
  }
  // A definition dotenv used outside the touched lines is still the one it uses: a fixed line must not
  // shadow it, even with the same value, and the fix's own target is only what it touches.
  for (const [name, at] of usedOutside(parsed.entries, regions)) {
    if (usedAfter.get(name) !== at) {
      alsoChanges.add(name);
    }
  }
  dropped.forEach((name) => alsoChanges.add(name));
  const removesKey = regions.some((r) => losesKey(text.slice(r.start, r.end), fixedText.slice(r.newStart, r.newEnd)));
  return { proven: alsoChanges.size === 0 && !removesKey, alsoChanges: [...alsoChanges], removesKey };
}

/** A fix of a lint result, proven or not: how a quick fix is offered. */
export interface ReviewedFix {
  fix: Fix;
  proven: boolean;
  /** The fix's title, saying what else changes when it is not proven. */
  title: string;
  /** Applied by Auto Fix: only a fix its rule calls safe and the proof confirms. */
  preferred: boolean;
}

/** The quick fixes of one finding, each with its proof. */
export function reviewFixes(result: LintResult, finding: Finding): ReviewedFix[] {
  return finding.fixes.map((fix) => {
    if (!fix.safe || fix.fileAction || fix.edits.length === 0) {
      return { fix, proven: fix.safe && fix.fileAction !== undefined, title: fix.title, preferred: fix.safe && fix.preferred === true && fix.fileAction !== undefined };
    }
    const proof = proveEdits(result.parsed.text, result.parsed, fix.edits);
    return { fix, proven: proof.proven, title: proof.proven ? fix.title : describeUnproven(fix.title, proof), preferred: proof.proven && fix.preferred === true };
  });
}

const NAMES_IN_TITLE = 3;

function describeUnproven(title: string, proof: FixProof): string {
  if (proof.alsoChanges.length > 0) {
    const shown = proof.alsoChanges.slice(0, NAMES_IN_TITLE).join(', ') + (proof.alsoChanges.length > NAMES_IN_TITLE ? ', …' : '');
    return l10n.t('{0} (also changes {1})', title, shown);
  }
  return l10n.t('{0} (also deletes a key)', title);
}

/** Proving fixes one subset at a time costs a parse each: a hostile file must not cost thousands. */
const MAX_PROOFS_PER_PASS = 48;

/**
 * The fixes applied by one `--fix` pass: at most one per finding (its first fix the rule calls safe), never
 * two touching the same bytes, and proven together. When the whole set is not proven, halves are tried, so a
 * fix that cannot be proven does not hold the others back.
 */
export function chooseProvenFixes(result: LintResult): Fix[] {
  const candidates: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const finding of result.findings) {
    const fix = finding.fixes.find((f) => f.safe && f.edits.length > 0 && !f.fileAction);
    if (!fix || fix.edits.some((e) => taken.some((t) => editsOverlap(e, t)))) {
      continue;
    }
    taken.push(...fix.edits);
    candidates.push(fix);
  }
  if (candidates.length === 0) {
    return [];
  }
  const accepted: Fix[] = [];
  let budget = MAX_PROOFS_PER_PASS;
  const prove = (fixes: Fix[]) => proveEdits(result.parsed.text, result.parsed, [...accepted, ...fixes].flatMap((f) => f.edits)).proven;
  const accept = (fixes: Fix[]): void => {
    if (fixes.length === 0 || budget <= 0) {
      return;
    }
    budget--;
    if (prove(fixes)) {
      accepted.push(...fixes);
      return;
    }
    if (fixes.length > 1) {
      const half = fixes.length >> 1;
      accept(fixes.slice(0, half));
      accept(fixes.slice(half));
    }
  };
  accept(candidates);
  return accepted;
}

export interface StableFix {
  text: string;
  /** The fixes applied, pass after pass. */
  applied: Fix[];
  /** The edits of the first pass, against the original text. */
  firstPassEdits: TextEdit[];
  passes: number;
}

const MAX_PASSES = 16;

/**
 * Applies proven fixes until none is left: one `--fix` reaches a fixed point, so running it again changes
 * nothing. Each pass is proven against the text of the pass before.
 */
export function fixUntilStable(result: LintResult, lint: (text: string) => LintResult = (text) => lintText(text, { ...result.options, forFixingOnly: true })): StableFix {
  // Every finding counts here, not only those a capped result shows.
  let current = result.omitted ? lint(result.parsed.text) : result;
  const applied: Fix[] = [];
  let firstPassEdits: TextEdit[] = [];
  const seen = new Set<string>([current.parsed.text]);
  let passes = 0;
  while (passes < MAX_PASSES) {
    const fixes = chooseProvenFixes(current);
    if (fixes.length === 0) {
      break;
    }
    const edits = fixes.flatMap((f) => f.edits);
    const next = applyEdits(current.parsed.text, edits);
    if (seen.has(next)) {
      break; // two fixes undoing each other: stop where we are
    }
    seen.add(next);
    if (passes === 0) {
      firstPassEdits = effectiveEdits(edits);
    }
    applied.push(...fixes);
    passes++;
    current = lint(next);
  }
  return { text: current.parsed.text, applied, firstPassEdits, passes };
}

/**
 * The edits of every proven fix, pass after pass until none is left (what `lint --fix` writes), against the
 * original text: Fix All and `source.fixAll` in the editor.
 */
export function fixAllEdits(result: LintResult): TextEdit[] {
  const stable = fixUntilStable(result);
  if (stable.passes <= 1) {
    return stable.firstPassEdits;
  }
  const before = result.parsed.text;
  const after = stable.text;
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before.charCodeAt(prefix) === after.charCodeAt(prefix)) {
    prefix++;
  }
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix++;
  }
  return [{ start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) }];
}

/** Maximal runs of key characters that are well-formed OpenAI keys, with their counts. */
function keyTokens(text: string): Map<string, number> {
  const tokens = new Map<string, number>();
  for (const match of text.matchAll(/[A-Za-z0-9_-]{20,}/g)) {
    const token = match[0];
    if (looksLikeOpenAiKey(token) && !detectPlaceholder(token)) {
      tokens.set(token, (tokens.get(token) ?? 0) + 1);
    }
  }
  return tokens;
}

function losesKey(before: string, after: string): boolean {
  for (const [token, count] of keyTokens(before)) {
    let found = 0;
    for (let at = after.indexOf(token); at >= 0 && found < count; at = after.indexOf(token, at + 1)) {
      found++;
    }
    if (found < count) {
      return true;
    }
  }
  return false;
}

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

function lineStartAt(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && !isLineBreak(text.charCodeAt(i - 1))) {
    i--;
  }
  return i;
}

function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

/** The whole lines of an entry: from its name (or `export`) to the end of the line where its value ends. */
function entryLines(text: string, entry: EnvEntry): { start: number; end: number } {
  const statement = entry.statementSpan;
  const last = entry.commentSpan ? entry.commentSpan.end : statement.end;
  return { start: lineStartAt(text, statement.start), end: lineEndAt(text, Math.max(statement.start, last - 1)) };
}

/** The entry whose lines contain the offset. */
function entryAround(text: string, entries: readonly EnvEntry[], offset: number): EnvEntry | undefined {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const lines = entryLines(text, entries[mid]);
    if (offset < lines.start) {
      high = mid - 1;
    } else if (offset > lines.end) {
      low = mid + 1;
    } else {
      return entries[mid];
    }
  }
  return undefined;
}

/**
 * The lines the edits touch, widened to whole entries (a multi-line value is one piece), merged when they
 * meet, and where each lands in the fixed text.
 */
function touchedRegions(text: string, entries: readonly EnvEntry[], edits: readonly TextEdit[]): Region[] {
  const spans: Array<{ start: number; end: number }> = [];
  for (const edit of edits) {
    let start = lineStartAt(text, edit.start);
    // A deletion of whole lines ends right after a line break: the region ends there, not on the next line.
    let end = edit.end > edit.start && isLineBreak(text.charCodeAt(edit.end - 1)) ? edit.end : lineEndAt(text, edit.end);
    for (let changed = true; changed; ) {
      changed = false;
      for (const offset of [start, Math.max(start, end - 1)]) {
        const entry = entryAround(text, entries, offset);
        if (entry) {
          const lines = entryLines(text, entry);
          if (lines.start < start || lines.end > end) {
            start = Math.min(start, lines.start);
            end = Math.max(end, lines.end);
            changed = true;
          }
        }
      }
    }
    spans.push({ start, end });
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  const regions: Region[] = [];
  let delta = 0;
  let next = 0;
  for (const span of merged) {
    while (next < edits.length && edits[next].start < span.start) {
      delta += edits[next].newText.length - (edits[next].end - edits[next].start);
      next++;
    }
    const newStart = span.start + delta;
    while (next < edits.length && edits[next].start <= span.end) {
      delta += edits[next].newText.length - (edits[next].end - edits[next].start);
      next++;
    }
    regions.push({ start: span.start, end: span.end, newStart, newEnd: span.end + delta });
  }
  return regions;
}

/**
 * What the app must still get after a fix: `value` undefined means the variable must be gone; `at`, where the
 * definition dotenv must use starts in the fixed text.
 */
interface Requirement {
  name: string;
  value: string | undefined;
  at?: number;
}

/** Where the definition dotenv uses for each name starts (the last one wins). */
function usedDefinitions(entries: readonly EnvEntry[]): Map<string, number> {
  const used = new Map<string, number>();
  for (const entry of entries) {
    used.set(entry.name, entry.statementSpan.start);
  }
  return used;
}

/**
 * The definitions dotenv uses that lie outside every touched region, by name, with where each starts in the
 * fixed text (the regions before it shift it; edits only happen inside regions).
 */
function usedOutside(entries: readonly EnvEntry[], regions: readonly Region[]): Map<string, number> {
  const outside = new Map<string, number>();
  let r = 0;
  let delta = 0;
  for (const entry of entries) {
    const at = entry.statementSpan.start;
    while (r < regions.length && regions[r].end <= at) {
      delta = regions[r].newEnd - regions[r].end;
      r++;
    }
    if (r < regions.length && at >= regions[r].start) {
      outside.delete(entry.name); // a later definition, inside a region: its requirements speak for it
      continue;
    }
    outside.set(entry.name, at + delta);
  }
  return outside;
}

/**
 * What dotenv should give: every entry outside the regions as it was, each region's lines read on their own.
 * Also what must still reach the app: a definition dotenv used before the fix is still the one it uses, under
 * its fixed name, with what its fixed lines say; a renamed one leaves nothing behind under its old name (an
 * earlier duplicate must not take its place). So a fix cannot drop a used definition, or shadow one.
 */
function expectedValues(entries: readonly EnvEntry[], regions: readonly Region[], fixedText: string): { expected: Map<string, string>; requirements: Requirement[]; dropped: string[] } {
  const lastIndex = new Map<string, number>();
  entries.forEach((entry, i) => lastIndex.set(entry.name, i));
  const expected = new Map<string, string>();
  const requirements: Requirement[] = [];
  const dropped: string[] = [];
  let r = 0;
  let regionEntries: number[] = [];
  const flushRegion = (region: Region) => {
    const fixed = parseDotenv(fixedText.slice(region.newStart, region.newEnd)).entries;
    for (const entry of fixed) {
      expected.set(entry.name, entry.value);
    }
    regionEntries.forEach((index, i) => {
      const name = entries[index].name;
      if (lastIndex.get(name) !== index) {
        return;
      }
      const counterpart = fixed.length === regionEntries.length ? fixed[i] : undefined;
      if (!counterpart) {
        dropped.push(name);
        return;
      }
      requirements.push({ name: counterpart.name, value: counterpart.value, at: region.newStart + counterpart.statementSpan.start });
      if (counterpart.name !== name) {
        requirements.push({ name, value: undefined });
      }
    });
    regionEntries = [];
  };
  entries.forEach((entry, index) => {
    const at = entry.statementSpan.start;
    while (r < regions.length && regions[r].end <= at) {
      flushRegion(regions[r++]);
    }
    if (r < regions.length && at >= regions[r].start && at < regions[r].end) {
      regionEntries.push(index);
      return;
    }
    expected.set(entry.name, entry.value);
  });
  while (r < regions.length) {
    flushRegion(regions[r++]);
  }
  return { expected, requirements, dropped };
}
