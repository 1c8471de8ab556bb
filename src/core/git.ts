import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The one way we run git, for the CLI and the extension (`.env` git status, the source-file lister): a cloned
 * repository's configuration must not be able to make it run a program, and must not change what git prints.
 * - Only the commands in ALLOWED_COMMANDS run; none of them runs hooks, diff drivers, clean/smudge filters or a
 *   pager by itself, and the options that would start a program (`grep -O`, `--textconv`, `--ext-diff`) are
 *   refused.
 * - Every configurable program that could still start is switched off on the command line, which wins over every
 *   configuration file: `core.fsmonitor` (a program git runs to list changed files: `ls-files` and `grep
 *   --untracked` run it) and the built-in daemon, `core.hooksPath` pointed at /dev/null, no pager
 *   (`--no-pager`, `core.pager=cat`), no credential helper, no transport (`protocol.allow=never`: a partial
 *   clone's lazy fetch could start `core.sshCommand`), no recursion into submodules (`submodule.recurse`).
 * - `git grep` also gets `--no-textconv` (no `diff.<driver>.textconv` program), `--no-color` and
 *   `grep.fullName=false` (paths stay relative to the folder searched, without escape codes, whatever
 *   `color.grep` or `grep.fullName` say) and `grep.fallbackToNoIndex=false` (outside a repository it fails rather
 *   than search the folder as if it were one). git has had no external grep since 1.7.
 * - The environment has no GIT_* variable of the caller (GIT_DIR, GIT_CONFIG_PARAMETERS, GIT_EXTERNAL_DIFF…),
 *   the system configuration is not read (GIT_CONFIG_NOSYSTEM), no prompt or askpass, no optional index lock,
 *   no lazy fetch (GIT_NO_LAZY_FETCH).
 * - Embedded bare repositories are ignored (`safe.bareRepository=explicit`), so a folder in the repository
 *   cannot pose as a repository with its own configuration.
 * - The executable is looked up in the absolute entries of PATH only: never `./git` from the repository.
 * Only paths and flags reach the command line, never file content.
 */

/** The commands this module runs; add one only after checking it cannot start a configured program. */
const ALLOWED_COMMANDS: ReadonlySet<string> = new Set(['rev-parse', 'ls-files', 'check-ignore', 'grep']);

/** Options that make an allowed command start a program (`grep -O` a pager, `--textconv` a driver): refused whoever asks. */
const PROGRAM_LONG_OPTIONS: readonly string[] = ['--open-files-in-pager', '--textconv', '--ext-diff', '--recurse-submodules'];
const PROGRAM_SHORT_OPTION = 'O';

/**
 * Whether an option given before `--` is (or includes) one that starts a program. git takes any unambiguous prefix of
 * a long option (`--open` is --open-files-in-pager) and bundles short ones (`-lOvim` is -l -O vim).
 */
function startsAProgram(arg: string): boolean {
  if (arg.startsWith('--')) {
    const name = arg.split('=', 1)[0];
    return name.length > 2 && PROGRAM_LONG_OPTIONS.some((option) => option.startsWith(name));
  }
  return arg.length > 1 && arg.startsWith('-') && arg.includes(PROGRAM_SHORT_OPTION);
}

export const HARDENING_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  'core.useBuiltinFSMonitor=false',
  `core.hooksPath=${process.platform === 'win32' ? 'NUL' : '/dev/null'}`,
  'core.untrackedCache=false',
  'safe.bareRepository=explicit',
  'protocol.allow=never',
  'credential.helper=',
  'core.pager=cat',
  'submodule.recurse=false',
  'color.ui=false',
  'grep.fallbackToNoIndex=false',
  'grep.fullName=false',
];

/** Options a command gets right after its name. */
const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  grep: ['--no-textconv', '--no-color'],
};

/**
 * A file name as a pathspec that matches that name only: git reads pathspecs as globs, so `pages/[id].js` would
 * also match a tracked `pages/d.js`. For `ls-files`; `check-ignore` refuses pathspec magic (give it `--no-index`,
 * which checks the name itself against the ignore rules).
 */
export function literalPathspec(name: string): string {
  return `:(literal)${name}`;
}

export interface GitOutput {
  /** The exit code; -1 when git could not be run (not installed, timed out, output too large). */
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs one allowed git command in a folder; never rejects. */
export type GitRunner = (args: readonly string[], cwd: string) => Promise<GitOutput>;

/** The environment git runs with: the caller's, without any GIT_* variable, plus ours. */
export function gitEnvironment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (!/^GIT_/i.test(name)) {
      env[name] = value;
    }
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_NO_LAZY_FETCH: '1', GIT_ASKPASS: '', SSH_ASKPASS: '' };
}

