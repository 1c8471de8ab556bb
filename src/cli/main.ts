import { languageFromEnvironment, useTranslationsFromDisk } from '../core/l10nSetup';
import { LINT_USAGE, runLint } from './lintCommand';
import { CliIo, UsageError } from './io';
import { TEST_USAGE, runTest } from './testCommand';

declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';

export const USAGE = `openai-key-doctor ${VERSION}: find out why your OpenAI key does not work.

Commands:
  lint [options] <file|dir>...   check .env files
  test [options]                 test a key against the REST and Realtime APIs

${LINT_USAGE}

${TEST_USAGE}`;

/** Runs the CLI and returns its exit code. Never throws: usage errors give 2, anything else 2 too. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(VERSION);
      return 0;
    }
    if (command === 'lint') {
      return await runLint(rest, io, VERSION);
    }
    if (command === 'test') {
      return await runTest(rest, io);
    }
    throw new UsageError(`Unknown command "${command}".`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`openai-key-doctor: ${e.message}\nRun \`openai-key-doctor --help\` for usage.`);
      return 2;
    }
    io.stderr(`openai-key-doctor: unexpected failure: ${(e as Error).message}`);
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
