import type { Span } from '../dotenv/parse';

/** A JSON value with the place of every part in the text it was read from. */
export type JsonNode =
  | { type: 'object'; span: Span; members: JsonMember[] }
  | { type: 'array'; span: Span; items: JsonNode[] }
  | { type: 'string'; span: Span }
  | { type: 'other'; span: Span };

export interface JsonMember {
  key: string;
  value: JsonNode;
}

/** Deeper than any notebook; keeps hostile input from exhausting the stack. */
const MAX_DEPTH = 256;

/**
 * Reads JSON keeping positions (strings are not decoded: `decodeJsonString` does it on demand).
 * Undefined for anything that is not one valid JSON value.
 */
export function parseJsonWithPositions(text: string): JsonNode | undefined {
  const reader = new Reader(text);
  try {
    const node = reader.value(0);
    reader.skipSpace();
    return reader.at === text.length ? node : undefined;
  } catch {
    return undefined;
  }
}

export function memberOf(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.type === 'object' ? node.members.find((m) => m.key === key)?.value : undefined;
}

/** The value of a JSON string node (quotes included in the span). */
export function decodeJsonString(text: string, node: { span: Span }): string {
  return JSON.parse(text.slice(node.span.start, node.span.end)) as string;
}

/**
 * Characters of the decoded string that come before a raw offset inside the string node, in UTF-16 code
 * units as VS Code counts them: `\n` and `\u00e9` are one each.
 */
export function decodedLengthBefore(text: string, node: { span: Span }, rawOffset: number): number {
  let units = 0;
  for (let i = node.span.start + 1; i < rawOffset; i++) {
    if (text.charCodeAt(i) === 0x5c) {
      i += text[i + 1] === 'u' ? 5 : 1;
    }
    units++;
  }
  return units;
}

/** The raw offset in the JSON text of a decoded offset inside a string node. */
export function rawOffsetAt(text: string, node: { span: Span }, decodedOffset: number): number {
  let i = node.span.start + 1;
  for (let units = 0; units < decodedOffset && i < node.span.end - 1; units++) {
    i += text.charCodeAt(i) === 0x5c ? (text[i + 1] === 'u' ? 6 : 2) : 1;
  }
  return i;
}

/** A string as it is written inside JSON double quotes. */
export function encodeJsonStringContent(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

class Reader {
  at = 0;

  constructor(private readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    while (this.at < t.length) {
      const c = t.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
        break;
      }
      this.at++;
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) {
      throw new Error('too deep');
    }
    this.skipSpace();
    const start = this.at;
    const c = this.text[start];
    if (c === '{') {
      return this.object(depth);
    }
    if (c === '[') {
      return this.array(depth);
    }
    if (c === '"') {
      this.string();
      return { type: 'string', span: { start, end: this.at } };
    }
    const match = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(start, start + 64));
    if (!match) {
      throw new Error('unexpected character');
    }
    this.at += match[0].length;
    return { type: 'other', span: { start, end: this.at } };
  }

  private object(depth: number): JsonNode {
    const start = this.at++;
    const members: JsonMember[] = [];
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at++;
      return { type: 'object', span: { start, end: this.at }, members };
    }
    for (;;) {
      this.skipSpace();
      const keyStart = this.at;
      if (this.text[keyStart] !== '"') {
        throw new Error('expected a key');
      }
      this.string();
      const key = JSON.parse(this.text.slice(keyStart, this.at)) as string;
      this.skipSpace();
      this.expect(':');
      members.push({ key, value: this.value(depth + 1) });
      this.skipSpace();
      if (this.text[this.at] === ',') {
        this.at++;
        continue;
      }
      this.expect('}');
      return { type: 'object', span: { start, end: this.at }, members };
    }
  }

  private array(depth: number): JsonNode {
    const start = this.at++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at++;
      return { type: 'array', span: { start, end: this.at }, items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipSpace();
      if (this.text[this.at] === ',') {
        this.at++;
        continue;
      }
      this.expect(']');
      return { type: 'array', span: { start, end: this.at }, items };
    }
  }

  private string(): void {
    const t = this.text;
    let i = this.at + 1;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        this.at = i + 1;
        return;
      }
      if (c === 0x5c) {
        i += t[i + 1] === 'u' ? 6 : 2;
        continue;
      }
      if (c < 0x20) {
        throw new Error('control character in a string');
      }
      i++;
    }
    throw new Error('unterminated string');
  }

  private expect(c: string): void {
    if (this.text[this.at] !== c) {
      throw new Error(`expected ${c}`);
    }
    this.at++;
  }
}
