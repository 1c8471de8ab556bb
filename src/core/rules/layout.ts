import * as l10n from '@vscode/l10n';
import { nameLengthOf, type EnvEntry, type Span } from '../dotenv/parse';
import { INVISIBLE_PATTERN, describeCodePoint } from '../keys/characters';
import { hasOnlyKeyCharacters, looksLikeOpenAiKey } from '../keys/keyShape';
import { CANONICAL_KEY_NAME, mayBeKeyNameLength, roleOf, suggestKeyName } from '../keys/variables';
import { isHarmlessToQuote } from '../redact';
import type { LintContext } from './context';
import { KEY_ROLES, RuleFamily } from './ruleFamily';
import { swallowedNames } from './swallowed';
import type { RuleDeclarations } from './ruleInfo';

/** Rules about how a line is written: spacing, invisible characters, names, lines dotenv skips, quotes. */
export const LAYOUT_RULES = {
  'space-around-separator': { severity: 'warning', summary: () => l10n.t('White space around `=` breaks docker --env-file and shells.') },
  'trailing-whitespace': { severity: 'warning', summary: () => l10n.t('White space after an unquoted value is kept by docker, shells and platform editors.') },
  'invisible-character': { severity: 'error', summary: () => l10n.t('Zero-width, bidi, BOM or control character.') },
  'key-name': { severity: 'error', summary: () => l10n.t('A lowercase or misspelled OPENAI_API_KEY.') },
  'ignored-line': { severity: 'error', summary: () => l10n.t('A line dotenv silently ignores.') },
  'unterminated-quote': { severity: 'error', summary: () => l10n.t('An opening quote without its closing quote.') },
} satisfies RuleDeclarations;

declare module './ruleInfo' {
  interface RuleFamilies {
    layout: typeof LAYOUT_RULES;
  }
}

/** White space outside the value: around the separator and after an unquoted value. */
export function checkSeparatorSpacing(ctx: LintContext, entry: EnvEntry): void {
  const text = ctx.text;
  const separatorSpan = entry.separatorSpan;
  const valueSpan = entry.valueSpan;
  const quote = entry.quote;
  const hasValue = valueSpan.end > valueSpan.start;
  // Spans are built only for runs that are there: every key variable of a big file passes here.
  const before = nonEmptySpaceRun(text, entry.nameSpan.end, separatorSpan.start);
  const after = entry.separator === '=' && hasValue ? nonEmptySpaceRun(text, separatorSpan.end, quote ? quote.open : valueSpan.start) : undefined;
  if (before || after) {
    const runs = before && after ? [before, after] : [(before ?? after)!];
    const where = runs.length === 2 ? l10n.t('before and after') : runs[0] === before ? l10n.t('before') : l10n.t('after');
    ctx.report(
      'space-around-separator',
      { start: runs[0].start, end: runs[runs.length - 1].end },
      l10n.t('White space around "{0}" breaks docker and shells: write {1}{0}<value>.', entry.separator, entry.name),
      [{ title: l10n.t`Remove the spaces around "${entry.separator}"`, edits: runs.map((r) => ({ ...r, newText: '' })), safe: true, preferred: true }],
      {
        detail: l10n.t`White space ${where} "${entry.separator}": dotenv ignores it, but docker --env-file reads the name as "${entry.name}${before && before.end > before.start ? ' ' : ''}" and the value with a leading space, and "source .env" in a shell runs "${entry.name}" as a command. Write ${entry.name}${entry.separator}<value> with no spaces.`,
      },
    );
  }
  if (!quote && hasValue && !entry.multiline) {
    const trailing = nonEmptySpaceRun(text, valueSpan.end, lineEndAt(text, valueSpan.end));
    if (trailing && !entry.commentSpan) {
      const names = [...new Set([...text.slice(trailing.start, trailing.end)].map((c) => describeCodePoint(c.charCodeAt(0))))];
      ctx.report(
        'trailing-whitespace',
        trailing,
        l10n.t('Trailing white space after {0}, kept by docker and shells: remove it.', entry.name),
        [{ title: l10n.t('Remove the trailing white space'), edits: [{ ...trailing, newText: '' }], safe: true, preferred: true }],
        {
          detail: l10n.t`Trailing white space after ${entry.name} (${names.join(', ')}): dotenv trims it, but docker --env-file, "source .env" and platform variable editors (Railway, Heroku, Vercel) keep it in the key, which then fails with 401. Remove it.`,
        },
      );
    }
  }
}

