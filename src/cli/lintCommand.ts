import * as l10n from '@vscode/l10n';
import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from '../core/findings';
import { GitRunner, createSafeGitRunner } from '../core/git';
import { gitStatusOf } from '../core/gitStatus';
import { FileFixError, addGitignoreEntry } from '../core/fileFixes';
import { FileLintResult, applySafeFixes, lintBytes, tooLargeResult } from '../core/lintFile';
import { redactDeep } from '../core/redact';
import { FileReport, formatJson, formatSarif, formatText, toRecord } from '../core/report/formats';
import { decodeFile } from '../core/encoding';
import { isEnvFileName, notEnvFileMessage, readsLikeDotenv } from '../core/envFileNames';
import { folderMayHoldOtherSources } from '../core/loaders/loadOrder';
import { FileOps, NODE_FILE_OPS, WriteRefused, WriteTarget, readFileSafely, writeFileSafely } from '../core/safeFile';
import { FoundFile, walkEnvFiles } from '../core/walk';
import { CliIo, UsageError, parseFlags } from './io';
import type { LintedEnvFile } from './lintLoadOrder';
import { loaderChoice, loaderFlagsUsage } from './loaderFlags';

export const LINT_USAGE = `Usage: openai-key-doctor lint [--format text|json|sarif] [--fix] [--no-git] [--no-sources] [--loader <name>] [--mode <m>]
                            [--override] [--max-size-mb <n>] <file|dir>...

Checks .env files (.env, .env.*, *.env, .env_example, env.example…) for everything that stops an OpenAI key from
working, including whether the app really gets that definition (a variable already in the environment, .env.local
read before .env…) and the same key in files meant for different environments; and source and config files for
hard-coded keys. Directories are searched recursively, skipping node_modules, .git and build output; in a git
repository, the source files searched are those git lists (tracked, or untracked and not ignored).

  --format <f>       text (default), json or sarif
  --fix              apply the safe fixes to .env files in place (a hard-coded key is reported, never moved)
  --no-git           do not run git (to ask whether files are tracked or ignored, or to list source files)
  --no-sources       check .env files only, not source files
${loaderFlagsUsage(21)}
  --override         the app loads with dotenv's override: true or python-dotenv's override=True
  --max-size-mb <n>  skip files larger than this (default 2, at most 4096)

Exit code: 1 when an error is found, 2 on a usage error, 3 when a file could not be checked or fixed, 0 otherwise.`;

/** Exit code when some file could not be read, or its fixes could not be written. */
export const EXIT_FILE_FAILURE = 3;

/**
 * The source scan, loaded when a folder or a source file is linted: esbuild then runs its modules' code only on
 * first use, and a lint of .env files alone does not pay for compiling it at start-up.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sourceScan = () => require('./lintSources') as typeof import('./lintSources');

/** The rules that need more than one file, loaded when some file may get one of their findings (see crossFileFindingsPossible). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadOrder = () => require('./lintLoadOrder') as typeof import('./lintLoadOrder');

/** A .env file linted, waiting for the findings that need the other files of its folder. */
interface PendingEnvFile extends LintedEnvFile {
  /** Where its report goes in the output. */
  slot: number;
  /** Fixes that could not be written. */
  problems: Finding[];
}

/** Above this, a limit says "everything" in a way no file we could decode to text needs (V8 strings stop near 512 MB). */
const MAX_SIZE_LIMIT_MB = 4096;

