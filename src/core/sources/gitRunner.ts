import { execFile } from 'child_process';

/**
 * Running git on a repository we do not trust. A cloned repository's `.git/config` can name programs git
 * runs by itself: `core.fsmonitor` (run by ls-files and status on every call), hooks, pagers, external diff
 * and textconv drivers. Every call goes through here so that none of them runs:
 * - command-line `-c` settings, which override every config file: no fsmonitor, hooks to /dev/null;
 * - `--no-pager`; diff-family commands get `--no-ext-diff --no-textconv`, grep `--no-textconv`;
 * - an environment without any `GIT_*` variable of the caller (GIT_DIR, GIT_CONFIG_PARAMETERS,
 *   GIT_EXTERNAL_DIFF…), with GIT_CONFIG_NOSYSTEM=1, no terminal prompt, no optional locks.
 * Filter drivers (`filter.*.clean`) are not disabled: only use commands that do not run them
 * (ls-files, check-ignore, rev-parse and grep do not; status, add and diff on the work tree do).
 */
export interface GitOutput {
  /** The exit code; -1 when git could not be started or timed out. */
  code: number;
  stdout: Buffer;
  stderr: string;
}

export type GitRunner = (args: readonly string[], cwd: string) => Promise<GitOutput>;

export const SAFE_GIT_OPTIONS: readonly string[] = [
  '--no-pager',
  '-c', 'core.fsmonitor=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.pager=cat',
  '-c', 'core.untrackedCache=false',
  // Outside a repository, git grep must fail rather than search the folder as if it were one.
  '-c', 'grep.fallbackToNoIndex=false',
];

const DIFF_COMMANDS = new Set(['diff', 'log', 'show', 'diff-tree', 'diff-index', 'diff-files', 'whatchanged']);

/** The full argument list: safety options first, then the command and its arguments. */
export function safeGitArguments(args: readonly string[]): string[] {
  const [command, ...rest] = args;
  const extra = DIFF_COMMANDS.has(command) ? ['--no-ext-diff', '--no-textconv'] : command === 'grep' ? ['--no-textconv'] : [];
  return [...SAFE_GIT_OPTIONS, command, ...extra, ...rest];
}

/** The caller's environment without git's own variables, plus the ones that keep git from reading system config or prompting. */
export function safeGitEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.toUpperCase().startsWith('GIT_')) {
      out[name] = value;
    }
  }
  out.GIT_CONFIG_NOSYSTEM = '1';
  out.GIT_TERMINAL_PROMPT = '0';
  out.GIT_OPTIONAL_LOCKS = '0';
  return out;
}

export interface GitRunnerOptions {
  env?: NodeJS.ProcessEnv;
  gitPath?: string;
  timeoutMs?: number;
  /** Injected for tests; child_process.execFile by default. */
  execFile?: typeof execFile;
}

export function createSafeGitRunner(options: GitRunnerOptions = {}): GitRunner {
  const run = options.execFile ?? execFile;
  const env = safeGitEnvironment(options.env ?? process.env);
  return (args, cwd) =>
    new Promise((resolve) => {
      run(
        options.gitPath ?? 'git',
        safeGitArguments(args),
        { cwd, env, timeout: options.timeoutMs ?? 20_000, windowsHide: true, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : -1) : 0;
          resolve({ code, stdout: Buffer.from(stdout ?? []), stderr: Buffer.from(stderr ?? []).toString('utf8') });
        },
      );
    });
}
