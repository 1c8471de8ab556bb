import { languageFromEnvironment, useTranslationsFromDisk } from '../core/l10nSetup';
import { redact } from '../core/redact';
import { CliIo, UsageError, isUsageError } from './io';

declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';

/** What a command module gives the dispatcher. */
interface Command {
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

interface CommandRow {
  /** The line of `--help` that lists the command. */
  synopsis: string;
  summary: string;
  load(): Command;
}

/**
 * Every verb, one row each. A verb's module is required only when that verb runs, so `lint` never loads the
 * probes, the openai SDK or ws. In the build (esbuild.mjs) each `src/cli/<verb>Command.ts` is a bundle of its own,
 * dist/cli-<verb>.js, with its own copy of @vscode/l10n: it sets the language of its messages from LANG / LC_ALL as
 * it loads (esbuild.mjs), as the program below does for the unbundled build.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Record<string, CommandRow> = {
  lint: {
    synopsis: 'lint [options] <file|dir>...',
    summary: 'check .env files',
    load: () => {
      const lint = require('./lintCommand') as typeof import('./lintCommand');
      return { usage: lint.LINT_USAGE, run: (args, io) => lint.runLint(args, io, VERSION) };
    },
  },
  test: {
    synopsis: 'test [options]',
    summary: 'test a key against the REST and Realtime APIs',
    load: () => {
      const test = require('./testCommand') as typeof import('./testCommand');
      return { usage: test.TEST_USAGE, run: (args, io) => test.runTest(args, io) };
    },
  },
  which: {
    synopsis: 'which [options] [dir]',
    summary: 'show which value of the key the app in a folder really gets',
    load: () => {
      const which = require('./whichCommand') as typeof import('./whichCommand');
      return { usage: which.WHICH_USAGE, run: (args, io) => which.runWhich(args, io) };
    },
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The full help: the list of commands, then each command's own usage (this loads every command). */
export function usage(): string {
  const rows = Object.entries(COMMANDS);
  const width = Math.max(...rows.map(([, row]) => row.synopsis.length)) + 3;
  return [
    `openai-key-doctor ${VERSION}: find out why your OpenAI key does not work.`,
    '',
    'Commands:',
    ...rows.map(([, row]) => `  ${row.synopsis.padEnd(width)}${row.summary}`),
    ...rows.flatMap(([, row]) => ['', row.load().usage]),
  ].join('\n');
}

/** Runs the CLI and returns its exit code. Never throws: usage errors give 2, anything else 2 too. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(usage());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout(VERSION);
      return 0;
    }
    const row = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!row) {
      throw new UsageError(`Unknown command "${name}".`);
    }
    return await row.load().run(rest, io);
  } catch (e) {
    // A usage error quotes what was typed: a key pasted in the wrong place (`test sk-…`, `--loader sk-…`) is masked.
    if (isUsageError(e)) {
      io.stderr(redact(`openai-key-doctor: ${e.message}\nRun \`openai-key-doctor --help\` for usage.`));
      return 2;
    }
    io.stderr(redact(`openai-key-doctor: unexpected failure: ${(e as Error).message}`));
    return 2;
  }
}

if (require.main === module) {
  useTranslationsFromDisk(languageFromEnvironment(process.env), __dirname);
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t + '\n'),
    stderr: (t) => process.stderr.write(t + '\n'),
    cwd: process.cwd(),
    env: process.env,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    readStdin: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        process.stdin.on('data', (c: Buffer) => chunks.push(c));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', reject);
      }),
  };
  runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
