/**
 * The part of YAML a compose file uses for `env_file` and `environment`: block mappings and sequences, flow
 * sequences and mappings (`[a, b]`, `{ path: a }`), plain, single- and double-quoted scalars, block scalars,
 * comments, line numbers. Anchors are dropped and aliases read as null: a value we cannot resolve is better
 * reported as missing than guessed. Never throws; a malformed line is skipped.
 */
export type YamlNode = YamlScalar | YamlSeq | YamlMap;

export interface YamlScalar {
  kind: 'scalar';
  /** null for `~`, `null`, an empty value or an alias. */
  value: string | null;
  /** 1-based. */
  line: number;
}

export interface YamlSeq {
  kind: 'seq';
  items: YamlNode[];
  line: number;
}

export interface YamlMap {
  kind: 'map';
  entries: YamlEntry[];
  line: number;
}

export interface YamlEntry {
  key: string;
  line: number;
  value: YamlNode;
}

interface Line {
  indent: number;
  content: string;
  /** 1-based line number in the file. */
  number: number;
}

export function parseYamlSubset(text: string): YamlNode | undefined {
  const lines = logicalLines(text);
  if (lines.length === 0) {
    return undefined;
  }
  const parser = new BlockParser(lines);
  return parser.block(lines[0].indent);
}

/** Non-blank lines without comments, up to the end of the first document. */
function logicalLines(text: string): Line[] {
  const out: Line[] = [];
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i];
    if (/^(---|\.\.\.)(\s|$)/.test(line)) {
      if (out.length > 0) {
        break;
      }
      continue;
    }
    const indent = line.length - line.replace(/^[ \t]+/, '').length;
    const content = stripComment(line.slice(indent)).trimEnd();
    if (content !== '') {
      out.push({ indent, content, number: i + 1 });
    }
  }
  return out;
}

function stripComment(content: string): string {
  let quote = '';
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quote) {
      if (c === '\\' && quote === '"') {
        i++;
      } else if (c === quote) {
        quote = '';
      }
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,-]/.test(content[i - 1])) {
        quote = c;
      }
    } else if (c === '#' && (i === 0 || /\s/.test(content[i - 1]))) {
      return content.slice(0, i);
    }
  }
  return content;
}

class BlockParser {
  private at = 0;

  constructor(private readonly lines: Line[]) {}

  private get current(): Line | undefined {
    return this.lines[this.at];
  }

  /** The node whose lines start at the current line and are indented exactly `indent`. */
  block(indent: number): YamlNode {
    const line = this.current;
    if (!line) {
      return { kind: 'scalar', value: null, line: 0 };
    }
    if (isSequenceItem(line.content)) {
      return this.sequence(indent);
    }
    if (mappingKey(line.content)) {
      return this.mapping(indent);
    }
    this.at++;
    this.skipDeeper(indent);
    const next = this.current;
    if (next && next.indent === indent && (isSequenceItem(next.content) || mappingKey(next.content))) {
      return this.block(indent); // a malformed line before the real entries: skip it
    }
    return scalarNode(line.content, line.number);
  }

  private sequence(indent: number): YamlSeq {
    const first = this.current!;
    const items: YamlNode[] = [];
    while (this.current && this.current.indent === indent && isSequenceItem(this.current.content)) {
      const line = this.current;
      const rest = line.content.replace(/^-\s*/, '');
      if (rest === '') {
        this.at++;
        items.push(this.current && this.current.indent > indent ? this.block(this.current.indent) : { kind: 'scalar', value: null, line: line.number });
        continue;
      }
      // "- key: value" opens a mapping whose further keys line up with "key".
      const childIndent = indent + (line.content.length - rest.length);
      this.lines[this.at] = { indent: childIndent, content: rest, number: line.number };
      items.push(this.block(childIndent));
    }
    return { kind: 'seq', items, line: first.number };
  }

  private mapping(indent: number): YamlMap {
    const first = this.current!;
    const entries: YamlEntry[] = [];
    while (this.current && this.current.indent === indent) {
      const line = this.current;
      const key = mappingKey(line.content);
      if (!key) {
        this.at++;
        this.skipDeeper(indent);
        continue;
      }
      this.at++;
      entries.push({ key: key.key, line: line.number, value: this.mappingValue(indent, key.rest, line.number) });
    }
    return { kind: 'map', entries, line: first.number };
  }

  private mappingValue(indent: number, rest: string, lineNumber: number): YamlNode {
    const value = rest.replace(/^(?:&\S+|!\S*)\s*/, '').replace(/^(?:&\S+|!\S*)\s*/, '');
    if (value === '') {
      const next = this.current;
      if (next && (next.indent > indent || (next.indent === indent && isSequenceItem(next.content)))) {
        return this.block(next.indent);
      }
      return { kind: 'scalar', value: null, line: lineNumber };
    }
    if (/^[|>][+-]?\d*$/.test(value)) {
      return { kind: 'scalar', value: this.blockScalar(indent, value.startsWith('>')), line: lineNumber };
    }
    if (value.startsWith('[') || value.startsWith('{')) {
      const parts = [value];
      let state = flowState(value);
      while ((state.depth > 0 || state.quote) && this.current && this.current.indent > indent) {
        parts.push(this.current.content);
        state = flowState(' ' + this.current.content, state);
        this.at++;
      }
      return parseFlow(parts.join(' '), lineNumber);
    }
    this.skipDeeper(indent); // a plain scalar folded over several lines: keep its first line
    return scalarNode(value, lineNumber);
  }

