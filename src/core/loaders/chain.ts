import { EnvEntry, ParsedEnv, parseDotenv } from '../dotenv/parse';
import { LineIndex } from '../dotenv/lineIndex';
import { decodeFile } from '../encoding';
import type { Finding } from '../findings';
import { maskKey } from '../keys/mask';
import { lintText } from '../lint';
import type { RuleId } from '../rules/catalog';
import { Detection, detectLoader, gatherFolderFacts } from './detect';
import { diagnoseEnvironmentValue } from './environmentValue';
import type { FolderReader } from './folderReader';
import { LoadPlan, Source, planLoad } from './loadOrder';
import { LoaderChoice, LoaderId } from './loaderId';

export type Environment = Readonly<Record<string, string | undefined>>;

/** A file the loader reads, as the linter sees it (same decoding, so spans line up with lint findings). */
export interface LoadedFile {
  path: string;
  text: string;
  parsed: ParsedEnv;
  lines: LineIndex;
}

export interface FolderResolution {
  detection: Detection;
  plan: LoadPlan;
  env: Environment;
  /** The files of the plan that exist and could be read, by path. */
  files: ReadonlyMap<string, LoadedFile>;
}

/** One place that defines the variable. */
export interface ChainEntry {
  source: 'environment' | 'file';
  /** Relative to the folder; null for the environment. */
  file: string | null;
  /** 1-based; null for the environment. */
  line: number | null;
  /** The variable read there (compose `NAME: ${OTHER}` reads OTHER). */
  name: string;
  /** What the loader gets. Never print it: print `masked`. */
  value: string;
  masked: string;
  used: boolean;
  /** Key checks that fail for this value (rule ids); empty when its format is right. */
  problems: RuleId[];
  /** The definition in its file, for findings; absent for the environment and compose `environment:` literals. */
  entry?: EnvEntry;
  rank: number;
}

export interface VariableChain {
  variable: string;
  loader: LoaderId;
  mode?: string;
  /** The compose service the chain is for. */
  service?: string;
  /** In the order the loader reads them, the environment first. */
  entries: ChainEntry[];
  winner?: ChainEntry;
}

/**
 * Detects (or takes) the loader of a folder and reads the files it would read. `env` is what the app inherits:
 * the process environment for the CLI, the extension host's and terminals' environment in VS Code. `preloaded`:
 * files of the folder the caller already holds, decoded as `loadedFile` decodes them, by the same relative path.
 */
export async function resolveFolder(reader: FolderReader, env: Environment, choice?: Partial<LoaderChoice>, preloaded?: ReadonlyMap<string, LoadedFile>): Promise<FolderResolution> {
  const facts = await gatherFolderFacts(reader);
  const detection = detectLoader(facts, choice?.loader);
  const plan = planLoad(detection, choice, env, facts.parentDepth ?? 0);
  const files = new Map<string, LoadedFile>();
  const searched = new Set(plan.sources('').flatMap((s) => (s.kind === 'search' ? s.candidates : [])));
  for (const path of plan.files) {
    // A file the caller has already decoded and parsed (the CLI lints it anyway) is neither read nor parsed again.
    const known = preloaded?.get(path);
    const bytes = known ? undefined : await reader.read(path);
    if (known || bytes) {
      files.set(path, known ?? loadedFile(path, bytes!));
    }
    if (searched.has(path) && (known || bytes || (await reader.exists?.(path)))) {
      break; // find_dotenv stops at the first .env it meets, even one we may not read
    }
  }
  return { detection, plan, env, files };
}

/** Decoded as `lintBytes` decodes; a UTF-16 file gives dotenv no variable at all. */
export function loadedFile(path: string, bytes: Uint8Array): LoadedFile {
  const decoded = decodeFile(bytes);
  const text = decoded.encoding === 'utf8bom' ? decoded.text.replace(/^\uFEFF/, '') : decoded.text;
  const unreadable = decoded.encoding === 'utf16le' || decoded.encoding === 'utf16be' || decoded.binary;
  return { path, text, parsed: parseDotenv(unreadable ? '' : text), lines: new LineIndex(text) };
}

/** Where the variable is defined, in reading order, and which definition the app gets. */
export function chainFor(resolution: FolderResolution, variable: string, service?: string): VariableChain {
  const { plan } = resolution;
  if (plan.loader !== 'docker-compose' || service !== undefined || plan.services.length <= 1) {
    return chainOf(resolution, variable, service ?? plan.services[0]);
  }
  const chains = plan.services.map((s) => chainOf(resolution, variable, s));
  return chains.find((c) => c.entries.length > 0) ?? chains[0];
}

/** The linter's findings of each loaded file, computed once however many chains and rules ask. */
const LINTED = new WeakMap<LoadedFile, Finding[]>();
/** Each loaded file's definitions by name, built once: a file of 20,000 key variables must not be scanned 20,000 times. */
const BY_NAME = new WeakMap<LoadedFile, ReadonlyMap<string, readonly EnvEntry[]>>();

