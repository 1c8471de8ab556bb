import * as l10n from '@vscode/l10n';
import type { EnvEntry, ParsedEnv } from '../dotenv/parse';
import { LineIndex } from '../dotenv/lineIndex';
import { isTemplateFileName } from '../envFileNames';
import type { Finding, Severity } from '../findings';
import { keyFingerprint } from '../keyHealth';
import { looksLikeOpenAiKey } from '../keys/keyShape';
import { detectPlaceholder } from '../keys/placeholder';
import { roleOf } from '../keys/variables';
import { mayHoldKey, readSuppressions } from '../lint';
import { RULES, RuleId } from '../rules/catalog';
import { ChainEntry, FolderResolution, VariableChain, chainFor, definitionsIn } from './chain';
import { LoaderId, loaderLabel } from './loaderId';

/** Variables whose definitions the load-order rules look at: key variables, and other names holding a key. */
export function isKeyDefinition(entry: EnvEntry): boolean {
  const role = roleOf(entry.name);
  return role === 'key' || role === 'admin-key' || role === 'azure-key' || (mayHoldKey(entry.value) && looksLikeOpenAiKey(entry.value.trim()));
}

/**
 * `environment-shadows-file` and `overridden-by-other-file` for one file the loader reads: its definitions of key
 * variables that the app never gets, because the inherited environment or another file wins. Spans point into the
 * file's text as the resolution read it (the linter's decoding). A file the loader does not read gets nothing.
 */
export function loadOrderFindings(resolution: FolderResolution, file: string): Finding[] {
  const loaded = resolution.files.get(file);
  if (!loaded) {
    return [];
  }
  const findings: Finding[] = [];
  const others = [...resolution.files.values()].filter((f) => f !== loaded);
  // Outside docker compose every source reads the variable by its own name: a name that neither the environment nor
  // another file defines has one place (the last definition of a file wins within it), and nothing to report.
  const elsewhere = (name: string) => resolution.plan.loader === 'docker-compose' || resolution.env[name] !== undefined || others.some((f) => definitionsIn(f, name).length > 0);
  const names = new Set<string>();
  for (const entry of loaded.parsed.entries) {
    if (!names.has(entry.name) && elsewhere(entry.name) && isKeyDefinition(entry)) {
      names.add(entry.name);
    }
  }
  for (const name of names) {
    const finding = chainsReading(resolution, name, file)
      .map((chain) => chainFinding(chain, file))
      .find((f) => f !== undefined);
    if (finding) {
      findings.push(finding);
    }
  }
  return findings;
}

/**
 * The load-order finding of one chain for one file, if the file's definition (its last one: earlier ones are
 * `duplicate-key`) is not what the app gets and holds another value.
 */
export function chainFinding(chain: VariableChain, file: string): Finding | undefined {
  const mine = chain.entries.filter((e) => e.file === file && e.entry);
  const effective = mine[mine.length - 1];
  const winner = chain.winner;
  if (!effective || !winner || effective.used || winner.value === effective.value) {
    return undefined;
  }
  return winner.source === 'environment' ? shadowed(chain, effective, winner) : overridden(chain, effective, winner);
}

/** The chains in which this file takes part: one, or one per compose service that lists it. */
function chainsReading(resolution: FolderResolution, name: string, file: string): VariableChain[] {
  const services = resolution.plan.loader === 'docker-compose' ? resolution.plan.services : [undefined];
  return services
    .map((service) => chainFor(resolution, name, service))
    .filter((chain) => chain.entries.some((e) => e.file === file));
}

function shadowed(chain: VariableChain, effective: ChainEntry, winner: ChainEntry): Finding {
  const loader = loaderLabel(chain.loader);
  const name = winner.name;
  return {
    rule: 'environment-shadows-file',
    severity: RULES['environment-shadows-file'].severity,
    span: effective.entry!.nameSpan,
    message: l10n.t`${loader} uses ${name}=${winner.masked} from the environment, not ${effective.masked}: ${shadowFix(chain.loader)}.`,
    fixes: [],
  };
}

/** What makes the file win for each loader: its override option, or getting rid of the stale variable. */
function shadowFix(loader: LoaderId): string {
  switch (loader) {
    case 'dotenv':
      return l10n.t('unset it and reopen the terminal, or use dotenv.config({ override: true })');
    case 'python-dotenv':
      return l10n.t('unset it and reopen the terminal, or use load_dotenv(override=True)');
    case 'docker-compose':
      return l10n.t('unset it in the shell that runs docker compose');
    default:
      return l10n.t('unset it, then restart the terminal or the editor');
  }
}

function overridden(chain: VariableChain, effective: ChainEntry, winner: ChainEntry): Finding {
  const loader = loaderLabel(chain.loader);
  return {
    rule: 'overridden-by-other-file',
    severity: RULES['overridden-by-other-file'].severity,
    span: effective.entry!.nameSpan,
    message: l10n.t`${loader} uses ${winner.file ?? ''}, line ${winner.line ?? 0} (${winner.masked}) instead: edit the key there or delete this one.`,
    fixes: [],
  };
}