  private blockScalar(indent: number, folded: boolean): string {
    const parts: string[] = [];
    while (this.current && this.current.indent > indent) {
      parts.push(this.current.content);
      this.at++;
    }
    return parts.join(folded ? ' ' : '\n');
  }

  private skipDeeper(indent: number): void {
    while (this.current && this.current.indent > indent) {
      this.at++;
    }
  }
}

function isSequenceItem(content: string): boolean {
  return content === '-' || /^-\s/.test(content);
}

/** `key: rest`, `"quoted key": rest`, `key:`; undefined for anything else. One pass, no backtracking. */
function mappingKey(content: string): { key: string; rest: string } | undefined {
  let keyEnd: number;
  let key: string;
  if (content[0] === '"' || content[0] === "'") {
    const close = closingQuote(content, 0);
    if (close < 0) {
      return undefined;
    }
    key = unquote(content.slice(0, close + 1));
    keyEnd = close + 1;
    while (keyEnd < content.length && (content[keyEnd] === ' ' || content[keyEnd] === '\t')) {
      keyEnd++;
    }
    if (content[keyEnd] !== ':') {
      return undefined;
    }
  } else {
    if (/^[\s#[\]{},]/.test(content)) {
      return undefined;
    }
    keyEnd = -1;
    for (let i = content.indexOf(':'); i >= 0; i = content.indexOf(':', i + 1)) {
      if (i + 1 === content.length || content[i + 1] === ' ' || content[i + 1] === '\t') {
        keyEnd = i;
        break;
      }
    }
    if (keyEnd <= 0) {
      return undefined;
    }
    key = content.slice(0, keyEnd).trimEnd();
  }
  const after = content.slice(keyEnd + 1);
  if (after !== '' && after[0] !== ' ' && after[0] !== '\t') {
    return undefined;
  }
  return { key, rest: after.trim() };
}

/** The index of the quote closing the one at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  const q = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') {
      i++;
    } else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

function scalarNode(text: string, line: number): YamlScalar {
  return { kind: 'scalar', value: scalarValue(text), line };
}

function scalarValue(text: string): string | null {
  const t = text.trim();
  if (t === '' || t === '~' || /^null$/i.test(t) || t.startsWith('*')) {
    return null;
  }
  if ((t.startsWith('"') && t.endsWith('"') && t.length > 1) || (t.startsWith("'") && t.endsWith("'") && t.length > 1)) {
    return unquote(t);
  }
  return t;
}

function unquote(t: string): string {
  if (t.startsWith("'")) {
    return t.slice(1, -1).replace(/''/g, "'");
  }
  return t.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e.length > 1) {
      return String.fromCharCode(parseInt(e.slice(1), 16));
    }
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0', '"': '"', '\\': '\\', '/': '/', ' ': ' ' } as Record<string, string>)[e] ?? e;
  });
}

interface FlowState {
  depth: number;
  quote: string;
}

/** Brackets still open after `text`, carried from line to line so a long flow list is scanned once. */
function flowState(text: string, state: FlowState = { depth: 0, quote: '' }): FlowState {
  let { depth, quote } = state;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') {
        i++;
      } else if (c === quote) {
        quote = '';
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
    }
  }
  return { depth, quote };
}

/** `[a, "b", { path: c }]` or `{ A: b }`, one level of nesting at most in practice, any depth accepted. */
function parseFlow(text: string, line: number): YamlNode {
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at])) {
      at++;
    }
  };
  const token = (): string => {
    skipSpace();
    const start = at;
    if (text[at] === '"' || text[at] === "'") {
      const q = text[at++];
      while (at < text.length && text[at] !== q) {
        at += text[at] === '\\' && q === '"' ? 2 : 1;
      }
      at++;
      return text.slice(start, at);
    }
    while (at < text.length && !/[,\]}]/.test(text[at]) && !(text[at] === ':' && /[\s,\]}]/.test(text[at + 1] ?? ' '))) {
      at++;
    }
    return text.slice(start, at).trim();
  };
  const node = (): YamlNode => {
    skipSpace();
    if (text[at] === '[') {
      at++;
      const items: YamlNode[] = [];
      for (skipSpace(); at < text.length && text[at] !== ']'; skipSpace()) {
        items.push(node());
        skipSpace();
        if (text[at] === ',') {
          at++;
        } else if (text[at] !== ']') {
          break;
        }
      }
      at++;
      return { kind: 'seq', items, line };
    }
    if (text[at] === '{') {
      at++;
      const entries: YamlEntry[] = [];
      for (skipSpace(); at < text.length && text[at] !== '}'; skipSpace()) {
        const key = scalarValue(token()) ?? '';
        skipSpace();
        let value: YamlNode = { kind: 'scalar', value: null, line };
        if (text[at] === ':') {
          at++;
          value = node();
        }
        entries.push({ key, line, value });
        skipSpace();
        if (text[at] === ',') {
          at++;
        } else if (text[at] !== '}') {
          break;
        }
      }
      at++;
      return { kind: 'map', entries, line };
    }
    return scalarNode(token(), line);
  };
  return node();
}

/** The value of a key in a mapping node, if it is one. */
export function entryOf(node: YamlNode | undefined, key: string): YamlEntry | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key) : undefined;
}
