import type { Region } from './literals';

const PREFIXES = new Set(['r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf']);

// Native searches for the next character that matters, so plain code is skipped without a JavaScript loop.
const CODE_STOP = /[#'"]/g;
const LINE_BREAK = /[\n\r]/g;
const STOPS: Record<string, RegExp> = {
  "'": /['\\\n\r]/g,
  '"': /["\\\n\r]/g,
  "'''": /'''|\\/g,
  '"""': /"""|\\/g,
};

/** Strings (with prefixes and triple quotes) and comments of Python, in one forward pass. */
export function lexPython(text: string): Region[] {
  const regions: Region[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    CODE_STOP.lastIndex = i;
    const found = CODE_STOP.exec(text);
    if (!found) {
      break;
    }
    i = found.index;
    if (found[0] === '#') {
      LINE_BREAK.lastIndex = i;
      const end = LINE_BREAK.exec(text)?.index ?? n;
      regions.push({ at: { start: i, end }, kind: 'comment' });
      i = end;
      continue;
    }
    i = readString(text, i, prefixStart(text, i), regions);
  }
  return regions;
}

/** Where the string starts: at its prefix letters (`rb"…"`), or at the quote. */
function prefixStart(text: string, quoteAt: number): number {
  let start = quoteAt;
  while (start > 0 && quoteAt - start < 2 && isLetter(text.charCodeAt(start - 1))) {
    start--;
  }
  if (start === quoteAt || (start > 0 && isWordCode(text.charCodeAt(start - 1)))) {
    return quoteAt; // `xr"…"` or `var"…"`: the letters belong to a name, not to the string
  }
  return PREFIXES.has(text.slice(start, quoteAt).toLowerCase()) ? start : quoteAt;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isWordCode(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

function readString(text: string, quoteAt: number, start: number, regions: Region[]): number {
  const q = text[quoteAt];
  const triple = text.startsWith(q + q + q, quoteAt);
  const quote = triple ? q + q + q : q;
  const prefix = text.slice(start, quoteAt).toLowerCase();
  const contentStart = quoteAt + quote.length;
  const stop = STOPS[quote];
  let i = contentStart;
  let closed = false;
  for (;;) {
    stop.lastIndex = i;
    const found = stop.exec(text);
    if (!found || found[0] === '\n' || found[0] === '\r') {
      i = found ? found.index : text.length;
      break;
    }
    if (found[0] === '\\') {
      i = found.index + 2;
      continue;
    }
    i = found.index;
    closed = true;
    break;
  }
  const contentEnd = Math.min(i, text.length);
  const end = closed ? contentEnd + quote.length : contentEnd;
  regions.push({
    at: { start, end },
    kind: 'string',
    literal: { span: { start, end }, content: { start: contentStart, end: contentEnd }, quote, prefix, interpolated: prefix.includes('f'), closed },
  });
  return end;
}
