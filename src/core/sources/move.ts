import * as l10n from '@vscode/l10n';
import type { Span } from '../dotenv/parse';
import { applyEdits } from '../fix';
import type { TextEdit } from '../findings';
import { redact } from '../redact';
import { GuidanceReason, referenceFor } from './idiom';
import type { LiteralContext, StringLiteral } from './literals';
import { cellEditsToNotebookEdits, cellText, codeBefore, readNotebook } from './notebook';
import { importOsEdit, importsOs } from './pythonImports';
import type { SourceFinding } from './scan';

/**
 * How to move a hard-coded key out of a file:
 * - `replace`: `edits` turn the text into one that reads `variable` where the key was (`reference` is the
 *   idiom, e.g. `process.env.OPENAI_API_KEY`); the key goes to `.env` (`destination: 'dotenv'`) or, for a
 *   GitHub workflow, to the repository's secrets (`'github-secret'`). For a notebook, `edits` apply to the
 *   .ipynb text and `cellEdits` to the cell's document (what VS Code edits).
 * - `guidance`: no edit is safe; `message` says what to do by hand.
 * Titles, notes and messages never contain the key.
 */
export type MovePlan =
  | {
      kind: 'replace';
      variable: string;
      destination: 'dotenv' | 'github-secret';
      reference: string;
      title: string;
      edits: TextEdit[];
      cellEdits?: { cellIndex: number; edits: TextEdit[] };
      /** What else the user must know: load .env at start-up, rotate a committed key… */
      notes: string[];
    }
  | { kind: 'guidance'; variable: string; reason: GuidanceReason; message: string };

export interface MoveOptions {
  /** The variable that receives the key (default: the finding's, OPENAI_API_KEY or OPENAI_ADMIN_KEY). */
  variable?: string;
  /** Python: `os` is already imported elsewhere (an earlier notebook cell seen as its own document). */
  osImported?: boolean;
}

/** The key a finding is about: it is read from the text, never stored in the finding. */
export function keyOf(text: string, finding: Pick<SourceFinding, 'span'>): string {
  return text.slice(finding.span.start, finding.span.end);
}

/** The move plan for one finding of `scanSourceText(text, …)`. Pure: the caller applies the edits. */
export function planMove(text: string, finding: SourceFinding, options: MoveOptions = {}): MovePlan {
  const h = finding.hardcoded;
  const variable = options.variable ?? h.variable;
  const key = keyOf(text, finding);
  if (h.idiom.kind === 'guidance') {
    return guidance(variable, h.idiom.reason, key);
  }
  if (h.language === 'notebook') {
    return planNotebookMove(text, finding, variable, key, options);
  }
  const replacement = replacementFor(text, finding.span, h.context, h.language, variable, h.jsx, h.idiom.kind === 'comment');
  if (!replacement) {
    return guidance(variable, 'unknown-context', key);
  }
  const edits = [replacement];
  if (replacement.newText.includes('os.environ') && !options.osImported && !importsOs(text)) {
    edits.unshift(importOsEdit(text));
  }
  return finish(variable, h.language, edits, key, text, finding);
}

function planNotebookMove(text: string, finding: SourceFinding, variable: string, key: string, options: MoveOptions): MovePlan {
  const layout = readNotebook(text);
  const location = finding.hardcoded.cell;
  if (!layout || !location?.span) {
    return guidance(variable, 'unknown-context', key);
  }
  const cell = layout.cells[location.cellIndex];
  const source = cellText(text, cell);
  const replacement = replacementFor(source, location.span, finding.hardcoded.context, 'python', variable, false, finding.hardcoded.context.kind === 'comment');
  if (!replacement) {
    return guidance(variable, 'unknown-context', key);
  }
  const cellEdits = [replacement];
  const imported = options.osImported || importsOs(source) || importsOs(codeBefore(text, layout, cell.index));
  if (replacement.newText.includes('os.environ') && !imported) {
    cellEdits.unshift(importOsEdit(source));
  }
  const plan = finish(variable, 'notebook', cellEditsToNotebookEdits(text, cell, cellEdits), key, text, finding);
  return plan.kind === 'replace' ? { ...plan, cellEdits: { cellIndex: cell.index, edits: cellEdits } } : plan;
}

