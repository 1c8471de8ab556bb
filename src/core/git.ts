import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The one way we run git, for the CLI and the extension: a cloned repository's configuration must not be able
 * to make it run a program. Only read-only plumbing commands are allowed (none of them runs hooks, diff
 * drivers, textconv or clean/smudge filters), and every configurable program that could still start is
 * switched off on the command line, which wins over every configuration file:
 * - `core.fsmonitor` (a program git runs to list changed files: `ls-files` runs it), and the built-in daemon;
 * - `core.hooksPath` pointed at /dev/null, should a command ever want a hook;
 * - the system configuration is not read (GIT_CONFIG_NOSYSTEM), no GIT_* variable of the caller leaks in
 *   (GIT_DIR, GIT_CONFIG_PARAMETERS, GIT_EXTERNAL_DIFF…), no prompt or askpass, no optional index lock;
 * - embedded bare repositories are ignored (`safe.bareRepository=explicit`), so a folder in the repository
 *   cannot pose as a repository with its own configuration;
 * - the executable is looked up in the absolute entries of PATH only: never `./git` from the repository.
 */

/** The commands this module runs; add one only after checking it cannot start a configured program. */
const ALLOWED_COMMANDS = new Set(['rev-parse', 'ls-files', 'check-ignore']);

export const HARDENING_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  'core.useBuiltinFSMonitor=false',
  `core.hooksPath=${process.platform === 'win32' ? 'NUL' : '/dev/null'}`,
  'core.untrackedCache=false',
  'safe.bareRepository=explicit',
  'protocol.allow=never',
  'credential.helper=',
  'core.pager=cat',
];

export interface GitResult {
  /** The exit code; -1 when git could not be run (not installed, timed out). */
  code: number;
  stdout: string;
}

/** The environment git runs with: the caller's, without any GIT_* variable, plus ours. */
export function gitEnvironment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (!/^GIT_/i.test(name)) {
      env[name] = value;
    }
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_ASKPASS: '', SSH_ASKPASS: '' };
}

/** The full argument list: hardening first, then the command. */
export function gitArguments(args: readonly string[]): string[] {
  return ['--no-pager', ...HARDENING_CONFIG.flatMap((setting) => ['-c', setting]), ...args];
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

/** Runs one allowed git command in `cwd`; never throws. Only paths and flags reach the command line. */
export function runGit(args: readonly string[], cwd: string, options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<GitResult> {
  if (!ALLOWED_COMMANDS.has(args[0])) {
    throw new Error(`git ${args[0]} is not one of the commands known to be safe here`);
  }
  const env = options.env ?? process.env;
  const git = gitExecutable(env);
  if (!git) {
    return Promise.resolve({ code: -1, stdout: '' });
  }
  return new Promise((resolve) => {
    execFile(git, gitArguments(args), { cwd, env: gitEnvironment(env), timeout: options.timeoutMs ?? 5000, windowsHide: true, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (!error) {
        resolve({ code: 0, stdout });
        return;
      }
      const code = (error as { code?: unknown }).code;
      resolve({ code: typeof code === 'number' ? code : -1, stdout: '' });
    });
  });
}
