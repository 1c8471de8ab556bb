import * as l10n from '@vscode/l10n';
import { parseDotenv, ParsedEnv, EnvEntry } from './dotenv/parse';
import { LineIndex } from './dotenv/lineIndex';
import type { Finding, Severity } from './findings';
import { redactFindings } from './findingRedaction';
import { KEY_MARKER } from './keys/keyShape';
import { keyOwnerOf } from './keys/provider';
import { RULE_FAMILIES, RULES, isRuleId, RuleId } from './rules/catalog';
import { LintContext, LintOptions } from './rules/context';
import { checkEncoding } from './rules/fileRules';
import type { Check } from './rules/ruleFamily';

export type { LintOptions, GitStatus } from './rules/context';

/** Findings of one file beyond this many are counted, not listed: a hostile file must not flood any output. */
export const MAX_FINDINGS_PER_FILE = 1000;

export interface LintResult {
  /** Sorted by position, redacted, at most MAX_FINDINGS_PER_FILE and then one `too-many-findings` summary. */
  findings: Finding[];
  /** The findings left out by the limit, by severity (undefined when none was). */
  omitted?: Record<Severity, number>;
  parsed: ParsedEnv;
  lines: LineIndex;
  /** What the text was linted with, to lint a fixed version of it the same way. */
  options: LintOptions;
}

/** The checks of every rule family, by when they run (see ruleFamily.ts). */
const CHECKS = {
  file: checksOn('file'),
  usedVariable: checksOn('used-variable'),
  unusedVariable: checksOn('unused-variable'),
  anyVariable: checksOn('any-variable'),
  fileEnd: checksOn('file-end'),
};

function checksOn<On extends Check['on']>(on: On): Array<Extract<Check, { on: On }>> {
  return RULE_FAMILIES.flatMap((family) => family.checks.filter((check): check is Extract<Check, { on: On }> => check.on === on));
}

const defaultSeverity = (rule: RuleId): Severity => RULES[rule].severity;

/** Every finding for one .env text, sorted by position, with suppressions and severity settings applied. */
export function lintText(text: string, options: LintOptions = {}, parsed: ParsedEnv = parseDotenv(text)): LintResult {
  const ctx = new LintContext(text, parsed, options, defaultSeverity);
  if (options.decoded?.binary) {
    ctx.report('binary-file', { start: 0, end: 0 }, l10n.t('This file is not text (it is mostly NUL or undecodable bytes), so it was not checked.'));
    return finish(ctx);
  }
  if (options.decoded?.mixed) {
    // UTF-16 with a UTF-8 part: the text (as an editor decodes it) is not what dotenv reads, line by line.
    checkEncoding(ctx);
    return finish(ctx);
  }
  adoptKeyShapedValues(ctx);
  for (const { entry } of ctx.roled) {
    ctx.openAiNames.add(entry.name);
  }
  overriddenEntries(ctx).forEach((entry) => ctx.overridden.add(entry));
  for (const check of CHECKS.file) {
    check.run(ctx);
  }
  for (const variable of ctx.roled) {
    const used = !ctx.overridden.has(variable.entry) && !ctx.swallowing.has(variable.entry);
    for (const check of used ? CHECKS.usedVariable : CHECKS.unusedVariable) {
      if (!check.roles || check.roles.includes(variable.role)) {
        check.run(ctx, variable);
      }
    }
  }
  for (const entry of parsed.entries) {
    for (const check of CHECKS.anyVariable) {
      check.run(ctx, entry);
    }
  }
  for (const check of CHECKS.fileEnd) {
    check.run(ctx);
  }
  dropFindingsOnUnusedValues(ctx, ctx.overridden);
  return finish(ctx);
}

/** Definitions that a later one of the same name replaces (dotenv keeps the last). */
function overriddenEntries(ctx: LintContext): Set<EnvEntry> {
  const overridden = new Set<EnvEntry>();
  for (const list of ctx.definitions.values()) {
    for (let i = 0; i < list.length - 1; i++) {
      overridden.add(list[i]);
    }
  }
  // Every variable given a role by its name is in ctx.definitions: only adopted ones can be missing from it.
  const candidates = adoptedEntries.get(ctx) ?? ctx.roled.map((r) => r.entry);
  const adoptedNames = new Set(candidates.filter((entry) => !ctx.definitions.has(entry.name)).map((entry) => entry.name));
  if (adoptedNames.size > 0) {
    const last = new Map<string, EnvEntry>();
    for (const entry of ctx.parsed.entries) {
      if (adoptedNames.has(entry.name)) {
        const previous = last.get(entry.name);
        if (previous) {
          overridden.add(previous);
        }
        last.set(entry.name, entry);
      }
    }
  }
  return overridden;
}

/** What whole-file rules say about the value of an overridden definition: the app never gets that value. */
const VALUE_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['invisible-character', 'public-prefix', 'lookalike-character']);

function dropFindingsOnUnusedValues(ctx: LintContext, overridden: Set<EnvEntry>): void {
  if (overridden.size === 0) {
    return;
  }
  const kept = ctx.findings.filter((finding) => {
    if (!VALUE_RULES.has(finding.rule)) {
      return true;
    }
    const entry = ctx.entryAt(finding.span.start);
    return !entry || !overridden.has(entry) || (finding.rule !== 'public-prefix' && finding.span.start < entry.nameSpan.end);
  });
  ctx.findings.splice(0, ctx.findings.length, ...kept);
}

