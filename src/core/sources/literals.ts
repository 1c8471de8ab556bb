import type { Span } from '../dotenv/parse';
import type { SourceLanguage } from './language';
import { lexJavaScript } from './lexJavaScript';
import { lexPython } from './lexPython';
import { lexShell } from './lexShell';

/** A string literal as the language reads it. */
export interface StringLiteral {
  /** From the first prefix letter or opening quote to after the closing quote. */
  span: Span;
  /** Between the quotes. */
  content: Span;
  /** `'`, `"`, `` ` ``, `'''` or `"""`. */
  quote: string;
  /** Python string prefix letters (`r`, `b`, `f`, `rb`…), lower-cased; '' elsewhere. */
  prefix: string;
  /** Code can be embedded: a JavaScript template literal or a Python f-string. */
  interpolated: boolean;
  /** False when the file ends (or the line, for one-line strings) before the closing quote. */
  closed: boolean;
}

/** Part of a text that is not plain code. Regions never overlap and come in text order. */
export interface Region {
  /** The characters this region covers (for a template literal, one stretch of text between embedded code). */
  at: Span;
  kind: 'string' | 'comment' | 'heredoc';
  literal?: StringLiteral;
  /** Heredoc whose body the shell expands (`<<EOF`, not `<<'EOF'`). */
  expands?: boolean;
}

/** Where a key sits, as far as replacing it goes. */
export type LiteralContext =
  | { kind: 'string'; literal: StringLiteral }
  | { kind: 'comment' }
  | { kind: 'heredoc'; expands: boolean }
  | { kind: 'code' }
  /** Not lexed (the language has no lexer) or not certain (an unterminated string). */
  | { kind: 'unknown' };

/** The regions of a text in a language we can lex; undefined for the others. */
export function regionsOf(text: string, language: SourceLanguage): Region[] | undefined {
  switch (language) {
    case 'javascript':
      return lexJavaScript(text);
    case 'python':
      return lexPython(text); // a notebook's cells are lexed one by one, never its JSON
    case 'shell':
      return lexShell(text);
    default:
      return undefined;
  }
}

/** What surrounds a key span. */
export function contextAt(regions: readonly Region[] | undefined, span: Span): LiteralContext {
  if (!regions) {
    return { kind: 'unknown' };
  }
  let low = 0;
  let high = regions.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const region = regions[mid];
    if (span.start < region.at.start) {
      high = mid - 1;
    } else if (span.start >= region.at.end) {
      low = mid + 1;
    } else {
      return contextOf(region, span);
    }
  }
  return { kind: 'code' };
}

function contextOf(region: Region, span: Span): LiteralContext {
  if (region.kind === 'comment') {
    return { kind: 'comment' };
  }
  if (region.kind === 'heredoc') {
    return { kind: 'heredoc', expands: region.expands === true };
  }
  const literal = region.literal;
  if (!literal || !literal.closed || span.end > literal.content.end) {
    return { kind: 'unknown' };
  }
  return { kind: 'string', literal };
}
