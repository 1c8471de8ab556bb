import * as l10n from '@vscode/l10n';
import type { EnvEntry, Span } from '../dotenv/parse';
import type { Fix } from '../findings';
import {
  asciiLookalike,
  describeCodePoint,
  isInvisible,
  isSmartQuote,
  isSpace,
} from '../keys/characters';
import { KEY_MARKER, KEY_PREFIXES, keyPrefixOf, markerBalance } from '../keys/keyShape';
import { maskKey } from '../keys/mask';
import { detectPlaceholder } from '../keys/placeholder';
import { keyShapeHint } from '../keys/provider';
import { referenceShape } from '../keys/references';
import { isHarmlessToQuote } from '../redact';
import type { LintContext, RoledEntry } from './context';
import { KEY_ROLES, RuleFamily } from './ruleFamily';
import { checkAzureKey, checkProviderMismatch, providerForEntry } from './providers';
import type { RuleDeclarations } from './ruleInfo';

/** Rules about the value of a key variable: its characters, its shape, placeholders and references. */
export const KEY_VALUE_RULES = {
  'whitespace-in-quotes': { severity: 'error', summary: () => l10n.t('White space inside quotes becomes part of the key.') },
  'whitespace-inside-value': { severity: 'error', summary: () => l10n.t('White space in the middle of a key.') },
  'lookalike-character': { severity: 'error', summary: () => l10n.t('Typographic dash or Cyrillic/Greek/full-width look-alike in place of an ASCII character.') },
  'smart-quotes': { severity: 'error', summary: () => l10n.t('Typographic quotes are not quotes for dotenv: they become part of the value.') },
  'empty-value': { severity: 'error', summary: () => l10n.t('The key variable is empty.') },
  'unknown-prefix': { severity: 'error', summary: () => l10n.t('The value does not start like an OpenAI secret key.') },
  'invalid-characters': { severity: 'error', summary: () => l10n.t('Characters that never occur in an OpenAI key.') },
  'truncated-key': { severity: 'error', summary: () => l10n.t('The key is shorter than keys of its type: probably cut while copying.') },
  'concatenated-keys': { severity: 'error', summary: () => l10n.t('Two keys pasted together.') },
  'bearer-prefix': { severity: 'error', summary: () => l10n.t('The value starts with `Bearer `: the SDK adds it itself.') },
  'wrapped-key': { severity: 'error', summary: () => l10n.t('The key continues on the next line.') },
  'escape-sequence': { severity: 'error', summary: () => l10n.t('A backslash escape inside the key.') },
  'variable-reference': { severity: 'warning', summary: () => l10n.t('dotenv does not expand `${VAR}`.') },
  placeholder: { severity: 'error', summary: () => l10n.t('A placeholder or a masked copy instead of a key.') },
  'admin-key': { severity: 'error', summary: () => l10n.t('An Admin API key cannot call model endpoints.') },
  'ephemeral-key': { severity: 'warning', summary: () => l10n.t('An ephemeral client secret expires within minutes.') },
} satisfies RuleDeclarations;

declare module './ruleInfo' {
  interface RuleFamilies {
    keyValue: typeof KEY_VALUE_RULES;
  }
}

const API_KEYS_PAGE = 'https://platform.openai.com/api-keys';
const PER_VALUE_LIMIT = 10;

/**
 * The value checks for a variable that holds an OpenAI secret key. Character-level faults are reported
 * at their exact column; the shape checks then run on the key as it was meant to be (faults removed),
 * so one copy mistake gives one finding, not five.
 */