/** The entries adoptKeyShapedValues gave the key role, for overriddenEntries. */
const adoptedEntries = new WeakMap<LintContext, EnvEntry[]>();

/** A variable with another name that holds an OpenAI key gets the key checks too. */
function adoptKeyShapedValues(ctx: LintContext): void {
  const roledEntries = new Set(ctx.roled.map((r) => r.entry));
  const adopted: EnvEntry[] = [];
  // Only entries whose text holds "sk-" or the marker can hold a key (mayHoldKey): not every value of a big file is cut.
  for (const candidates of [ctx.entriesHolding('sk-'), ctx.entriesHolding(KEY_MARKER)]) {
    for (const entry of candidates) {
      if (!roledEntries.has(entry) && mayHoldKey(entry.value) && keyOwnerOf(entry.value.trim())?.kind === 'openai') {
        ctx.roled.push({ entry, role: 'key' });
        roledEntries.add(entry);
        adopted.push(entry);
      }
    }
  }
  adoptedEntries.set(ctx, adopted);
  if (adopted.length > 0) {
    // The roles were listed in file order: only adopted entries need a place among them.
    ctx.roled.sort((a, b) => a.entry.nameSpan.start - b.entry.nameSpan.start);
  }
}

/** A cheap pre-check before the real one: most values of a big file are not keys. */
export function mayHoldKey(value: string): boolean {
  return value.includes('sk-') || value.includes(KEY_MARKER);
}

function finish(ctx: LintContext): LintResult {
  const suppressions = readSuppressions(ctx.text, ctx.lines);
  const overrides = ctx.options.ruleSeverity ?? {};
  const findings: Finding[] = [];
  for (const finding of ctx.findings) {
    const override = overrides[finding.rule];
    if (override === 'off') {
      continue;
    }
    const line = ctx.lines.positionAt(finding.span.start).line;
    if (suppressions.isSuppressed(finding.rule, line)) {
      continue;
    }
    findings.push(override ? { ...finding, severity: override } : finding);
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
  const limit = ctx.options.forFixingOnly ? Infinity : (ctx.options.findingLimit ?? MAX_FINDINGS_PER_FILE);
  const omitted = capFindings(findings, limit);
  const redacted = findings.length > 0 && !ctx.options.forFixingOnly ? redactFindings(findings, ctx.roled) : findings;
  return { findings: redacted, omitted, parsed: ctx.parsed, lines: ctx.lines, options: ctx.options };
}

/**
 * Keeps the first `limit` of sorted findings and puts one `too-many-findings` summary after them, counting the rest
 * by severity on top of `alreadyOmitted` (findings left out before, when more are merged in). Returns the counts,
 * undefined when nothing is left out. Changes `findings` in place.
 */
export function capFindings(findings: Finding[], limit: number, alreadyOmitted?: Record<Severity, number>): Record<Severity, number> | undefined {
  if (findings.length <= limit && !alreadyOmitted) {
    return undefined;
  }
  const omitted = { error: 0, warning: 0, information: 0, ...alreadyOmitted };
  for (let i = limit; i < findings.length; i++) {
    omitted[findings[i].severity]++;
  }
  const firstLeftOut = findings.length > limit ? findings[limit].span.start : (findings[findings.length - 1]?.span.end ?? 0);
  findings.length = Math.min(findings.length, limit);
  findings.push({
    rule: 'too-many-findings',
    severity: 'information',
    span: { start: firstLeftOut, end: firstLeftOut },
    message: l10n.t('{0} more problems in this file are not shown (errors: {1}, warnings: {2}): fix these, then check again.', omitted.error + omitted.warning + omitted.information, omitted.error, omitted.warning),
    fixes: [],
  });
  return omitted;
}

export const SUPPRESSION_PREFIX = 'openai-key-doctor-disable';

export interface Suppressions {
  isSuppressed(rule: RuleId, line: number): boolean;
}

/**
 * `# openai-key-doctor-disable-next-line [rule, ...]` silences the next line;
 * `# openai-key-doctor-disable [rule, ...]` the whole file. No rule list means every rule.
 */
export function readSuppressions(text: string, lines: LineIndex): Suppressions {
  const byLine = new Map<number, Set<string> | 'all'>();
  let fileWide: Set<string> | 'all' | undefined;
  for (let at = text.indexOf(SUPPRESSION_PREFIX); at >= 0; at = text.indexOf(SUPPRESSION_PREFIX, at + 1)) {
    const { line } = lines.positionAt(at);
    const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
    const match = /^\s*#\s*openai-key-doctor-disable(-next-line)?(?:\s+(.*))?$/.exec(content);
    if (!match) {
      continue;
    }
    const rules = (match[2] ?? '').split(/[\s,]+/).filter((r) => isRuleId(r));
    const scope: Set<string> | 'all' = rules.length > 0 ? new Set(rules) : 'all';
    if (match[1]) {
      byLine.set(line + 1, scope);
    } else {
      fileWide = scope;
    }
  }
  const matches = (scope: Set<string> | 'all' | undefined, rule: RuleId) => scope === 'all' || (scope !== undefined && scope.has(rule));
  return { isSuppressed: (rule, line) => matches(fileWide, rule) || matches(byLine.get(line), rule) };
}
