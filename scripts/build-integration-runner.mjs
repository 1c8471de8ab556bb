// Builds the test-only runner extension (test/integration/runner) as a .vsix: one esbuild bundle holding the
// runner, mocha and every test/integration/*.test.ts, so the suite runs inside code-server's extension host next to
// the packaged extension. Prints the path of the .vsix.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'test', 'integration');
const stage = join(root, 'out', 'integration-runner');
const vsix = join(root, 'out', 'okd-integration-runner.vsix');

const specs = readdirSync(source)
  .filter((name) => name.endsWith('.test.ts'))
  .sort();
if (specs.length === 0) {
  throw new Error(`no *.test.ts in ${source}`);
}

// require() inside a function: esbuild keeps each spec lazy, so it registers its tests only after mocha's
// pre-require event has put describe/it on the global object.
const entry = `
import { runBundledSpecs } from './runner/runner';
export function activate() {
  runBundledSpecs([
${specs.map((name) => `    { file: ${JSON.stringify(name)}, load: () => require(${JSON.stringify(`./${name}`)}) },`).join('\n')}
  ]);
}
export function deactivate() {}
`;

rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });
await esbuild.build({
  stdin: { contents: entry, resolveDir: source, sourcefile: 'integration-runner-entry.ts', loader: 'ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: join(stage, 'dist', 'runner.js'),
  sourcemap: 'inline',
  logLevel: 'error',
  // vscode comes from the extension host; ws and mocha load these optional helpers only when present.
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
});
for (const file of ['package.json', 'README.md']) {
  copyFileSync(join(source, 'runner', file), join(stage, file));
}
copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));

const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const packed = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { cwd: stage, encoding: 'utf8' });
if (packed.status !== 0) {
  process.stderr.write(packed.stdout + packed.stderr);
  process.exit(packed.status ?? 1);
}
console.log(vsix);
