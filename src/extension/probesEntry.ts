/** Entry point of dist/probes.js: the key test and the openai SDK behind it, loaded on the first test only. */
export { testKey } from '../core/probe/keyTest';
export { useTranslations } from '../core/l10nSetup';
