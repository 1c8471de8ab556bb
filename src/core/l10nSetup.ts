import * as l10n from '@vscode/l10n';
import * as fs from 'fs';
import * as path from 'path';

/** Gives the core's messages (diagnostics, verdicts) the translations VS Code loaded for the extension. */
export function useTranslations(bundle: Record<string, string> | undefined): void {
  if (bundle && Object.keys(bundle).length > 0) {
    l10n.config({ contents: bundle });
  }
}

/** The CLI's language from the environment (LC_ALL, LC_MESSAGES, LANG): `fr_FR.UTF-8` -> `fr`. */
export function languageFromEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.OPENAI_KEY_DOCTOR_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const match = /^([a-z]{2,3})(?:[_-][A-Za-z]+)?/.exec(value);
  return match && match[1] !== 'en' && value !== 'C' && value !== 'POSIX' ? match[1] : undefined;
}

/** Loads l10n/bundle.l10n.<language>.json from the package the running file belongs to, when there is one. */
export function useTranslationsFromDisk(language: string | undefined, startDir: string): void {
  if (!language) {
    return;
  }
  let dir = startDir;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  const file = path.join(dir, 'l10n', `bundle.l10n.${language}.json`);
  if (fs.existsSync(file)) {
    useTranslations(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>);
  }
}
