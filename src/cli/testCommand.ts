import * as path from 'path';
import { parseDotenv, resolveValues } from '../core/dotenv/parse';
import { decodeFile, textAsDotenvReadsIt } from '../core/encoding';
import { fullTestPlan } from '../core/probe/fullTestPlan';
import { CancelledError } from '../core/probe/types';
import { DEFAULT_BASE_URL, DEFAULT_FULL_TEST_MODEL, DEFAULT_REALTIME_MODEL, DEFAULT_TIMEOUT_MS, KeyTestReport, testKey } from '../core/probe/keyTest';
import { displayUrl } from '../core/probe/serverFields';
import { isInsecureRemoteWithPinnedLocalhost } from '../core/probe/urls';
import { formatReport } from '../core/report/keyReport';
import { companionsOf } from '../core/keys/envKeys';
import { keyTypeOf } from '../core/keys/keyShape';
import { maskKey } from '../core/keys/mask';
import { Provider, ProviderConfig, keyNotForOpenAi, providerConfigFrom } from '../core/keys/provider';
import { notReadByDotenvSummary, notSentSummary, resaveAsUtf8Step, testItThere, testUrlFor } from '../core/keys/providerMessages';
import type { ValueOrigin } from '../core/lintValue';
import { redact, redactDeep } from '../core/redact';
import { NODE_FILE_OPS, readFileSafely } from '../core/safeFile';
import { CliIo, UsageError, parseFlags } from './io';
import { cliNetwork } from './proxy';

export const TEST_USAGE = `Usage: openai-key-doctor test [--env-file <path>] [--var <NAME>] [--key-stdin] [--base-url <url>]
                              [--realtime-model <model>] [--timeout-ms <n>] [--no-realtime] [--force]
                              [--full] [--inference-model <model>] [--allow-insecure-http] [--format text|json]

Tests an OpenAI key against the REST API and the Realtime API (WebSocket), in parallel. The default (free)
test spends no tokens: GET /models/<realtime model> and a Realtime session; it cannot see credit or billing.
--full adds one paid call on each API (a one-word embedding, a one-token Realtime response: a small fraction
of a cent, said before it runs) and finds no credit, billing limits and model access.
The key is never taken from an argument (it would show in \`ps\`): it comes from <NAME> in --env-file,
else from the environment, or from standard input with --key-stdin.

  --env-file <path>         read the key (and OPENAI_ORG_ID / OPENAI_PROJECT_ID) from this .env file
  --var <NAME>              the variable holding the key (default OPENAI_API_KEY)
  --key-stdin               read the key from standard input
  --base-url <url>          API base URL (default ${DEFAULT_BASE_URL}, or OPENAI_BASE_URL from the environment)
  --realtime-model <model>  model for the Realtime test (default ${DEFAULT_REALTIME_MODEL})
  --timeout-ms <n>          bound of the whole test, every phase included (default ${DEFAULT_TIMEOUT_MS})
  --no-realtime             test the REST API only
  --force                   send the key even when it is malformed
  --full                    the full test: one paid call per API
  --inference-model <model> model of the full test's paid REST call (default ${DEFAULT_FULL_TEST_MODEL})
  --allow-insecure-http     allow an http:// base URL on another machine (the key travels in clear text)
  --format <f>              text (default) or json

Honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY. Exit code: 0 when the verdict is ok, 1 otherwise, 2 on usage errors.`;

interface KeySource {
  key: string;
  source: string;
  organization?: string;
  project?: string;
  /** Where the file or environment sends this key (OPENAI_BASE_URL, OPENAI_API_TYPE, AZURE_OPENAI_ENDPOINT). */
  provider: ProviderConfig;
  origin: ValueOrigin;
  /** OPENAI_BASE_URL of the --env-file: where the app sends the key. */
  appBaseUrl?: string;
}

