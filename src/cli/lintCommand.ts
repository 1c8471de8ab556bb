import * as l10n from '@vscode/l10n';
import * as path from 'path';
import type { Finding } from '../core/findings';
import { gitStatusOf } from '../core/gitStatus';
import { FileFixError, addGitignoreEntry } from '../core/fileFixes';
import { FileLintResult, applySafeFixes, lintBytes, tooLargeResult } from '../core/lintFile';
import { redactDeep } from '../core/redact';
import { FileReport, formatJson, formatSarif, formatText, toRecord } from '../core/report/formats';
import { decodeFile } from '../core/encoding';
import { isEnvFileName, notEnvFileMessage, readsLikeDotenv } from '../core/envFileNames';
import { FileOps, NODE_FILE_OPS, WriteRefused, WriteTarget, readFileSafely, writeFileSafely } from '../core/safeFile';
import { walkEnvFiles } from '../core/walk';
import { CliIo, UsageError, parseFlags } from './io';

export const LINT_USAGE = `Usage: openai-key-doctor lint [--format text|json|sarif] [--fix] [--no-git] [--max-size-mb <n>] <file|dir>...

Checks .env files (.env, .env.*, *.env, .env_example, env.example…) for everything that stops an OpenAI key from working.
Directories are searched recursively, skipping node_modules, .git and build output.

  --format <f>       text (default), json or sarif
  --fix              apply the safe fixes in place
  --no-git           do not ask git whether the files are tracked or ignored
  --max-size-mb <n>  skip files larger than this (default 2)

Exit code: 1 when an error is found, 2 on a usage error, 3 when a file could not be checked or fixed, 0 otherwise.`;

/** Exit code when some file could not be read, or its fixes could not be written. */
export const EXIT_FILE_FAILURE = 3;

export async function runLint(args: string[], io: CliIo, version: string): Promise<number> {
  const flags = parseFlags(args, { format: 'value', fix: 'bool', 'no-git': 'bool', 'max-size-mb': 'value', help: 'bool' });
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
  if (!Number.isFinite(maxMb) || maxMb <= 0) {
    throw new UsageError('--max-size-mb takes a positive number.');
  }
  const useGit = !flags.bool.has('no-git');
  const fix = flags.bool.has('fix');
  const maxBytes = maxMb * 1024 * 1024;
  const files = { ...NODE_FILE_OPS, ...io.files };
  const reports: FileReport[] = [];
  let failures = 0;
  let errors = false;
  const display = (file: string) => path.relative(io.cwd, file) || file;
  const found = walkEnvFiles(
    flags.positional.map((p) => path.resolve(io.cwd, p)),
    (p, e) => {
      failures++;
      reports.push(fileProblem(display(p), unreadable((e as NodeJS.ErrnoException).code ?? e.message)));
    },
  );
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
      if (read.kind === 'read' && !isEnvFileName(path.basename(file)) && !readsLikeDotenv(decodeFile(read.snapshot.bytes).text)) {
        reports.push(fileProblem(display(file), problem('not-env-file', notEnvFileMessage(path.basename(file)))));
        continue;
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
    failures += problems.length;
    errors ||= result.findings.some((f) => f.severity === 'error') || (result.omitted?.error ?? 0) > 0;
    reports.push({ path: display(file), findings: [...problems.map((p) => toRecord(p, result.lines)), ...result.findings.map((f) => toRecord(f, result.lines))], omitted: result.omitted });
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
  return failures > 0 ? EXIT_FILE_FAILURE : errors ? 1 : 0;
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
