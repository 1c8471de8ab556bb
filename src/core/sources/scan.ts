import type { Span } from '../dotenv/parse';
import { LineIndex } from '../dotenv/lineIndex';
import type { Finding, Severity } from '../findings';
import type { KeyType } from '../keys/keyShape';
import { maskKey } from '../keys/mask';
import { SUPPRESSION_PREFIX } from '../lint';
import { redact } from '../redact';
import { RULES, RuleId, isRuleId } from '../rules/catalog';
import { Idiom, idiomFor, variableFor } from './idiom';
import { KeyToken, scanKeyTokens, textMayHoldKey } from './keyTokens';
import { SourceLanguage, mayContainJsx, sourceLanguageOf } from './language';
import { LiteralContext, Region, contextAt, regionsOf } from './literals';
import { lexPython } from './lexPython';
import { GitFacts, hardcodedKeyMessage } from './messages';
import { CellLocation, NotebookLayout, cellText, createNotebookLocator, readNotebook } from './notebook';

export const HARDCODED_KEY_RULE = 'hardcoded-key' satisfies RuleId;

/** A hostile file full of keys gives this many findings, not one per key. */
export const MAX_FINDINGS_PER_FILE = 100;

/** What the move plan needs to know about a hard-coded key (never the key itself: it stays in the text). */
export interface HardcodedKey {
  keyType: KeyType;
  /** The file's language (a notebook stays `notebook`: its code cells are Python). */
  language: SourceLanguage;
  /** What surrounds the key. For a notebook, offsets into the cell's text. */
  context: LiteralContext;
  idiom: Idiom;
  /** The variable the key moves to: OPENAI_API_KEY, or OPENAI_ADMIN_KEY for an Admin key. */
  variable: string;
  /** The file may hold JSX, where an attribute needs `{…}` around an expression. */
  jsx: boolean;
  /** For a notebook: the cell (and its text offsets) or output that holds the key. */
  cell?: CellLocation;
  git?: GitFacts;
}

/** A `hardcoded-key` finding: `span` is the key's exact place in the scanned text. */
export interface SourceFinding extends Finding {
  hardcoded: HardcodedKey;
}

export interface SourceScanOptions {
  /** The file's path, `/`-separated, relative to the workspace folder or the scanned root: it picks the language. */
  path: string;
  /** VS Code's language id of the document, for files whose name says nothing. */
  languageId?: string;
  /** Forces the language (a notebook cell's document is `python`). */
  language?: SourceLanguage;
  git?: GitFacts;
  /** The `hardcoded-key` entry of the rules setting. */
  severity?: Severity | 'off';
}

export interface SourceScanResult {
  findings: SourceFinding[];
  /** Positions in the scanned text (the .ipynb JSON for a notebook). */
  lines: LineIndex;
  /** For a notebook that could be read: its cells. */
  notebook?: NotebookLayout;
}

/**
 * Every hard-coded OpenAI key in a source or config file. Files without `sk-` cost one substring search;
 * the rest one linear pass for key tokens, and a lexer pass (strings, comments) only when a key is found.
 */
export function scanSourceText(text: string, options: SourceScanOptions): SourceScanResult {
  const lines = new LineIndex(text);
  if (options.severity === 'off' || !textMayHoldKey(text)) {
    return { findings: [], lines };
  }
  const suppressed = readSourceSuppressions(text, lines);
  // Suppressed keys do not count toward the cap: then every key is looked at.
  const found = scanKeyTokens(text, suppressed ? Infinity : MAX_FINDINGS_PER_FILE).keys;
  const tokens = suppressed ? found.filter((t) => !suppressed(lines.positionAt(t.span.start).line)) : found;
  if (tokens.length === 0) {
    return { findings: [], lines };
  }
  const language = options.language ?? sourceLanguageOf(options.path, { languageId: options.languageId, firstLine: firstLineOf(text) });
  const where = language === 'notebook' ? notebookPlaces(text) : filePlaces(text, language);
  const findings = tokens.slice(0, MAX_FINDINGS_PER_FILE).map((token) => {
    const place = where.placeOf(token.span);
    return toFinding(text, token, { ...place, jsx: language === 'javascript' && mayContainJsx(options.path) }, language, options);
  });
  return { findings, lines, notebook: where.notebook };
}

