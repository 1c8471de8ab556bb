import {
  BACKSLASH,
  COLON,
  EQUALS,
  HASH,
  QuoteChar,
  isJsWhitespace,
  isKeyChar,
  isLineTerminator,
  isQuoteCode,
} from './chars';

/** A half-open range of offsets into the original text. */
export interface Span {
  start: number;
  end: number;
}

export interface QuoteInfo {
  char: QuoteChar;
  /** Offset of the opening quote. */
  open: number;
  /** Offset of the closing quote. */
  close: number;
}

/** One assignment as dotenv reads it, with the exact place of every part. */
export interface EnvEntry {
  name: string;
  nameSpan: Span;
  exportSpan?: Span;
  separator: '=' | ':';
  separatorSpan: Span;
  /** What dotenv's regex captures as the value (may begin with white space or line breaks). */
  rawValueSpan: Span;
  /** The captured value after `trim()`. */
  valueSpan: Span;
  /** Set when the trimmed value is one quoted string that dotenv unwraps. */
  quote?: QuoteInfo;
  /** The characters that become the value: inside the quotes, or the trimmed value. */
  contentSpan: Span;
  /** The value the application gets from dotenv. */
  value: string;
  /** A `#` comment on the line where the value ends. */
  commentSpan?: Span;
  /** From the name (or `export`) to the end of the value. */
  statementSpan: Span;
  /** The value spans several lines of the file. */
  multiline: boolean;
}

export interface ParsedEnv {
  text: string;
  entries: EnvEntry[];
  /** Lines with content that dotenv silently ignores (not a comment, not an assignment). */
  ignoredLines: Span[];
}

/**
 * Reads a .env text exactly as dotenv's `parse` does, in one linear pass, keeping positions.
 *
 * dotenv matches one regular expression per assignment. Its backtracking reduces to a deterministic
 * walk except for quoted values, where the regex takes the furthest closing quote that is followed
 * by the end of a line (after optional white space and comment). A forward-only cursor per quote type
 * answers that question in amortised constant time, so hostile inputs stay linear.
 */
export function parseDotenv(text: string): ParsedEnv {
  const normalized = normalizeLineBreaks(text);
  const s = normalized.text;
  const toOriginal = normalized.toOriginal;
  const parser = new NormalizedParser(s);
  const table = new EntryTable();
  const entries: EnvEntry[] = [];
  const ignoredLines: Span[] = [];
  let from = 0;
  while (from <= s.length) {
    const lineStart = parser.nextLineStart(from);
    if (lineStart < 0) {
      break;
    }
    const k0 = parser.skipWhitespace(lineStart);
    if (k0 >= s.length) {
      break;
    }
    if (parser.matchAt(k0)) {
      entries.push(toEntry(s, parser, toOriginal, table));
      from = parser.match.end;
    } else {
      if (s.charCodeAt(k0) !== HASH) {
        ignoredLines.push({ start: toOriginal(k0), end: toOriginal(parser.lineEndFrom(k0)) });
      }
      from = k0 + 1;
    }
  }
  return { text, entries, ignoredLines };
}

/**
 * Where an entry's statement starts and ends, and how long its name is, as numbers: the rules that look at every
 * entry of a big file use these instead of building a span or cutting a name per entry. The same as
 * `statementSpan.start`, `statementSpan.end` and `name.length`.
 */
export function statementStartOf(entry: EnvEntry): number {
  return entry instanceof ParsedEntry ? entry.statementStart() : entry.statementSpan.start;
}

export function statementEndOf(entry: EnvEntry): number {
  return entry instanceof ParsedEntry ? entry.statementEnd() : entry.statementSpan.end;
}

export function nameLengthOf(entry: EnvEntry): number {
  return entry instanceof ParsedEntry ? entry.nameLength() : entry.name.length;
}

/**
 * The entries whose statement holds `needle` in the text, in file order: a superset of the entries whose name,
 * separator or value contains it, found with the native search instead of cutting every name or value of a big file.
 *
 * Superset, when `needle` holds no line break, quote or backslash: a name and the separator are slices of the text
 * inside the statement; a value is a
 * slice of its statement, or that slice with quotes at line starts and ends removed (several lines) or `\n` and
 * `\r` expanded; in each case characters joined by the change sit on either side of a line break, so any
 * occurrence in the value is one in the text too (CRLF, collapsed to LF before parsing, is a line break as well).
 */
