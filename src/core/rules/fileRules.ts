import * as l10n from '@vscode/l10n';
import type { EnvEntry } from '../dotenv/parse';
import type { Fix, TextEdit } from '../findings';
import { looksLikeLiveKey, looksLikeOpenAiKey } from '../keys/keyShape';
import { maskKey } from '../keys/mask';
import { detectPlaceholder } from '../keys/placeholder';
import { publicPrefixOf } from '../keys/variables';
import type { LintContext } from './context';
import { RuleFamily } from './ruleFamily';
import type { RuleDeclarations } from './ruleInfo';

/** Rules about the file as a whole: its encoding, duplicates, exposure (git, public variables, templates), line endings. */
export const FILE_RULES = {
  'utf16-encoding': { severity: 'error', summary: () => l10n.t('The file is UTF-16: dotenv reads no variable from it.') },
  'nul-bytes': { severity: 'error', summary: () => l10n.t('The file contains NUL bytes.') },
  'utf8-bom': { severity: 'warning', summary: () => l10n.t('A UTF-8 byte order mark can hide the first variable from some loaders.') },
  'duplicate-key': { severity: 'information', summary: () => l10n.t('A variable defined twice: dotenv uses the last definition.') },
  'public-prefix': { severity: 'warning', summary: () => l10n.t('A key in a variable that front-end build tools publish.') },
  'env-not-ignored': { severity: 'warning', summary: () => l10n.t('A .env file holding a key is tracked by git or not ignored.') },
  'key-in-example-file': { severity: 'error', summary: () => l10n.t('A real-looking key in a file meant to be committed.') },
  'crlf-line-endings': { severity: 'information', summary: () => l10n.t('CRLF line endings leave a `\\r` in values read by shells.') },
  'colon-separator': { severity: 'information', summary: () => l10n.t('`KEY: value` works with dotenv only.') },
} satisfies RuleDeclarations;

declare module './ruleInfo' {
  interface RuleFamilies {
    file: typeof FILE_RULES;
  }
}

/** Encoding faults, known only from the bytes. */
export function checkEncoding(ctx: LintContext): void {
  const decoded = ctx.options.decoded;
  if (!decoded) {
    return;
  }
  if (decoded.encoding === 'utf8' && decoded.nulBytes === 0 && !decoded.bom) {
    return; // nothing to say (and no line index to build for a big file)
  }
  const firstLine = { start: 0, end: ctx.lines.lineEnd(0) };
  if (decoded.encoding === 'utf16le' || decoded.encoding === 'utf16be') {
    const label = decoded.encoding === 'utf16le' ? 'UTF-16 LE' : 'UTF-16 BE';
    if (decoded.mixed) {
      const names = decoded.mixed.dotenvNames;
      const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
      ctx.report(
        'utf16-encoding',
        firstLine,
        names.length > 0
          ? l10n.t`Part of this ${label} file is UTF-8 (appended with ">>"): dotenv gets only ${shown} from it and no re-save is safe; re-create the file as UTF-8.`
          : l10n.t`Part of this ${label} file is UTF-8 (appended with ">>"): dotenv gets no variable from it and no re-save is safe; re-create the file as UTF-8.`,
      );
      return;
    }
    if (decoded.undecodable) {
      ctx.report('utf16-encoding', firstLine, l10n.t('This {0} file is damaged, so dotenv reads nothing: re-create it as UTF-8.', label), [], {
        detail: l10n.t`This ${label} file is damaged (half a character at the end, or a broken pair), so dotenv reads nothing and no re-save is safe: re-create it as UTF-8.`,
      });
      return;
    }
    ctx.report(
      'utf16-encoding',
      firstLine,
      l10n.t('dotenv reads no variable from a {0} file: save it as UTF-8.', label),
      [{ title: l10n.t('Save the file as UTF-8 (same content)'), edits: [], fileAction: { kind: 'reencode-utf8' }, safe: true, preferred: true }],
      {
        detail: decoded.bom
          ? l10n.t`This file is saved as ${label} with a byte order mark (what PowerShell's ">" and Out-File write). dotenv reads files as UTF-8, so it gets no variable at all from it: OPENAI_API_KEY is undefined. Save the file as UTF-8.`
          : l10n.t`This file is saved as ${label} (what PowerShell's ">" and Out-File write). dotenv reads files as UTF-8, so it gets no variable at all from it: OPENAI_API_KEY is undefined. Save the file as UTF-8.`,
      },
    );
    return;
  }
  if (decoded.nulBytes > 0) {
    ctx.report(
      'nul-bytes',
      firstLine,
      l10n.t('This file has NUL bytes, which dotenv cannot read: re-create it as plain UTF-8 text.'),
      [],
      {
        detail:
          decoded.nulBytes === 1
            ? l10n.t('This file contains 1 NUL byte: it was probably converted from UTF-16 badly, and dotenv cannot read the variables they touch. Re-create the file as plain UTF-8 text.')
            : l10n.t`This file contains ${decoded.nulBytes} NUL bytes: it was probably converted from UTF-16 badly, and dotenv cannot read the variables they touch. Re-create the file as plain UTF-8 text.`,
      },
    );
  }
  if (decoded.bom) {
    const first = ctx.parsed.entries[0];
    ctx.report(
      'utf8-bom',
      first ? first.nameSpan : firstLine,
      l10n.t('A byte order mark hides {0} from some dotenv parsers: save as UTF-8 without BOM.', first?.name ?? l10n.t('the first variable')),
      [{ title: l10n.t('Remove the byte order mark'), edits: [], fileAction: { kind: 'reencode-utf8' }, safe: true, preferred: true }],
      {
        detail: l10n.t`This file starts with a UTF-8 byte order mark. dotenv's classic parser skips it, but its opt-in fast parser and older python-dotenv read the first name as "\\uFEFF${first?.name ?? ''}", so ${first?.name ?? l10n.t('the first variable')} goes missing. Save the file as UTF-8 without BOM.`,
      },
    );
  }
}

