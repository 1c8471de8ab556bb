import * as path from 'path';
import type { Finding } from '../core/findings';
import { nodeCrypto } from '../core/keyHealth';
import type { FileLintResult } from '../core/lintFile';
import { MAX_FINDINGS_PER_FILE, capFindings } from '../core/lint';
import { Environment, LoadedFile, keyCore, resolveFolder } from '../core/loaders/chain';
import { detectLoader, gatherFolderFacts } from '../core/loaders/detect';
import type { LoaderChoice } from '../core/loaders/loaderId';
import { nodeFolderReader } from '../core/loaders/nodeFolderReader';
import { KeyFile, isKeyDefinition, keyReuseFindings, loadOrderFindings, settleFindings } from '../core/loaders/rules';
import { FRAGMENT_LENGTH, createRedactor } from '../core/redact';
import { checkMode } from './loaderFlags';

/** A `.env` file `lint` checked, as it is on disk now (after --fix). */
export interface LintedEnvFile {
  /** Absolute. */
  path: string;
  result: FileLintResult;
}

export interface LoadOrderOptions {
  /** What the app inherits: the process environment. */
  env: Environment;
  choice: Partial<LoaderChoice>;
  /** The size limit of `lint`: the loader reads the other files of a folder with the same. */
  maxBytes: number;
  /** How a folder is shown in `key-reused` messages (relative to the current folder). */
  display: (absolutePath: string) => string;
}

/**
 * The rules that need more than one file (`environment-shadows-file`, `overridden-by-other-file`, `key-reused`)
 * for the files `lint` checked: each folder's loader is resolved once (detected, or `--loader`), and its files the
 * lint already parsed are not read or parsed again. Returns each file's findings, in input order, unsettled.
 */
export async function crossFileFindings(files: readonly LintedEnvFile[], options: LoadOrderOptions): Promise<Finding[][]> {
  const out: Finding[][] = files.map(() => []);
  // A plain copy: every name of a big file is looked up, and process.env answers each lookup through the runtime.
  const env: Environment = { ...options.env };
  const byFolder = new Map<string, number[]>();
  files.forEach((file, index) => {
    const dir = path.dirname(file.path);
    byFolder.set(dir, [...(byFolder.get(dir) ?? []), index]);
  });
  for (const [dir, indexes] of byFolder) {
    const preloaded = new Map<string, LoadedFile>();
    for (const i of indexes) {
      const loaded = asLoadedFile(files[i]);
      if (loaded) {
        preloaded.set(loaded.path, loaded);
      }
    }
    const resolution = await resolveFolder(nodeFolderReader(dir, { maxBytes: options.maxBytes }), env, options.choice, preloaded);
    for (const i of indexes) {
      out[i].push(...loadOrderFindings(resolution, path.basename(files[i].path)));
    }
  }
  if (files.length > 1) {
    // A key is compared by a fingerprint salted for this run only: nothing that outlives the run can match it.
    const salt = nodeCrypto().randomBytes(16).toString('hex');
    const oneFolder = byFolder.size === 1;
    const keyFiles: KeyFile[] = files.map((file) => ({
      folder: oneFolder ? '' : options.display(path.dirname(file.path)).split(path.sep).join('/'),
      file: path.basename(file.path),
      parsed: file.result.parsed,
    }));
    keyReuseFindings(keyFiles, salt).forEach((findings, i) => out[i].push(...findings));
  }
  return out;
}

/** Throws a UsageError when the loader of one of the folders (detected, or `--loader`) does not know `--mode`. */
export async function checkModeInFolders(dirs: readonly string[], choice: Partial<LoaderChoice>, maxBytes: number, display: (dir: string) => string): Promise<void> {
  for (const dir of dirs) {
    const detection = detectLoader(await gatherFolderFacts(nodeFolderReader(dir, { maxBytes })), choice.loader);
    checkMode(detection.loader, choice.mode, display(dir));
  }
}

/**
 * The lint's own decoding and parse of a file, as the loader model would make it (`loadedFile`): UTF-8 text only.
 * A UTF-16 or binary file gives dotenv no variable at all, and a file above the limit was not read: the loader
 * model reads those itself.
 */
function asLoadedFile(file: LintedEnvFile): LoadedFile | undefined {
  const { result } = file;
  const decoded = result.options.decoded;
  if (!decoded || decoded.binary || (result.encoding !== 'utf8' && result.encoding !== 'utf8bom')) {
    return undefined;
  }
  return { path: path.basename(file.path), text: result.text, parsed: result.parsed, lines: result.lines };
}

/**
 * A file's findings with the cross-file ones merged in, the way the linter treats its own: the user's rule
 * severities and `# openai-key-doctor-disable…` comments, the redaction boundary (the file's key values and the
 * environment's), sorted, and the per-file cap with its one `too-many-findings` summary.
 */
export function mergeFindings(result: FileLintResult, extra: readonly Finding[], env: Environment): { findings: Finding[]; omitted?: FileLintResult['omitted'] } {
  const settled = settleFindings(extra, result.text, result.options.ruleSeverity);
  if (settled.length === 0) {
    return { findings: result.findings, omitted: result.omitted };
  }
  const redactText = createRedactor(secretsOf(result, env));
  const redacted = settled.map((f) => ({ ...f, message: redactText(f.message), related: f.related?.map((r) => ({ ...r, message: redactText(r.message) })) }));
  const own = result.findings.filter((f) => f.rule !== 'too-many-findings');
  const merged = [...own, ...redacted].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
  const omitted = capFindings(merged, result.options.findingLimit ?? MAX_FINDINGS_PER_FILE, result.omitted);
  return { findings: merged, omitted };
}

const MAX_SECRETS = 64;
const MAX_SECRET_LENGTH = 512;

/** The values a cross-file message could echo: the file's key definitions, and the environment's for those names. */
function secretsOf(result: FileLintResult, env: Environment): string[] {
  const secrets = new Set<string>();
  const add = (value: string | undefined) => {
    const core = value === undefined ? '' : keyCore(value);
    if (core.length >= FRAGMENT_LENGTH && core.length <= MAX_SECRET_LENGTH && secrets.size < MAX_SECRETS) {
      secrets.add(core);
    }
  };
  for (const entry of result.parsed.entries) {
    if (secrets.size >= MAX_SECRETS) {
      break;
    }
    if (isKeyDefinition(entry)) {
      add(entry.value);
      add(env[entry.name]);
    }
  }
  return [...secrets];
}
