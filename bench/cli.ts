/**
 * The CLI as a whole process, what a pre-commit hook pays: `node dist/cli.js lint <file>` next to
 * `node -e` + `require('dotenv').parse` of the same file, alternated in one run, medians and their ratio.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface CliComparison {
  name: string;
  megabytes: number;
  runs: number;
  lintMs: number;
  dotenvMs: number;
  /** `node -e 0`: the floor both pay. */
  nodeMs: number;
  ratio: number;
  target: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function wallMs(command: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(command[0], command.slice(1), { stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`${command.join(' ')} exited with ${run.status}`);
  }
  return ms;
}

const DOTENV = require.resolve('dotenv');
const dotenvParse = (fileExpression: string) => `require(${JSON.stringify(DOTENV)}).parse(require('fs').readFileSync(${fileExpression}))`;

/** Before timing: the lint really checks the file (no size skip, no usage error) and dotenv really parses it. */
function checkCommands(lint: string[], file: string, expectedVariables: number): void {
  const json = spawnSync(lint[0], [...lint.slice(1, -1), '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const report = JSON.parse(json.stdout) as { files: Array<{ findings: Array<{ rule: string }> }> };
  if (report.files.length !== 1 || report.files[0].findings.some((f) => f.rule === 'file-too-large' || f.rule === 'unreadable-file')) {
    throw new Error(`lint did not check ${file}: ${json.stdout.slice(0, 300)}`);
  }
  const parsed = spawnSync(process.execPath, ['-e', `process.stdout.write(String(Object.keys(${dotenvParse('process.argv[1]')}).length))`, file], { encoding: 'utf8' });
  if (Number(parsed.stdout) !== expectedVariables) {
    throw new Error(`dotenv.parse found ${parsed.stdout} variables in ${file}, expected ${expectedVariables}`);
  }
}

function compare(cli: string, name: string, text: string, extraArgs: string[], runs: number, target: number, expectedVariables: number): CliComparison {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-bench-cli-'));
  try {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, text);
    const lint = [process.execPath, cli, 'lint', ...extraArgs, file];
    const dotenv = [process.execPath, '-e', dotenvParse('process.argv[1]'), file];
    const node = [process.execPath, '-e', '0'];
    checkCommands(lint, file, expectedVariables);
    const samples = { lint: [] as number[], dotenv: [] as number[], node: [] as number[] };
    wallMs(lint);
    wallMs(dotenv);
    for (let i = 0; i < runs; i++) {
      // Alternate the order so that drift in the machine's load hits both sides alike.
      if (i % 2 === 0) {
        samples.lint.push(wallMs(lint));
        samples.dotenv.push(wallMs(dotenv));
      } else {
        samples.dotenv.push(wallMs(dotenv));
        samples.lint.push(wallMs(lint));
      }
      samples.node.push(wallMs(node));
    }
    const lintMs = median(samples.lint);
    const dotenvMs = median(samples.dotenv);
    return { name, megabytes: Buffer.byteLength(text) / (1024 * 1024), runs, lintMs, dotenvMs, nodeMs: median(samples.node), ratio: lintMs / dotenvMs, target };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface ColdSplit {
  dotenvParseMs: number;
  ourParseMs: number;
  fullLintMs: number;
}

/**
 * Where the time of a whole-process lint of a big file goes: CPU time of one cold call in a fresh process (what the
 * CLI pays), median of `runs` processes each, for dotenv.parse, our parser alone, and the full lint of the bytes.
 */
export function coldSplit(root: string, text: string, runs = 5): ColdSplit {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-bench-cold-'));
  try {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, text);
    const core = path.join(root, 'out', 'src', 'core');
    const calls = {
      dotenvParseMs: `require(${JSON.stringify(DOTENV)}).parse(bytes)`,
      ourParseMs: `require(${JSON.stringify(path.join(core, 'dotenv', 'parse.js'))}).parseDotenv(bytes.toString('utf8'))`,
      fullLintMs: `require(${JSON.stringify(path.join(core, 'lintFile.js'))}).lintBytes(bytes, { fileName: '.env', maxBytes: Infinity })`,
    };
    const cpuMs = (call: string) => {
      const script = `const bytes = require('fs').readFileSync(process.argv[1]); const c = process.cpuUsage(); ${call}; const u = process.cpuUsage(c); process.stdout.write(String((u.user + u.system) / 1000));`;
      return median(Array.from({ length: runs }, () => Number(spawnSync(process.execPath, ['-e', script, file], { encoding: 'utf8' }).stdout)));
    };
    return { dotenvParseMs: cpuMs(calls.dotenvParseMs), ourParseMs: cpuMs(calls.ourParseMs), fullLintMs: cpuMs(calls.fullLintMs) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Both comparisons, in a folder outside any git repository (a repository adds `git` calls to lint). */
export function benchCli(root: string, small: string, big: string): CliComparison[] {
  const cli = path.join(root, 'dist', 'cli.js');
  const count = (text: string) => text.split('\n').filter((l) => /^\s*(export\s+)?[\w.-]+\s*=/.test(l)).length;
  return [
    compare(cli, 'one-line .env', small, [], 41, 1.2, count(small)),
    compare(cli, `${(Buffer.byteLength(big) / (1024 * 1024)).toFixed(1)} MB .env`, big, ['--max-size-mb', '64'], 9, 1.0, count(big)),
  ];
}