/** The span from start to end when it is not empty and holds no line break. */
function nonEmptySpaceRun(text: string, start: number, end: number): Span | undefined {
  if (end <= start) {
    return undefined;
  }
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      return undefined;
    }
  }
  return { start, end };
}

function lineEndAt(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) {
    i++;
  }
  return i;
}

/** Zero-width, bidi, BOM and control characters anywhere in the file. */
export function checkInvisibleCharacters(ctx: LintContext): void {
  const text = ctx.text;
  let related: Set<EnvEntry> | undefined;
  let reported = 0;
  const invisible = new RegExp(INVISIBLE_PATTERN.source, 'g');
  for (let match = invisible.exec(text); match; match = invisible.exec(text)) {
    const i = match.index;
    const code = text.charCodeAt(i);
    if (i === 0 && code === 0xfeff) {
      continue; // a leading BOM is the utf8-bom rule's business
    }
    if (++reported > 200) {
      return;
    }
    related ??= new Set(ctx.roled.map((r) => r.entry));
    const entry = ctx.entryAt(i);
    const inRelated = (entry !== undefined && related.has(entry)) || lineMentionsOpenAi(text, i);
    // Only in an OpenAI variable (or a line dotenv skips that names one): elsewhere the character may be
    // meant (an emoji's joiners, a right-to-left mark, a soft hyphen), so it is a warning without a fix.
    const fixable = entry !== undefined ? related.has(entry) : inRelated;
    const part = !entry
      ? l10n.t('on a line dotenv cannot read because of it')
      : i < entry.nameSpan.end
        ? l10n.t`in the name ${entry.name}`
        : l10n.t`in the value of ${entry.name}`;
    const effect =
      !entry || i < entry.nameSpan.end
        ? l10n.t('dotenv does not recognise the variable')
        : l10n.t('the app gets a key with an invisible character in it and the API answers 401');
    ctx.report(
      'invisible-character',
      { start: i, end: i + 1 },
      l10n.t('Invisible {0} {1}: delete it.', describeCodePoint(code), part),
      fixable ? [{ title: l10n.t`Delete the invisible ${describeCodePoint(code)}`, edits: [{ start: i, end: i + 1, newText: '' }], safe: true, preferred: true }] : [],
      { severity: inRelated ? 'error' : 'warning', detail: l10n.t`Invisible ${describeCodePoint(code)} ${part} at line ${ctx.lineNumber(i)}, column ${ctx.columnNumber(i)}: ${effect}. Delete it.` },
    );
  }
}

function lineMentionsOpenAi(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && text.charCodeAt(start - 1) !== 0x0a && text.charCodeAt(start - 1) !== 0x0d) {
    start--;
  }
  const line = text.slice(start, lineEndAt(text, at));
  return /OPENAI|sk-/i.test(line.replace(/[^\x20-\x7e]/g, ''));
}

/** A lowercase or misspelled OPENAI_API_KEY. */
export function checkName(ctx: LintContext, entry: EnvEntry): void {
  // Asked for every entry: most names of a big file are too long or too short to be a misspelling (no name is cut for them).
  if (!mayBeKeyNameLength(nameLengthOf(entry))) {
    return;
  }
  const suggestion = suggestKeyName(entry.name);
  if (!suggestion) {
    return;
  }
  const canonicalDefined = ctx.definitions.has(suggestion);
  ctx.report(
    'key-name',
    entry.nameSpan,
    canonicalDefined
      ? l10n.t('"{0}" looks like a misspelling of {1}, also defined here: remove this line.', entry.name, suggestion)
      : l10n.t('"{0}" is not {1} (names are case-sensitive): rename it to {1}.', entry.name, suggestion),
    [{ title: l10n.t`Rename to ${suggestion}`, edits: [{ ...entry.nameSpan, newText: suggestion }], safe: !canonicalDefined, preferred: true }],
    {
      severity: canonicalDefined ? 'information' : 'error',
      detail: canonicalDefined
        ? l10n.t`"${entry.name}" looks like a misspelling of ${suggestion}, which is also defined here: the openai SDK only reads ${suggestion}. Did you mean ${suggestion}? Otherwise remove this line.`
        : l10n.t`"${entry.name}" is not ${suggestion}: environment variable names are case-sensitive, and the openai SDK reads process.env.${suggestion}, which stays undefined. Did you mean ${suggestion}?`,
    },
  );
}

