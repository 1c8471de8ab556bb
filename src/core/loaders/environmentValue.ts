import * as l10n from '@vscode/l10n';
import type { Severity } from '../findings';
import { asciiLookalike, describeCodePoint, isInvisible, isSpace } from '../keys/characters';
import { maskKey } from '../keys/mask';
import { roleOf } from '../keys/variables';
import { lintText } from '../lint';
import { RULES, RuleId } from '../rules/catalog';

/** A key check that fails for a value in the environment (no file, line or column to point at). */
export interface EnvironmentDiagnosis {
  rule: RuleId;
  severity: Severity;
  message: string;
}

/** The key rules that can concern a value; the rest (names, files, git) have no meaning for the environment. */
const VALUE_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'empty-value', 'trailing-whitespace', 'whitespace-in-quotes', 'whitespace-inside-value', 'invisible-character',
  'lookalike-character', 'smart-quotes', 'unknown-prefix', 'invalid-characters', 'truncated-key', 'concatenated-keys',
  'bearer-prefix', 'wrapped-key', 'escape-sequence', 'variable-reference', 'placeholder', 'admin-key', 'ephemeral-key',
]);

const LINE_BREAK = /[\r\n\u2028\u2029]/;

/**
 * The key checks of the linter, run on a value as a process receives it. What only happens outside .env files
 * (quotes kept by Windows `set NAME="…"`, a trailing `\r` from a CRLF file sourced by a shell, a trailing space) is
 * recognised here; everything else is the linter's own verdict on the value, reworded for the environment.
 */
export function diagnoseEnvironmentValue(name: string, value: string): EnvironmentDiagnosis[] {
  const found: EnvironmentDiagnosis[] = [];
  const add = (rule: RuleId, message: string) => {
    if (!found.some((d) => d.rule === rule)) {
      found.push({ rule, severity: RULES[rule].severity, message });
    }
  };
  if (value === '') {
    add('empty-value', l10n.t`${name} is set but empty in the environment: unset it or set it to your key.`);
    return found;
  }
  let inner = value;
  const edge = edgeWhitespace(inner);
  if (edge) {
    add('trailing-whitespace', edge.at === 'end'
      ? l10n.t`${name} in the environment ends with ${edge.what}: set it again without it.`
      : l10n.t`${name} in the environment starts with ${edge.what}: set it again without it.`);
    inner = inner.slice(edge.start, edge.end);
  }
  const unquoted = withoutStraightQuotes(inner);
  if (unquoted !== inner) {
    add('invalid-characters', l10n.t`${name} in the environment kept the quotes of Windows set: set it without them.`);
    inner = unquoted;
  }
  if (LINE_BREAK.test(inner)) {
    add('wrapped-key', l10n.t`${name} in the environment contains a line break: set it again on one line.`);
    inner = inner.replace(new RegExp(LINE_BREAK.source, 'g'), '');
  }
  if (inner.trim() === '') {
    add('empty-value', l10n.t`${name} is set but empty in the environment: unset it or set it to your key.`);
    return found;
  }
  for (const rule of linterVerdict(name, inner)) {
    add(rule, environmentWording(rule, name, inner));
  }
  return found;
}

/** Leading or trailing white space (a shell keeps it; a CRLF file leaves `\r`), the side that has it. */
function edgeWhitespace(value: string): { at: 'start' | 'end'; what: string; start: number; end: number } | undefined {
  const blank = (code: number) => isSpace(code) || code === 0x0d || code === 0x0a;
  let start = 0;
  while (start < value.length && blank(value.charCodeAt(start))) {
    start++;
  }
  let end = value.length;
  while (end > start && blank(value.charCodeAt(end - 1))) {
    end--;
  }
  if (start === 0 && end === value.length) {
    return undefined;
  }
  const at = end < value.length ? 'end' : 'start';
  return { at, what: describeBlank(value.charCodeAt(at === 'end' ? value.length - 1 : 0)), start, end };
}

