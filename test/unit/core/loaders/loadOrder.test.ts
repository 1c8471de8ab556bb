import * as assert from 'assert';
import { Environment, VariableChain, chainFor, resolveFolder } from '../../../../src/core/loaders/chain';
import type { LoaderChoice } from '../../../../src/core/loaders/loaderId';
import { memoryFolder } from '../../../support/folder';
import { fakeKey } from '../../../support/keys';

/**
 * Each loader's order, pinned against its documentation (URL and the sentence quoted above each block) or, where
 * the docs are silent, its source. A chain reads `place*` for the definition the app gets.
 */
const [K1, K2, K3, K4, K5] = [1, 2, 3, 4, 5].map((n) => fakeKey('project', n));
const line = (key: string) => `OPENAI_API_KEY=${key}\n`;

async function chain(files: Record<string, string>, env: Environment = {}, choice: Partial<LoaderChoice> = {}, depth = 3): Promise<VariableChain> {
  return chainFor(await resolveFolder(memoryFolder(files, depth), env, choice), 'OPENAI_API_KEY');
}

function places(c: VariableChain): string[] {
  return c.entries.map((e) => `${e.file === null ? 'environment' : `${e.file}:${e.line}`}${e.used ? '*' : ''}`);
}

function without(files: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([n]) => n !== name));
}

function winnerValue(c: VariableChain): string | undefined {
  return c.winner?.value;
}

describe('load order: dotenv', () => {
  // https://github.com/motdotla/dotenv#path (README, config options):
  // "Default: `path.resolve(process.cwd(), '.env')`" and "Pass in multiple files as an array, and they will be parsed
  // in order and combined with `process.env` (or `option.processEnv`, if set). The first value set for a variable will
  // win, unless the `options.override` flag is set, in which case the last value set will win. If a value already
  // exists in `process.env` and the `options.override` flag is NOT set, no changes will be made to that value."
  const files = { '.env': line(K1), '.env.local': line(K2), '.env.production': line(K3) };

  it('reads .env only by default', async () => {
    assert.deepStrictEqual(places(await chain(files, {}, { loader: 'dotenv' })), ['.env:1*']);
  });

  it('with a path list, the first file that sets the variable wins', async () => {
    const c = await chain(files, {}, { loader: 'dotenv', paths: ['.env.local', '.env'] });
    assert.deepStrictEqual(places(c), ['.env.local:1*', '.env:1']);
    assert.strictEqual(winnerValue(c), K2);
  });

  it('never overwrites the environment without override, even with an empty value', async () => {
    // lib/main.js populate(): `if (Object.prototype.hasOwnProperty.call(processEnv, key))` skips the key unless override.
    assert.deepStrictEqual(places(await chain(files, { OPENAI_API_KEY: K4 }, { loader: 'dotenv' })), ['environment*', '.env:1']);
    assert.deepStrictEqual(places(await chain(files, { OPENAI_API_KEY: '' }, { loader: 'dotenv' })), ['environment*', '.env:1']);
  });

  it('with override, the last file wins over earlier files and over the environment', async () => {
    // "Override any environment variables that have already been set on your machine with values from your .env
    // file(s). If multiple files have been provided in `option.path` the override will also be used as each file is
    // combined with the next. Without `override` being set, the first value wins. With `override` set the last value wins."
    const c = await chain(files, { OPENAI_API_KEY: K4 }, { loader: 'dotenv', paths: ['.env.local', '.env'], override: true });
    assert.deepStrictEqual(places(c), ['environment', '.env.local:1', '.env:1*']);
  });

  it('inside one file the last definition wins', async () => {
    // lib/main.js parse(): each match does `obj[key] = value`, so a later line replaces an earlier one.
    const c = await chain({ '.env': `${line(K1)}PORT=3000\n${line(K2)}` }, {}, { loader: 'dotenv' });
    assert.deepStrictEqual(places(c), ['.env:1', '.env:3*']);
  });
});

