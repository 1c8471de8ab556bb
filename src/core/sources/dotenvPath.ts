import type { SourceLanguage } from './language';

/**
 * Which `.env` receives a moved key, relative to the folder (workspace folder or repository root) the source
 * path is relative to. docker compose reads the `.env` of the compose file's own folder (its project
 * directory); dotenv and python-dotenv read the one in the folder the app starts in, usually the project root.
 */
export function dotenvPathFor(sourceRelativePath: string, language: SourceLanguage): string {
  const normalized = sourceRelativePath.split('\\').join('/');
  if (language === 'compose') {
    const slash = normalized.lastIndexOf('/');
    return slash < 0 ? '.env' : `${normalized.slice(0, slash)}/.env`;
  }
  return '.env';
}