function describeBlank(code: number): string {
  switch (code) {
    case 0x0d:
      return l10n.t('\\r (Windows line endings)');
    case 0x0a:
      return l10n.t('a line break');
    case 0x20:
      return l10n.t('a space');
    case 0x09:
      return l10n.t('a tab');
    default:
      return describeCodePoint(code);
  }
}

/** `"sk-…"` or `'sk-…'` (or a stray quote at one end) as `set` and platform editors keep them. */
function withoutStraightQuotes(value: string): string {
  const pair = /^(["'])([\s\S]*)\1$/.exec(value);
  if (pair && value.length >= 2) {
    return pair[2];
  }
  return value.replace(/^["']|["']$/g, '');
}

/** The rule ids the linter gives this value, read from a one-line file that holds exactly the value. */
function linterVerdict(name: string, value: string): RuleId[] {
  const role = roleOf(name);
  const probeName = role === 'admin-key' ? 'OPENAI_ADMIN_KEY' : role === 'azure-key' ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY';
  const quote = ['`', "'", '"'].find((q) => !value.includes(q) && (q !== '"' || !value.includes('\\')));
  if (!quote) {
    return ['invalid-characters'];
  }
  const { findings } = lintText(`${probeName}=${quote}${value}${quote}\n`, { fileName: '.env' });
  const rules: RuleId[] = [];
  for (const f of findings) {
    if (VALUE_RULES.has(f.rule) && !rules.includes(f.rule)) {
      rules.push(f.rule);
    }
  }
  return rules;
}

function environmentWording(rule: RuleId, name: string, value: string): string {
  const first = (test: (code: number) => boolean) => {
    for (let i = 0; i < value.length; i++) {
      if (test(value.charCodeAt(i))) {
        return value.charCodeAt(i);
      }
    }
    return 0;
  };
  switch (rule) {
    case 'lookalike-character': {
      const code = first((c) => asciiLookalike(c) !== undefined);
      return l10n.t`${name} in the environment has ${describeCodePoint(code)} for "${asciiLookalike(code) ?? ''}": copy the key again.`;
    }
    case 'invisible-character':
      return l10n.t`${name} in the environment has an invisible ${describeCodePoint(first(isInvisible))}: copy the key again.`;
    case 'whitespace-inside-value':
    case 'whitespace-in-quotes':
      return l10n.t`${name} in the environment has ${describeBlank(first(isSpace))} in the middle: set it again in one piece.`;
    case 'smart-quotes':
      return l10n.t`${name} in the environment has typographic quotes around it: set the key alone.`;
    case 'bearer-prefix':
      return l10n.t`${name} in the environment starts with "Bearer ": set it to the key alone.`;
    case 'escape-sequence':
      return l10n.t`${name} in the environment contains a backslash: set the key exactly as shown.`;
    case 'variable-reference':
      return l10n.t`${name} in the environment is an unexpanded $ reference: set the key itself.`;
    case 'placeholder':
      return l10n.t`${name} in the environment is a placeholder, not a key: set your key or unset it.`;
    case 'unknown-prefix':
      return l10n.t`${name} in the environment does not start like an OpenAI key: set your sk-… key.`;
    case 'truncated-key':
      return l10n.t`${name} in the environment (${maskKey(value)}) looks cut short: set the whole key.`;
    case 'concatenated-keys':
      return l10n.t`${name} in the environment holds two keys pasted together: keep one.`;
    case 'admin-key':
      return l10n.t`${name} in the environment is an Admin key (no model access): use a project key.`;
    case 'ephemeral-key':
      return l10n.t`${name} in the environment is an ephemeral client secret: use a standard key.`;
    case 'wrapped-key':
      return l10n.t`${name} in the environment contains a line break: set it again on one line.`;
    case 'empty-value':
      return l10n.t`${name} is set but empty in the environment: unset it or set it to your key.`;
    default: {
      const odd = [...new Set([...value].filter((c) => !/[A-Za-z0-9_-]/.test(c)))].slice(0, 3).map((c) => `"${c}"`);
      return l10n.t`${name} in the environment contains ${odd.join(', ')}, which no key has: copy the key again.`;
    }
  }
}
