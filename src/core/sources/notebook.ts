import type { Span } from '../dotenv/parse';
import type { TextEdit } from '../findings';
import {
  JsonNode,
  decodeJsonString,
  decodedLengthBefore,
  encodeJsonStringContent,
  memberOf,
  parseJsonWithPositions,
  rawOffsetAt,
} from './jsonPositions';

/** One cell of a Jupyter notebook (nbformat 4), with where its parts are in the .ipynb text. */
export interface NotebookCell {
  index: number;
  cellType: 'code' | 'markdown' | 'raw';
  span: Span;
  /** The JSON strings whose concatenation is the cell's text (one string, or one per line). */
  source: Array<{ span: Span }>;
  outputs: Span[];
}

export interface NotebookLayout {
  cells: NotebookCell[];
}

/** Where a key in the .ipynb text is for VS Code, which shows each cell as a document of its own. */
export interface CellLocation {
  cellIndex: number;
  cellType: NotebookCell['cellType'];
  part: 'source' | 'output';
  /** For `part: 'output'`: which output of the cell. */
  outputIndex?: number;
  /** For `part: 'source'`: the key's offsets in the cell's text. */
  span?: Span;
}

/** The cells of an .ipynb text; undefined when it is not a valid nbformat 4 notebook. */
export function readNotebook(text: string): NotebookLayout | undefined {
  const root = parseJsonWithPositions(text);
  const cells = memberOf(root, 'cells');
  if (cells?.type !== 'array') {
    return undefined;
  }
  const layout: NotebookLayout = { cells: [] };
  cells.items.forEach((cell, index) => {
    const type = memberOf(cell, 'cell_type');
    const source = memberOf(cell, 'source');
    const outputs = memberOf(cell, 'outputs');
    const cellType = type?.type === 'string' ? decodeJsonString(text, type) : 'raw';
    layout.cells.push({
      index,
      cellType: cellType === 'code' || cellType === 'markdown' ? cellType : 'raw',
      span: cell.span,
      source: stringsOf(source),
      outputs: outputs?.type === 'array' ? outputs.items.map((o) => o.span) : [],
    });
  });
  return layout;
}

function stringsOf(node: JsonNode | undefined): Array<{ span: Span }> {
  if (node?.type === 'string') {
    return [node];
  }
  if (node?.type === 'array') {
    return node.items.filter((item) => item.type === 'string');
  }
  return [];
}

/** The text VS Code shows for the cell: its source strings joined. */
export function cellText(text: string, cell: NotebookCell): string {
  return cell.source.map((s) => decodeJsonString(text, s)).join('');
}

/**
 * Where spans of the .ipynb text (keys: no escapes inside) are in the notebook, if in a cell. Spans come in
 * text order: each source string is decoded once, whatever the number of keys in it.
 */
export function createNotebookLocator(text: string, layout: NotebookLayout): (span: Span) => CellLocation | undefined {
  const decodedLengths = new Map<NotebookCell, number[]>();
  let cursor = { piece: undefined as { span: Span } | undefined, raw: 0, units: 0 };
  const lengthsOf = (cell: NotebookCell) => {
    let lengths = decodedLengths.get(cell);
    if (!lengths) {
      lengths = cell.source.map((s) => decodedLengthBefore(text, s, s.span.end - 1));
      decodedLengths.set(cell, lengths);
    }
    return lengths;
  };
  const unitsBefore = (piece: { span: Span }, rawOffset: number) => {
    if (cursor.piece !== piece || cursor.raw > rawOffset) {
      cursor = { piece, raw: piece.span.start + 1, units: 0 };
    }
    let { raw, units } = cursor;
    while (raw < rawOffset) {
      raw += text.charCodeAt(raw) === 0x5c ? (text[raw + 1] === 'u' ? 6 : 2) : 1;
      units++;
    }
    cursor = { piece, raw, units };
    return units;
  };
  return (span) => {
    const cell = containing(layout.cells, span.start);
    if (!cell) {
      return undefined;
    }
    const outputIndex = cell.outputs.findIndex((o) => o.start <= span.start && span.start < o.end);
    if (outputIndex >= 0) {
      return { cellIndex: cell.index, cellType: cell.cellType, part: 'output', outputIndex };
    }
    const lengths = lengthsOf(cell);
    let before = 0;
    for (let k = 0; k < cell.source.length; k++) {
      const piece = cell.source[k];
      if (piece.span.start < span.start && span.end < piece.span.end) {
        const start = before + unitsBefore(piece, span.start);
        return { cellIndex: cell.index, cellType: cell.cellType, part: 'source', span: { start, end: start + (span.end - span.start) } };
      }
      before += lengths[k];
    }
    return undefined;
  };
}

function containing(cells: NotebookCell[], offset: number): NotebookCell | undefined {
  let low = 0;
  let high = cells.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (offset < cells[mid].span.start) {
      high = mid - 1;
    } else if (offset >= cells[mid].span.end) {
      low = mid + 1;
    } else {
      return cells[mid];
    }
  }
  return undefined;
}

/**
 * The .ipynb edits that make the same change as edits to the cell's text. An insertion at the boundary of
 * two source strings goes at the start of the second; an edit across strings merges them (still the same
 * cell text).
 */
export function cellEditsToNotebookEdits(text: string, cell: NotebookCell, edits: readonly TextEdit[]): TextEdit[] {
  const lengths = cell.source.map((s) => decodedLengthBefore(text, s, s.span.end - 1));
  const toRaw = (offset: number, isEnd: boolean): number => {
    let before = 0;
    for (let k = 0; k < cell.source.length; k++) {
      const inside = isEnd ? offset <= before + lengths[k] : offset < before + lengths[k];
      if (inside || k === cell.source.length - 1) {
        return rawOffsetAt(text, cell.source[k], offset - before);
      }
      before += lengths[k];
    }
    return cell.span.start;
  };
  return edits.map((e) => {
    const start = toRaw(e.start, false);
    const end = e.end === e.start ? start : toRaw(e.end, true);
    return { start, end, newText: encodeJsonStringContent(e.newText) };
  });
}

/** Code cells before the given one, joined: what a kernel run in order has already imported. */
export function codeBefore(text: string, layout: NotebookLayout, cellIndex: number): string {
  return layout.cells
    .filter((c) => c.index < cellIndex && c.cellType === 'code')
    .map((c) => cellText(text, c))
    .join('\n');
}