export async function runLint(args: string[], io: CliIo, version: string): Promise<number> {
  const flags = parseFlags(args, {
    format: 'value',
    fix: 'bool',
    'no-git': 'bool',
    'no-sources': 'bool',
    loader: 'value',
    mode: 'value',
    override: 'bool',
    'max-size-mb': 'value',
    help: 'bool',
  });
  if (flags.bool.has('help')) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  const format = flags.values.get('format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) {
    throw new UsageError(`Unknown format "${format}": use text, json or sarif.`);
  }
  if (flags.positional.length === 0) {
    throw new UsageError('Name at least one file or folder to check, e.g. `openai-key-doctor lint .`');
  }
  const maxMb = Number(flags.values.get('max-size-mb') ?? '2');
  if (!Number.isFinite(maxMb) || maxMb <= 0 || maxMb > MAX_SIZE_LIMIT_MB) {
    throw new UsageError(`--max-size-mb takes a positive number up to ${MAX_SIZE_LIMIT_MB}.`);
  }
  const choice = loaderChoice(flags.values, flags.bool.has('override'));
  const useGit = !flags.bool.has('no-git');
  // git is found on PATH as the program itself was started with (gitStatusOf does the same), not the app's environment.
  const git: GitRunner | false = useGit ? createSafeGitRunner() : false;
  const sources = !flags.bool.has('no-sources');
  const fix = flags.bool.has('fix');
  const maxBytes = maxMb * 1024 * 1024;
  const files = { ...NODE_FILE_OPS, ...io.files };
  const reports: FileReport[] = [];
  const notes: string[] = [];
  let failures = 0;
  let errors = false;
  const display = (file: string) => path.relative(io.cwd, file) || file;
  const displayFolder = (dir: string) => path.relative(io.cwd, dir) || '.';
  const hasError = (report: FileReport) => report.findings.some((f) => f.severity === 'error') || (report.omitted?.error ?? 0) > 0;
  const targets = flags.positional.map((p) => path.resolve(io.cwd, p));
  const found = onceEach(
    walkEnvFiles(targets, (p, e) => {
      failures++;
      reports.push(fileProblem(display(p), unreadable((e as NodeJS.ErrnoException).code ?? e.message)));
    }),
  );
  if (choice.mode !== undefined) {
    // Before anything is written: a folder whose loader does not know the mode is a usage error.
    await loadOrder().checkModeInFolders([...new Set(found.map((f) => path.dirname(f.path)))], choice, maxBytes, displayFolder);
  }
  const pending: PendingEnvFile[] = [];
  let fixedCount = 0;
  for (const { path: file, root } of found) {
    const problems: Finding[] = [];
    let result: FileLintResult;
    try {
      const read = readFileSafely(file, maxBytes, files);
      if (read.kind === 'not-regular' || read.kind === 'error') {
        failures++;
        reports.push(fileProblem(display(file), read.kind === 'error' ? unreadable(read.code) : notRegular(read.fileKind)));
        continue;
      }
      if (read.kind === 'read' && !isEnvFileName(path.basename(file))) {
        const bytes = read.snapshot.bytes;
        const text = decodeFile(bytes).text;
        const kind = sources ? sourceScan().explicitFileKind(path.basename(file), bytes, text, readsLikeDotenv) : readsLikeDotenv(text) ? 'env' : 'neither';
        if (kind === 'source') {
          const report = await sourceScan().explicitSourceReport(file, bytes, display(file), git);
          errors ||= hasError(report);
          reports.push(report);
          continue;
        }
        if (kind === 'neither') {
          reports.push(fileProblem(display(file), problem('not-env-file', notEnvFileMessage(path.basename(file)))));
          continue;
        }
      }
      const options = { fileName: path.basename(file), git: useGit ? await gitStatusOf(file) : undefined, maxBytes, sizeLimitName: '--max-size-mb' };
      if (read.kind === 'too-large') {
        result = tooLargeResult(read.size, maxBytes, options);
      } else {
        result = lintBytes(read.snapshot.bytes, options);
        const fixed = fix ? applySafeFixes(result, read.snapshot.bytes) : undefined;
        if (fixed) {
          const written = fixed.bytes === read.snapshot.bytes || write(read.snapshot, fixed.bytes, root, files, problems, path.basename(file));
          for (const entry of fixed.gitignoreEntries) {
            const repository = options.git?.repositoryRoot ?? path.dirname(file);
            try {
              fixedCount += addGitignoreEntry(repository, entry, files) === 'added' ? 1 : 0;
            } catch (e) {
              problems.push(notWritten('.gitignore', e));
            }
          }
          if (written && fixed.bytes !== read.snapshot.bytes) {
            fixedCount += fixed.applied - fixed.gitignoreEntries.length;
            result = lintBytes(fixed.bytes, { ...options, git: useGit ? await gitStatusOf(file) : undefined });
          }
        }
      }
    } catch (e) {
      failures++;
      reports.push(fileProblem(display(file), unreadable(`${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)));
      continue;
    }
    pending.push({ path: file, result, problems, slot: reports.length });
    reports.push({ path: display(file), findings: [] });
  }
  // The findings that need more than one file, on the files as they are now (after --fix).
  const crossFile = crossFileFindingsPossible(pending, io.env) ? await loadOrder().crossFileFindings(pending, { env: io.env, choice, maxBytes, display: displayFolder }) : undefined;
  pending.forEach((entry, i) => {
    const { findings, omitted } = crossFile ? loadOrder().mergeFindings(entry.result, crossFile[i], io.env) : entry.result;
    const report: FileReport = { path: display(entry.path), findings: [...entry.problems.map((p) => toRecord(p, entry.result.lines)), ...findings.map((f) => toRecord(f, entry.result.lines))], omitted };
    failures += entry.problems.length;
    errors ||= hasError(report);
    reports[entry.slot] = report;
  });
  const folders = sources ? [...new Set(targets)].filter(isDirectory) : [];
  if (folders.length > 0) {
    const scanned = await sourceScan().scanSourceFolders(folders, git, maxBytes, display);
    const reported = new Set(reports.map((r) => r.path));
    for (const { path: file, code } of scanned.unreadable) {
      if (!reported.has(display(file))) {
        reported.add(display(file));
        failures++;
        reports.push(fileProblem(display(file), unreadable(code)));
      }
    }
    for (const report of scanned.reports) {
      // A file in two of the folders given (`lint . src`), or also named explicitly, is reported once.
      if (!reported.has(report.path)) {
        reported.add(report.path);
        errors ||= hasError(report);
        reports.push(report);
      }
    }
    // Like a .env file above the limit: a `file-too-large` finding, so JSON and SARIF say what was not searched.
    const tooLarge: string[] = [];
    for (const { path: file, size } of scanned.tooLarge) {
      if (!reported.has(display(file))) {
        reported.add(display(file));
        tooLarge.push(file);
        const result = tooLargeResult(size, maxBytes, { sizeLimitName: '--max-size-mb' });
        reports.push({ path: display(file), findings: result.findings.map((f) => toRecord(f, result.lines)) });
      }
    }
    if (tooLarge.length > 0) {
      const listed = tooLarge.slice(0, 3).map(display).join(', ') + (tooLarge.length > 3 ? ` (+${tooLarge.length - 3})` : '');
      notes.push(l10n.t('Note: not searched for hard-coded keys, above the {0} MB limit (see --max-size-mb): {1}', maxMb, listed));
    }
  }
  // The redaction boundary of the CLI: findings are redacted when linted, paths and everything else here.
  const shown = redactDeep(reports);
  if (format === 'json') {
    io.stdout(formatJson(shown));
  } else if (format === 'sarif') {
    io.stdout(formatSarif(shown, version));
  } else {
    io.stdout(formatText(shown, io.color));
    if (fix) {
      io.stderr(`Applied ${fixedCount} fix${fixedCount === 1 ? '' : 'es'}.`);
    }
  }
  for (const note of redactDeep(notes)) {
    io.stderr(note);
  }
  return failures > 0 ? EXIT_FILE_FAILURE : errors ? 1 : 0;
}

/**
 * Whether the load-order and key-reuse rules may find anything: not for one file alone in its folder (no other
 * `.env*` file, no compose file) none of whose variables the environment defines. A pre-commit hook's lint of one
 * .env then does not pay for resolving its folder's loader.
 */
function crossFileFindingsPossible(files: readonly PendingEnvFile[], env: NodeJS.ProcessEnv): boolean {
  if (files.length !== 1) {
    return files.length > 1;
  }
  const [file] = files;
  let entries: string[];
  try {
    entries = fs.readdirSync(path.dirname(file.path));
  } catch {
    return true;
  }
  if (folderMayHoldOtherSources(entries, path.basename(file.path))) {
    return true;
  }
  const defined = new Set(Object.keys(env).filter((name) => env[name] !== undefined));
  return defined.size > 0 && file.result.parsed.entries.some((entry) => defined.has(entry.name));
}

/**
 * Each file once, where it was found first: a file reached twice (`lint . .env`, `lint . app`) is neither linted nor
 * reported twice, and is never taken for another file holding the same key (`key-reused`).
 */
function onceEach(files: readonly FoundFile[]): FoundFile[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    if (seen.has(file.path)) {
      return false;
    }
    seen.add(file.path);
    return true;
  });
}

function isDirectory(target: string): boolean {
  try {
    return fs.statSync(target).isDirectory();
  } catch {
    return false;
  }
}

/** Writes fixed bytes through the one safe path; a refusal or a failure becomes a finding on that file. */
function write(target: WriteTarget, bytes: Uint8Array, root: string, files: FileOps, problems: Finding[], name: string): boolean {
  try {
    writeFileSafely(target, bytes, { root }, files);
    return true;
  } catch (e) {
    problems.push(notWritten(name, e));
    return false;
  }
}

function fileProblem(displayPath: string, finding: Finding): FileReport {
  return { path: displayPath, findings: [{ rule: finding.rule, severity: finding.severity, line: 1, column: 1, endLine: 1, endColumn: 1, message: finding.message, fixable: false }] };
}

function problem(rule: Finding['rule'], message: string): Finding {
  const severity = rule === 'not-env-file' ? 'information' : rule === 'unreadable-file' ? 'warning' : 'error';
  return { rule, severity, span: { start: 0, end: 0 }, message, fixes: [] };
}

function unreadable(code: string): Finding {
  return problem('unreadable-file', l10n.t('Could not read this path ({0}), so it was not checked.', code));
}

function notRegular(kind: string): Finding {
  return problem('unreadable-file', l10n.t('This is not a regular file ({0}), so it was not opened or checked.', kind));
}

function notWritten(name: string, e: unknown): Finding {
  if (e instanceof WriteRefused) {
    const message =
      e.reason === 'changed'
        ? l10n.t('{0} changed after it was read, so the fixes were not written and nothing was lost: run the command again.', name)
        : e.reason === 'outside-root'
          ? l10n.t('{0} leads out of the folder being fixed (a link), so --fix did not write through it.', name)
          : l10n.t('{0} is not a regular file, so --fix did not write it.', name);
    return problem('fix-not-written', message);
  }
  const code = e instanceof FileFixError ? e.code : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  return problem('fix-not-written', l10n.t('Could not write the fixes to {0} ({1}); it was left as it was.', name, code));
}
