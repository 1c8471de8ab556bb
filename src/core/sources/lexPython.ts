import type { Region } from './literals';

const PREFIXES = new Set(['r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf']);

/** Strings (with prefixes and triple quotes) and comments of Python, in one forward pass. */
export function lexPython(text: string): Region[] {
  const regions: Region[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '#') {
      let end = i;
      while (end < n && text[end] !== '\n' && text[end] !== '\r') {
        end++;
      }
      regions.push({ at: { start: i, end }, kind: 'comment' });
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      i = readString(text, i, regions);
      continue;
    }
    if (isWordCode(text.charCodeAt(i))) {
      // A whole word at once, so the letters of a string prefix are read with their string.
      let end = i;
      while (end < n && isWordCode(text.charCodeAt(end))) {
        end++;
      }
      if ((text[end] === '"' || text[end] === "'") && end - i <= 2 && PREFIXES.has(text.slice(i, end).toLowerCase())) {
        i = readString(text, end, regions, i);
      } else {
        i = end;
      }
      continue;
    }
    i++;
  }
  return regions;
}

function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

function readString(text: string, quoteAt: number, regions: Region[], start = quoteAt): number {
  const q = text[quoteAt];
  const triple = text.startsWith(q + q + q, quoteAt);
  const quote = triple ? q + q + q : q;
  const prefix = text.slice(start, quoteAt).toLowerCase();
  const contentStart = quoteAt + quote.length;
  let i = contentStart;
  let closed = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (!triple && (c === '\n' || c === '\r')) {
      break;
    }
    if (c === q && (!triple || text.startsWith(quote, i))) {
      closed = true;
      break;
    }
    i++;
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