/** The same OpenAI variable defined twice: report the definitions dotenv does not use. */
export function checkDuplicates(ctx: LintContext, names: Set<string>): void {
  for (const name of names) {
    const list = ctx.definitions.get(name) ?? [];
    if (list.length < 2) {
      continue;
    }
    const used = list[list.length - 1];
    const usedLine = ctx.lineNumber(used.nameSpan.start);
    const usedRemoval = removalSpan(ctx, used);
    const holdsKey = new Map<string, boolean>();
    for (const unused of list.slice(0, -1)) {
      if (!holdsKey.has(unused.value)) {
        holdsKey.set(unused.value, holdsWellFormedKey(unused));
      }
      const removal = removalSpan(ctx, unused);
      const unusedLine = ctx.lineNumber(unused.nameSpan.start);
      ctx.report(
        'duplicate-key',
        unused.nameSpan,
        l10n.t('{0} is also defined on line {1}, which dotenv uses: keep one of the two.', name, usedLine),
        holdsKey.get(unused.value) ? keepOneOf({ line: unusedLine, removal }, { line: usedLine, removal: usedRemoval }) : removal ? [{ title: l10n.t`Remove this unused definition of ${name}`, edits: [{ ...removal, newText: '' }], safe: true, preferred: true }] : [],
        {
          related: [{ span: used.nameSpan, message: l10n.t`The definition of ${name} dotenv uses` }],
          detail:
            unused.value !== used.value
              ? l10n.t`${name} is defined again on line ${usedLine}. dotenv uses the last definition, so this one (line ${unusedLine}) is ignored and the app gets the value from line ${usedLine}. Remove this line so the file says what the app gets.`
              : l10n.t`${name} is defined again on line ${usedLine}. dotenv uses the last definition, so this one (line ${unusedLine}) is ignored. Remove this line so the file says what the app gets.`,
        },
      );
    }
  }
}

/** A key worth keeping: deleting its line would lose it, even if dotenv does not use it. */
function holdsWellFormedKey(entry: EnvEntry): boolean {
  const value = entry.value.trim();
  return looksLikeOpenAiKey(value) && !detectPlaceholder(value);
}

