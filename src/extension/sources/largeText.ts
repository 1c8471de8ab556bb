import { LineIndex, Position } from '../../core/dotenv/lineIndex';
import { SUPPRESSION_PREFIX } from '../../core/lint';
import { isKeyCharCode } from '../../core/sources/keyTokens';
import { MAX_FINDINGS_PER_FILE, SourceFinding, SourceScanOptions, SourceScanResult, scanSourceText } from '../../core/sources/scan';
import type { TimeSlicer } from './timeSlices';

/**
 * Above this many characters a text is scanned as plain text (key tokens only, no lexer telling a string from a
 * comment) and in chunks, with the event loop given back between chunks: the diagnostics stay exact, their
 * messages generic; the exact idiom and the quick fixes come when the file is open (the code action scans the
 * document in full, on demand). On a loaded 2-core machine the lexers take 40-80 ms per MB.
 */
export const LEXED_MAX_CHARS = 256 * 1024;

/** One chunk of a large text: about one slice of work. */
export const CHUNK_CHARS = 64 * 1024;

/** Whether a text is scanned as plain text, in chunks (see LEXED_MAX_CHARS). */
export function scannedAsPlainText(text: string): boolean {
  return text.length > LEXED_MAX_CHARS;
}

interface Chunk {
  start: number;
  /** The line and column (in the whole text) of the chunk's first character. */
  line: number;
  character: number;
  lines: LineIndex;
}

/** Positions in the whole text, from each chunk's own line index (no pass over the text just for lines). */
class ChunkedLineIndex extends LineIndex {
  constructor(private readonly chunks: readonly Chunk[]) {
    super('');
  }

  override positionAt(offset: number): Position {
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.chunks[mid].start <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    const chunk = this.chunks[low];
    const inner = chunk.lines.positionAt(offset - chunk.start);
    return inner.line === 0 ? { line: chunk.line, character: chunk.character + inner.character } : { line: chunk.line + inner.line, character: inner.character };
  }
}

/**
 * Where the chunk that starts at `start` ends: after a line break near the size, else at a character that no key
 * holds (a key token is a run of key characters: it is never cut), never between `\r` and `\n`.
 */
function chunkEnd(text: string, start: number): number {
  let end = start + CHUNK_CHARS;
  if (end >= text.length) {
    return text.length;
  }
  const newline = text.indexOf('\n', end);
  if (newline >= 0 && newline - end < 4096) {
    return newline + 1;
  }
  while (end < text.length && (isKeyCharCode(text.charCodeAt(end)) || text.charCodeAt(end - 1) === 0x0d)) {
    end++;
  }
  return end;
}

/**
 * The scan of a text, in slices: a small text in one go (with its language's lexer), a large one as plain text
 * chunk by chunk with `slicer.checkpoint()` between chunks. A large text with suppression comments is scanned
 * whole (a comment may silence a line of the next chunk).
 */
export async function scanTextInSlices(text: string, options: SourceScanOptions, slicer: TimeSlicer): Promise<SourceScanResult> {
  if (!scannedAsPlainText(text) || text.includes(SUPPRESSION_PREFIX)) {
    return scanSourceText(text, scannedAsPlainText(text) ? { ...options, language: 'text' } : options);
  }
  const findings: SourceFinding[] = [];
  const chunks: Chunk[] = [];
  let line = 0;
  let character = 0;
  for (let start = 0; start < text.length && findings.length < MAX_FINDINGS_PER_FILE; ) {
    const end = chunkEnd(text, start);
    const result = scanSourceText(text.slice(start, end), { ...options, language: 'text' });
    chunks.push({ start, line, character, lines: result.lines });
    for (const finding of result.findings) {
      findings.push({ ...finding, span: { start: finding.span.start + start, end: finding.span.end + start } });
    }
    const last = result.lines.positionAt(end - start);
    line += last.line;
    character = last.line === 0 ? character + last.character : last.character;
    start = end;
    await slicer.checkpoint();
  }
  return { findings: findings.slice(0, MAX_FINDINGS_PER_FILE), lines: new ChunkedLineIndex(chunks) };
}
