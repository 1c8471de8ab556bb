import { entriesHolding, type EnvEntry, type ParsedEnv, type Span } from '../dotenv/parse';
import { LineIndex } from '../dotenv/lineIndex';
import type { DecodedFile } from '../encoding';
import { isTemplateFileName } from '../envFileNames';
import type { Finding, Fix, RelatedLocation } from '../findings';
import type { ProviderConfig } from '../keys/provider';
import { VariableRole, roleOf } from '../keys/variables';
import type { RuleId, Severity } from './ruleInfo';

/** What git says about the file, computed by the caller (the core never runs processes). */
export interface GitStatus {
  tracked: boolean;
  ignored: boolean;
  /** The line to add to .gitignore, relative to the repository root. */
  gitignoreEntry: string;
  /** Where the .gitignore that gets the entry lives. */
  repositoryRoot: string;
}

export interface LintOptions {
  /** Base name, for `.env.example`-style files and messages. */
  fileName?: string;
  /** Encoding facts from the bytes on disk, when known. */
  decoded?: Pick<DecodedFile, 'encoding' | 'bom' | 'nulBytes' | 'binary' | 'undecodable' | 'mixed'>;
  git?: GitStatus;
  /** A key for this file is kept in SecretStorage: an empty OPENAI_API_KEY here is expected. */
  keyInSecretStorage?: boolean;
  /** Per-rule overrides: a severity, or 'off'. */
  ruleSeverity?: Partial<Record<RuleId, Severity | 'off'>>;
  /** Where keys go when the text itself does not say (no OPENAI_BASE_URL, OPENAI_API_TYPE…). */
  provider?: ProviderConfig;
  /** At most this many findings are kept, then one summary (default 1000). */
  findingLimit?: number;
  /**
   * The result only feeds --fix and is never shown: every finding is kept and none is redacted (the redaction
   * boundary is crossed by what is shown, and this is not).
   */
  forFixingOnly?: boolean;
}

export interface RoledEntry {
  entry: EnvEntry;
  role: VariableRole;
}

export class LintContext {
  readonly lines: LineIndex;
  readonly roled: RoledEntry[] = [];
  /** Definitions of the variables whose name contains OPENAI, in file order. */
  readonly definitions = new Map<string, EnvEntry[]>();
  readonly findings: Finding[] = [];
  readonly isExampleFile: boolean;
  /** The names of the OpenAI variables (`roled`), known before the variable checks run. */
  readonly openAiNames = new Set<string>();
  /** Definitions whose value the app never gets: a later one of the same name replaces them. */
  readonly overridden = new Set<EnvEntry>();
  /** `NAME:` definitions that swallow the next line (found by the swallowed-variable check, which runs first). */
  readonly swallowing = new Set<EnvEntry>();
  /** Offsets of lines that continue a wrapped key (found by wrapped-key, so ignored-line does not report them). */
  readonly continuationLines = new Set<number>();

  constructor(
    readonly text: string,
    readonly parsed: ParsedEnv,
    readonly options: LintOptions,
    /** The catalog's default severity of a rule (passed in: the rules and this context never import the catalog). */
    private readonly defaultSeverity: (rule: RuleId) => Severity,
  ) {
    this.lines = new LineIndex(text);
    this.isExampleFile = isTemplateFileName(options.fileName);
    // Only OpenAI variables are looked up by name; indexing every name of a huge file costs more than the parse.
    for (const entry of this.entriesHolding('OPENAI')) {
      const name = entry.name;
      if (!name.includes('OPENAI')) {
        continue;
      }
      const list = this.definitions.get(name);
      if (list) {
        list.push(entry);
      } else {
        this.definitions.set(name, [entry]);
      }
      const role = roleOf(name);
      if (role) {
        this.roled.push({ entry, role });
      }
    }
  }

  private readonly holding = new Map<string, EnvEntry[]>();

  /**
   * The entries whose statement holds `needle` (no line break, quote or backslash in it), in file order: every
   * entry whose name, separator or value contains it, and maybe a few more, so callers still test them.
   */
  entriesHolding(needle: string): EnvEntry[] {
    let found = this.holding.get(needle);
    if (!found) {
      found = entriesHolding(this.parsed, needle);
      this.holding.set(needle, found);
    }
    return found;
  }

  /** The entry whose statement contains the offset (entries are sorted and never overlap). */
  entryAt(offset: number): EnvEntry | undefined {
    const entries = this.parsed.entries;
    let low = 0;
    let high = entries.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const span = entries[mid].statementSpan;
      if (offset < span.start) {
        high = mid - 1;
      } else if (offset >= span.end) {
        low = mid + 1;
      } else {
        return entries[mid];
      }
    }
    return undefined;
  }

  /** The first ignored line that starts after the offset. */
  ignoredLineAfter(offset: number): Span | undefined {
    const lines = this.parsed.ignoredLines;
    let low = 0;
    let high = lines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (lines[mid].start <= offset) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return lines[low];
  }

  /** The definition dotenv uses for a name: the last one. */
  effective(name: string): EnvEntry | undefined {
    const list = this.definitions.get(name);
    return list ? list[list.length - 1] : undefined;
  }

  /** 1-based line of an offset, for messages. */
  lineNumber(offset: number): number {
    return this.lines.positionAt(offset).line + 1;
  }

  /** 1-based column of an offset, for messages. */
  columnNumber(offset: number): number {
    return this.lines.positionAt(offset).character + 1;
  }

  report(
    rule: RuleId,
    span: Span,
    message: string,
    fixes: Fix[] = [],
    options: { severity?: Severity; related?: RelatedLocation[]; detail?: string } = {},
  ): void {
    this.findings.push({
      rule,
      severity: options.severity ?? this.defaultSeverity(rule),
      span,
      message,
      ...(options.detail !== undefined && options.detail !== message ? { detail: options.detail } : {}),
      fixes,
      related: options.related,
    });
  }
}
