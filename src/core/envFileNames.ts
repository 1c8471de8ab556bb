/**
 * Which file names hold dotenv variables, and which of them are templates meant to be committed
 * (`.env.example`, `example.env`, `.env_sample`, `env.template`…). One list for the CLI walk, the workspace
 * scan, the file watchers, the document selector and the activation events.
 */
import * as l10n from '@vscode/l10n';
import { parseDotenv } from './dotenv/parse';

/** Words that make a file a template: placeholders and empty values belong there. */
const TEMPLATE_WORDS = new Set([
  'example', 'examples', 'sample', 'samples', 'template', 'templates', 'tmpl', 'tpl', 'dist', 'default', 'defaults',
  'schema', 'skeleton', 'stub',
]);

/** What may follow `.env_` / `.env-`: templates and environment names, never `.env-cmdrc` (env-cmd's JSON). */
const SEPARATED_SUFFIX_WORDS = new Set([
  ...TEMPLATE_WORDS, 'local', 'dev', 'development', 'prod', 'production', 'stage', 'staging', 'test', 'testing', 'ci',
  'docker', 'preview', 'qa', 'uat', 'demo',
]);

/** `env.example`: the dot-less form only with a template word (never `env.ts`, `env.js`, `env.py`). */
const BARE_ENV_TEMPLATES = ['env.example', 'env.sample', 'env.template', 'env.tmpl', 'env.dist', 'env.defaults'];

/**
 * `.env`, `.env.local`, `.env.production`, `.env_example`, `.env-template`, `example.env`, `.example.env`,
 * `production.env`, `env.example`…; not `.envrc`, `.environment`, `.env-cmdrc` or `env.ts`.
 */
export function isEnvFileName(name: string): boolean {
  if (name === '.env' || (name.startsWith('.env.') && name.length > 5)) {
    return true;
  }
  if (/^\.env[_-]/.test(name)) {
    const words = name.slice(5).toLowerCase().split(/[._-]/).filter((w) => w !== '');
    return words.length > 0 && words.every((w) => SEPARATED_SUFFIX_WORDS.has(w));
  }
  if (name.endsWith('.env') && name.length > 4) {
    return /^[\w.-]+$/.test(name.slice(0, -4));
  }
  return BARE_ENV_TEMPLATES.includes(name.toLowerCase());
}

/** A template meant to be committed: `.env.example`, `.env.sample`, `example.env`, `.env_template`, `env.dist`… */
export function isTemplateFileName(name: string | undefined): boolean {
  if (!name) {
    return false;
  }
  return name
    .toLowerCase()
    .split(/[._-]/)
    .some((word) => TEMPLATE_WORDS.has(word));
}

/**
 * Every .env-style file, as one glob for `workspace.findFiles` and file watchers (the results are then
 * filtered with `isEnvFileName`, since a glob cannot exclude `.env-cmdrc` or `.envrc`).
 */
export const ENV_FILE_GLOB = `**/{.env,.env.*,.env_*,.env-*,*.env,${BARE_ENV_TEMPLATES.join(',')}}`;

/** The same files for `workspaceContains:` activation events (kept in package.json; a test compares them). */
export const ACTIVATION_GLOBS = ['**/.env*', '**/*.env', ...BARE_ENV_TEMPLATES.map((n) => `**/${n}`)];

/**
 * A file given to `lint` by name that is not called like a .env file is checked only if it reads like one
 * (cookiecutter's `.envs/.production/.django` does): most of its content lines are assignments. A JavaScript
 * or Python source file is not.
 */
export function readsLikeDotenv(text: string): boolean {
  const parsed = parseDotenv(text);
  return parsed.entries.length > 0 && parsed.ignoredLines.length <= parsed.entries.length / 4;
}

/** The one note for such a file, in place of a line-by-line "dotenv ignores this line". */
export function notEnvFileMessage(fileName: string): string {
  return l10n.t('{0} is not a .env file, so it was not checked: give lint .env files or their folders.', fileName);
}
