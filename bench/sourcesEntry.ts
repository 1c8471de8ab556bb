/**
 * The process the sources benchmark times: what `openai-key-doctor lint <dir>` runs for source files (listing,
 * reading, pre-filter, detection, the text report) and nothing else, bundled like dist/cli.js.
 * Usage: node sources-entry.js <dir> [--no-git]
 */
import * as path from 'path';
import { formatText } from '../src/core/report/formats';
import { createSafeGitRunner } from '../src/core/git';
import { scanSourcePaths, sourceFileReports } from '../src/core/sources/scanTree';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) ?? '.';
  const scan = await scanSourcePaths([dir], { git: args.includes('--no-git') ? false : createSafeGitRunner() });
  const reports = sourceFileReports(scan, (file) => path.relative(dir, file));
  const findings = reports.reduce((n, r) => n + r.findings.length, 0);
  process.stdout.write(`${formatText(reports, false)}\n`);
  process.stderr.write(`${JSON.stringify({ modes: scan.modes, scanned: scan.scanned, files: reports.length, findings })}\n`);
}

void main();
