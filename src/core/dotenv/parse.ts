import {
  BACKSLASH,
  COLON,
  EQUALS,
  HASH,
  NEWLINE,
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
    const match = parser.matchAt(k0);
    if (match) {
      entries.push(toEntry(s, match, toOriginal));
      from = match.end;
    } else {
      if (s.charCodeAt(k0) !== HASH) {
        ignoredLines.push({ start: toOriginal(k0), end: toOriginal(parser.lineEndFrom(k0)) });
      }
      from = k0 + 1;
    }
  }
  return { text, entries, ignoredLines };
}

/** The name -> value map dotenv builds (the last definition wins). */
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

  constructor(private readonly s: string) {}

  nextLineStart(from: number): number {
    const s = this.s;
    if (from === 0 || isLineTerminator(s.charCodeAt(from - 1))) {
      return from;
    }
    for (let i = from; i < s.length; i++) {
      if (isLineTerminator(s.charCodeAt(i))) {
        return i + 1;
      }
    }
    return -1;
  }

  lineEndFrom(from: number): number {
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

  matchAt(k0: number): RawMatch | undefined {
    const s = this.s;
    if (s.startsWith('export', k0) && isJsWhitespace(s.charCodeAt(k0 + 6))) {
      const withExport = this.matchName(this.skipWhitespace(k0 + 6), k0);
      if (withExport) {
        return withExport;
      }
    }
    return this.matchName(k0, -1);
  }

  private matchName(nameStart: number, exportStart: number): RawMatch | undefined {
    const s = this.s;
    let nameEnd = nameStart;
    while (nameEnd < s.length && isKeyChar(s.charCodeAt(nameEnd))) {
      nameEnd++;
    }
    if (nameEnd === nameStart) {
      return undefined;
    }
    const afterSpace = this.skipWhitespace(nameEnd);
    let separatorStart: number;
    let separator: '=' | ':';
    let v0: number;
    if (s.charCodeAt(afterSpace) === EQUALS) {
      separatorStart = afterSpace;
      separator = '=';
      v0 = afterSpace + 1;
    } else if (s.charCodeAt(nameEnd) === COLON && isJsWhitespace(s.charCodeAt(nameEnd + 1))) {
      separatorStart = nameEnd;
      separator = ':';
      v0 = nameEnd + 2;
    } else {
      return undefined;
    }
    const value = this.matchValue(v0);
    return { exportStart, nameStart, nameEnd, separatorStart, separator, ...value };
  }

  private matchValue(v0: number): Pick<RawMatch, 'rawStart' | 'rawEnd' | 'commentStart' | 'commentEnd' | 'end'> {
    const s = this.s;
    const u = this.skipWhitespace(v0);
    const first = s.charCodeAt(u);
    if (isQuoteCode(first)) {
      const close = this.cursorFor(first).closingFor(u);
      if (close >= 0) {
        return { rawStart: v0, rawEnd: close + 1, ...this.tail(close + 1) };
      }
    }
    const c = s.charCodeAt(v0);
    if (v0 < s.length && c !== HASH && c !== NEWLINE) {
      let x = v0;
      while (x < s.length) {
        const cx = s.charCodeAt(x);
        if (cx === HASH || cx === NEWLINE) {
          break;
        }
        x++;
      }
      return { rawStart: v0, rawEnd: x, ...this.tail(x) };
    }
    return { rawStart: v0, rawEnd: v0, ...this.tail(v0) };
  }

  /** `\s*(?:#.*)?$` from `from`: where the match ends, and the inline comment if any; end < 0 when it fails. */
  tail(from: number): { end: number; commentStart: number; commentEnd: number } {
    const s = this.s;
    const j = this.skipWhitespace(from);
    if (j < s.length && s.charCodeAt(j) === HASH) {
      const commentEnd = this.lineEndFrom(j);
      const inline = !this.hasLineTerminator(from, j);
      return { end: commentEnd, commentStart: inline ? j : -1, commentEnd: inline ? commentEnd : -1 };
    }
    if (j >= s.length) {
      return { end: s.length, commentStart: -1, commentEnd: -1 };
    }
    for (let i = j - 1; i >= from; i--) {
      if (isLineTerminator(s.charCodeAt(i))) {
        return { end: i, commentStart: -1, commentEnd: -1 };
      }
    }
    return { end: -1, commentStart: -1, commentEnd: -1 };
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
      cursor = new ClosingQuoteCursor(this.s, quote, (at) => this.tail(at).end >= 0);
      this.quoteCursors.set(quote, cursor);
    }
    return cursor;
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

function toEntry(s: string, m: RawMatch, toOriginal: (offset: number) => number): EnvEntry {
  const raw = s.slice(m.rawStart, m.rawEnd);
  let trimStart = 0;
  while (trimStart < raw.length && isJsWhitespace(raw.charCodeAt(trimStart))) {
    trimStart++;
  }
  let trimEnd = raw.length;
  while (trimEnd > trimStart && isJsWhitespace(raw.charCodeAt(trimEnd - 1))) {
    trimEnd--;
  }
  const trimmed = raw.slice(trimStart, trimEnd);
  const stripped = stripSurroundingQuotes(trimmed);
  let value = stripped.value;
  if (trimmed.charCodeAt(0) === 0x22) {
    value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  }
  const valueStart = m.rawStart + trimStart;
  const valueEnd = m.rawStart + trimEnd;
  const span = (start: number, end: number): Span => ({ start: toOriginal(start), end: toOriginal(end) });
  const quote: QuoteInfo | undefined = stripped.wholeQuoted
    ? { char: trimmed[0] as QuoteChar, open: toOriginal(valueStart), close: toOriginal(valueEnd - 1) }
    : undefined;
  const firstPart = m.exportStart >= 0 ? m.exportStart : m.nameStart;
  const statementEnd = Math.max(valueEnd, m.separatorStart + 1);
  return {
    name: s.slice(m.nameStart, m.nameEnd),
    nameSpan: span(m.nameStart, m.nameEnd),
    exportSpan: m.exportStart >= 0 ? span(m.exportStart, m.exportStart + 6) : undefined,
    separator: m.separator,
    separatorSpan: span(m.separatorStart, m.separatorStart + 1),
    rawValueSpan: span(m.rawStart, m.rawEnd),
    valueSpan: span(valueStart, valueEnd),
    quote,
    contentSpan: quote ? span(valueStart + 1, valueEnd - 1) : span(valueStart, valueEnd),
    value,
    commentSpan: m.commentStart >= 0 ? span(m.commentStart, m.commentEnd) : undefined,
    statementSpan: span(firstPart, statementEnd),
    multiline: hasLineBreak(trimmed),
  };
}

function hasLineBreak(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (isLineTerminator(text.charCodeAt(i))) {
      return true;
    }
  }
  return false;
}

/**
 * dotenv's `value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2')`, linear: with the `m` flag every line start
 * holding a quote is a candidate, and the greedy body reaches the last same quote that ends a line.
 */
export function stripSurroundingQuotes(text: string): { value: string; wholeQuoted: boolean } {
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
