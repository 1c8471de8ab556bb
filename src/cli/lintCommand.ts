import * as fs from 'fs';
import * as path from 'path';
import { gitStatusOf } from '../core/gitStatus';
import { applySafeFixes, lintBytes } from '../core/lintFile';
import { FileReport, formatJson, formatSarif, formatText, toRecord } from '../core/report/formats';
import { findEnvFiles } from '../core/walk';
import { decodeFile } from '../core/encoding';
import { isEnvFileName, notEnvFileMessage, readsLikeDotenv } from '../core/envFileNames';
import { withGitignoreEntry } from '../core/gitignore';
import { CliIo, UsageError, parseFlags } from './io';

export const LINT_USAGE = `Usage: openai-key-doctor lint [--format text|json|sarif] [--fix] [--no-git] [--max-size-mb <n>] <file|dir>...

Checks .env files (.env, .env.*, *.env, .env_example, env.example…) for everything that stops an OpenAI key from working.
Directories are searched recursively, skipping node_modules, .git and build output.

  --format <f>       text (default), json or sarif
  --fix              apply the safe fixes in place
  --no-git           do not ask git whether the files are tracked or ignored
  --max-size-mb <n>  skip files larger than this (default 2)

Exit code: 1 when an error is found, 2 on a usage error, 0 otherwise.`;

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
  const reports: FileReport[] = [];
  const display = (file: string) => path.relative(io.cwd, file) || file;
  const files = findEnvFiles(
    flags.positional.map((p) => path.resolve(io.cwd, p)),
    (p, e) => reports.push(unreadable(display(p), e)),
  );
  let fixedCount = 0;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      reports.push(unreadable(display(file), e as Error));
      continue;
    }
    if (!isEnvFileName(path.basename(file)) && !readsLikeDotenv(decodeFile(bytes).text)) {
      reports.push(notAnEnvFile(display(file), path.basename(file)));
      continue;
    }
    const options = {
      fileName: path.basename(file),
      git: useGit ? await gitStatusOf(file) : undefined,
      maxBytes: maxMb * 1024 * 1024,
    };
    let result = lintBytes(bytes, options);
    if (flags.bool.has('fix')) {
      const fixed = applySafeFixes(result, bytes);
      if (fixed) {
        fs.writeFileSync(file, fixed.bytes);
        for (const entry of fixed.gitignoreEntries) {
          appendToGitignore(options.git?.repositoryRoot ?? path.dirname(file), entry);
        }
        fixedCount += fixed.applied;
        result = lintBytes(fixed.bytes, { ...options, git: useGit ? await gitStatusOf(file) : undefined });
      }
    }
    reports.push({ path: display(file), findings: result.findings.map((f) => toRecord(f, result.lines)) });
  }
  if (format === 'json') {
    io.stdout(formatJson(reports));
  } else if (format === 'sarif') {
    io.stdout(formatSarif(reports, version));
  } else {
    io.stdout(formatText(reports, io.color));
    if (flags.bool.has('fix')) {
      io.stderr(`Applied ${fixedCount} fix${fixedCount === 1 ? '' : 'es'}.`);
    }
  }
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function notAnEnvFile(p: string, name: string): FileReport {
  return {
    path: p,
    findings: [{ rule: 'not-env-file', severity: 'information', line: 1, column: 1, endLine: 1, endColumn: 1, message: notEnvFileMessage(name), fixable: false }],
  };
}

function unreadable(p: string, e: Error): FileReport {
  const code = (e as NodeJS.ErrnoException).code ?? e.message;
  return {
    path: p,
    findings: [
      {
        rule: 'unreadable-file',
        severity: 'warning',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        message: `Could not read this path (${code}), so it was not checked.`,
        fixable: false,
      },
    ],
  };
}

/** Adds one line to the .gitignore of a folder, keeping its line endings. */
function appendToGitignore(dir: string, entry: string): void {
  const gitignore = path.join(dir, '.gitignore');
  const existing = fs.existsSync(gitignore) ? fs.readFileSync(gitignore, 'utf8') : '';
  fs.writeFileSync(gitignore, withGitignoreEntry(existing, entry));
}
