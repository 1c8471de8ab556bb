import { LOADER_IDS, LoaderChoice, LoaderId, isValidMode, loaderLabel, parseLoaderName } from '../core/loaders/loaderId';
import { UsageError } from './io';

/** The `--loader` and `--mode` lines of `which` and `lint`, descriptions starting at `column`. */
export function loaderFlagsUsage(column: number): string {
  const row = (flag: string, ...lines: string[]) => lines.map((line, i) => (i === 0 ? `  ${flag}`.padEnd(column) : ' '.repeat(column)) + line).join('\n');
  return [
    row('--loader <name>', `${LOADER_IDS.join(', ')} or auto (default: detected`, 'from package.json, next.config.*, vite.config.*, requirements.txt, pyproject.toml, compose.yaml)'),
    row('--mode <m>', 'the mode: development (default), production, test, or a Vite / dotenv-flow mode name', '(Next.js uses test when NODE_ENV=test; dotenv-flow follows NODE_ENV)'),
  ].join('\n');
}

/** What `--loader`, `--mode` and (for `which`) `--path`, `--override`, `--service` ask for. */
export function loaderChoice(values: Map<string, string>, override = false): Partial<LoaderChoice> {
  const name = values.get('loader');
  const loader = name === undefined ? 'auto' : parseLoaderName(name);
  if (loader === undefined) {
    throw new UsageError(`Unknown loader "${name}": use ${LOADER_IDS.join(', ')} or auto.`);
  }
  const mode = values.get('mode');
  if (mode !== undefined && !/^[A-Za-z0-9_-]+$/.test(mode)) {
    throw new UsageError('--mode takes a name such as development or staging.');
  }
  const paths = values.get('path')?.split(',').map((p) => p.trim()).filter((p) => p !== '');
  return {
    loader: loader === 'auto' ? undefined : loader,
    mode,
    paths: paths && paths.length > 0 ? paths : undefined,
    override,
    service: values.get('service'),
  };
}

/** A usage error when the loader of a folder does not know the mode asked for (`where`: the folder, for lint). */
export function checkMode(loader: LoaderId, mode: string | undefined, where = ''): void {
  if (mode === undefined || isValidMode(loader, mode)) {
    return;
  }
  const prefix = where ? `${where}: ` : '';
  throw new UsageError(
    loader === 'nextjs' || loader === 'create-react-app'
      ? `${prefix}${loaderLabel(loader)} knows the modes development, production and test.`
      : `${prefix}--mode takes a name such as development or staging${loader === 'vite' ? ' (not local)' : ''}.`,
  );
}
