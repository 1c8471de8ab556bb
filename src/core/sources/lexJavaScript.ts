import type { Span } from '../dotenv/parse';
import type { Region } from './literals';

const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);
const REGEX_AFTER_PUNCTUATION = '(,=:[!&|?{};+-*%<>~^';
/** Template literals nested deeper than this are not followed (real code nests a few levels): bounds memory. */
const MAX_TEMPLATE_DEPTH = 64;

// Native searches for the next character that matters, so plain code is skipped without a JavaScript loop.
const CODE_STOP = /["'`/]/g;
const CODE_STOP_IN_TEMPLATE = /["'`/{}]/g;
const TEMPLATE_STOP = /[`\\$]/g;
const DOUBLE_STOP = /["\\\n\r]/g;
const SINGLE_STOP = /['\\\n\r]/g;

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
  // After a `/` that opened no regular expression, the rest of its line is not tried again: keeps hostile lines linear.
  let noRegexBefore = 0;
  // Where the last string, template or regular expression ended: a `/` right after one is a division.
  let valueEnd = -1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const top = templates[templates.length - 1];
    if (top && top.braceDepth === 0) {
      i = readTemplateText(text, i, top, templates, regions);
      valueEnd = i;
      continue;
    }
    const stop = top ? CODE_STOP_IN_TEMPLATE : CODE_STOP;
    stop.lastIndex = i;
    const found = stop.exec(text);
    if (!found) {
      break;
    }
    i = found.index;
    const c = text[i];
    if (c === '"' || c === "'") {
      i = readQuoted(text, i, c, regions);
      valueEnd = i;
    } else if (c === '`') {
      if (templates.length < MAX_TEMPLATE_DEPTH) {
        templates.push({ start: i, chunks: [], chunkStart: i + 1, braceDepth: 0 });
      }
      i++;
    } else if (c === '{') {
      top.braceDepth++;
      i++;
    } else if (c === '}') {
      top.braceDepth--;
      if (top.braceDepth === 0) {
        top.chunkStart = i + 1;
      }
      i++;
    } else {
      // '/': a comment, a regular expression or a division.
      const next = text[i + 1];
      if (next === '/') {
        const end = lineEnd(text, i);
        regions.push({ at: { start: i, end }, kind: 'comment' });
        i = end;
      } else if (next === '*') {
        const close = text.indexOf('*/', i + 2);
        const end = close < 0 ? n : close + 2;
        regions.push({ at: { start: i, end }, kind: 'comment' });
        i = end;
      } else if (i >= noRegexBefore && regexMayStart(text, i, valueEnd)) {
        const end = regexEnd(text, i);
        if (end > 0) {
          i = end;
          valueEnd = i;
        } else {
          noRegexBefore = lineEnd(text, i);
          i++;
        }
      } else {
        i++;
      }
    }
  }
  for (const frame of templates) {
    frame.chunks.push({ start: frame.chunkStart, end: n });
    emitTemplate(frame, n, false, regions);
  }
  return regions.sort((a, b) => a.at.start - b.at.start);
}

/** Looks back past white space at the token before a `/`: after a value it is a division. */
function regexMayStart(text: string, slash: number, valueEnd: number): boolean {
  let j = slash - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) {
    j--;
  }
  if (j < 0) {
    return true;
  }
  if (j + 1 === valueEnd) {
    return false;
  }
  const c = text.charCodeAt(j);
  if (isWordCode(c)) {
    let start = j;
    while (start > 0 && isWordCode(text.charCodeAt(start - 1)) && j - start < 16) {
      start--;
    }
    return REGEX_AFTER_WORDS.has(text.slice(start, j + 1));
  }
  return REGEX_AFTER_PUNCTUATION.includes(text[j]);
}

function readQuoted(text: string, start: number, quote: string, regions: Region[]): number {
  const stop = quote === '"' ? DOUBLE_STOP : SINGLE_STOP;
  let i = start + 1;
  for (;;) {
    stop.lastIndex = i;
    const found = stop.exec(text);
    if (!found || found[0] === '\n' || found[0] === '\r') {
      const end = found ? found.index : text.length;
      regions.push(stringRegion(start, end, quote, false));
      return end;
    }
    if (found[0] === '\\') {
      i = found.index + 2;
      continue;
    }
    regions.push(stringRegion(start, found.index + 1, quote, true));
    return found.index + 1;
  }
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
  for (;;) {
    TEMPLATE_STOP.lastIndex = i;
    const found = TEMPLATE_STOP.exec(text);
    if (!found) {
      return text.length;
    }
    i = found.index;
    if (found[0] === '\\') {
      i += 2;
    } else if (found[0] === '`') {
      frame.chunks.push({ start: frame.chunkStart, end: i });
      templates.pop();
      emitTemplate(frame, i + 1, true, regions);
      return i + 1;
    } else if (text[i + 1] === '{') {
      frame.chunks.push({ start: frame.chunkStart, end: i });
      frame.braceDepth = 1;
      return i + 2;
    } else {
      i++;
    }
  }
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
      while (end < text.length && text.charCodeAt(end) >= 0x61 && text.charCodeAt(end) <= 0x7a) {
        end++;
      }
      return end;
    }
  }
  return -1;
}

const LINE_BREAK = /[\n\r]/g;

function lineEnd(text: string, from: number): number {
  LINE_BREAK.lastIndex = from;
  const found = LINE_BREAK.exec(text);
  return found ? found.index : text.length;
}

function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x24;
}