async function readKey(flags: ReturnType<typeof parseFlags>, io: CliIo): Promise<KeySource> {
  const name = flags.values.get('var') ?? 'OPENAI_API_KEY';
  if (flags.bool.has('key-stdin')) {
    if (!io.readStdin) {
      throw new UsageError('--key-stdin needs a key on standard input.');
    }
    const key = (await io.readStdin()).replace(/\r?\n$/, '');
    if (!key) {
      throw new UsageError('--key-stdin: standard input was empty.');
    }
    return { key, source: 'standard input', ...companionsOf((n) => io.env[n]), provider: providerConfigFrom((n) => io.env[n]), origin: 'input' };
  }
  const envFile = flags.values.get('env-file');
  if (envFile) {
    return readKeyFromFile(envFile, name, io);
  }
  const key = io.env[name];
  if (key === undefined) {
    throw new UsageError(`${name} is not set in the environment. Use --env-file <path>, --key-stdin, or export ${name}.`);
  }
  return { key, source: `environment (${name})`, ...companionsOf((n) => io.env[n]), provider: providerConfigFrom((n) => io.env[n]), origin: 'environment' };
}

/** The largest --env-file read, as `lint`'s default. */
const MAX_ENV_FILE_BYTES = 2 * 1024 * 1024;

/**
 * The key the app gets from the file, read as dotenv reads it. A regular file only, never blocking on a named
 * pipe or reading a device without end; a UTF-16 file's variables, which dotenv does not see, are no key.
 */
function readKeyFromFile(envFile: string, name: string, io: CliIo): KeySource {
  const file = path.resolve(io.cwd, envFile);
  const read = readFileSafely(file, MAX_ENV_FILE_BYTES, { ...NODE_FILE_OPS, ...io.files });
  if (read.kind === 'error') {
    throw new UsageError(`Cannot read ${envFile}: ${read.code}.`);
  }
  if (read.kind === 'not-regular') {
    const kind = read.fileKind === 'fifo' ? 'named pipe' : read.fileKind;
    throw new UsageError(`${envFile} is a ${kind}, not a regular file: it is not read (a named pipe can block forever). Copy its content to a file, or pass the key with --key-stdin.`);
  }
  if (read.kind === 'too-large') {
    throw new UsageError(`${envFile} is ${read.size} bytes, more than a .env file (${MAX_ENV_FILE_BYTES} bytes at most): it is not read.`);
  }
  const bytes = read.snapshot.bytes;
  const decoded = decodeFile(bytes);
  const utf16 = decoded.encoding === 'utf16le' || decoded.encoding === 'utf16be';
  const values = resolveValues(parseDotenv(utf16 ? textAsDotenvReadsIt(bytes) : decoded.text.replace(/^\uFEFF/, '')));
  const key = values.get(name);
  if (key === undefined) {
    const seenByAnEditor = utf16 ? resolveValues(parseDotenv(decoded.text)).get(name) : undefined;
    if (seenByAnEditor !== undefined) {
      throw new NotReadByDotenv(seenByAnEditor, envFile, name, decoded.encoding === 'utf16le' ? 'UTF-16 LE' : 'UTF-16 BE');
    }
    throw new UsageError(`${envFile} does not define ${name}.`);
  }
  const fromFile = companionsOf((n) => values.get(n));
  const fromEnvironment = companionsOf((n) => io.env[n]);
  return {
    key,
    source: `${envFile} (${name})`,
    organization: fromFile.organization ?? fromEnvironment.organization,
    project: fromFile.project ?? fromEnvironment.project,
    provider: providerConfigFrom((n) => values.get(n)),
    origin: 'file',
    appBaseUrl: values.get('OPENAI_BASE_URL'),
  };
}

/** A key an editor shows in the file but dotenv does not read from it (UTF-16): the app has no key. */
class NotReadByDotenv extends Error {
  constructor(
    readonly key: string,
    readonly envFile: string,
    readonly variable: string,
    readonly encodingLabel: string,
  ) {
    super('not read by dotenv');
  }
}