/** Lines dotenv skips without a word: a key there never reaches the app. */
export function checkIgnoredLines(ctx: LintContext, continuationLines: Set<number>): void {
  for (const span of ctx.parsed.ignoredLines) {
    if (continuationLines.has(span.start)) {
      continue;
    }
    const line = ctx.text.slice(span.start, span.end);
    const openAi = /OPENAI|OPEN_AI|sk-/i.test(line);
    const match = /^([A-Za-z_][\w.-]*)([ \t]*)([:=]?)([ \t]*)(.*)$/.exec(line);
    let reason = l10n.t('it is not NAME=value');
    const fixes = [];
    if (match && match[1] && (match[2] || match[3])) {
      const [, name, spaceBefore, separator, spaceAfter, rest] = match;
      if (separator === ':' && spaceBefore) {
        reason = l10n.t('the space before ":" (dotenv accepts "NAME: value" only with the colon right after the name)');
      } else if (separator === ':' && !spaceAfter) {
        reason = l10n.t('":" must be followed by a space for dotenv');
      } else if (!separator) {
        // The "name" may be a key pasted alone on the line: never quote it then.
        reason = isHarmlessToQuote(name) || roleOf(name) !== undefined ? l10n.t`there is no "=" between ${name} and the value` : l10n.t('there is no "=" between the name and the value');
      }
      if (rest && !looksLikeOpenAiKey(name)) {
        const suggestion = suggestKeyName(name) ?? name;
        fixes.push({
          title: l10n.t`Rewrite as ${suggestion}=<value>`,
          edits: [{ start: span.start, end: span.start + line.length - rest.length, newText: `${suggestion}=` }],
          safe: false,
          preferred: true,
        });
      }
    } else if (/[^\x20-\x7e]/.test(line)) {
      const at = line.search(/[^\x20-\x7e]/);
      reason = l10n.t`of the ${describeCodePoint(line.charCodeAt(at))} at column ${ctx.columnNumber(span.start + at)}, which cannot be part of a variable name`;
    }
    const mentionsKey = !openAi ? '' : /OPENAI_API_KEY/i.test(line) ? l10n.t` The app never gets this ${CANONICAL_KEY_NAME}.` : l10n.t(' The app never gets this value.');
    ctx.report(
      'ignored-line',
      span,
      openAi ? l10n.t('dotenv ignores this line, so the app never gets this value: write NAME=value.') : l10n.t('dotenv ignores this line: write it as NAME=value.'),
      fixes,
      { severity: openAi ? 'error' : 'warning', detail: l10n.t`dotenv ignores this line because ${reason}.${mentionsKey} Write it as NAME=value.` },
    );
  }
}

/**
 * `OPENAI_API_KEY=sk-proj-abc` followed by a line holding only key characters: the key was wrapped when
 * copied. Returns the offsets of the continuation lines so they are not reported twice.
 */
export function checkWrappedKey(ctx: LintContext, entry: EnvEntry, continuation: Set<number>): void {
  if (!entry.value.startsWith('sk-') || entry.multiline || entry.quote) {
    return;
  }
  const next = ctx.ignoredLineAfter(entry.valueSpan.end);
  if (!next || !isNextLine(ctx.text, entry.valueSpan.end, next.start)) {
    return;
  }
  const piece = ctx.text.slice(next.start, next.end).trim();
  if (!hasOnlyKeyCharacters(piece) || piece.length < 4) {
    return;
  }
  continuation.add(next.start);
  const joined = entry.value + piece;
  ctx.report(
    'wrapped-key',
    { start: entry.contentSpan.start, end: next.end },
    l10n.t('{0} continues on the next line, which dotenv does not read: join the two lines.', entry.name),
    [{ title: l10n.t('Join the key onto one line'), edits: [{ start: entry.valueSpan.end, end: next.start + (ctx.text.slice(next.start, next.end).length - ctx.text.slice(next.start, next.end).trimStart().length), newText: '' }], safe: false, preferred: true }],
    {
      detail: looksLikeOpenAiKey(joined)
        ? l10n.t`${entry.name} continues on line ${ctx.lineNumber(next.start)}: dotenv stops at the line break, so the app gets only the first ${entry.value.length} characters and the API answers 401. Join the two lines.`
        : l10n.t`${entry.name} continues on line ${ctx.lineNumber(next.start)}: dotenv stops at the line break, so the app gets only the first ${entry.value.length} characters and the API answers 401. Join the two lines (and check the key is complete).`,
    },
  );
}

function isNextLine(text: string, from: number, to: number): boolean {
  const between = text.slice(from, to);
  return /^[ \t]*(\r\n|\n|\r)[ \t]*$/.test(between);
}