/** The definitions of a name in a loaded file, in file order. */
export function definitionsIn(file: LoadedFile, name: string): readonly EnvEntry[] {
  let index = BY_NAME.get(file);
  if (!index) {
    const built = new Map<string, EnvEntry[]>();
    for (const entry of file.parsed.entries) {
      const list = built.get(entry.name);
      if (list) {
        list.push(entry);
      } else {
        built.set(entry.name, [entry]);
      }
    }
    BY_NAME.set(file, built);
    index = built;
  }
  return index.get(name) ?? [];
}

function chainOf(resolution: FolderResolution, variable: string, service: string | undefined): VariableChain {
  const { plan, env, files } = resolution;
  const entries: ChainEntry[] = [];
  const fileProblems = (file: LoadedFile, entry: EnvEntry): RuleId[] => {
    let findings = LINTED.get(file);
    if (!findings) {
      findings = lintText(file.text, { fileName: file.path.split('/').pop() }).findings;
      LINTED.set(file, findings);
    }
    const span = entry.statementSpan;
    return [...new Set(findings.filter((f) => f.severity === 'error' && f.span.start < span.end && f.span.end > span.start).map((f) => f.rule))];
  };
  const fromFile = (file: LoadedFile | undefined, name: string, rank: number) => {
    for (const entry of file ? definitionsIn(file, name) : []) {
      let problems: RuleId[] | undefined;
      entries.push({
        source: 'file',
        file: file!.path,
        line: file!.lines.positionAt(entry.nameSpan.start).line + 1,
        name,
        value: entry.value,
        masked: maskValue(entry.value),
        used: false,
        // Linting the whole file costs as much as the lint itself: only done when shown (which), never for the rules.
        get problems() {
          return (problems ??= fileProblems(file!, entry));
        },
        entry,
        rank,
      });
    }
  };
  for (const source of plan.sources(variable, service)) {
    addSource(source);
  }
  function addSource(source: Source): void {
    switch (source.kind) {
      case 'environment': {
        const name = source.lookup ?? variable;
        const value = env[name];
        if (value !== undefined) {
          entries.push({ source: 'environment', file: null, line: null, name, value, masked: maskValue(value), used: false, problems: diagnoseEnvironmentValue(name, value).map((d) => d.rule), rank: source.rank });
        }
        return;
      }
      case 'file':
        fromFile(files.get(source.path), source.lookup ?? variable, source.rank);
        return;
      case 'search': {
        const found = source.candidates.find((c) => files.has(c));
        fromFile(found ? files.get(found) : undefined, variable, source.rank);
        return;
      }
      case 'inline':
        entries.push({ source: 'file', file: source.path, line: source.line, name: source.name, value: source.value, masked: maskValue(source.value), used: false, problems: diagnoseEnvironmentValue(source.name, source.value).map((d) => d.rule), rank: source.rank });
        return;
    }
  }
  let winner: ChainEntry | undefined;
  for (const entry of entries) {
    if (!winner || entry.rank >= winner.rank) {
      winner = entry;
    }
  }
  if (winner) {
    winner.used = true;
  }
  return { variable, loader: plan.loader, mode: plan.mode, service: plan.loader === 'docker-compose' ? service : undefined, entries, winner };
}

/**
 * The mask of a value, with what surrounds the key kept visible: quotes, spaces (`␠`), `\r`, `\n`, so that
 * `"sk-proj-…a1B2"` and `sk-proj-…a1B2\r` show their fault. An empty value reads as "".
 */
export function maskValue(value: string): string {
  if (value === '') {
    return '""';
  }
  const { lead, core, trail } = splitWrapping(value);
  if (core === '') {
    return maskKey(value);
  }
  const show = (s: string) => s.replace(/ /g, '\u2420').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  return `${show(lead)}${maskKey(core)}${show(trail)}`;
}

/** The key without the quotes and white space around it: what redaction must know as the secret. */
export function keyCore(value: string): string {
  return splitWrapping(value).core;
}

function splitWrapping(value: string): { lead: string; core: string; trail: string } {
  const match = /^([\s"'`]*)([\s\S]*?)([\s"'`]*)$/.exec(value)!;
  return { lead: match[1], core: match[2], trail: match[3] };
}

/** The CLI's `which --format json` shape. Values appear masked only. */
export function chainJson(chain: VariableChain) {
  const place = (e: ChainEntry) => ({ source: e.source, file: e.file, line: e.line, masked: e.masked });
  return {
    variable: chain.variable,
    loader: chain.loader,
    winner: chain.winner ? place(chain.winner) : null,
    chain: chain.entries.map((e) => ({ ...place(e), used: e.used, problems: e.problems })),
  };
}
