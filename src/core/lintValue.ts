import * as l10n from '@vscode/l10n';
import type { Finding } from './findings';
import { asciiLookalike, describeCodePoint } from './keys/characters';
import type { ProviderConfig } from './keys/provider';
import { lintText } from './lint';

/**
 * Where a key came from when it is checked on its own: an environment variable (a platform's variable editor,
 * Windows `set`, a shell that sourced a CRLF file), a .env definition already read, or a key typed or piped in.
 */
export type ValueOrigin = 'environment' | 'file' | 'input';

export interface ValueLintOptions {
  /** The variable holding it (default OPENAI_API_KEY). */
  name?: string;
  origin?: ValueOrigin;
  /** Where it will be sent, for the provider decision. */
  provider?: ProviderConfig;
}

/** JS white space, line breaks included: what a platform editor or `set` leaves around a pasted key. */
const EDGE_SPACE = /^\s+|\s+$/g;

/**
 * The findings for a key on its own, with the same rules as in a .env file but described as a value: no quotes
 * that were never there, no line or column of a file that does not exist.
 */
export function lintValue(value: string, options: ValueLintOptions = {}): Finding[] {
  const name = options.name ?? 'OPENAI_API_KEY';
  const subject = subjectOf(name, options.origin ?? 'input');
  const findings: Finding[] = [];
  const at = { start: 0, end: value.length };
  let inner = value;
  for (let pass = 0; pass < 2 && inner.trim() !== ''; pass++) {
    const edges = [...inner.matchAll(EDGE_SPACE)];
    if (edges.length > 0) {
      const leading = edges.find((m) => m.index === 0);
      const trailing = edges.find((m) => m.index !== 0);
      const described = [leading && l10n.t('starts with {0}', describeSpace(leading[0])), trailing && l10n.t('ends with {0}', describeSpace(trailing[0]))].filter(Boolean).join(l10n.t(' and '));
      findings.push(finding('whitespace-in-quotes', at, l10n.t('{0} {1}, which the app sends with the key: remove it where it is set.', subject, described)));
      inner = inner.replace(EDGE_SPACE, '');
    }
    const quote = inner[0];
    if (pass === 0 && inner.length >= 2 && (quote === '"' || quote === "'" || quote === '`') && inner[inner.length - 1] === quote) {
      findings.push(finding('invalid-characters', at, l10n.t('{0} is wrapped in quotes, which become part of the key: set it without them.', subject)));
      inner = inner.slice(1, -1);
      continue;
    }
    break;
  }
  if (inner === '' && findings.length > 0) {
    return findings;
  }
  const quote = ["'", '"', '`'].find((q) => !inner.includes(q)) ?? "'";
  const prefix = `${name}=${quote}`;
  const text = `${prefix}${inner}${quote}\n`;
  const result = lintText(text, { fileName: '.env', provider: options.provider });
  for (const found of result.findings) {
    if (found.span.start < prefix.length - 1 && found.rule !== 'empty-value' && found.rule !== 'other-provider-key') {
      continue; // about the made-up line, not the value
    }
    const piece = text.slice(found.span.start, Math.max(found.span.end, found.span.start + 1));
    findings.push({ ...found, span: at, fixes: [], related: undefined, detail: undefined, message: describedAsValue(found, subject, piece) ?? found.message });
  }
  return findings;
}

function subjectOf(name: string, origin: ValueOrigin): string {
  if (origin === 'environment') {
    return l10n.t('{0} from the environment', name);
  }
  return origin === 'file' ? name : l10n.t('The key');
}

/** Messages that would name a position or quotes of the made-up line, said of the value instead. */
function describedAsValue(found: Finding, subject: string, piece: string): string | undefined {
  const code = piece.charCodeAt(0);
  switch (found.rule) {
    case 'whitespace-inside-value':
      return l10n.t('{0} has a {1} in the middle: copy the key again in one piece.', subject, describeCodePoint(code));
    case 'lookalike-character':
      return l10n.t('{0} contains {1}, which only looks like "{2}": replace it.', subject, describeCodePoint(code), asciiLookalike(code) ?? '?');
    case 'invisible-character':
      return l10n.t('{0} contains an invisible {1}: delete it.', subject, describeCodePoint(code));
    case 'invalid-characters': {
      const odd = [...new Set([...piece].filter((c) => !/[A-Za-z0-9_-]/.test(c)))].slice(0, 3);
      return l10n.t('{0} contains {1}, which no OpenAI key has: copy the key again.', subject, odd.map((c) => describeCodePoint(c.charCodeAt(0))).join(', '));
    }
    case 'escape-sequence':
      return l10n.t('{0} contains a backslash, which stays in the key: remove it.', subject);
    case 'wrapped-key':
      return l10n.t('{0} contains a line break: join the key onto one line.', subject);
    case 'bearer-prefix':
      return l10n.t('{0} starts with "Bearer ", which the SDK adds itself: keep only the key.', subject);
    case 'smart-quotes':
      return l10n.t('{0} is wrapped in typographic quotes, which become part of the key: remove them.', subject);
    case 'whitespace-in-quotes':
      return l10n.t('{0} has white space at one end, which the app sends with the key: remove it.', subject);
    default:
      return undefined;
  }
}

function describeSpace(run: string): string {
  const first = run.charCodeAt(0);
  const what = first === 0x0d ? l10n.t('a carriage return (\\r)') : first === 0x0a ? l10n.t('a line break (\\n)') : describeCodePoint(first);
  return run.length > 1 ? l10n.t('{0} and {1} more', what, run.length - 1) : what;
}

function finding(rule: Finding['rule'], span: Finding['span'], message: string): Finding {
  return { rule, severity: 'error', span, message, fixes: [] };
}
