// `npm test`: everything this machine can run, in order, then one line that adds up every suite:
// "N passed, N failed, N skipped". Stops at the first failing step.
import { spawn } from 'node:child_process';

const steps = [
  ['type check', 'npm', ['run', '--silent', 'check-types']],
  ['eslint', 'npm', ['run', '--silent', 'lint']],
  ['package (.vsix)', 'npm', ['run', '--silent', 'package']],
  ['unit tests', 'npm', ['run', '--silent', 'test:unit']],
  ['integration tests (mocha in code-server\'s extension host)', 'node', ['out/test/integration/inCodeServer.js'], 'code-server'],
  ['end-to-end tests (code-server + Chromium)', 'npx', ['mocha', '--config', '.mocharc.e2e.json'], 'code-server'],
];
const skipCodeServer = process.argv.includes('--no-e2e');
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(label, command, args) {
  return new Promise((resolve) => {
    console.log(`\n===== ${label}: ${command} ${args.join(' ')}`);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      // The closing line of a step: "N passed, N failed, N skipped" (mocha) or "integration: N passed, N failed".
      const summary = /^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/m.exec(tail.trimEnd().split('\n').pop() ?? '');
      if (summary) {
        totals.passed += Number(summary[1]);
        totals.failed += Number(summary[2]);
        totals.skipped += Number(summary[3] ?? 0);
      }
      resolve(code ?? 1);
    });
  });
}

let exitCode = 0;
for (const [label, command, args, needs] of steps) {
  if (skipCodeServer && needs === 'code-server') {
    console.log(`\n===== ${label}: not run (--no-e2e)`);
    continue;
  }
  const code = await run(label, command, args);
  if (code !== 0) {
    console.log(`\n===== ${label} failed (exit ${code})`);
    exitCode = code;
    if (totals.failed === 0) {
      totals.failed = 1;
    }
    break;
  }
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
