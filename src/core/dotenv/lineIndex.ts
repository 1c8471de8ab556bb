/** Offset <-> (line, column) for a text, with lines split as editors split them (\n, \r\n, \r). */
export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units, as VS Code counts. */
  character: number;
}

export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** Built on first use: most lines of a big file never need a position. */
  private get lineStarts(): number[] {
    if (!this.starts) {
      this.starts = computeLineStarts(this.text);
    }
    return this.starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.lineStarts.length - 1));
    return Math.min(this.lineStarts[line] + position.character, this.lineEnd(line));
  }

  lineStart(line: number): number {
    return this.lineStarts[line];
  }

  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) {
      return this.text.length;
    }
    const next = this.lineStarts[line + 1];
    if (this.text.charCodeAt(next - 1) === 0x0a && this.text.charCodeAt(next - 2) === 0x0d) {
      return next - 2;
    }
    return next - 1;
  }

  /** The line break that ends the line: '\r\n', '\n', '\r' or '' for the last line. */
  lineBreak(line: number): string {
    const end = this.lineEnd(line);
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : end;
    return this.text.slice(end, next);
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      starts.push(i + 1);
    }
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      starts.push(i + 1);
    } else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) {
        i++;
      }
      starts.push(i + 1);
    }
  }
  return starts;
}