/** Nothing is sent for a key the app does not get: say why, as a verdict (exit 1), in the chosen format. */
function reportNotReadByDotenv(io: CliIo, format: string, problem: NotReadByDotenv): number {
  const masked = maskKey(problem.key.trim());
  const summary = notReadByDotenvSummary(masked, problem.envFile, problem.variable, problem.encodingLabel);
  const step = resaveAsUtf8Step(`openai-key-doctor lint --fix ${problem.envFile}`);
  const secrets = [problem.key];
  if (format === 'json') {
    const json = {
      key: { masked, type: keyTypeOf(problem.key.trim()), source: `${problem.envFile} (${problem.variable})` },
      rest: null,
      realtime: null,
      verdict: { status: 'not_sent', summary, nextSteps: [step] },
    };
    io.stdout(JSON.stringify(redactDeep(json, secrets), null, 2));
  } else {
    io.stdout(redact(`${summary}\n${step}`, secrets));
  }
  return 1;
}

export async function runTest(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, {
    'env-file': 'value',
    var: 'value',
    'key-stdin': 'bool',
    'base-url': 'value',
    'realtime-model': 'value',
    'timeout-ms': 'value',
    'no-realtime': 'bool',
    force: 'bool',
    full: 'bool',
    'inference-model': 'value',
    'allow-insecure-http': 'bool',
    format: 'value',
    help: 'bool',
  });
  if (flags.bool.has('help')) {
    io.stdout(TEST_USAGE);
    return 0;
  }
  if (flags.positional.length > 0) {
    throw new UsageError('test takes no positional argument (a key on the command line would be visible to every user of the machine): use --env-file, --key-stdin or the environment.');
  }
  const format = flags.values.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`Unknown format "${format}": use text or json.`);
  }
  const timeoutMs = Number(flags.values.get('timeout-ms') ?? DEFAULT_TIMEOUT_MS);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError('--timeout-ms takes a positive whole number of milliseconds.');
  }
  const baseUrl = flags.values.get('base-url') ?? io.env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL;
  try {
    const parsed = new URL(baseUrl);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new Error();
    }
  } catch {
    throw new UsageError(`--base-url must be an http(s) URL such as ${DEFAULT_BASE_URL}.`);
  }
  // The CLI's resolver pins `*.localhost` to loopback (cliNetwork): such names are this machine.
  if (isInsecureRemoteWithPinnedLocalhost(baseUrl) && !flags.bool.has('allow-insecure-http')) {
    throw new UsageError(
      `${displayUrl(baseUrl)} is http:// on another machine: the key would cross the network in clear text. Use https://, or pass --allow-insecure-http if this network is yours.`,
    );
  }
  let source: KeySource;
  try {
    source = await readKey(flags, io);
  } catch (e) {
    if (e instanceof NotReadByDotenv) {
      return reportNotReadByDotenv(io, format, e);
    }
    throw e;
  }
  const notForOpenAi = keyNotForOpenAi({ ...source.provider, key: source.key, variable: flags.values.get('var') }, baseUrl);
  if (notForOpenAi) {
    const sameKey = ['env-file', 'var'].flatMap((flag) => (flags.values.has(flag) ? [`--${flag} ${flags.values.get(flag)}`] : []));
    const keyStdin = flags.bool.has('key-stdin') ? ['--key-stdin'] : [];
    return reportNotSent(io, format, source, notForOpenAi, baseUrl, [...sameKey, ...keyStdin]);
  }
  const secrets = [source.key];
  const full = flags.bool.has('full');
  const realtime = !flags.bool.has('no-realtime');
  const realtimeModel = flags.values.get('realtime-model') ?? DEFAULT_REALTIME_MODEL;
  const inferenceModel = flags.values.get('inference-model') ?? DEFAULT_FULL_TEST_MODEL;
  if (full) {
    // Said before anything is sent; on stderr so that JSON on stdout stays one document.
    const plan = fullTestPlan(inferenceModel, realtime ? realtimeModel : null);
    (format === 'json' ? io.stderr : io.stdout)(`Full test: ${plan.summary}.`);
  }
  const network = cliNetwork(baseUrl, io.env, timeoutMs);
  let report: KeyTestReport;
  try {
    report = await testKey(
      {
        key: source.key,
        source: source.source,
        baseUrl,
        organization: source.organization || undefined,
        project: source.project || undefined,
        realtimeModel,
        timeoutMs,
        realtime,
        sendMalformed: flags.bool.has('force'),
        origin: source.origin,
        variable: flags.values.get('var'),
        full,
        inferenceModel,
        inferenceModelOption: '--inference-model',
        appBaseUrl: source.appBaseUrl,
        proxy: network.proxy ? { url: network.proxy, from: 'environment' } : undefined,
      },
      network.deps,
    );
  } catch (e) {
    if (e instanceof CancelledError) {
      io.stderr('Cancelled.');
      return 1;
    }
    throw e;
  } finally {
    await network.close();
  }
  if (format === 'json') {
    io.stdout(JSON.stringify(redactDeep(toJson(report), secrets), null, 2));
  } else {
    const hint = `Run the full test (one paid call per API, a small fraction of a cent): openai-key-doctor test --full${flags.values.has('env-file') ? ' --env-file …' : ''}`;
    io.stdout(redact(formatReport(report, { proxy: network.proxy, fullTestHint: hint, secrets }), secrets));
  }
  return report.verdict.status === 'ok' ? 0 : 1;
}

