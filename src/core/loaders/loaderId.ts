/** The programs that turn .env files into the environment an app sees, each with its own order. */
export const LOADER_IDS = ['dotenv', 'python-dotenv', 'nextjs', 'vite', 'create-react-app', 'dotenv-flow', 'docker-compose'] as const;

export type LoaderId = (typeof LOADER_IDS)[number];

/** What a user picks (a setting or `--loader`); everything not given is detected or defaulted. */
export interface LoaderChoice {
  loader: LoaderId;
  /** Vite's `--mode`, NODE_ENV for Next.js, Create React App and dotenv-flow. */
  mode?: string;
  /** dotenv's `config({ path: [...] })`, relative to the folder; `.env` when absent. */
  paths?: readonly string[];
  /** dotenv's `config({ override: true })`, python-dotenv's `load_dotenv(override=True)`. */
  override?: boolean;
  /** The docker compose service; the first one that defines the variable when absent. */
  service?: string;
}

const ALIASES: ReadonlyMap<string, LoaderId> = new Map([
  ['next', 'nextjs'],
  ['next.js', 'nextjs'],
  ['cra', 'create-react-app'],
  ['react-scripts', 'create-react-app'],
  ['python', 'python-dotenv'],
  ['compose', 'docker-compose'],
  ['docker', 'docker-compose'],
]);

/** `nextjs`, `next`, `Next.js`… or `auto`; undefined for anything else. */
export function parseLoaderName(name: string): LoaderId | 'auto' | undefined {
  const lower = name.trim().toLowerCase();
  if (lower === 'auto' || lower === '') {
    return 'auto';
  }
  return (LOADER_IDS as readonly string[]).includes(lower) ? (lower as LoaderId) : ALIASES.get(lower);
}

const LABELS: Record<LoaderId, string> = {
  dotenv: 'dotenv',
  'python-dotenv': 'python-dotenv',
  nextjs: 'Next.js',
  vite: 'Vite',
  'create-react-app': 'Create React App',
  'dotenv-flow': 'dotenv-flow',
  'docker-compose': 'docker compose',
};

export function loaderLabel(loader: LoaderId): string {
  return LABELS[loader];
}

/** Next.js and Create React App know three modes; Vite and dotenv-flow take any name (Vite refuses `local`). */
export function isValidMode(loader: LoaderId, mode: string): boolean {
  if (loader === 'nextjs' || loader === 'create-react-app') {
    return ['development', 'production', 'test'].includes(mode);
  }
  return /^[A-Za-z0-9_-]+$/.test(mode) && !(loader === 'vite' && mode === 'local');
}

/**
 * The mode a loader runs in when the user does not say: the dev server's `development` for Next.js, Vite and
 * Create React App (`next dev`, `vite`, `npm start`). Next.js switches to `test` when NODE_ENV is test (any other
 * NODE_ENV does not change its files); dotenv-flow follows NODE_ENV and without it reads no mode-specific file.
 */
export function defaultMode(loader: LoaderId, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const nodeEnv = env.NODE_ENV?.trim() || undefined;
  switch (loader) {
    case 'nextjs':
      return nodeEnv === 'test' ? 'test' : 'development';
    case 'vite':
    case 'create-react-app':
      return 'development';
    case 'dotenv-flow':
      return nodeEnv;
    default:
      return undefined;
  }
}