export function checkKeyValue(ctx: LintContext, { entry, role }: RoledEntry): void {
  const value = entry.value;
  if (ctx.isExampleFile && value.trim() !== '') {
    return; // a template: placeholders belong there, and a live key is key-in-example-file's business
  }
  if (value.trim() === '') {
    const other = otherProvidersKey(ctx, role);
    if (other && !ctx.isExampleFile) {
      ctx.report(
        'empty-value',
        entry.valueSpan.end > entry.valueSpan.start ? entry.valueSpan : entry.nameSpan,
        l10n.t('{0} is empty, which is fine if your app uses {1}.', entry.name, other.name),
        [],
        { severity: 'information' },
      );
    } else if (ctx.options.keyInSecretStorage) {
      ctx.report(
        'empty-value',
        entry.valueSpan.end > entry.valueSpan.start ? entry.valueSpan : entry.nameSpan,
        l10n.t('{0} is empty here because its key is in SecretStorage.', entry.name),
        [],
        {
          severity: 'information',
          detail: l10n.t`${entry.name} is empty here; its key is in SecretStorage. Apps started from VS Code terminals get it when "Provide key to terminals" is on; elsewhere dotenv gives them "".`,
        },
      );
    } else if (!ctx.isExampleFile) {
      ctx.report(
        'empty-value',
        entry.valueSpan.end > entry.valueSpan.start ? entry.valueSpan : entry.nameSpan,
        l10n.t('{0} is empty: paste your key here, or store it in SecretStorage.', entry.name),
        [],
        { detail: l10n.t`${entry.name} is empty: dotenv gives the app "" and the openai SDK fails with "The OPENAI_API_KEY environment variable is missing or empty". Paste your key from ${API_KEYS_PAGE}.` },
      );
    }
    return;
  }
  const decision = providerForEntry(ctx, entry, role);
  if (decision.target.kind === 'local') {
    return; // a local server takes any non-empty key
  }
  const placeholder = detectPlaceholder(value);
  // Servers of unknown make often take any word (`EMPTY`, `dummy`, `sk-1234`): only a phrase is a placeholder there.
  if (placeholder && (decision.target.kind !== 'custom' || placeholder.phrase)) {
    if (!ctx.isExampleFile) {
      // Quoted only when it cannot hold a key: "sk-proj-…" followed by "..." may be a whole key.
      const quotable = isHarmlessToQuote(value.trim());
      const what =
        placeholder.kind === 'masked-copy'
          ? quotable
            ? l10n.t`a masked copy of a key ("${value}"), as logs and dashboards print it, not the key itself`
            : l10n.t('a masked copy of a key, as logs and dashboards print it, not the key itself')
          : placeholder.kind === 'guide-example'
            ? l10n.t('the example key from a guide, not a real key')
            : quotable
              ? l10n.t`a placeholder ("${value}")`
              : l10n.t('a placeholder');
      const short =
        placeholder.kind === 'masked-copy'
          ? l10n.t('{0} holds a masked copy of a key, not the key: paste the whole key.', entry.name)
          : placeholder.kind === 'guide-example'
            ? l10n.t("{0} holds a guide's example key: paste your own key.", entry.name)
            : l10n.t('{0} holds a placeholder, not a key: paste your key here.', entry.name);
      ctx.report('placeholder', entry.contentSpan, short, [], {
        detail: l10n.t`${entry.name} holds ${what}: every request fails with 401 invalid_api_key. Create a key at ${API_KEYS_PAGE} and paste the whole key here.`,
      });
    }
    return;
  }
  const reference = referenceShape(value);
  if (reference.kind === 'malformed') {
    ctx.report(
      'variable-reference',
      entry.contentSpan,
      l10n.t('{0} has a malformed reference that no loader expands: write {1}.', entry.name, `\${${reference.name ?? 'NAME'}}`),
      [],
      { severity: 'error' },
    );
    return;
  }
  if (reference.kind === 'well-formed') {
    ctx.report(
      'variable-reference',
      entry.contentSpan,
      l10n.t('{0} refers to another variable, which dotenv does not expand: put the key here.', entry.name),
      [],
      {
        detail: l10n.t`${entry.name} refers to another variable, but dotenv does not expand references: the app gets the literal text unless you load the file with dotenv-expand (or dotenvx, Vite, docker compose). Put the key itself here, or make sure your loader expands it.`,
      },
    );
    return;
  }

  // OpenAI's character and shape rules hold for keys that go to OpenAI or are OpenAI's own.
  const openAiKey = decision.target.kind === 'openai' || decision.keyOwner?.kind === 'openai';
  const chars = new CharacterScan(ctx, entry, openAiKey);
  const intended = chars.run();
  if (checkProviderMismatch(ctx, entry, decision)) {
    return;
  }
  if (openAiKey && role !== 'azure-key') {
    checkShape(ctx, entry, intended, role === 'admin-key');
  } else if (decision.target.kind === 'azure') {
    checkAzureKey(ctx, entry, intended);
  }
}

