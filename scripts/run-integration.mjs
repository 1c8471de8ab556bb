// Runs the @vscode/test-electron suite when VS Code can be downloaded; otherwise says so plainly and fails:
// a suite that did not run is never reported as passing.
import { spawnSync } from 'node:child_process';

const probe = 'https://update.code.visualstudio.com/api/releases/stable';
let reachable = false;
let reason = '';
try {
  const response = await fetch(probe, { signal: AbortSignal.timeout(8000) });
  reachable = response.ok;
  reason = `HTTP ${response.status}`;
} catch (e) {
  reason = e.cause?.code ?? e.message;
}
if (!reachable) {
  console.error(`VS Code cannot be downloaded from this machine (${probe}: ${reason}).`);
  console.error('The @vscode/test-electron integration suite did NOT run, and is not counted as passing.');
  console.error('Run it where VS Code can be downloaded (on Linux: xvfb-run -a npm run test:integration).');
  console.error('On this machine, `npm run test:integration:code-server` runs the same mocha files inside code-server\'s');
  console.error('extension host (npm test does), and `npm run test:e2e` drives the packaged extension in code-server.');
  process.exit(1);
}
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) {
  process.exit(build.status ?? 1);
}
const run = spawnSync('npx', ['vscode-test'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