/**
 * The full argument list: hardening first, then the command and its own safety options, then the caller's
 * arguments. Throws for a command that is not allowed or an option that starts a program.
 */
export function gitArguments(args: readonly string[]): string[] {
  const [command, ...rest] = args;
  if (!ALLOWED_COMMANDS.has(command)) {
    throw new Error(`git ${command} is not one of the commands known to be safe here`);
  }
  const end = rest.indexOf('--');
  const refused = (end === -1 ? rest : rest.slice(0, end)).find(startsAProgram);
  if (refused) {
    throw new Error(`git ${command} ${refused} could start a program: not allowed here`);
  }
  return ['--no-pager', ...HARDENING_CONFIG.flatMap((setting) => ['-c', setting]), command, ...(COMMAND_OPTIONS[command] ?? []), ...rest];
}

const executables = new Map<string, string | undefined>();

/** git from an absolute PATH entry (never the current folder, whatever PATH or the platform says). */
export function gitExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const searchPath = env.PATH ?? env.Path ?? '';
  if (executables.has(searchPath)) {
    return executables.get(searchPath);
  }
  const names = process.platform === 'win32' ? ['git.exe'] : ['git'];
  let found: string | undefined;
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) {
      continue;
    }
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        if (fs.statSync(candidate).isFile()) {
          found = candidate;
          break;
        }
      } catch {
        // not here
      }
    }
    if (found) {
      break;
    }
  }
  executables.set(searchPath, found);
  return found;
}

export interface GitRunnerOptions {
  /** The caller's environment: PATH finds git, GIT_* is dropped (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** An absolute path to git instead of the PATH lookup (tests: a git that does not exist). */
  gitPath?: string;
  /** Default 20 s. */
  timeoutMs?: number;
  /** Default 256 MB (a listing of a huge repository). */
  maxBuffer?: number;
  /** Injected for tests; child_process.execFile by default. */
  execFile?: typeof execFile;
}

/**
 * A runner with the protections above. The environment and the executable are settled on the first call; each call
 * checks its command (and throws, synchronously, for one that is not allowed) before anything starts.
 */
export function createSafeGitRunner(options: GitRunnerOptions = {}): GitRunner {
  const run = options.execFile ?? execFile;
  const base = options.env ?? process.env;
  let env: NodeJS.ProcessEnv | undefined;
  let git: string | undefined;
  return (args, cwd) => {
    const argv = gitArguments(args);
    // Settled on the first call: a lint that never needs git never looks for it.
    const environment = (env ??= gitEnvironment(base));
    const executable = (git ??= options.gitPath ?? gitExecutable(base));
    if (!executable) {
      return Promise.resolve({ code: -1, stdout: Buffer.alloc(0), stderr: 'git was not found on PATH' });
    }
    return new Promise((resolve) => {
      run(
        executable,
        argv,
        { cwd, env: environment, timeout: options.timeoutMs ?? 20_000, windowsHide: true, encoding: 'buffer', maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
          resolve({ code, stdout: Buffer.from(stdout ?? []), stderr: Buffer.from(stderr ?? []).toString('utf8') });
        },
      );
    });
  };
}

export interface GitResult {
  /** The exit code; -1 when git could not be run (not installed, timed out). */
  code: number;
  stdout: string;
}

/** One allowed command, its output as text (the `.env` git status). Throws for a command that is not allowed. */
export function runGit(args: readonly string[], cwd: string, options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<GitResult> {
  const run = createSafeGitRunner({ env: options.env, timeoutMs: options.timeoutMs ?? 5000, maxBuffer: 16 * 1024 * 1024 });
  return run(args, cwd).then((out) => ({ code: out.code, stdout: out.code === 0 ? out.stdout.toString('utf8') : '' }));
}

/**
 * git finds a repository through a `.git` (folder, or file for a worktree or submodule) in the folder or a parent:
 * GIT_DIR is never passed on and embedded bare repositories are refused. Without one, starting git only to hear
 * "not a git repository" costs more than linting a small file.
 */
export function mayBeInRepository(dir: string): boolean {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) {
      return true;
    }
    if (path.dirname(current) === current) {
      return false;
    }
  }
}
