import type { FileOps } from '../core/safeFile';

/** Everything the CLI touches in the outside world, passed in so tests can capture it. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  color: boolean;
  /** Standard input, when the key comes from a pipe. */
  readStdin?: () => Promise<string>;
  /** File-system calls to use instead of node's, in tests (a full disk, another writer). */
  files?: Partial<FileOps>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * By name, not `instanceof`: in the build each command is a bundle of its own with its own copy of this class,
 * and the dispatcher in dist/cli.js catches what they throw.
 */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof Error && e.name === 'UsageError';
}

export interface ParsedFlags {
  values: Map<string, string>;
  bool: Set<string>;
  positional: string[];
}

/** `--name value`, `--name=value` and boolean `--flag`; anything unknown is a usage error. */
export function parseFlags(args: string[], spec: Record<string, 'value' | 'bool'>): ParsedFlags {
  const values = new Map<string, string>();
  const bool = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const kind = spec[name];
    if (!kind) {
      throw new UsageError(`Unknown option --${name}.`);
    }
    if (kind === 'bool') {
      if (eq >= 0) {
        throw new UsageError(`--${name} takes no value.`);
      }
      bool.add(name);
    } else if (eq >= 0) {
      values.set(name, arg.slice(eq + 1));
    } else if (i + 1 < args.length) {
      values.set(name, args[++i]);
    } else {
      throw new UsageError(`--${name} needs a value.`);
    }
  }
  return { values, bool, positional };
}
