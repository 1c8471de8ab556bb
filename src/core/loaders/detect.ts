import { COMPOSE_FILE_NAMES, ComposeService, readComposeServices } from './compose';
import type { FolderReader } from './folderReader';
import { LoaderId } from './loaderId';

/** The small files that say which loader a folder uses. */
export const FACT_FILE_NAMES = ['package.json', 'requirements.txt', 'requirements-dev.txt', 'pyproject.toml', 'Pipfile', 'setup.py', 'setup.cfg', ...COMPOSE_FILE_NAMES] as const;

/** What detection looks at, gathered by the caller (or by `gatherFolderFacts`). */
export interface FolderFacts {
  /** Names of the entries directly in the folder. */
  names: readonly string[];
  /** Contents of the FACT_FILE_NAMES files that exist. */
  texts: Readonly<Partial<Record<string, string>>>;
  /** How many folders lie above this one (python-dotenv searches them); 0 when unknown. */
  parentDepth?: number;
}

export interface Evidence {
  loader: LoaderId;
  /** The file that says so: `package.json`, `next.config.mjs`, `requirements.txt`, `compose.yaml`. */
  file: string;
  /** The dependency or key found in it, when not the file's existence itself. */
  detail?: string;
}

export interface Detection {
  loader: LoaderId;
  /** Why: empty when nothing was found and dotenv's rules are assumed, or when the user chose. */
  evidence: Evidence[];
  /** Every loader something in the folder points at, most specific first. */
  candidates: LoaderId[];
  chosen: boolean;
  /** The compose file and its services, when there is one. */
  compose?: { file: string; services: ComposeService[] };
}

/** Most specific first: a framework's dev server runs its own loader even when `dotenv` is also installed. */
const PRIORITY: readonly LoaderId[] = ['nextjs', 'vite', 'create-react-app', 'dotenv-flow', 'dotenv', 'python-dotenv', 'docker-compose'];

const DEPENDENCY_LOADERS: ReadonlyArray<[string, LoaderId]> = [
  ['next', 'nextjs'],
  ['vite', 'vite'],
  ['@sveltejs/kit', 'vite'],
  ['astro', 'vite'],
  ['react-scripts', 'create-react-app'],
  ['dotenv-flow', 'dotenv-flow'],
  ['dotenv', 'dotenv'],
];

const CONFIG_FILES: ReadonlyArray<[RegExp, LoaderId]> = [
  [/^next\.config\.(js|cjs|mjs|ts|mts)$/, 'nextjs'],
  [/^vite\.config\.(js|cjs|mjs|ts|mts|cts)$/, 'vite'],
];

export function detectLoader(facts: FolderFacts, choice?: LoaderId): Detection {
  const evidence = [...packageEvidence(facts), ...configFileEvidence(facts), ...pythonEvidence(facts)];
  const compose = composeFacts(facts);
  if (compose && compose.services.some((s) => s.envFiles.length > 0 || s.environment.length > 0)) {
    evidence.push({ loader: 'docker-compose', file: compose.file, detail: 'env_file' });
  }
  const candidates = PRIORITY.filter((l) => evidence.some((e) => e.loader === l));
  if (choice) {
    return { loader: choice, evidence: [], candidates, chosen: true, compose };
  }
  const loader = candidates[0] ?? 'dotenv';
  return { loader, evidence: evidence.filter((e) => e.loader === loader), candidates, chosen: false, compose };
}

function packageEvidence(facts: FolderFacts): Evidence[] {
  const text = facts.texts['package.json'];
  if (!text) {
    return [];
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return [];
  }
  if (!manifest || typeof manifest !== 'object') {
    return [];
  }
  const names = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = (manifest as Record<string, unknown>)[field];
    if (deps && typeof deps === 'object') {
      Object.keys(deps).forEach((n) => names.add(n));
    }
  }
  return DEPENDENCY_LOADERS.filter(([dep]) => names.has(dep)).map(([dep, loader]) => ({ loader, file: 'package.json', detail: dep }));
}

function configFileEvidence(facts: FolderFacts): Evidence[] {
  const found: Evidence[] = [];
  for (const name of facts.names) {
    const match = CONFIG_FILES.find(([pattern]) => pattern.test(name));
    if (match) {
      found.push({ loader: match[1], file: name });
    }
  }
  return found;
}

/** `python-dotenv` (or `python_dotenv`) as a requirement, not in a comment. */
function pythonEvidence(facts: FolderFacts): Evidence[] {
  const found: Evidence[] = [];
  for (const file of ['requirements.txt', 'requirements-dev.txt', 'pyproject.toml', 'Pipfile', 'setup.py', 'setup.cfg']) {
    const text = facts.texts[file];
    if (text && text.split(/\r?\n/).some((line) => /(^|[\s"'[,=])python[-_.]dotenv\b/i.test(line.replace(/#.*$/, '')))) {
      found.push({ loader: 'python-dotenv', file, detail: 'python-dotenv' });
    }
  }
  return found;
}

function composeFacts(facts: FolderFacts): Detection['compose'] {
  for (const file of COMPOSE_FILE_NAMES) {
    const text = facts.texts[file];
    if (text !== undefined) {
      return { file, services: readComposeServices(text) };
    }
  }
  return undefined;
}

/** Reads the facts detection needs through the caller's reader (so the same limits apply everywhere). */
export async function gatherFolderFacts(reader: FolderReader): Promise<FolderFacts> {
  const names = await reader.list();
  const texts: Record<string, string> = {};
  for (const name of FACT_FILE_NAMES) {
    if (!names.includes(name)) {
      continue;
    }
    const bytes = await reader.read(name);
    if (bytes) {
      texts[name] = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    }
  }
  return { names, texts, parentDepth: reader.parentDepth };
}