/** A quote that does not close where the user thinks. */
export function checkQuotes(ctx: LintContext, entry: EnvEntry, related: boolean): void {
  const text = ctx.text;
  const valueSpan = entry.valueSpan;
  const first = valueSpan.end > valueSpan.start ? text[valueSpan.start] : undefined;
  if (first !== '"' && first !== "'" && first !== '`') {
    return;
  }
  const trimmed = text.slice(valueSpan.start, valueSpan.end);
  if (!entry.quote) {
    const last = trimmed[trimmed.length - 1];
    const mismatched = trimmed.length > 1 && (last === '"' || last === "'" || last === '`') && last !== first;
    const fix = entry.multiline
      ? []
      : [
          mismatched
            ? { title: l10n.t`Replace the closing ${last} with ${first}`, edits: [{ start: entry.valueSpan.end - 1, end: entry.valueSpan.end, newText: first }], safe: true, preferred: true }
            : { title: l10n.t`Add the closing ${first}`, edits: [{ start: entry.valueSpan.end, end: entry.valueSpan.end, newText: first }], safe: true, preferred: true },
        ];
    ctx.report(
      'unterminated-quote',
      { start: entry.valueSpan.start, end: entry.valueSpan.start + 1 },
      mismatched
        ? l10n.t("The quotes around {0}'s value differ, so dotenv keeps them: use the same quote on both sides.", entry.name)
        : l10n.t("The {0} opening {1}'s value is never closed, so dotenv keeps it: add the closing {0}.", first, entry.name),
      fix,
      {
        severity: related ? 'error' : 'warning',
        detail: l10n.t`The ${first} opening ${entry.name}'s value ${mismatched ? l10n.t`is closed by a different quote (${last})` : l10n.t('is never closed')}: dotenv then keeps the quote characters in the value, so the app gets ${first}… instead of the key. ${mismatched ? l10n.t('Use the same quote on both sides.') : l10n.t`Add the closing ${first}.`}`,
      },
    );
    return;
  }
  if (!entry.multiline) {
    return;
  }
  const swallowed = swallowedNames(entry.value);
  if (swallowed.length === 0) {
    return;
  }
  const closeLine = ctx.lineNumber(entry.quote.close);
  const involvesOpenAi = related || swallowed.some((n) => /OPENAI/.test(n));
  ctx.report(
    'unterminated-quote',
    { start: entry.quote.open, end: entry.quote.open + 1 },
    swallowed.length === 1
      ? l10n.t("{0}'s quote closes only on line {1}, so {2} is never defined: close it on this line.", entry.name, closeLine, swallowed[0])
      : l10n.t("{0}'s quote closes only on line {1}, so {2} variables are never defined: close it on this line.", entry.name, closeLine, swallowed.length),
    [],
    {
      severity: involvesOpenAi ? 'error' : 'warning',
      detail:
        swallowed.length === 1
          ? l10n.t`The ${entry.quote.char} opening ${entry.name}'s value only closes on line ${closeLine}: everything in between becomes ${entry.name}'s value, so ${swallowed[0]} is never defined. Close the quote on line ${ctx.lineNumber(entry.quote.open)}.`
          : l10n.t`The ${entry.quote.char} opening ${entry.name}'s value only closes on line ${closeLine}: everything in between becomes ${entry.name}'s value, so ${swallowed.slice(0, 5).join(', ')} are never defined. Close the quote on line ${ctx.lineNumber(entry.quote.open)}.`,
    },
  );
}

export const LAYOUT_FAMILY: RuleFamily = {
  rules: LAYOUT_RULES,
  checks: [
    { on: 'used-variable', run: (ctx, { entry }) => checkSeparatorSpacing(ctx, entry) },
    { on: 'used-variable', run: (ctx, { entry }) => checkQuotes(ctx, entry, true) },
    { on: 'used-variable', roles: KEY_ROLES, run: (ctx, { entry }) => checkWrappedKey(ctx, entry, ctx.continuationLines) },
    // A value the app never gets matters only when its quote swallows the lines after it.
    { on: 'unused-variable', run: (ctx, { entry }) => entry.multiline && checkQuotes(ctx, entry, true) },
    { on: 'any-variable', run: checkName },
    // Multi-line values are rare: asked first, so the 200,000 names of a big file are not cut and hashed for nothing.
    { on: 'any-variable', run: (ctx, entry) => entry.multiline && !ctx.openAiNames.has(entry.name) && checkQuotes(ctx, entry, false) },
    { on: 'file-end', run: (ctx) => checkIgnoredLines(ctx, ctx.continuationLines) },
    { on: 'file-end', run: checkInvisibleCharacters },
  ],
};