function finish(variable: string, language: SourceFinding['hardcoded']['language'], edits: TextEdit[], key: string, source: string, finding: SourceFinding): MovePlan {
  const reference = referenceFor(language, variable) ?? variable;
  const comment = finding.hardcoded.context.kind === 'comment';
  const destination = language === 'workflow' ? 'github-secret' : 'dotenv';
  const notes: string[] = [];
  if (destination === 'github-secret') {
    notes.push(l10n.t('Add the key as a repository secret named {0} (Settings > Secrets and variables > Actions, or gh secret set {0}, which prompts for it).', variable));
  } else if (!comment) {
    const loadNote = dotenvLoadNote(language, source);
    if (loadNote) {
      notes.push(loadNote);
    }
  }
  if (finding.hardcoded.git?.tracked) {
    notes.push(l10n.t('Git history still holds the key: rotate it at https://platform.openai.com/api-keys.'));
  }
  const title =
    destination === 'github-secret'
      ? l10n.t('Use {0} instead of the key', reference)
      : comment
        ? l10n.t('Move the key to .env ({0})', variable)
        : l10n.t('Move the key to .env and use {0}', reference);
  return {
    kind: 'replace',
    variable,
    destination,
    reference,
    title: redact(title, [key]),
    edits,
    notes: notes.map((n) => redact(n, [key])),
  };
}

