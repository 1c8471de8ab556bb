import * as l10n from '@vscode/l10n';
import * as fs from 'fs';
import * as path from 'path';
import { ChainEntry, VariableChain, chainFor, chainJson, keyCore, resolveFolder } from '../core/loaders/chain';
import { describeLoader, describeReadOrder } from '../core/loaders/describe';
import { diagnoseEnvironmentValue } from '../core/loaders/environmentValue';
import { nodeFolderReader } from '../core/loaders/nodeFolderReader';
import { chainFinding } from '../core/loaders/rules';
import { redact } from '../core/redact';
import { CliIo, UsageError, parseFlags } from './io';
import { checkMode, loaderChoice, loaderFlagsUsage } from './loaderFlags';

export const WHICH_USAGE = `Usage: openai-key-doctor which [--loader <name>] [--var <NAME>] [--mode <m>] [--path <a,b>] [--override]
                             [--service <name>] [--format text|json] [dir]

Shows which value of <NAME> the app in <dir> (default: the current folder) really gets: every place that defines
it, masked, in the order the app's loader reads them (the environment first), and the one that wins.

${loaderFlagsUsage(20)}
  --var <NAME>      the variable (default OPENAI_API_KEY)
  --path <a,b>      dotenv's config({ path }) list, python-dotenv's dotenv_path (default .env)
  --override        the app loads with dotenv's override: true or python-dotenv's override=True
  --service <name>  the docker compose service (default: the first that defines the variable)
  --format <f>      text (default) or json

Exit code: 0 when the value the app gets is a well-formed key, 1 when it is missing or malformed, 2 on a usage error.`;

export async function runWhich(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args, {
    loader: 'value',
    var: 'value',
    mode: 'value',
    path: 'value',
    override: 'bool',
    service: 'value',
    format: 'value',
    help: 'bool',
  });
  if (flags.bool.has('help')) {
    io.stdout(WHICH_USAGE);
    return 0;
  }
  const format = flags.values.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`Unknown format "${format}": use text or json.`);
  }
  if (flags.positional.length > 1) {
    throw new UsageError('Name one folder, e.g. `openai-key-doctor which apps/web`.');
  }
  const variable = flags.values.get('var') ?? 'OPENAI_API_KEY';
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(variable)) {
    throw new UsageError(`--var takes a variable name such as OPENAI_API_KEY.`);
  }
  const dir = path.resolve(io.cwd, flags.positional[0] ?? '.');
  if (!isDirectory(dir)) {
    throw new UsageError(`${flags.positional[0] ?? dir} is not a folder.`);
  }
  const choice = loaderChoice(flags.values, flags.bool.has('override'));
  const reader = nodeFolderReader(dir);
  const resolution = await resolveFolder(reader, io.env, choice);
  const loader = resolution.plan.loader;
  checkMode(loader, choice.mode);
  const service = flags.values.get('service');
  if (service !== undefined && !resolution.plan.services.includes(service)) {
    throw new UsageError(resolution.plan.services.length > 0 ? `No service "${service}": the compose file has ${resolution.plan.services.join(', ')}.` : '--service needs a docker compose loader and a compose file with services.');
  }
  const chain = chainFor(resolution, variable, service);
  const secrets = chain.entries.map((e) => keyCore(e.value));
  const say = (text: string) => io.stdout(redact(text, secrets));
  for (const [file, reason] of reader.skipped) {
    io.stderr(redact(`Note: ${file} was not read (${reason}).`, secrets));
  }
  if (format === 'json') {
    say(JSON.stringify(chainJson(chain), null, 2));
  } else {
    const folder = path.relative(io.cwd, dir) || '.';
    const notes = chain.entries.flatMap((e) => (e.file ? [] : diagnoseEnvironmentValue(e.name, e.value).map((d) => d.message)));
    const files = [...new Set(chain.entries.flatMap((e) => (e.entry && !e.used ? [e.file!] : [])))];
    const loadFindings = files.flatMap((file) => {
      const finding = chainFinding(chain, file);
      return finding ? [`${file}: ${finding.message}`] : [];
    });
    say(formatChain(chain, folder, describeLoader(resolution.detection, resolution.plan, chain.service), describeReadOrder(resolution.plan, chain), [...notes, ...loadFindings]));
  }
  return chain.winner && chain.winner.problems.length === 0 ? 0 : 1;
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function formatChain(chain: VariableChain, folder: string, loader: string, order: string, notes: string[]): string {
  const out = [
    l10n.t`${chain.variable} for ${folder}: ${loader}`,
    l10n.t`Read in this order: ${order}`,
    '',
  ];
  if (chain.entries.length === 0) {
    out.push(l10n.t`  No place defines ${chain.variable}: the app gets undefined.`);
    return out.join('\n');
  }
  const place = (e: ChainEntry) => (e.file ? `${e.file}:${e.line}` : l10n.t('environment'));
  const width = Math.max(...chain.entries.map((e) => place(e).length));
  const maskWidth = Math.max(...chain.entries.map((e) => e.masked.length));
  const used = l10n.t('used');
  const notUsed = l10n.t('not used');
  const usageWidth = Math.max(used.length, notUsed.length);
  for (const e of chain.entries) {
    const state = e.problems.length > 0 ? e.problems.join(', ') : l10n.t('format ok');
    out.push(`  ${e.used ? '→' : ' '} ${place(e).padEnd(width)}  ${e.masked.padEnd(maskWidth)}  ${(e.used ? used : notUsed).padEnd(usageWidth)}  ${state}`);
  }
  const winner = chain.winner!;
  out.push('', winner.file ? l10n.t`The app gets ${winner.masked} from ${winner.file}, line ${winner.line ?? 0}.` : l10n.t`The app gets ${winner.masked} from the environment.`);
  out.push(...notes);
  return out.join('\n');
}
