import type { Span } from '../dotenv/parse';
import type { Region } from './literals';

const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);
const REGEX_AFTER_PUNCTUATION = '(,=:[!&|?{};+-*%<>~^';
/** Template literals nested deeper than this are not followed (real code nests a few levels): bounds memory. */
const MAX_TEMPLATE_DEPTH = 64;

interface TemplateFrame {
  start: number;
  chunks: Span[];
  chunkStart: number;
  /** Open braces of the `${…}` being read; 0 while reading the template's text. */
  braceDepth: number;
}

/**
 * Strings, template literals and comments of JavaScript or TypeScript, in one forward pass. Regular
 * expression literals are told from division by the token before them, as editors do; a wrong guess
 * can only last to the end of the line, because quotes and regular expressions never span lines.
 */
export function lexJavaScript(text: string): Region[] {
  const regions: Region[] = [];
  const templates: TemplateFrame[] = [];
  let previous = ''; // the last significant token: a punctuation character, 'word', 'value' or ''
  let previousWord = '';
  // After a `/` that opened no regular expression, the rest of its line is not tried again: keeps hostile lines linear.
  let noRegexBefore = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const top = templates[templates.length - 1];
    if (top && top.braceDepth === 0) {
      i = readTemplateText(text, i, top, templates, regions);
      previous = 'value';
      continue;
    }
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      i = readQuoted(text, i, c, regions);
      previous = 'value';
      continue;
    }
    if (c === '`' && templates.length < MAX_TEMPLATE_DEPTH) {
      templates.push({ start: i, chunks: [], chunkStart: i + 1, braceDepth: 0 });
      i++;
      continue;
    }
    if (c === '/') {
      const next = text[i + 1];
      if (next === '/') {
        const end = lineEnd(text, i);
        regions.push({ at: { start: i, end }, kind: 'comment' });
        i = end;
        continue;
      }
      if (next === '*') {
        const close = text.indexOf('*/', i + 2);
        const end = close < 0 ? n : close + 2;
        regions.push({ at: { start: i, end }, kind: 'comment' });
        i = end;
        continue;
      }
      const regexAllowed = previous === '' || REGEX_AFTER_PUNCTUATION.includes(previous) || (previous === 'word' && REGEX_AFTER_WORDS.has(previousWord));
      if (regexAllowed && i >= noRegexBefore) {
        const end = regexEnd(text, i);
        if (end > 0) {
          i = end;
          previous = 'value';
          continue;
        }
        noRegexBefore = lineEnd(text, i);
      }
      previous = '/';
      i++;
      continue;
    }
    if (top && c === '{') {
      top.braceDepth++;
    } else if (top && c === '}') {
      top.braceDepth--;
      if (top.braceDepth === 0) {
        top.chunkStart = i + 1;
        i++;
        continue;
      }
    }
    if (isWordChar(c)) {
      const start = i;
      while (i < n && isWordChar(text[i])) {
        i++;
      }
      previousWord = text.slice(start, i);
      previous = previousWord.charCodeAt(0) <= 0x39 && previousWord.charCodeAt(0) >= 0x30 ? 'value' : 'word';
      continue;
    }
    previous = c === ')' || c === ']' ? 'value' : c;
    i++;
  }
  for (const frame of templates) {
    frame.chunks.push({ start: frame.chunkStart, end: n });
    emitTemplate(frame, n, false, regions);
  }
  return regions.sort((a, b) => a.at.start - b.at.start);
}

function readQuoted(text: string, start: number, quote: string, regions: Region[]): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      regions.push(stringRegion(start, i + 1, quote, true));
      return i + 1;
    }
    if (c === '\n' || c === '\r') {
      break;
    }
    i++;
  }
  const end = Math.min(i, text.length);
  regions.push(stringRegion(start, end, quote, false));
  return end;
}

function stringRegion(start: number, end: number, quote: string, closed: boolean): Region {
  return {
    at: { start, end },
    kind: 'string',
    literal: { span: { start, end }, content: { start: start + 1, end: closed ? end - 1 : end }, quote, prefix: '', interpolated: false, closed },
  };
}

/** Reads template text up to `${` or the closing backtick; returns where code resumes. */
function readTemplateText(text: string, from: number, frame: TemplateFrame, templates: TemplateFrame[], regions: Region[]): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      frame.chunks.push({ start: frame.chunkStart, end: i });
      templates.pop();
      emitTemplate(frame, i + 1, true, regions);
      return i + 1;
    }
    if (c === '$' && text[i + 1] === '{') {
      frame.chunks.push({ start: frame.chunkStart, end: i });
      frame.braceDepth = 1;
      return i + 2;
    }
    i++;
  }
  return text.length;
}

function emitTemplate(frame: TemplateFrame, end: number, closed: boolean, regions: Region[]): void {
  const literal = {
    span: { start: frame.start, end },
    content: { start: frame.start + 1, end: closed ? end - 1 : end },
    quote: '`',
    prefix: '',
    interpolated: true,
    closed,
  };
  for (const chunk of frame.chunks) {
    if (chunk.end > chunk.start) {
      regions.push({ at: chunk, kind: 'string', literal });
    }
  }
}

/** After a regular expression literal starting at `start`, or -1 when none closes on this line. */
function regexEnd(text: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      return -1;
    }
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      inClass = true;
    } else if (c === ']') {
      inClass = false;
    } else if (c === '/' && !inClass) {
      let end = i + 1;
      while (end < text.length && /[a-z]/.test(text[end])) {
        end++;
      }
      return end;
    }
  }
  return -1;
}

function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') {
    i++;
  }
  return i;
}

function isWordChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x24;
}
