import * as fs from 'fs';
import * as path from 'path';
import { parseDotenv } from '../core/dotenv/parse';
import { decodeFile } from '../core/encoding';
import { fullTestPlan } from '../core/probe/fullTestPlan';
import { CancelledError } from '../core/probe/types';
import { DEFAULT_BASE_URL, DEFAULT_FULL_TEST_MODEL, DEFAULT_REALTIME_MODEL, DEFAULT_TIMEOUT_MS, KeyTestReport, testKey } from '../core/probe/keyTest';
import { displayUrl } from '../core/probe/serverFields';
import { isInsecureRemote } from '../core/probe/urls';
import { formatReport } from '../core/report/keyReport';
import { companionsOf } from '../core/keys/envKeys';
import { keyTypeOf } from '../core/keys/keyShape';
import { maskKey } from '../core/keys/mask';
import { Provider, ProviderConfig, keyNotForOpenAi, providerConfigFrom } from '../core/keys/provider';
import { notSentSummary, testItThere, testUrlFor } from '../core/keys/providerMessages';
import type { ValueOrigin } from '../core/lintValue';
import { redact, redactDeep } from '../core/redact';
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
    const file = path.resolve(io.cwd, envFile);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      throw new UsageError(`Cannot read ${envFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
    }
    const decoded = decodeFile(bytes);
    const values = new Map(parseDotenv(decoded.text.replace(/^\uFEFF/, '')).entries.map((e) => [e.name, e.value]));
    const key = values.get(name);
    if (key === undefined) {
      throw new UsageError(`${envFile} does not define ${name}${decoded.encoding.startsWith('utf16') ? ' as dotenv reads it (the file is UTF-16: run `openai-key-doctor lint --fix`)' : ''}.`);
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
  const key = io.env[name];
  if (key === undefined) {
    throw new UsageError(`${name} is not set in the environment. Use --env-file <path>, --key-stdin, or export ${name}.`);
  }
  return { key, source: `environment (${name})`, ...companionsOf((n) => io.env[n]), provider: providerConfigFrom((n) => io.env[n]), origin: 'environment' };
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
  if (isInsecureRemote(baseUrl) && !flags.bool.has('allow-insecure-http')) {
    throw new UsageError(
      `${displayUrl(baseUrl)} is http:// on another machine: the key would cross the network in clear text. Use https://, or pass --allow-insecure-http if this network is yours.`,
    );
  }
  const source = await readKey(flags, io);
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