describe('load order: python-dotenv', () => {
  // https://github.com/theskumar/python-dotenv#getting-started (README): "By default, `load_dotenv()` will: Look for a
  // `.env` file in the same directory as the Python script (or higher up the directory tree). Read each key-value pair
  // and add it to `os.environ`. **Not override** existing environment variables (`override=False`). Pass
  // `override=True` to override existing variables."
  it('finds .env in the script folder first', async () => {
    const c = await chain({ '.env': line(K1), '../.env': line(K2) }, {}, { loader: 'python-dotenv' });
    assert.deepStrictEqual(places(c), ['.env:1*']);
  });

  it('walks up the tree and stops at the first .env it meets', async () => {
    // src/dotenv/main.py find_dotenv(): `for dirname in _walk_to_root(path): ... if _is_file_or_fifo(check_path): return check_path`
    const folder = memoryFolder({ '../.env': line(K2), '../../.env': line(K3) }, 3);
    const resolution = await resolveFolder(folder, {}, { loader: 'python-dotenv' });
    assert.deepStrictEqual(places(chainFor(resolution, 'OPENAI_API_KEY')), ['../.env:1*']);
    assert.deepStrictEqual(folder.reads.filter((p) => p.endsWith('.env')), ['.env', '../.env'], 'nothing above the first .env is read');
  });

  it('does not search above the root', async () => {
    const c = await chain({ '../../.env': line(K3) }, {}, { loader: 'python-dotenv' }, 1);
    assert.deepStrictEqual(places(c), []);
  });

  it('keeps the environment unless override=True', async () => {
    assert.deepStrictEqual(places(await chain({ '.env': line(K1) }, { OPENAI_API_KEY: K4 }, { loader: 'python-dotenv' })), ['environment*', '.env:1']);
    assert.deepStrictEqual(places(await chain({ '.env': line(K1) }, { OPENAI_API_KEY: K4 }, { loader: 'python-dotenv', override: true })), ['environment', '.env:1*']);
  });

  it('inside one file the last definition wins', async () => {
    // src/dotenv/main.py resolve_variables(): `new_values[name] = result` for each pair in file order.
    assert.deepStrictEqual(places(await chain({ '.env': line(K1) + line(K2) }, {}, { loader: 'python-dotenv' })), ['.env:1', '.env:2*']);
  });
});

describe('load order: Next.js', () => {
  // https://nextjs.org/docs/app/guides/environment-variables#environment-variable-load-order: "Environment variables
  // are looked up in the following places, in order, stopping once the variable is found. 1. process.env
  // 2. .env.$(NODE_ENV).local 3. .env.local (Not checked when NODE_ENV is test.) 4. .env.$(NODE_ENV) 5. .env"
  // and "If the environment variable NODE_ENV is unassigned, Next.js automatically assigns development when running
  // the next dev command, or production for all other commands."
  const all = {
    '.env': line(K1),
    '.env.local': line(K2),
    '.env.development': line(K3),
    '.env.development.local': line(K4),
    '.env.production': line(K5),
    '.env.test': line(K5),
  };

  it('process.env, .env.development.local, .env.local, .env.development, .env for next dev', async () => {
    const c = await chain(all, { OPENAI_API_KEY: K5 }, { loader: 'nextjs' });
    assert.deepStrictEqual(places(c), ['environment*', '.env.development.local:1', '.env.local:1', '.env.development:1', '.env:1']);
    assert.strictEqual(c.mode, 'development');
  });

  it('the first file that defines the variable wins: .env.local over .env.development and .env', async () => {
    const rest = without(all, '.env.development.local');
    assert.deepStrictEqual(places(await chain(rest, {}, { loader: 'nextjs' })), ['.env.local:1*', '.env.development:1', '.env:1']);
  });

  it('next build / next start read the production files', async () => {
    assert.deepStrictEqual(places(await chain(all, {}, { loader: 'nextjs', mode: 'production' })), ['.env.local:1*', '.env.production:1', '.env:1']);
  });

  it('NODE_ENV=test skips .env.local', async () => {
    assert.deepStrictEqual(places(await chain(all, { NODE_ENV: 'test' }, { loader: 'nextjs' })), ['.env.test:1*', '.env:1']);
  });

  it('another NODE_ENV does not change the files (packages/next-env: mode is test, development or production)', async () => {
    const c = await chain(all, { NODE_ENV: 'staging' }, { loader: 'nextjs' });
    assert.strictEqual(c.mode, 'development');
  });
});