export function entriesHolding(parsed: ParsedEnv, needle: string): EnvEntry[] {
  const { text, entries } = parsed;
  const found: EnvEntry[] = [];
  let index = 0;
  for (let at = text.indexOf(needle); at >= 0 && index < entries.length; ) {
    index = firstEndingAfter(entries, at, index);
    if (index >= entries.length) {
      break;
    }
    const entry = entries[index];
    const end = statementEndOf(entry);
    if (statementStartOf(entry) <= at && at + needle.length <= end) {
      found.push(entry);
      index++;
      at = text.indexOf(needle, end);
    } else {
      at = text.indexOf(needle, at + 1);
    }
  }
  return found;
}

/** The first index from `from` whose statement ends after `offset` (statements are sorted and never overlap). */
function firstEndingAfter(entries: readonly EnvEntry[], offset: number, from: number): number {
  // Galloping: the offsets asked for grow, so the answer is usually near `from`.
  let low = from;
  let step = 1;
  while (low + step < entries.length && statementEndOf(entries[low + step]) <= offset) {
    low += step;
    step *= 2;
  }
  let high = Math.min(low + step, entries.length);
  while (low < high) {
    const mid = (low + high) >> 1;
    if (statementEndOf(entries[mid]) <= offset) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

/**
 * The name -> value map dotenv builds (the last definition wins). Unlike dotenv's plain object, the map keeps a
 * `__proto__` definition: the fix proof compares these maps before and after a fix, so it sees that one too.
 */
export function resolveValues(parsed: ParsedEnv): Map<string, string> {
  const values = new Map<string, string>();
  for (const entry of parsed.entries) {
    values.set(entry.name, entry.value);
  }
  return values;
}

interface RawMatch {
  exportStart: number;
  nameStart: number;
  nameEnd: number;
  separatorStart: number;
  separator: '=' | ':';
  rawStart: number;
  rawEnd: number;
  commentStart: number;
  commentEnd: number;
  end: number;
}

class NormalizedParser {
  private readonly quoteCursors = new Map<number, ClosingQuoteCursor>();
  /** The last successful match; reused so that a million lines do not allocate a million temporaries. */
  readonly match: RawMatch = {
    exportStart: -1,
    nameStart: 0,
    nameEnd: 0,
    separatorStart: 0,
    separator: '=',
    rawStart: 0,
    rawEnd: 0,
    commentStart: -1,
    commentEnd: -1,
    end: 0,
  };
  private tailCommentStart = -1;
  private tailCommentEnd = -1;
  /**
   * No U+2028 or U+2029 in the text (CR is normalised away): every line ends at a `\n`, which the native
   * `indexOf` finds far faster than a loop over the characters of a long value or comment.
   */
  readonly newlineOnly: boolean;
  readonly newlines: NextIndex;
  private readonly hashes: NextIndex;

  constructor(private readonly s: string) {
    this.newlineOnly = s.indexOf('\u2028') < 0 && s.indexOf('\u2029') < 0;
    this.newlines = new NextIndex(s, '\n');
    this.hashes = new NextIndex(s, '#');
  }

  nextLineStart(from: number): number {
    const s = this.s;
    if (from === 0 || isLineTerminator(s.charCodeAt(from - 1))) {
      return from;
    }
    if (this.newlineOnly) {
      const newline = this.newlines.at(from);
      return newline < 0 ? -1 : newline + 1;
    }
    for (let i = from; i < s.length; i++) {
      if (isLineTerminator(s.charCodeAt(i))) {
        return i + 1;
      }
    }
    return -1;
  }

  lineEndFrom(from: number): number {
    if (this.newlineOnly) {
      const newline = this.newlines.at(from);
      return newline < 0 ? Math.max(from, this.s.length) : newline;
    }
    let i = from;
    while (i < this.s.length && !isLineTerminator(this.s.charCodeAt(i))) {
      i++;
    }
    return i;
  }

  skipWhitespace(from: number): number {
    const s = this.s;
    let i = from;
    while (i < s.length && isJsWhitespace(s.charCodeAt(i))) {
      i++;
    }
    return i;
  }

  matchAt(k0: number): boolean {
    const s = this.s;
    if (s.startsWith('export', k0) && isJsWhitespace(s.charCodeAt(k0 + 6))) {
      if (this.matchName(this.skipWhitespace(k0 + 6), k0)) {
        return true;
      }
    }
    return this.matchName(k0, -1);
  }

  private matchName(nameStart: number, exportStart: number): boolean {
    const s = this.s;
    let nameEnd = nameStart;
    while (nameEnd < s.length && isKeyChar(s.charCodeAt(nameEnd))) {
      nameEnd++;
    }
    if (nameEnd === nameStart) {
      return false;
    }
    const afterSpace = this.skipWhitespace(nameEnd);
    const m = this.match;
    let v0: number;
    if (s.charCodeAt(afterSpace) === EQUALS) {
      m.separatorStart = afterSpace;
      m.separator = '=';
      v0 = afterSpace + 1;
    } else if (s.charCodeAt(nameEnd) === COLON && isJsWhitespace(s.charCodeAt(nameEnd + 1))) {
      m.separatorStart = nameEnd;
      m.separator = ':';
      v0 = nameEnd + 2;
    } else {
      return false;
    }
    m.exportStart = exportStart;
    m.nameStart = nameStart;
    m.nameEnd = nameEnd;
    this.matchValue(v0);
    return true;
  }

  private matchValue(v0: number): void {
    const s = this.s;
    const m = this.match;
    m.rawStart = v0;
    const u = this.skipWhitespace(v0);
    const first = s.charCodeAt(u);
    if (isQuoteCode(first)) {
      const close = this.cursorFor(first).closingFor(u);
      if (close >= 0) {
        m.rawEnd = close + 1;
        this.finishTail(close + 1);
        return;
      }
    }
    // `[^#\r\n]*`: up to the first `#` or line feed (CR is normalised away), found by the native search.
    let x = v0;
    if (v0 < s.length) {
      const newline = this.newlines.at(v0);
      const hash = this.hashes.at(v0);
      x = newline < 0 ? s.length : newline;
      if (hash >= 0 && hash < x) {
        x = hash;
      }
    }
    m.rawEnd = x;
    this.finishTail(x);
  }

  private finishTail(from: number): void {
    const m = this.match;
    m.end = this.tail(from);
    m.commentStart = this.tailCommentStart;
    m.commentEnd = this.tailCommentEnd;
  }

  /** `\s*(?:#.*)?$` from `from`: where the match ends (< 0 when it fails); sets the inline comment. */
  tail(from: number): number {
    const s = this.s;
    this.tailCommentStart = -1;
    this.tailCommentEnd = -1;
    const j = this.skipWhitespace(from);
    if (j < s.length && s.charCodeAt(j) === HASH) {
      const commentEnd = this.lineEndFrom(j);
      if (!this.hasLineTerminator(from, j)) {
        this.tailCommentStart = j;
        this.tailCommentEnd = commentEnd;
      }
      return commentEnd;
    }
    if (j >= s.length) {
      return s.length;
    }
    for (let i = j - 1; i >= from; i--) {
      if (isLineTerminator(s.charCodeAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private hasLineTerminator(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      if (isLineTerminator(this.s.charCodeAt(i))) {
        return true;
      }
    }
    return false;
  }

  private cursorFor(quote: number): ClosingQuoteCursor {
    let cursor = this.quoteCursors.get(quote);
    if (!cursor) {
      cursor = new ClosingQuoteCursor(this.s, quote, (at) => this.tail(at) >= 0);
      this.quoteCursors.set(quote, cursor);
    }
    return cursor;
  }
}

/**
 * The first offset at or after `from` that holds `char` (-1 when none), remembering the last answer: the parser
 * asks with offsets that mostly grow, so each stretch of the text is searched about once.
 */
class NextIndex {
  private askedFrom = 0;
  private found = -2;

  constructor(
    private readonly s: string,
    private readonly char: string,
  ) {}

  at(from: number): number {
    if (this.found === -2 || from < this.askedFrom || (this.found >= 0 && from > this.found)) {
      this.askedFrom = from;
      this.found = this.s.indexOf(this.char, from);
    }
    return this.found;
  }
}

/**
 * For one quote character, finds the closing quote dotenv's regex picks for an opening quote at `u`:
 * the furthest quote in (u, b] whose tail reaches a line end, where b is the first quote not preceded
 * by a backslash (`(?:\\'|[^'])*` can step over escaped quotes only). Queries come with increasing `u`,
 * so every quote of the text is examined once.
 */
class ClosingQuoteCursor {
  private readonly positions: number[] = [];
  private readonly bare: boolean[] = [];
  /** For index i: the largest index <= i whose quote can close (its tail succeeds), or -1. */
  private readonly lastGood: number[] = [];
  private scannedTo = 0;
  private exhausted = false;
  private firstAfter = 0;
  private readonly quoteChar: string;

  constructor(
    private readonly s: string,
    quote: number,
    private readonly tailSucceeds: (at: number) => boolean,
  ) {
    this.quoteChar = String.fromCharCode(quote);
  }

  closingFor(u: number): number {
    while (true) {
      while (this.firstAfter < this.positions.length && this.positions[this.firstAfter] <= u) {
        this.firstAfter++;
      }
      if (this.firstAfter < this.positions.length || !this.scanNext()) {
        break;
      }
    }
    if (this.firstAfter >= this.positions.length) {
      return -1;
    }
    let bareIndex = this.firstAfter;
    while (true) {
      while (bareIndex < this.positions.length && !this.bare[bareIndex]) {
        bareIndex++;
      }
      if (bareIndex < this.positions.length || !this.scanNext()) {
        break;
      }
    }
    const limit = Math.min(bareIndex, this.positions.length - 1);
    const best = this.lastGood[limit];
    return best >= this.firstAfter ? this.positions[best] : -1;
  }

  private scanNext(): boolean {
    if (this.exhausted) {
      return false;
    }
    const at = this.s.indexOf(this.quoteChar, this.scannedTo);
    if (at < 0) {
      this.exhausted = true;
      this.scannedTo = this.s.length;
      return false;
    }
    const index = this.positions.length;
    this.positions.push(at);
    this.bare.push(at === 0 || this.s.charCodeAt(at - 1) !== BACKSLASH);
    const good = this.tailSucceeds(at + 1);
    this.lastGood.push(good ? index : index > 0 ? this.lastGood[index - 1] : -1);
    this.scannedTo = at + 1;
    return true;
  }
}

function toEntry(s: string, parser: NormalizedParser, toOriginal: (offset: number) => number, table: EntryTable): EnvEntry {
  const m = parser.match;
  let valueStart = m.rawStart;
  while (valueStart < m.rawEnd && isJsWhitespace(s.charCodeAt(valueStart))) {
    valueStart++;
  }
  let valueEnd = m.rawEnd;
  while (valueEnd > valueStart && isJsWhitespace(s.charCodeAt(valueEnd - 1))) {
    valueEnd--;
  }
  let multiline: boolean;
  if (parser.newlineOnly) {
    const newline = valueStart < valueEnd ? parser.newlines.at(valueStart) : -1;
    multiline = newline >= 0 && newline < valueEnd;
  } else {
    multiline = valueStart < valueEnd && hasLineBreak(s.slice(valueStart, valueEnd));
  }
  // The value is a slice of the text, made when asked, unless it had to be computed (see ParsedEntry).
  let computed: string | undefined;
  let wholeQuoted: boolean;
  let contentStart = valueStart;
  let contentEnd = valueEnd;
  const q = s.charCodeAt(valueStart);
  if (multiline) {
    const stripped = stripSurroundingQuotes(s.slice(valueStart, valueEnd), true);
    computed = stripped.value;
    wholeQuoted = stripped.wholeQuoted;
  } else {
    wholeQuoted = valueEnd - valueStart >= 2 && isQuoteCode(q) && s.charCodeAt(valueEnd - 1) === q;
    if (wholeQuoted) {
      contentStart++;
      contentEnd--;
    }
  }
  if (valueStart < valueEnd && q === 0x22) {
    const value = computed ?? s.slice(contentStart, contentEnd);
    if (value.indexOf('\\') >= 0) {
      computed = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    }
  }
  const slots = table.next();
  const at = table.at;
  slots[at + FLAGS] = (m.separator === ':' ? COLON_SEPARATOR : 0) | (multiline ? MULTILINE : 0) | (wholeQuoted ? quoteBits(q) : 0);
  slots[at + EXPORT_AT] = m.exportStart >= 0 ? toOriginal(m.exportStart) : -1;
  slots[at + NAME_START] = toOriginal(m.nameStart);
  slots[at + NAME_END] = toOriginal(m.nameEnd);
  slots[at + SEPARATOR_AT] = toOriginal(m.separatorStart);
  slots[at + RAW_START] = toOriginal(m.rawStart);
  slots[at + RAW_END] = toOriginal(m.rawEnd);
  slots[at + VALUE_START] = toOriginal(valueStart);
  slots[at + VALUE_END] = toOriginal(valueEnd);
  slots[at + COMMENT_START] = m.commentStart >= 0 ? toOriginal(m.commentStart) : -1;
  slots[at + COMMENT_END] = m.commentStart >= 0 ? toOriginal(m.commentEnd) : -1;
  slots[at + STATEMENT_END] = toOriginal(Math.max(valueEnd, m.separatorStart + 1));
  slots[at + TEXT_NAME_START] = m.nameStart;
  slots[at + TEXT_NAME_END] = m.nameEnd;
  slots[at + TEXT_CONTENT_START] = contentStart;
  slots[at + TEXT_CONTENT_END] = contentEnd;
  return new ParsedEntry(s, slots, at, computed);
}

/** Where each number of an entry sits in its row of the table. */
const FLAGS = 0;
const EXPORT_AT = 1;
const NAME_START = 2;
const NAME_END = 3;
const SEPARATOR_AT = 4;
const RAW_START = 5;
const RAW_END = 6;
const VALUE_START = 7;
const VALUE_END = 8;
const COMMENT_START = 9;
const COMMENT_END = 10;
const STATEMENT_END = 11;
/** The name and the value's content in the parsed text (line breaks normalised: a name never spans one). */
const TEXT_NAME_START = 12;
const TEXT_NAME_END = 13;
const TEXT_CONTENT_START = 14;
const TEXT_CONTENT_END = 15;
const ROW = 16;
/** Bits of FLAGS. */
const COLON_SEPARATOR = 1;
const MULTILINE = 2;
const QUOTE_SHIFT = 2;
const QUOTES: ReadonlyArray<QuoteChar | undefined> = [undefined, "'", '"', '`'];

function quoteBits(code: number): number {
  return (code === 0x27 ? 1 : code === 0x22 ? 2 : 3) << QUOTE_SHIFT;
}

/**
 * The numbers of every entry, in rows of fixed-size blocks that are never moved: a file of 200,000 lines
 * gives the garbage collector a few hundred typed arrays to skip instead of 200,000 objects of 16 fields to copy.
 */
class EntryTable {
  private static readonly ROWS_PER_BLOCK = 4096;
  private block = new Int32Array(0);
  /** Offset of the current row in `block`. */
  at = 0;

  next(): Int32Array {
    this.at += ROW;
    if (this.at + ROW > this.block.length) {
      this.block = new Int32Array(EntryTable.ROWS_PER_BLOCK * ROW);
      this.at = 0;
    }
    return this.block;
  }
}

/**
 * An entry: its row in the table, and the parsed text its name and value are cut from when asked. Spans are
 * built only when a rule asks too (most entries are never asked). Holding no strings of its own keeps a big
 * file's entries small: 200,000 names and values held from the parse on would be copied by every garbage
 * collection of the lint, and push the heap into a full collection.
 */
class ParsedEntry implements EnvEntry {
  constructor(
    private readonly source: string,
    private readonly slots: Int32Array,
    private readonly at: number,
    /** The value when it is not a plain slice of the text (several lines, or `\n` expanded in double quotes). */
    private readonly computed: string | undefined,
  ) {}

  get name(): string {
    return this.source.slice(this.slots[this.at + TEXT_NAME_START], this.slots[this.at + TEXT_NAME_END]);
  }
  nameLength(): number {
    return this.slots[this.at + TEXT_NAME_END] - this.slots[this.at + TEXT_NAME_START];
  }
  statementStart(): number {
    const exportAt = this.slots[this.at + EXPORT_AT];
    return exportAt >= 0 ? exportAt : this.slots[this.at + NAME_START];
  }
  statementEnd(): number {
    return this.slots[this.at + STATEMENT_END];
  }
  get value(): string {
    return this.computed ?? this.source.slice(this.slots[this.at + TEXT_CONTENT_START], this.slots[this.at + TEXT_CONTENT_END]);
  }

  get separator(): '=' | ':' {
    return this.slots[this.at + FLAGS] & COLON_SEPARATOR ? ':' : '=';
  }
  get multiline(): boolean {
    return (this.slots[this.at + FLAGS] & MULTILINE) !== 0;
  }
  private get quoteChar(): QuoteChar | undefined {
    return QUOTES[this.slots[this.at + FLAGS] >> QUOTE_SHIFT];
  }
  get nameSpan(): Span {
    return { start: this.slots[this.at + NAME_START], end: this.slots[this.at + NAME_END] };
  }
  get exportSpan(): Span | undefined {
    const exportAt = this.slots[this.at + EXPORT_AT];
    return exportAt >= 0 ? { start: exportAt, end: exportAt + 6 } : undefined;
  }
  get separatorSpan(): Span {
    const separatorAt = this.slots[this.at + SEPARATOR_AT];
    return { start: separatorAt, end: separatorAt + 1 };
  }
  get rawValueSpan(): Span {
    return { start: this.slots[this.at + RAW_START], end: this.slots[this.at + RAW_END] };
  }
  get valueSpan(): Span {
    return { start: this.slots[this.at + VALUE_START], end: this.slots[this.at + VALUE_END] };
  }
  get quote(): QuoteInfo | undefined {
    const char = this.quoteChar;
    return char ? { char, open: this.slots[this.at + VALUE_START], close: this.slots[this.at + VALUE_END] - 1 } : undefined;
  }
  get contentSpan(): Span {
    const inset = this.quoteChar ? 1 : 0;
    return { start: this.slots[this.at + VALUE_START] + inset, end: this.slots[this.at + VALUE_END] - inset };
  }
  get commentSpan(): Span | undefined {
    const commentStart = this.slots[this.at + COMMENT_START];
    return commentStart >= 0 ? { start: commentStart, end: this.slots[this.at + COMMENT_END] } : undefined;
  }
  get statementSpan(): Span {
    return { start: this.statementStart(), end: this.statementEnd() };
  }
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

function hasLineBreak(text: string): boolean {
  return LINE_BREAK.test(text);
}

/**
 * dotenv's `value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2')`, linear: with the `m` flag every line start
 * holding a quote is a candidate, and the greedy body reaches the last same quote that ends a line.
 */
export function stripSurroundingQuotes(text: string, multiline = hasLineBreak(text)): { value: string; wholeQuoted: boolean } {
  if (!multiline) {
    const q = text.charCodeAt(0);
    if (text.length >= 2 && isQuoteCode(q) && text.charCodeAt(text.length - 1) === q) {
      return { value: text.slice(1, -1), wholeQuoted: true };
    }
    return { value: text, wholeQuoted: false };
  }
  const lastClose = new Map<number, number>();
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (isQuoteCode(c) && (j + 1 === text.length || isLineTerminator(text.charCodeAt(j + 1)))) {
      lastClose.set(c, j);
    }
  }
  if (lastClose.size === 0) {
    return { value: text, wholeQuoted: false };
  }
  let out = '';
  let copied = 0;
  let replacements = 0;
  let wholeQuoted = false;
  for (let lineStart = 0; lineStart < text.length; ) {
    const c = text.charCodeAt(lineStart);
    const close = isQuoteCode(c) ? (lastClose.get(c) ?? -1) : -1;
    if (close > lineStart) {
      out += text.slice(copied, lineStart) + text.slice(lineStart + 1, close);
      copied = close + 1;
      replacements++;
      wholeQuoted = lineStart === 0 && close === text.length - 1;
      lineStart = close + 1;
    }
    let next = lineStart;
    while (next < text.length && !isLineTerminator(text.charCodeAt(next))) {
      next++;
    }
    lineStart = next + 1;
  }
  return { value: out + text.slice(copied), wholeQuoted: wholeQuoted && replacements === 1 };
}

interface NormalizedText {
  text: string;
  toOriginal: (offset: number) => number;
}

/** dotenv turns CRLF and lone CR into LF before parsing; keep a map back to the original offsets. */
function normalizeLineBreaks(text: string): NormalizedText {
  if (text.indexOf('\r') < 0) {
    return { text, toOriginal: (offset) => offset };
  }
  const collapsedAt: number[] = [];
  let out = '';
  let copied = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    const normalizedIndex = i - collapsedAt.length;
    out += text.slice(copied, i) + '\n';
    if (text.charCodeAt(i + 1) === 0x0a) {
      collapsedAt.push(normalizedIndex);
      copied = i + 2;
      i++;
    } else {
      copied = i + 1;
    }
  }
  out += text.slice(copied);
  const toOriginal = (offset: number): number => {
    let low = 0;
    let high = collapsedAt.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (collapsedAt[mid] < offset) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return offset + low;
  };
  return { text: out, toOriginal };
}