/** For an empty key variable: a set key variable of the other family (Azure's for OpenAI's, and back). */
function otherProvidersKey(ctx: LintContext, role: string): EnvEntry | undefined {
  const wanted = role === 'azure-key' ? 'key' : 'azure-key';
  return ctx.roled.find((r) => r.role === wanted && r.entry.value.trim() !== '' && ctx.effective(r.entry.name) === r.entry)?.entry;
}

class CharacterScan {
  private verbatimValue: boolean | undefined;

  constructor(
    private readonly ctx: LintContext,
    private readonly entry: EnvEntry,
    /** Other providers' keys may hold other characters (Zhipu's have a dot): only OpenAI's are held to [A-Za-z0-9_-]. */
    private readonly openAiCharacters = true,
  ) {}

  /** The value is the text between its quotes, character for character (no escape expanded): exact columns. Only reports ask. */
  private get verbatim(): boolean {
    if (this.verbatimValue === undefined) {
      const { contentSpan, value } = this.entry;
      this.verbatimValue = this.ctx.text.slice(contentSpan.start, contentSpan.end) === value;
    }
    return this.verbatimValue;
  }

  private spanAt(index: number, length = 1): Span {
    if (!this.verbatim) {
      return this.entry.contentSpan;
    }
    const start = this.entry.contentSpan.start + index;
    return { start, end: start + length };
  }

  private where(index: number): string {
    const span = this.spanAt(index);
    return l10n.t`line ${this.ctx.lineNumber(span.start)}, column ${this.ctx.columnNumber(span.start)}`;
  }

