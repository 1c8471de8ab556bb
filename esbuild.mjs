import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

mkdirSync('dist', { recursive: true });

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

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

// The CLI: dist/cli.js only dispatches; each src/cli/<verb>Command.ts is a bundle of its own, dist/cli-<verb>.js,
// which main.ts requires when that verb runs. A new verb needs its file and its row in main.ts, nothing here.
const verbs = readdirSync('src/cli')
  .map((name) => /^(\w+)Command\.ts$/.exec(name)?.[1])
  .filter(Boolean);
const dispatcher = resolve('src/cli/main.ts');
const commandsAsOwnBundles = {
  name: 'commands-as-own-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/\w+Command$/ }, (args) => {
      const verb = args.path.slice(2, -'Command'.length);
      return args.importer === dispatcher && verbs.includes(verb) ? { path: `./cli-${verb}.js`, external: true } : undefined;
    });
  },
};
const commandBundles = verbs.map((verb) => ({
  ...common,
  // Each bundle has its own copy of @vscode/l10n: it takes the language from the environment before the command
  // loads (require keeps that order).
  stdin: {
    contents: [
      "const { languageFromEnvironment, useTranslationsFromDisk } = require('../core/l10nSetup');",
      'useTranslationsFromDisk(languageFromEnvironment(process.env), __dirname);',
      `module.exports = require('./${verb}Command');`,
    ].join('\n'),
    resolveDir: 'src/cli',
    sourcefile: `cli-${verb}.js`,
    loader: 'js',
  },
  outfile: `dist/cli-${verb}.js`,
}));

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  // The key probes and the openai SDK: loaded by the extension on the first key test, not at start-up.
  { ...common, entryPoints: ['src/extension/probesEntry.ts'], outfile: 'dist/probes.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [commandsAsOwnBundles] },
  ...commandBundles,
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
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...b, metafile: true })));
  // What went into each bundle, for the tests that pin it (test/unit/cli-bundles.test.ts).
  mkdirSync('out/bundle-inputs', { recursive: true });
  builds.forEach((b, i) => writeFileSync(`out/bundle-inputs/${basename(b.outfile)}.json`, JSON.stringify(Object.keys(results[i].metafile.inputs).sort(), null, 1)));
}