describe('load order: Vite', () => {
  // https://vite.dev/guide/env-and-mode#env-files: ".env  # loaded in all cases / .env.local  # loaded in all cases,
  // ignored by git / .env.[mode]  # only loaded in specified mode / .env.[mode].local  # only loaded in specified mode,
  // ignored by git", "An env file for a specific mode (e.g. .env.production) will take higher priority than a generic
  // one (e.g. .env).", "environment variables that already exist when vite is executed have the highest priority and
  // will not be overwritten by .env files." and "By default, the dev server (dev command) runs in development mode".
  // packages/vite/src/node/env.ts: getEnvFilesForMode() lists `.env`, `.env.local`, `.env.${mode}`,
  // `.env.${mode}.local`, merged with Object.fromEntries, so a later file replaces an earlier one.
  const all = { '.env': line(K1), '.env.local': line(K2), '.env.development': line(K3), '.env.development.local': line(K4), '.env.staging': line(K5) };

  it('reads .env, .env.local, .env.[mode], .env.[mode].local; the most specific wins', async () => {
    assert.deepStrictEqual(places(await chain(all, {}, { loader: 'vite' })), ['.env:1', '.env.local:1', '.env.development:1', '.env.development.local:1*']);
  });

  it('.env.[mode] wins over .env.local (unlike Next.js)', async () => {
    const rest = without(all, '.env.development.local');
    assert.deepStrictEqual(places(await chain(rest, {}, { loader: 'vite' })), ['.env:1', '.env.local:1', '.env.development:1*']);
  });

  it('the existing environment wins', async () => {
    assert.strictEqual(places(await chain(all, { OPENAI_API_KEY: K5 }, { loader: 'vite' }))[0], 'environment*');
  });

  it('--mode staging reads .env.staging', async () => {
    assert.deepStrictEqual(places(await chain(all, {}, { loader: 'vite', mode: 'staging' })), ['.env:1', '.env.local:1', '.env.staging:1*']);
  });
});

describe('load order: Create React App', () => {
  // https://create-react-app.dev/docs/adding-custom-environment-variables/#what-other-env-files-can-be-used:
  // "Files on the left have more priority than files on the right: npm start: .env.development.local, .env.local,
  // .env.development, .env / npm run build: .env.production.local, .env.local, .env.production, .env / npm test:
  // .env.test.local, .env.test, .env (note .env.local is missing)" and "These variables will act as the defaults if
  // the machine does not explicitly set them."
  const all = { '.env': line(K1), '.env.local': line(K2), '.env.development': line(K3), '.env.test': line(K4), '.env.production.local': line(K5) };

  it('npm start: .env.development.local, .env.local, .env.development, .env', async () => {
    assert.deepStrictEqual(places(await chain(all, {}, { loader: 'create-react-app' })), ['.env.local:1*', '.env.development:1', '.env:1']);
  });

  it('npm run build: .env.production.local first', async () => {
    assert.deepStrictEqual(places(await chain(all, {}, { loader: 'create-react-app', mode: 'production' })), ['.env.production.local:1*', '.env.local:1', '.env:1']);
  });

  it('npm test: no .env.local', async () => {
    assert.deepStrictEqual(places(await chain(all, {}, { loader: 'create-react-app', mode: 'test' })), ['.env.test:1*', '.env:1']);
  });

  it('the machine environment wins', async () => {
    assert.strictEqual(places(await chain(all, { OPENAI_API_KEY: K5 }, { loader: 'create-react-app' }))[0], 'environment*');
  });
});

describe('load order: dotenv-flow', () => {
  // https://github.com/kerimdzhanov/dotenv-flow#variables-overwritingpriority: "1) The `.env` file has the lowest
  // priority. 2) The `.env.local` file has a priority over the `.env` (except when `NODE_ENV=test`, in which case this
  // file is not loaded). 3) `NODE_ENV`-specific env files (like `.env.development`, `.env.test`, etc.) have a priority
  // over the default `.env` and `.env.local` files. 4) `NODE_ENV`-specific local env files (`.env.development.local`,
  // `.env.production.local`, etc.) have the highest priority over all the env files. 5) Environment variables that are
  // already set will not be overwritten". And #alternative-defaults-envdefaults: "`.env.defaults` ... will be loaded
  // before `.env`".
  const all = { '.env.defaults': line(K1), '.env': line(K2), '.env.local': line(K3), '.env.development': line(K4), '.env.development.local': line(K5) };

  it('NODE_ENV=development: .env.development.local has the highest priority', async () => {
    const c = await chain(all, { NODE_ENV: 'development' }, { loader: 'dotenv-flow' });
    assert.deepStrictEqual(places(c), ['.env.defaults:1', '.env:1', '.env.local:1', '.env.development:1', '.env.development.local:1*']);
  });

  it('without NODE_ENV only .env.defaults, .env and .env.local are read', async () => {
    assert.deepStrictEqual(places(await chain(all, {}, { loader: 'dotenv-flow' })), ['.env.defaults:1', '.env:1', '.env.local:1*']);
  });

  it('NODE_ENV=test skips .env.local', async () => {
    assert.deepStrictEqual(places(await chain({ ...all, '.env.test': line(K4) }, { NODE_ENV: 'test' }, { loader: 'dotenv-flow' })), ['.env.defaults:1', '.env:1', '.env.test:1*']);
  });

  it('variables already set win', async () => {
    assert.strictEqual(places(await chain(all, { OPENAI_API_KEY: K1, NODE_ENV: 'development' }, { loader: 'dotenv-flow' }))[0], 'environment*');
  });
});