  /** Reports character faults; returns the key with them undone. */
  run(): string {
    const { entry, ctx } = this;
    const value = entry.value;
    let leadingSpaces = 0;
    while (leadingSpaces < value.length && isSpace(value.charCodeAt(leadingSpaces))) {
      leadingSpaces++;
    }
    let trailingStart = value.length;
    while (trailingStart > leadingSpaces && isSpace(value.charCodeAt(trailingStart - 1))) {
      trailingStart--;
    }
    if (leadingSpaces > 0 || trailingStart < value.length) {
      this.reportQuotedWhitespace(leadingSpaces, trailingStart);
    }
    const smartOpen = isSmartQuote(value.charCodeAt(leadingSpaces));
    const smartClose = trailingStart - 1 > leadingSpaces && isSmartQuote(value.charCodeAt(trailingStart - 1));
    if (smartOpen || smartClose) {
      this.reportSmartQuotes(leadingSpaces, trailingStart, smartOpen, smartClose);
    }
    let innerStart = leadingSpaces + (smartOpen ? 1 : 0);
    let innerEnd = trailingStart - (smartClose ? 1 : 0);
    const firstCode = value.charCodeAt(innerStart);
    if ((firstCode === 0x22 || firstCode === 0x27 || firstCode === 0x60) && !entry.quote) {
      innerStart++; // an unterminated quote: the unterminated-quote rule reports it
      if (innerEnd > innerStart && /["'`]/.test(value[innerEnd - 1])) {
        innerEnd--;
      }
    }
    const bearerCode = value.charCodeAt(innerStart);
    const bearer = bearerCode === 0x42 || bearerCode === 0x62 ? /^Bearer\s+/i.exec(value.slice(innerStart, innerEnd)) : null;
    if (bearer) {
      this.reportBearer(innerStart, bearer[0].length);
      innerStart += bearer[0].length;
    }
    const inner = value.slice(innerStart, innerEnd);
    if (/^[A-Za-z0-9_-]*$/.test(inner)) {
      return inner;
    }
    // Each kind of fault is reported at most PER_VALUE_LIMIT times per value: a hostile file must not
    // produce a finding per character.
    const reported = { lineBreak: 0, space: 0, lookalike: 0, escape: 0 };
    const invalidCodes = new Set<number>();
    let firstInvalid = -1;
    let lastInvalid = -1;
    const pieces: string[] = [];
    let copied = innerStart;
    const skip = (i: number, replacement: string, length = 1) => {
      pieces.push(value.slice(copied, i), replacement);
      copied = i + length;
    };
    for (let i = innerStart; i < innerEnd; i++) {
      const code = value.charCodeAt(i);
      if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x2d) {
        continue;
      }
      if (isInvisible(code)) {
        skip(i, ''); // reported for the whole file by the invisible-character rule
      } else if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) {
        if (reported.lineBreak++ === 0) {
          this.reportLineBreak(i);
        }
        skip(i, '');
      } else if (isSpace(code)) {
        if (reported.space++ < PER_VALUE_LIMIT) {
          this.reportInnerSpace(i);
        }
        skip(i, '');
      } else if (asciiLookalike(code)) {
        if (reported.lookalike++ < PER_VALUE_LIMIT) {
          this.reportLookalike(i, code, asciiLookalike(code)!);
        }
        skip(i, asciiLookalike(code)!);
      } else if (code === 0x5c) {
        if (reported.escape++ === 0) {
          this.reportEscape(i);
        }
        skip(i, '', 2);
        i++;
      } else {
        if (invalidCodes.size < 4) {
          invalidCodes.add(code);
        }
        firstInvalid = firstInvalid < 0 ? i : firstInvalid;
        lastInvalid = i;
      }
    }
    pieces.push(value.slice(copied, innerEnd));
    const intended = pieces.join('');
    if (firstInvalid >= 0 && this.openAiCharacters) {
      const first = firstInvalid;
      const list = [...invalidCodes].map((c) => `"${String.fromCharCode(c)}" (${describeCodePoint(c)})`);
      ctx.report(
        'invalid-characters',
        this.verbatim ? { start: this.spanAt(first).start, end: this.spanAt(lastInvalid).end } : entry.contentSpan,
        l10n.t('{0} contains {1}, which no OpenAI key holds: copy the key again.', entry.name, [...invalidCodes].map((c) => `"${String.fromCharCode(c)}"`).join(', ')),
        [],
        { detail: l10n.t`${entry.name} contains ${list.join(', ')} at ${this.where(first)}: an OpenAI key has only letters, digits, "-" and "_", so the API answers 401 invalid_api_key. Copy the key again from ${API_KEYS_PAGE}.` },
      );
    }
    return intended;
  }

  private reportQuotedWhitespace(leading: number, trailingStart: number): void {
    const { entry, ctx } = this;
    const value = entry.value;
    const spaces = [
      ...(leading > 0 ? [{ index: 0, length: leading }] : []),
      ...(trailingStart < value.length ? [{ index: trailingStart, length: value.length - trailingStart }] : []),
    ];
    const described = spaces
      .map((s) => l10n.t`${s.index === 0 ? l10n.t('leading') : l10n.t('trailing')} ${describeCodePoint(value.charCodeAt(s.index))}${s.length > 1 ? ` ×${s.length}` : ''} at ${this.where(s.index)}`)
      .join(l10n.t(' and '));
    const quoted = entry.quote !== undefined;
    const fix: Fix[] = this.verbatim
      ? [{ title: l10n.t('Remove the white space inside the quotes'), edits: spaces.map((s) => ({ ...this.spanAt(s.index, s.length), newText: '' })), safe: true, preferred: true }]
      : [];
    ctx.report(
      'whitespace-in-quotes',
      this.verbatim ? { start: this.spanAt(spaces[0].index).start, end: this.spanAt(spaces[spaces.length - 1].index, spaces[spaces.length - 1].length).end } : entry.contentSpan,
      quoted ? l10n.t('{0} has white space inside its quotes, which dotenv keeps: remove it.', entry.name) : l10n.t('{0} has white space around the key, which dotenv keeps: remove it.', entry.name),
      fix,
      {
        detail: quoted
          ? l10n.t`${entry.name} has ${described} inside the quotes: dotenv keeps white space inside quotes, so the app sends "${describeSpaced(value)}" and gets 401 invalid_api_key. Remove the white space.`
          : l10n.t`${entry.name} has ${described}: dotenv keeps it, so the app sends "${describeSpaced(value)}" and gets 401 invalid_api_key. Remove the white space.`,
      },
    );
  }

  private reportSmartQuotes(leading: number, trailingStart: number, open: boolean, close: boolean): void {
    const { entry, ctx } = this;
    const value = entry.value;
    const edits = [];
    if (this.verbatim) {
      if (open && close) {
        edits.push({ ...this.spanAt(leading), newText: '"' }, { ...this.spanAt(trailingStart - 1), newText: '"' });
      } else {
        const index = open ? leading : trailingStart - 1;
        edits.push({ ...this.spanAt(index), newText: '' });
      }
    }
    const index = open ? leading : trailingStart - 1;
    ctx.report(
      'smart-quotes',
      this.verbatim ? this.spanAt(index) : entry.contentSpan,
      open && close
        ? l10n.t('{0} is in typographic quotes, which dotenv keeps: use straight quotes.', entry.name)
        : l10n.t('{0} has a stray typographic quote, which dotenv keeps: remove it.', entry.name),
      edits.length > 0 ? [{ title: open && close ? l10n.t('Replace with straight quotes') : l10n.t('Remove the typographic quote'), edits, safe: true, preferred: true }] : [],
      {
        detail: l10n.t`${entry.name} is wrapped in typographic quotes (${describeCodePoint(value.charCodeAt(index))} at ${this.where(index)}): dotenv only removes straight quotes, so the quote characters become part of the key and the API answers 401. ${open && close ? l10n.t('Replace them with straight quotes.') : l10n.t('Remove the stray quote.')}`,
      },
    );
  }

  private reportLineBreak(index: number): void {
    const { entry, ctx } = this;
    ctx.report(
      'wrapped-key',
      entry.contentSpan,
      l10n.t('{0} has a line break inside the key: join the key onto one line.', entry.name),
      this.verbatim
        ? [{ title: l10n.t('Join the key onto one line'), edits: [lineBreakEdit(ctx.text, this.spanAt(index).start)], safe: false, preferred: true }]
        : [],
      { detail: l10n.t`${entry.name} spans several lines (a line break at ${this.where(index)}): the app gets a key with a line break in it and the API answers 401. Join the key onto one line.` },
    );
  }

  private reportInnerSpace(index: number): void {
    const { entry, ctx } = this;
    const code = entry.value.charCodeAt(index);
    ctx.report(
      'whitespace-inside-value',
      this.spanAt(index),
      l10n.t('{0} has white space in the middle of the key: copy the key again in one piece.', entry.name),
      this.verbatim ? [{ title: l10n.t`Remove the ${describeCodePoint(code)}`, edits: [{ ...this.spanAt(index), newText: '' }], safe: false }] : [],
      {
        detail: l10n.t`${entry.name} has a ${describeCodePoint(code)} in the middle of the key at ${this.where(index)}: the app sends a broken key and gets 401. The key was probably pasted in two parts: copy it again in one piece.`,
      },
    );
  }

  private reportLookalike(index: number, code: number, ascii: string): void {
    const { entry, ctx } = this;
    ctx.report(
      'lookalike-character',
      this.spanAt(index),
      l10n.t('{0} has {1} where the key has "{2}": replace it with "{2}".', entry.name, describeCodePoint(code), ascii),
      this.verbatim ? [{ title: l10n.t`Replace with "${ascii}"`, edits: [{ ...this.spanAt(index), newText: ascii }], safe: true, preferred: true }] : [],
      {
        detail: l10n.t`${entry.name} contains ${describeCodePoint(code)} at ${this.where(index)} where the key has "${ascii}": it looks the same but is another character, so the API answers 401 invalid_api_key. Replace it with "${ascii}".`,
      },
    );
  }

  private reportEscape(index: number): void {
    const { entry, ctx } = this;
    const next = entry.value[index + 1] ?? '';
    ctx.report(
      'escape-sequence',
      this.spanAt(index, next ? 2 : 1),
      l10n.t('{0} contains the escape "{1}", which dotenv keeps: paste the key without it.', entry.name, `\\${next}`),
      [],
      {
        detail: l10n.t`${entry.name} contains the escape "${`\\${next}`}" at ${this.where(index)}: dotenv keeps the backslash (only ${'\\n'} and ${'\\r'} inside double quotes become line breaks), so the key is wrong. Remove it and paste the key exactly as shown on ${API_KEYS_PAGE}.`,
      },
    );
  }

  private reportBearer(index: number, length: number): void {
    const { entry, ctx } = this;
    ctx.report(
      'bearer-prefix',
      this.spanAt(index, length),
      l10n.t('{0} starts with "Bearer ", which the SDK adds itself: keep only the key.', entry.name),
      this.verbatim ? [{ title: l10n.t('Remove "Bearer "'), edits: [{ ...this.spanAt(index, length), newText: '' }], safe: true, preferred: true }] : [],
      {
        detail: l10n.t`${entry.name} starts with "Bearer ": the SDK already sends "Authorization: Bearer <key>", so the server receives "Bearer Bearer sk-…" and answers 401. Keep only the key.`,
      },
    );
  }
}