/** A key that is not OpenAI's is never sent to OpenAI: say what it is and how to test it where it belongs. */
function reportNotSent(io: CliIo, format: string, source: KeySource, provider: Provider, baseUrl: string, sameKey: string[]): number {
  const masked = maskKey(source.key.trim());
  const summary = notSentSummary(masked, source.source, provider, new URL(baseUrl).host);
  const instead = ['openai-key-doctor test', ...sameKey, `--base-url ${testUrlFor(provider)} --no-realtime`].join(' ');
  if (format === 'json') {
    const json = {
      key: { masked, type: keyTypeOf(source.key.trim()), source: source.source },
      rest: null,
      realtime: null,
      verdict: { status: 'not_sent', summary, nextSteps: [instead] },
    };
    io.stdout(JSON.stringify(redactDeep(json, [source.key]), null, 2));
  } else {
    io.stdout(redact(`${summary}\n${testItThere(instead)}`, [source.key]));
  }
  return 1;
}

/** The documented JSON contract of `test --format json`: fields are only ever added, never renamed. */
export function toJson(report: KeyTestReport) {
  return {
    key: { masked: report.key.masked, type: report.key.type, source: report.key.source },
    rest: {
      status: report.rest.status,
      httpStatus: report.rest.httpStatus,
      code: report.rest.code,
      message: report.rest.message,
      requestId: report.rest.requestId,
      ms: report.rest.ms,
      type: report.rest.type,
      cause: report.rest.cause ?? null,
      missingScopes: report.rest.missingScopes ?? [],
      realtimeModelFound: report.rest.realtimeModelListed,
    },
    realtime: report.realtime && {
      status: report.realtime.status,
      httpStatus: report.realtime.httpStatus,
      closeCode: report.realtime.closeCode,
      code: report.realtime.code,
      message: report.realtime.message,
      ms: report.realtime.ms,
      closeReason: report.realtime.closeReason,
      requestId: report.realtime.requestId,
      sessionId: report.realtime.sessionId,
      cause: report.realtime.cause ?? null,
      response: report.realtime.response ?? null,
    },
    verdict: {
      status: report.verdict.status,
      summary: report.verdict.summary,
      nextSteps: report.verdict.nextSteps,
      unverified: report.verdict.unverified ?? [],
      notes: report.verdict.notes ?? [],
    },
    full: report.full === true,
    inference: report.inference
      ? {
          status: report.inference.status,
          httpStatus: report.inference.httpStatus,
          code: report.inference.code,
          message: report.inference.message,
          requestId: report.inference.requestId,
          ms: report.inference.ms,
          model: report.inference.model,
        }
      : null,
    baseUrl: displayUrl(report.baseUrl),
    appBaseUrl: report.appBaseUrl ? displayUrl(report.appBaseUrl) : null,
  };
}