/**
 * Two definitions, the ignored one holding a key: which one is right is the user's call (the used one may be
 * a masked copy), so each choice is an explicit quick fix, never applied by --fix or Fix All.
 */
interface Definition {
  line: number;
  /** Its whole lines, when no other entry shares them. */
  removal: { start: number; end: number } | undefined;
}

/** "Keep line 2 (remove line 5)": its title is built when shown (a file of 100k duplicates shows 1,000). */
class KeepOneDefinition implements Fix {
  readonly safe = false;
  readonly edits: TextEdit[];

  constructor(
    private readonly keptLine: number,
    private readonly removedLine: number,
    removal: { start: number; end: number },
  ) {
    this.edits = [{ ...removal, newText: '' }];
  }

  get title(): string {
    return l10n.t`Keep line ${this.keptLine} (remove line ${this.removedLine})`;
  }
}

function keepOneOf(unused: Definition, used: Definition): Fix[] {
  const fixes: Fix[] = [];
  if (used.removal) {
    fixes.push(new KeepOneDefinition(unused.line, used.line, used.removal));
  }
  if (unused.removal) {
    fixes.push(new KeepOneDefinition(used.line, unused.line, unused.removal));
  }
  return fixes;
}

/** Whole lines of an entry, with its line break, when no other entry shares them. */
function removalSpan(ctx: LintContext, entry: EnvEntry): { start: number; end: number } | undefined {
  const startLine = ctx.lines.positionAt(entry.statementSpan.start).line;
  const endOffset = entry.commentSpan ? entry.commentSpan.end : entry.statementSpan.end;
  const endLine = ctx.lines.positionAt(endOffset).line;
  const start = ctx.lines.lineStart(startLine);
  const end = endLine + 1 < ctx.lines.lineCount ? ctx.lines.lineStart(endLine + 1) : ctx.text.length;
  const prefix = ctx.text.slice(start, entry.statementSpan.start);
  const suffix = ctx.text.slice(endOffset, ctx.lines.lineEnd(endLine));
  if (prefix.trim() !== '' || (suffix.trim() !== '' && !suffix.trim().startsWith('#'))) {
    return undefined;
  }
  const clash = [ctx.entryAt(start), ctx.entryAt(end - 1)].some((e) => e !== undefined && e !== entry);
  return clash ? undefined : { start, end };
}

/** A key in a front-end public variable, in git, or in a committed example file. */
export function checkExposure(ctx: LintContext): void {
  let keyEntry: EnvEntry | undefined;
  for (const entry of ctx.entriesHolding('sk-')) {
    // Once the first live key is found, only public-prefix variables can add a finding: ask the name first.
    if (keyEntry && !publicPrefixOf(entry.name)) {
      continue;
    }
    const value = entry.value;
    if (!value.includes('sk-') || !looksLikeLiveKey(value.trim())) {
      continue;
    }
    keyEntry ??= entry;
    const publicPrefix = publicPrefixOf(entry.name);
    if (publicPrefix) {
      ctx.report(
        'public-prefix',
        entry.nameSpan,
        l10n.t('{0} sends the key ({1}) to every browser: call OpenAI from your server.', entry.name, maskKey(entry.value.trim())),
        [],
        {
          detail: l10n.t`${entry.name} starts with ${publicPrefix}, so the build embeds its value (${maskKey(entry.value.trim())}) in the JavaScript sent to every browser: anyone can read and use your key. Call OpenAI from your server, keep the key in a variable without ${publicPrefix}, and revoke this key if it was ever deployed.`,
        },
      );
    }
  }
  if (!keyEntry) {
    return;
  }
  if (ctx.isExampleFile) {
    ctx.report(
      'key-in-example-file',
      keyEntry.contentSpan,
      l10n.t('{0} holds a real-looking key ({1}) in a shared file: use a placeholder.', keyEntry.name, maskKey(keyEntry.value.trim())),
      [],
      {
        detail: l10n.t`${keyEntry.name} holds what looks like a real key (${maskKey(keyEntry.value.trim())}) in ${ctx.options.fileName ?? ""}, a file meant to be committed and shared. Replace it with a placeholder, and revoke the key if this file was ever pushed.`,
      },
    );
    return;
  }
  const git = ctx.options.git;
  if (git && (git.tracked || !git.ignored)) {
    ctx.report(
      'env-not-ignored',
      keyEntry.nameSpan,
      git.tracked
        ? l10n.t('git tracks this file and its {0} ({1}): add it to .gitignore and untrack it.', keyEntry.name, maskKey(keyEntry.value.trim()))
        : l10n.t('git does not ignore this file and its {0} ({1}): add it to .gitignore.', keyEntry.name, maskKey(keyEntry.value.trim())),
      [{ title: l10n.t`Add ${git.gitignoreEntry} to .gitignore`, edits: [], fileAction: { kind: 'add-to-gitignore', entry: git.gitignoreEntry }, safe: true, preferred: true }],
      {
        detail: git.tracked
          ? l10n.t`git tracks this file, and it holds ${keyEntry.name} (${maskKey(keyEntry.value.trim())}): the next push publishes your key. Add it to .gitignore, run "git rm --cached ${git.gitignoreEntry}", and revoke the key if it was ever pushed.`
          : l10n.t`This file holds ${keyEntry.name} (${maskKey(keyEntry.value.trim())}) and git does not ignore it: one "git add ." and your key is in the repository. Add it to .gitignore.`,
      },
    );
  }
}