interface Place {
  context: LiteralContext;
  /** The language that decides the idiom: `text` for a notebook's Markdown cell, `json` outside cells. */
  idiomLanguage: SourceLanguage;
  cell?: CellLocation;
}

function filePlaces(text: string, language: SourceLanguage): { placeOf(span: Span): Place; notebook?: NotebookLayout } {
  let regions: Region[] | undefined;
  let lexed = false;
  return {
    placeOf(span) {
      if (!lexed) {
        regions = regionsOf(text, language);
        lexed = true;
      }
      return { context: contextAt(regions, span), idiomLanguage: language };
    },
  };
}

function notebookPlaces(text: string): { placeOf(span: Span): Place; notebook?: NotebookLayout } {
  const notebook = readNotebook(text);
  const locate = notebook ? createNotebookLocator(text, notebook) : undefined;
  const cellRegions = new Map<number, Region[]>();
  return {
    notebook,
    placeOf(span) {
      const cell = locate?.(span);
      if (!notebook || !cell) {
        return { context: { kind: 'unknown' }, idiomLanguage: 'json' };
      }
      if (cell.part === 'output' || !cell.span) {
        return { context: { kind: 'unknown' }, idiomLanguage: 'notebook', cell };
      }
      if (cell.cellType !== 'code') {
        return { context: { kind: 'unknown' }, idiomLanguage: 'text', cell };
      }
      let regions = cellRegions.get(cell.cellIndex);
      if (!regions) {
        regions = lexPython(cellText(text, notebook.cells[cell.cellIndex]));
        cellRegions.set(cell.cellIndex, regions);
      }
      return { context: contextAt(regions, cell.span), idiomLanguage: 'notebook', cell };
    },
  };
}

function toFinding(text: string, token: KeyToken, place: Place & { jsx: boolean }, language: SourceLanguage, options: SourceScanOptions): SourceFinding {
  const key = text.slice(token.span.start, token.span.end);
  const variable = variableFor(token.type);
  const idiom = idiomFor({ language: place.idiomLanguage, context: place.context, variable, inOutput: place.cell?.part === 'output' });
  const severity = options.severity && options.severity !== 'off' ? options.severity : RULES[HARDCODED_KEY_RULE].severity;
  return {
    rule: HARDCODED_KEY_RULE,
    severity,
    span: token.span,
    message: redact(hardcodedKeyMessage(maskKey(key), idiom, options.git), [key]),
    fixes: [],
    hardcoded: {
      keyType: token.type,
      language,
      context: place.context,
      idiom,
      variable,
      jsx: place.jsx,
      cell: place.cell,
      git: options.git,
    },
  };
}

function firstLineOf(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text.slice(0, 200) : text.slice(0, Math.min(end, 200));
}

/**
 * The `.env` suppression comments, in any comment syntax (`//`, `#`, `/* … *\/`, `<!-- … -->`):
 * `openai-key-doctor-disable-next-line [hardcoded-key]` silences the next line,
 * `openai-key-doctor-disable [hardcoded-key]` the whole file. JSON has no comments: use the rules setting.
 */
function readSourceSuppressions(text: string, lines: LineIndex): ((line: number) => boolean) | undefined {
  if (!text.includes(SUPPRESSION_PREFIX)) {
    return undefined;
  }
  const suppressedLines = new Set<number>();
  let fileWide = false;
  const pattern = new RegExp(`${SUPPRESSION_PREFIX}(-next-line)?(?=[^\\w-]|$)([^\\n]*)`, 'g');
  for (const match of text.matchAll(pattern)) {
    const rules = match[2].split(/[\s,]+/).filter((word) => isRuleId(word));
    if (rules.length > 0 && !rules.includes(HARDCODED_KEY_RULE)) {
      continue;
    }
    if (match[1]) {
      suppressedLines.add(lines.positionAt(match.index).line + 1);
    } else {
      fileWide = true;
    }
  }
  return (line) => fileWide || suppressedLines.has(line);
}