function describeSpaced(value: string): string {
  const start = value.length - value.trimStart().length;
  const end = value.trimEnd().length;
  return `${value.slice(0, start).replace(/./g, '␠')}${maskKey(value.trim())}${value.slice(end).replace(/./g, '␠')}`;
}

function lineBreakEdit(text: string, at: number) {
  const end = text.charCodeAt(at) === 0x0d && text.charCodeAt(at + 1) === 0x0a ? at + 2 : at + 1;
  let stop = end;
  while (stop < text.length && (text.charCodeAt(stop) === 0x20 || text.charCodeAt(stop) === 0x09)) {
    stop++;
  }
  return { start: at, end: stop, newText: '' };
}

function checkShape(ctx: LintContext, entry: EnvEntry, key: string, adminVariable: boolean): void {
  // Names and spans are built when asked: only reports ask (most keys of a big file are fine).
  if (key.startsWith('ek_')) {
    ctx.report(
      'ephemeral-key',
      entry.contentSpan,
      l10n.t('{0} holds a client secret that expires in minutes: use a standard API key.', entry.name),
      [],
      {
        detail: l10n.t`${entry.name} holds an ephemeral Realtime client secret (ek_…): it expires a minute or so after it was minted. Use a standard API key from ${API_KEYS_PAGE} on the server and mint client secrets from it.`,
      },
    );
    return;
  }
  const prefix = keyPrefixOf(key);
  const hint = keyShapeHint(key);
  if (!prefix && hint?.kind === 'azure') {
    ctx.report(
      'unknown-prefix',
      entry.contentSpan,
      l10n.t('{0} looks like an Azure key: set AZURE_OPENAI_ENDPOINT or use an OpenAI key.', entry.name),
    );
    return;
  }
  if (prefix?.type === 'legacy' && hint?.baseUrl && !key.includes(KEY_MARKER)) {
    ctx.report(
      'truncated-key',
      entry.contentSpan,
      l10n.t('{0} is cut short, or a {1} key that needs OPENAI_BASE_URL={2}.', entry.name, hint.label, hint.baseUrl),
    );
    return;
  }
  if (!prefix) {
    ctx.report(
      'unknown-prefix',
      entry.contentSpan,
      l10n.t('{0} does not start like an OpenAI key (sk-…): copy the secret key itself.', entry.name),
      [],
      {
        detail: l10n.t`${entry.name} does not start like an OpenAI secret key (${KEY_PREFIXES.map((p) => p.prefix).join(', ')}): the API will answer 401 invalid_api_key. Check that you copied the secret key itself and not its name, ID or another service's key.`,
      },
    );
    return;
  }
  if (prefix.type === 'admin' && !adminVariable) {
    ctx.report(
      'admin-key',
      entry.contentSpan,
      l10n.t('{0} holds an Admin key, which cannot call models: use a project key here.', entry.name),
      [],
      {
        detail: l10n.t`${entry.name} holds an Admin API key (sk-admin-…): admin keys manage the organization but cannot call model endpoints, so chat, responses and Realtime calls fail. Use a project key (sk-proj-…) here and keep the admin key in OPENAI_ADMIN_KEY.`,
      },
    );
  }
  const secondStart = findSecondKey(key);
  if (secondStart > 0) {
    ctx.report(
      'concatenated-keys',
      entry.contentSpan,
      l10n.t('{0} holds two keys pasted together: keep one of them.', entry.name),
      [],
      { detail: l10n.t`${entry.name} holds two keys pasted together (a second key starts at character ${secondStart + 1}): the API answers 401. Keep one of them.` },
    );
    return;
  }
  const balance = markerBalance(key);
  const markerMissing = !key.includes(KEY_MARKER) && key.length < prefix.typicalLength * 0.75;
  if (key.length < prefix.minimumLength || (balance && balance.after < balance.before) || markerMissing) {
    const detail =
      key.length < prefix.minimumLength
        ? l10n.t`${key.length} characters, where a ${prefix.label} has at least ${prefix.minimumLength}`
        : balance
          ? l10n.t`only ${balance.after} characters follow the "${KEY_MARKER}" marker where ${balance.before} precede it`
          : l10n.t`${key.length} characters and no "${KEY_MARKER}" marker, which sits in the middle of every full ${prefix.label} (about ${prefix.typicalLength} characters)`;
    ctx.report(
      'truncated-key',
      entry.contentSpan,
      l10n.t('{0} ({1}) is cut short: copy the whole key again.', entry.name, maskKey(key)),
      [],
      {
        detail: l10n.t`${entry.name} (${maskKey(key)}) looks cut short: ${detail}. A partial copy gets 401 invalid_api_key. Copy the whole key again (you may have to create a new one at ${API_KEYS_PAGE}: keys are shown only once).`,
      },
    );
  }
}

function findSecondKey(key: string): number {
  // /sk-(proj|svcacct|admin|None)-/ from the fourth character, with the native search for "sk-".
  for (let again = key.indexOf('sk-', 3); again >= 0; again = key.indexOf('sk-', again + 1)) {
    const type = again + 3;
    if (key.startsWith('proj-', type) || key.startsWith('svcacct-', type) || key.startsWith('admin-', type) || key.startsWith('None-', type)) {
      return again;
    }
  }
  const first = key.indexOf(KEY_MARKER);
  const second = first >= 0 ? key.indexOf(KEY_MARKER, first + KEY_MARKER.length) : -1;
  if (second > 0) {
    const legacyAgain = key.indexOf('sk-', first);
    return legacyAgain > 0 ? legacyAgain : second;
  }
  return -1;
}

export const KEY_VALUE_FAMILY: RuleFamily = {
  rules: KEY_VALUE_RULES,
  checks: [{ on: 'used-variable', roles: KEY_ROLES, run: checkKeyValue }],
};