/** CRLF: harmless for dotenv, a trailing `\r` in every value for shells. */
export function checkLineEndings(ctx: LintContext, anchor: EnvEntry | undefined): void {
  if (!anchor || ctx.text.indexOf('\r\n') < 0) {
    return;
  }
  const edits = [];
  for (let i = ctx.text.indexOf('\r\n'); i >= 0; i = ctx.text.indexOf('\r\n', i + 2)) {
    edits.push({ start: i, end: i + 1, newText: '' });
  }
  ctx.report(
    'crlf-line-endings',
    anchor.nameSpan,
    l10n.t('Windows line endings leave a "\\r" in {0} for shells: convert to LF if a shell reads this file.', anchor.name),
    [{ title: l10n.t('Convert line endings to LF'), edits, safe: false }],
    {
      detail: l10n.t`This file has Windows (CRLF) line endings. dotenv handles them, but "source .env" or "set -a; . .env" in a shell keeps a "\\r" at the end of ${anchor.name}, and the key then fails with 401 on Linux servers. Convert the file to LF if a shell or container reads it.`,
    },
  );
}

/** `KEY: value`: dotenv only. */
export function checkColonSeparator(ctx: LintContext, entry: EnvEntry): void {
  if (entry.separator !== ':') {
    return;
  }
  ctx.report(
    'colon-separator',
    entry.separatorSpan,
    l10n.t('Write {0}=value: docker, shells and python-dotenv do not read "{0}: value".', entry.name),
    [{ title: l10n.t('Use "=" instead of ": "'), edits: [{ start: entry.separatorSpan.start, end: entry.rawValueSpan.start, newText: '=' }], safe: true, preferred: true }],
  );
}

/** The first variable holding an OpenAI or admin key: where a whole-file finding about keys is shown. */
function firstKeyEntry(ctx: LintContext): EnvEntry | undefined {
  return ctx.roled.find((r) => r.role === 'key' || r.role === 'admin-key')?.entry;
}

export const FILE_FAMILY: RuleFamily = {
  rules: FILE_RULES,
  checks: [
    { on: 'file', run: checkEncoding },
    { on: 'used-variable', run: (ctx, { entry }) => checkColonSeparator(ctx, entry) },
    { on: 'file-end', run: (ctx) => checkDuplicates(ctx, ctx.openAiNames) },
    { on: 'file-end', run: checkExposure },
    { on: 'file-end', run: (ctx) => checkLineEndings(ctx, firstKeyEntry(ctx)) },
  ],
};
