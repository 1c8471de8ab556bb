import { COMPOSE_FILE_NAMES, ComposeService } from './compose';
import type { Detection } from './detect';
import { LoaderChoice, LoaderId, defaultMode, isValidMode } from './loaderId';

/**
 * One place a loader takes a variable from. `rank` says who wins: the highest rank among the places that define
 * the variable; inside one file the last definition wins (every loader here keeps the last one).
 */
export type Source =
  | { kind: 'environment'; rank: number; lookup?: string }
  | { kind: 'file'; path: string; rank: number; lookup?: string }
  /** python-dotenv's find_dotenv: only the first of these that exists is read. */
  | { kind: 'search'; candidates: string[]; rank: number }
  /** A literal in a compose file's `environment:`. */
  | { kind: 'inline'; path: string; line: number; name: string; value: string; rank: number };

export interface LoadPlan {
  loader: LoaderId;
  mode?: string;
  override: boolean;
  /** Every file the loader may read, in its reading order (for compose: every service's files). */
  files: string[];
  /** docker compose services, in file order. */
  services: string[];
  /** The places one variable can come from, in the order the loader reads them, the environment first. */
  sources(variable: string, service?: string): Source[];
}

/** Above every file: the environment wins, whatever the files say. */
const ENVIRONMENT_WINS = 1000;

export function planLoad(detection: Detection, choice: Partial<LoaderChoice> = {}, env: Readonly<Record<string, string | undefined>> = {}, parentDepth = 0): LoadPlan {
  const loader = detection.loader;
  const override = choice.override === true;
  const mode = choice.mode !== undefined && isValidMode(loader, choice.mode) ? choice.mode : defaultMode(loader, env);
  const environment = (rank = ENVIRONMENT_WINS): Source => ({ kind: 'environment', rank });
  const firstFileWins = (files: string[]) => files.map((path, i): Source => ({ kind: 'file', path, rank: files.length - i }));
  const lastFileWins = (files: string[]) => files.map((path, i): Source => ({ kind: 'file', path, rank: i + 1 }));
  const simple = (files: string[], sources: Source[]): LoadPlan => ({ loader, mode, override, files, services: [], sources: () => sources });

  switch (loader) {
    case 'dotenv': {
      const files = (choice.paths?.length ? choice.paths : ['.env']).map(normalize);
      return simple(files, override ? [environment(0), ...lastFileWins(files)] : [environment(), ...firstFileWins(files)]);
    }
    case 'python-dotenv': {
      if (choice.paths?.length) {
        const file = normalize(choice.paths[0]);
        return simple([file], [environment(override ? 0 : ENVIRONMENT_WINS), { kind: 'file', path: file, rank: 1 }]);
      }
      const candidates = ['.env', ...Array.from({ length: parentDepth }, (_, i) => `${'../'.repeat(i + 1)}.env`)];
      return simple(candidates, [environment(override ? 0 : ENVIRONMENT_WINS), { kind: 'search', candidates, rank: 1 }]);
    }
    case 'nextjs':
    case 'create-react-app': {
      const m = mode ?? 'development';
      const files = [`.env.${m}.local`, ...(m === 'test' ? [] : ['.env.local']), `.env.${m}`, '.env'];
      return { ...simple(files, [environment(), ...firstFileWins(files)]), mode: m };
    }
    case 'vite': {
      const m = mode ?? 'development';
      const files = ['.env', '.env.local', `.env.${m}`, `.env.${m}.local`];
      return { ...simple(files, [environment(), ...lastFileWins(files)]), mode: m };
    }
    case 'dotenv-flow': {
      const files = ['.env.defaults', '.env', ...(mode === 'test' ? [] : ['.env.local']), ...(mode ? [`.env.${mode}`, `.env.${mode}.local`] : [])];
      return simple(files, [environment(), ...lastFileWins(files)]);
    }
    case 'docker-compose':
      return composePlan(detection, override);
  }
}

function composePlan(detection: Detection, override: boolean): LoadPlan {
  const compose = detection.compose;
  const services = compose?.services ?? [];
  const files: string[] = [];
  for (const service of services) {
    for (const f of service.envFiles) {
      const path = normalize(f.path);
      if (!files.includes(path)) {
        files.push(path);
      }
    }
  }
  if (services.some((s) => s.environment.some((e) => e.from)) && !files.includes('.env')) {
    files.push('.env');
  }
  return {
    loader: 'docker-compose',
    override,
    files,
    services: services.map((s) => s.name),
    sources(variable, serviceName) {
      const service = services.find((s) => s.name === serviceName) ?? services[0];
      return service && compose ? composeSources(service, compose.file, variable) : [];
    },
  };
}

/**
 * Compose's precedence: `environment:` beats `env_file:`, later env files beat earlier ones, and a value taken
 * from the shell (`- NAME`, `NAME: ${NAME}`) beats the project `.env` it falls back to. The shell reaches the
 * container only through such an entry.
 */
function composeSources(service: ComposeService, composeFile: string, variable: string): Source[] {
  const entries = service.environment.filter((e) => e.name === variable);
  const entry = entries[entries.length - 1];
  const sources: Source[] = [];
  if (entry?.from) {
    sources.push({ kind: 'environment', rank: ENVIRONMENT_WINS, lookup: entry.from }, { kind: 'file', path: '.env', rank: ENVIRONMENT_WINS - 1, lookup: entry.from });
  }
  service.envFiles.forEach((f, i) => sources.push({ kind: 'file', path: normalize(f.path), rank: i + 1 }));
  if (entry && !entry.from && entry.value !== null) {
    sources.push({ kind: 'inline', path: composeFile, line: entry.line, name: variable, value: entry.value, rank: ENVIRONMENT_WINS - 2 });
  }
  return sources;
}

/** `./config/.env` → `config/.env`; Windows separators become `/`. */
export function normalize(path: string): string {
  if (/^(\/|[A-Za-z]:[\\/])/.test(path)) {
    return path.replace(/\\/g, '/');
  }
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') {
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/') || '.';
}

/**
 * Whether, next to `file`, a folder holding `entries` may give a loader another place for the same variable: another
 * file whose name starts with `.env` (every loader but docker compose reads only such files, python-dotenv only one
 * of them) or a compose file (its `env_file:` entries may name anything). When it does not, and the inherited
 * environment defines none of the file's variables, no load-order finding is possible for the file: callers may
 * skip resolving the folder.
 */
export function folderMayHoldOtherSources(entries: readonly string[], file: string): boolean {
  return entries.some((name) => (name !== file && name.startsWith('.env')) || (COMPOSE_FILE_NAMES as readonly string[]).includes(name));
}