/** A file of a workspace folder, as the linter parsed it. */
export interface KeyFile {
  /** Shown to the user to tell folders apart (the workspace folder's name); '' for a single folder. */
  folder: string;
  /** Relative to the folder, `/`-separated. */
  file: string;
  parsed: ParsedEnv;
}

/**
 * `key-reused`: the same key (compared by salted fingerprint, never kept in clear) in files meant for different
 * environments, or in different folders. Returns the findings of each input file, in input order.
 */
export function keyReuseFindings(files: readonly KeyFile[], salt: string): Finding[][] {
  interface Site { index: number; file: KeyFile; entry: EnvEntry; environment: string; line: number }
  const byFingerprint = new Map<string, Site[]>();
  files.forEach((file, index) => {
    const environment = environmentOfFile(file.file);
    if (environment === undefined) {
      return;
    }
    const lines = new LineIndex(file.parsed.text);
    for (const entry of file.parsed.entries) {
      const key = entry.value.trim();
      if (!isKeyDefinition(entry) || !looksLikeOpenAiKey(key) || detectPlaceholder(key)) {
        continue;
      }
      const fingerprint = keyFingerprint(key, salt);
      const sites = byFingerprint.get(fingerprint) ?? [];
      sites.push({ index, file, entry, environment, line: lines.positionAt(entry.nameSpan.start).line + 1 });
      byFingerprint.set(fingerprint, sites);
    }
  });
  const out: Finding[][] = files.map(() => []);
  for (const sites of byFingerprint.values()) {
    for (const site of sites) {
      const others = sites.filter((o) => o.file.folder !== site.file.folder || (o.environment !== site.environment && o.file.file !== site.file.file));
      if (others.length === 0) {
        continue;
      }
      const other = others[0];
      const where = other.file.folder !== site.file.folder && other.file.folder !== '' ? `${other.file.folder}/${other.file.file}` : other.file.file;
      const reason = other.file.folder !== site.file.folder ? l10n.t('per project') : l10n.t('per environment');
      const more = others.length > 1 ? ` (+${others.length - 1})` : '';
      out[site.index].push({
        rule: 'key-reused',
        severity: RULES['key-reused'].severity,
        span: site.entry.contentSpan,
        message: l10n.t`Same key as ${where}, line ${other.line}${more}: use a key ${reason}, so a leak or spend limit hits only one.`,
        fixes: [],
      });
    }
  }
  return out;
}

const ENVIRONMENT_ALIASES: Readonly<Record<string, string>> = { dev: 'development', local: 'development', prod: 'production', stage: 'staging', testing: 'test' };

/**
 * The environment a file is meant for: `.env`, `.env.local` and `.env.development(.local)` are development;
 * `.env.production.local` is production. Undefined for example and template files, which hold no real keys.
 * A backup copy (`.env.bak`, `.env.production.old`, `.env~`) is the environment of the file it backs up.
 */
export function environmentOfFile(file: string): string | undefined {
  const base = withoutBackupSuffix((file.split('/').pop() ?? file).toLowerCase());
  // The template names every rule knows (`.env.example`, `.env_sample`, `example.env`, `env.dist`…).
  if (isTemplateFileName(base)) {
    return undefined;
  }
  if (!base.startsWith('.env')) {
    const named = ENVIRONMENT_ALIASES[base.replace(/\.env$/, '')] ?? base.replace(/\.env$/, '');
    return ['production', 'staging', 'test'].includes(named) ? named : 'development';
  }
  // `.env.production`, `.env_production` and `.env-prod` alike.
  const name = base.replace(/^\.env[._-]?/, '').split(/[._-]/).filter((p) => p !== '' && p !== 'local')[0] ?? 'development';
  return ENVIRONMENT_ALIASES[name] ?? name;
}

const BACKUP_SUFFIX = /(?:[._-](?:bak|backup|old|orig)|~)$/;

/** `.env.bak` → `.env`, `.env.production.orig~` → `.env.production`. */
function withoutBackupSuffix(base: string): string {
  let name = base;
  while (BACKUP_SUFFIX.test(name) && name.replace(BACKUP_SUFFIX, '') !== '') {
    name = name.replace(BACKUP_SUFFIX, '');
  }
  return name;
}

/**
 * The user's rule settings and `# openai-key-doctor-disable…` comments applied to findings made outside
 * `lintText` (these rules need more than one file), sorted like `lintText` sorts: merge them with its findings.
 */
export function settleFindings(findings: readonly Finding[], text: string, ruleSeverity: Partial<Record<RuleId, Severity | 'off'>> = {}): Finding[] {
  if (findings.length === 0) {
    return [];
  }
  const lines = new LineIndex(text);
  const suppressions = readSuppressions(text, lines);
  const out: Finding[] = [];
  for (const finding of findings) {
    const override = ruleSeverity[finding.rule];
    if (override === 'off' || suppressions.isSuppressed(finding.rule, lines.positionAt(finding.span.start).line)) {
      continue;
    }
    out.push(override ? { ...finding, severity: override } : finding);
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
}