/** Code that reads the variable works only if something puts `.env` into the environment. */
function dotenvLoadNote(language: SourceFinding['hardcoded']['language'], source: string): string | undefined {
  switch (language) {
    case 'javascript':
      return /dotenv|--env-file|loadEnvFile|loadEnv\(/.test(source) ? undefined : l10n.t("Load .env at start-up: import 'dotenv/config', or run node --env-file=.env.");
    case 'python':
    case 'notebook':
      return /dotenv/.test(source) ? undefined : l10n.t('Load .env at start-up: from dotenv import load_dotenv; load_dotenv() (python-dotenv).');
    case 'shell':
      return l10n.t('Run the script with .env loaded: set -a; . ./.env; set +a.');
    case 'compose':
      return l10n.t('docker compose reads the .env next to the compose file by itself.');
    default:
      return undefined;
  }
}

function guidance(variable: string, reason: GuidanceReason, key: string): MovePlan {
  let message: string;
  switch (reason) {
    case 'dockerfile':
      message = l10n.t('Remove the key from the Dockerfile (image layers keep it) and pass it at run time with docker run --env-file .env, or as a build secret (RUN --mount=type=secret).');
      break;
    case 'notebook-output':
      message = l10n.t('Clear this cell output (it printed the key), and make the code read {0} from the environment.', variable);
      break;
    case 'no-environment':
      message = l10n.t('This format cannot read environment variables: move the key to .env and have the code that loads this file read {0} from the environment.', variable);
      break;
    default:
      message = l10n.t('Replace the key with a read of {0} from the environment, and put the key in .env.', variable);
  }
  return { kind: 'guidance', variable, reason, message: redact(message, [key]) };
}

/** The one edit that takes the key out of `text`, or undefined when no edit is certainly right. */
function replacementFor(
  text: string,
  key: Span,
  context: LiteralContext,
  language: SourceFinding['hardcoded']['language'],
  variable: string,
  jsx: boolean,
  inComment: boolean,
): TextEdit | undefined {
  if (inComment) {
    return { ...key, newText: variable };
  }
  switch (language) {
    case 'javascript':
      return context.kind === 'string' ? javascriptReplacement(text, key, context.literal, variable, jsx) : undefined;
    case 'python':
    case 'notebook':
      return context.kind === 'string' ? pythonReplacement(text, key, context.literal, variable) : undefined;
    case 'shell':
      return shellReplacement(key, context, variable);
    case 'compose':
      return { ...key, newText: `\${${variable}}` };
    case 'workflow':
      return { ...key, newText: `\${{ secrets.${variable} }}` };
    default:
      return undefined;
  }
}

function javascriptReplacement(text: string, key: Span, literal: StringLiteral, variable: string, jsx: boolean): TextEdit {
  const expression = `process.env.${variable}`;
  const before = text.slice(literal.content.start, key.start);
  const after = text.slice(key.end, literal.content.end);
  if (literal.interpolated) {
    return before === '' && after === '' ? { ...literal.span, newText: expression } : { ...key, newText: `\${${expression}}` };
  }
  const q = literal.quote;
  const parts = [before === '' ? '' : `${q}${before}${q} + `, expression, after === '' ? '' : ` + ${q}${after}${q}`].join('');
  if (jsx && isJsxAttributeValue(text, literal.span.start)) {
    return { ...literal.span, newText: `{${parts}}` };
  }
  if (before === '' && after === '') {
    return { ...literal.span, newText: isObjectKey(text, literal.span) ? `[${expression}]` : expression };
  }
  return { ...literal.span, newText: `(${parts})` };
}

/** `<Chat apiKey="…"`: an attribute in a JSX tag, whose value must become `{expression}`. */
function isJsxAttributeValue(text: string, quoteAt: number): boolean {
  const before = text.slice(Math.max(0, quoteAt - 500), quoteAt);
  return /<[A-Za-z][\w.:-]*(?:\s+[^<>{}]*)?\s[\w:-]+=$/.test(before);
}

/** `{ "sk-…": 1 }`: an object literal key, which becomes a computed key. */
function isObjectKey(text: string, span: Span): boolean {
  const previous = /[^\s]\s*$/.exec(text.slice(Math.max(0, span.start - 200), span.start))?.[0][0];
  const next = /^\s*([^\s])/.exec(text.slice(span.end, span.end + 200))?.[1];
  return next === ':' && (previous === '{' || previous === ',');
}

function pythonReplacement(text: string, key: Span, literal: StringLiteral, variable: string): TextEdit | undefined {
  if (isImplicitlyConcatenated(text, literal.span)) {
    return undefined; // "a" "sk-…": neither side can become an expression without rewriting the other
  }
  const bytes = literal.prefix.includes('b');
  const expression = `os.environ["${variable}"]${bytes ? '.encode()' : ''}`;
  const before = text.slice(literal.content.start, key.start);
  const after = text.slice(key.end, literal.content.end);
  if (before === '' && after === '') {
    return { ...literal.span, newText: expression };
  }
  if (bytes) {
    return undefined;
  }
  if (literal.interpolated) {
    const inner = literal.quote.includes('"') ? `os.environ['${variable}']` : `os.environ["${variable}"]`;
    return { ...key, newText: `{${inner}}` };
  }
  const open = `${literal.prefix}${literal.quote}`;
  const parts = [before === '' ? '' : `${open}${before}${literal.quote} + `, expression, after === '' ? '' : ` + ${open}${after}${literal.quote}`];
  return { ...literal.span, newText: `(${parts.join('')})` };
}

/** Python joins adjacent string literals: `"Bearer " "sk-…"`. */
function isImplicitlyConcatenated(text: string, span: Span): boolean {
  const previous = /(["'])\s*$/.test(text.slice(Math.max(0, span.start - 200), span.start));
  const next = /^\s*(?:[rRbBuUfF]{0,2})["']/.test(text.slice(span.end, span.end + 200));
  return previous || next;
}

function shellReplacement(key: Span, context: LiteralContext, variable: string): TextEdit | undefined {
  switch (context.kind) {
    case 'code':
      return { ...key, newText: `"$${variable}"` };
    case 'heredoc':
      return context.expands ? { ...key, newText: `\${${variable}}` } : undefined;
    case 'string': {
      const literal = context.literal;
      const whole = literal.content.start === key.start && literal.content.end === key.end;
      if (whole) {
        return { ...literal.span, newText: `"$${variable}"` };
      }
      if (literal.quote === '"') {
        return { ...key, newText: `\${${variable}}` };
      }
      // 'Bearer sk-…' -> 'Bearer '"$VAR": close the single quotes around the expansion, without empty '' pieces.
      const start = key.start === literal.content.start ? literal.span.start : key.start;
      const end = key.end === literal.content.end ? literal.span.end : key.end;
      const open = start === literal.span.start ? '' : "'";
      const close = end === literal.span.end ? '' : "'";
      return { start, end, newText: `${open}"$${variable}"${close}` };
    }
    default:
      return undefined;
  }
}

/** The text after a plan's edits (for tests and previews). */
export function applyMove(text: string, plan: MovePlan): string {
  return plan.kind === 'replace' ? applyEdits(text, plan.edits) : text;
}
