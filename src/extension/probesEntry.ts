/**
 * Bundle entry of dist/probes.js (built by esbuild.mjs): the key test and the openai SDK behind it. The extension
 * requires that file on the first key test (keyTest/keyTester.ts); no module imports this one, or the probes
 * would load at start-up with dist/extension.js.
 */
export { runKeyTest } from '../core/probe/keyTestRun';
export { useTranslations } from '../core/l10nSetup';
