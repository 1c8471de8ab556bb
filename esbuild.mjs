import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';

mkdirSync('dist', { recursive: true });

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** Two bundles: the extension (vscode is provided by the host) and the CLI (a plain Node program). */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  // ws optionally loads native helpers; it works without them.
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  // The key probes and the openai SDK: loaded by the extension on the first key test, not at start-up.
  { ...common, entryPoints: ['src/extension/probes.ts'], outfile: 'dist/probes.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (production) {
  // A production build ships no source maps: remove those a development build left behind.
  for (const file of readdirSync('dist', { withFileTypes: true })) {
    if (file.isFile() && file.name.endsWith('.map')) {
      rmSync(`dist/${file.name}`);
    }
  }
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