describe('load order: docker compose env_file and environment', () => {
  // https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/#use-the-env_file-attribute:
  // "If multiple files are specified, they are evaluated in order and can override values set in previous files." and
  // "The paths to your .env file, specified in the env_file attribute, are relative to the location of your
  // compose.yaml file."
  // https://docs.docker.com/compose/how-tos/environment-variables/envvars-precedence/: "The order of precedence
  // (highest to lowest) is as follows: ... 2. Set with either the environment or env_file attribute but with the value
  // interpolated from your shell or an environment file ... 3. Set using just the environment attribute in the Compose
  // file. 4. Use of the env_file attribute in the Compose file."
  const compose = (service: string) => `services:\n  api:\n${service}`;

  it('later env_file entries override earlier ones', async () => {
    const files = { 'compose.yaml': compose('    env_file:\n      - ./base.env\n      - config/override.env\n'), 'base.env': line(K1), 'config/override.env': line(K2) };
    assert.deepStrictEqual(places(await chain(files)), ['base.env:1', 'config/override.env:1*']);
  });

  it('the environment attribute beats env_file', async () => {
    const files = { 'compose.yaml': compose(`    env_file: .env\n    environment:\n      OPENAI_API_KEY: ${K3}\n`), '.env': line(K1) };
    const c = await chain(files);
    assert.deepStrictEqual(places(c), ['.env:1', 'compose.yaml:5*']);
    assert.strictEqual(winnerValue(c), K3);
  });

  it('the shell does not reach the container unless the environment attribute passes it through', async () => {
    const files = { 'compose.yaml': compose('    env_file: [app.env]\n'), 'app.env': line(K1) };
    assert.deepStrictEqual(places(await chain(files, { OPENAI_API_KEY: K4 })), ['app.env:1*']);
  });

  it('"- OPENAI_API_KEY" takes the shell value, which beats env_file', async () => {
    // set-environment-variables: "You can choose not to set a value and pass the environment variables from your shell
    // straight through to your containers ... The value of the DEBUG variable in the container is taken from the value
    // for the same variable in the shell in which Compose is run."
    const files = { 'compose.yaml': compose('    env_file: app.env\n    environment:\n      - OPENAI_API_KEY\n'), 'app.env': line(K1) };
    assert.deepStrictEqual(places(await chain(files, { OPENAI_API_KEY: K4 })), ['environment*', 'app.env:1']);
  });

  it('"${OPENAI_API_KEY}" falls back from the shell to the project .env', async () => {
    // variable-interpolation: values come from the shell or, failing that, from the .env file in the project directory.
    const files = { 'compose.yaml': compose('    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY:-}\n'), '.env': line(K2) };
    assert.deepStrictEqual(places(await chain(files)), ['.env:1*']);
    assert.deepStrictEqual(places(await chain(files, { OPENAI_API_KEY: K4 })), ['environment*', '.env:1']);
  });

  it('picks the first service that defines the variable, or the one asked for', async () => {
    const files = {
      'docker-compose.yml': 'services:\n  web:\n    image: web\n  worker:\n    env_file:\n      - path: ./worker.env\n        required: false\n',
      'worker.env': line(K5),
    };
    const resolution = await resolveFolder(memoryFolder(files), {}, {});
    assert.strictEqual(resolution.plan.loader, 'docker-compose');
    const auto = chainFor(resolution, 'OPENAI_API_KEY');
    assert.strictEqual(auto.service, 'worker');
    assert.deepStrictEqual(places(auto), ['worker.env:1*']);
    assert.deepStrictEqual(places(chainFor(resolution, 'OPENAI_API_KEY', 'web')), []);
  });
});
