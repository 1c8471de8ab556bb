import type { Region } from './literals';

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  expands: boolean;
}

const WORD_BREAK = ' \t\n\r;&|()<>';

// Native searches for the next character that matters, so plain commands are skipped without a JavaScript loop.
const CODE_STOP = /[\\\n#'"<]/g;

/** Quotes, comments and heredocs of a POSIX shell script (bash, zsh), in one forward pass. */
export function lexShell(text: string): Region[] {
  const regions: Region[] = [];
  const n = text.length;
  const pending: PendingHeredoc[] = [];
  let i = 0;
  while (i < n) {
    CODE_STOP.lastIndex = i;
    const found = CODE_STOP.exec(text);
    if (!found) {
      break;
    }
    i = found.index;
    const c = found[0];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      i = pending.length > 0 ? readHeredocs(text, i + 1, pending.splice(0), regions) : i + 1;
      continue;
    }
    if (c === '#' && (i === 0 || WORD_BREAK.includes(text[i - 1]))) {
      const newline = text.indexOf('\n', i);
      const end = newline < 0 ? n : newline;
      regions.push({ at: { start: i, end }, kind: 'comment' });
      i = end;
      continue;
    }
    if (c === "'" || c === '"') {
      i = readQuoted(text, i, c === '"' || text[i - 1] === '$', regions);
      continue;
    }
    if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      const heredoc = readHeredocOperator(text, i + 2);
      if (heredoc) {
        pending.push(heredoc.pending);
        i = heredoc.end;
        continue;
      }
    }
    i++;
  }
  return regions;
}

const SINGLE_STOP = /'/g;
const ESCAPING_STOPS: Record<string, RegExp> = { "'": /['\\]/g, '"': /["\\]/g };

function readQuoted(text: string, start: number, escapes: boolean, regions: Region[]): number {
  const quote = text[start];
  const stop = escapes ? ESCAPING_STOPS[quote] : SINGLE_STOP;
  let i = start + 1;
  let closed = false;
  for (;;) {
    stop.lastIndex = i;
    const found = stop.exec(text);
    if (!found) {
      i = text.length;
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
  const end = closed ? contentEnd + 1 : contentEnd;
  regions.push({
    at: { start, end },
    kind: 'string',
    literal: { span: { start, end }, content: { start: start + 1, end: contentEnd }, quote, prefix: '', interpolated: quote === '"', closed },
  });
  return end;
}

/** `<<EOF`, `<<-EOF`, `<< 'EOF'`, `<<"EOF"`, `<<\EOF`: the delimiter, and whether the body is expanded. */
function readHeredocOperator(text: string, from: number): { pending: PendingHeredoc; end: number } | undefined {
  let i = from;
  const stripTabs = text[i] === '-';
  if (stripTabs) {
    i++;
  }
  while (text[i] === ' ' || text[i] === '\t') {
    i++;
  }
  let delimiter = '';
  let expands = true;
  while (i < text.length && !WORD_BREAK.includes(text[i])) {
    const c = text[i];
    if (c === "'" || c === '"') {
      // The quoted delimiter must close on this line; looking no further keeps a line of `<<'` openers linear.
      let close = i + 1;
      while (close < text.length && text[close] !== c && text[close] !== '\n') {
        close++;
      }
      if (text[close] !== c) {
        return undefined;
      }
      delimiter += text.slice(i + 1, close);
      expands = false;
      i = close + 1;
    } else if (c === '\\') {
      expands = false;
      i++;
    } else {
      delimiter += c;
      i++;
    }
  }
  return delimiter === '' ? undefined : { pending: { delimiter, stripTabs, expands }, end: i };
}

/** Reads the bodies of the heredocs opened on the line that just ended; returns where the script resumes. */
function readHeredocs(text: string, from: number, heredocs: PendingHeredoc[], regions: Region[]): number {
  let at = from;
  for (const heredoc of heredocs) {
    const bodyStart = at;
    let bodyEnd = text.length;
    let resume = text.length;
    while (at < text.length) {
      const newline = text.indexOf('\n', at);
      const lineEnd = newline < 0 ? text.length : newline;
      let line = text.slice(at, lineEnd);
      if (line.endsWith('\r')) {
        line = line.slice(0, -1);
      }
      if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) {
        bodyEnd = at;
        resume = newline < 0 ? text.length : newline + 1;
        break;
      }
      at = newline < 0 ? text.length : newline + 1;
    }
    if (bodyEnd > bodyStart) {
      regions.push({ at: { start: bodyStart, end: bodyEnd }, kind: 'heredoc', expands: heredoc.expands });
    }
    at = resume;
  }
  return at;
}
