import * as assert from 'assert';
import { readComposeServices } from '../../../../src/core/loaders/compose';
import { FolderFacts, detectLoader, gatherFolderFacts } from '../../../../src/core/loaders/detect';
import { defaultMode, parseLoaderName } from '../../../../src/core/loaders/loaderId';
import { parseYamlSubset } from '../../../../src/core/loaders/yamlSubset';
import { memoryFolder } from '../../../support/folder';

function facts(texts: Record<string, string>, names: string[] = []): FolderFacts {
  return { names: [...names, ...Object.keys(texts)], texts };
}

const pkg = (deps: Record<string, string>, dev: Record<string, string> = {}) => JSON.stringify({ name: 'app', dependencies: deps, devDependencies: dev });

describe('loader detection', () => {
  it('a Next.js app: package.json depends on next (and on dotenv, which Next.js does not use for .env files)', () => {
    const detection = detectLoader(facts({ 'package.json': pkg({ next: '15.0.0', react: '19', dotenv: '16' }) }));
    assert.strictEqual(detection.loader, 'nextjs');
    assert.deepStrictEqual(detection.evidence, [{ loader: 'nextjs', file: 'package.json', detail: 'next' }]);
    assert.deepStrictEqual(detection.candidates, ['nextjs', 'dotenv']);
  });

  it('config files count without a dependency: next.config.mjs, vite.config.ts', () => {
    assert.strictEqual(detectLoader(facts({}, ['next.config.mjs', 'src'])).loader, 'nextjs');
    assert.strictEqual(detectLoader(facts({}, ['vite.config.ts'])).loader, 'vite');
    assert.strictEqual(detectLoader(facts({}, ['next.config.mjs.bak'])).loader, 'dotenv');
  });

  it('Vite, SvelteKit and Astro (which load .env through Vite), Create React App, dotenv-flow, dotenv', () => {
    assert.strictEqual(detectLoader(facts({ 'package.json': pkg({}, { vite: '5' }) })).loader, 'vite');
    assert.strictEqual(detectLoader(facts({ 'package.json': pkg({}, { '@sveltejs/kit': '2' }) })).loader, 'vite');
    assert.strictEqual(detectLoader(facts({ 'package.json': pkg({ 'react-scripts': '5.0.1' }) })).loader, 'create-react-app');
    assert.strictEqual(detectLoader(facts({ 'package.json': pkg({ 'dotenv-flow': '4' }) })).loader, 'dotenv-flow');
    assert.strictEqual(detectLoader(facts({ 'package.json': pkg({ dotenv: '16', express: '4' }) })).loader, 'dotenv');
  });

  it('python-dotenv in requirements.txt or pyproject.toml, not in a comment', () => {
    assert.strictEqual(detectLoader(facts({ 'requirements.txt': 'openai==1.40.0\npython-dotenv>=1.0\n' })).loader, 'python-dotenv');
    assert.strictEqual(detectLoader(facts({ 'pyproject.toml': '[project]\ndependencies = [\n  "openai>=1",\n  "python-dotenv",\n]\n' })).loader, 'python-dotenv');
    assert.strictEqual(detectLoader(facts({ 'requirements.txt': '# python-dotenv is optional\nopenai\n' })).loader, 'dotenv');
  });

  it('docker compose when a service has env_file or environment', () => {
    const compose = 'services:\n  api:\n    build: .\n    env_file:\n      - .env\n';
    const detection = detectLoader(facts({ 'compose.yaml': compose }));
    assert.strictEqual(detection.loader, 'docker-compose');
    assert.deepStrictEqual(detection.compose?.services.map((s) => s.name), ['api']);
    assert.strictEqual(detectLoader(facts({ 'compose.yaml': 'services:\n  db:\n    image: postgres\n' })).loader, 'dotenv');
  });

  it('nothing found: dotenv semantics are assumed, without evidence', () => {
    const detection = detectLoader(facts({ 'package.json': '{ not json' }));
    assert.deepStrictEqual({ loader: detection.loader, evidence: detection.evidence, chosen: detection.chosen }, { loader: 'dotenv', evidence: [], chosen: false });
  });

  it('an explicit choice (setting or --loader) wins over what is found', () => {
    const detection = detectLoader(facts({ 'package.json': pkg({ next: '15' }) }), 'dotenv');
    assert.strictEqual(detection.loader, 'dotenv');
    assert.strictEqual(detection.chosen, true);
    assert.deepStrictEqual(detection.candidates, ['nextjs']);
  });

  it('gathers only the fact files that exist, through the reader', async () => {
    const folder = memoryFolder({ 'package.json': pkg({ vite: '5' }), '.env': 'A=1\n', 'README.md': '# app' });
    const gathered = await gatherFolderFacts(folder);
    assert.deepStrictEqual(Object.keys(gathered.texts), ['package.json']);
    assert.deepStrictEqual(folder.reads, ['package.json']);
  });

  it('parses loader names and aliases for the setting and --loader', () => {
    assert.strictEqual(parseLoaderName('Next'), 'nextjs');
    assert.strictEqual(parseLoaderName('cra'), 'create-react-app');
    assert.strictEqual(parseLoaderName('compose'), 'docker-compose');
    assert.strictEqual(parseLoaderName(''), 'auto');
    assert.strictEqual(parseLoaderName('webpack'), undefined);
  });

  it('documents the default mode: development for dev servers, NODE_ENV for dotenv-flow', () => {
    assert.strictEqual(defaultMode('vite', { NODE_ENV: 'production' }), 'development');
    assert.strictEqual(defaultMode('nextjs', {}), 'development');
    assert.strictEqual(defaultMode('nextjs', { NODE_ENV: 'test' }), 'test');
    assert.strictEqual(defaultMode('create-react-app', {}), 'development');
    assert.strictEqual(defaultMode('dotenv-flow', { NODE_ENV: 'staging' }), 'staging');
    assert.strictEqual(defaultMode('dotenv-flow', {}), undefined);
    assert.strictEqual(defaultMode('dotenv', { NODE_ENV: 'production' }), undefined);
  });
});

describe('compose files (the YAML subset)', () => {
  it('reads env_file as a string, a list, a flow list and the long syntax with required', () => {
    const services = readComposeServices(
      [
        'name: demo',
        'services:',
        '  a:',
        '    env_file: a.env   # comment',
        '  b:',
        '    env_file:',
        '      - ./b.env',
        '      - "quoted file.env"',
        '  c:',
        '    env_file: [ one.env, "two.env" ]',
        '  d:',
        '    env_file:',
        '      - path: ./default.env',
        '        required: true',
        '      - path: ./override.env',
        '        required: false',
      ].join('\n'),
    );
    assert.deepStrictEqual(
      services.map((s) => [s.name, s.envFiles.map((f) => `${f.path}${f.required ? '' : '?'}`)]),
      [
        ['a', ['a.env']],
        ['b', ['./b.env', 'quoted file.env']],
        ['c', ['one.env', 'two.env']],
        ['d', ['./default.env', './override.env?']],
      ],
    );
  });

  it('reads environment in list and mapping syntax, with lines, pass-through and interpolation', () => {
    const [service] = readComposeServices(
      [
        'services:',
        '  api:',
        '    image: "node:20"',
        '    environment:',
        '      - NODE_ENV=production',
        '      - OPENAI_API_KEY',
        '      - QUOTED="kept as is"',
        '      - REF=${OPENAI_API_KEY}',
        '  other:',
        '    environment:',
        "      OPENAI_ORG_ID: 'org-123'",
        '      EMPTY:',
        '      DEFAULTED: ${KEY:-fallback}',
      ].join('\n'),
    );
    assert.deepStrictEqual(service.environment, [
      { name: 'NODE_ENV', value: 'production', line: 5 },
      { name: 'OPENAI_API_KEY', value: null, from: 'OPENAI_API_KEY', line: 6 },
      { name: 'QUOTED', value: '"kept as is"', line: 7 },
      { name: 'REF', value: null, from: 'OPENAI_API_KEY', line: 8 },
    ]);
    const other = readComposeServices(['services:', '  other:', '    environment:', "      OPENAI_ORG_ID: 'org-123'", '      EMPTY:', '      DEFAULTED: ${KEY:-fallback}'].join('\n'))[0];
    assert.deepStrictEqual(other.environment, [
      { name: 'OPENAI_ORG_ID', value: 'org-123', line: 4 },
      { name: 'EMPTY', value: null, from: 'EMPTY', line: 5 },
      { name: 'DEFAULTED', value: null, from: 'KEY', line: 6 },
    ]);
  });

  it('survives what it does not model: anchors, aliases, block scalars, CRLF, a second document, garbage', () => {
    const text = [
      'x-common: &common',
      '  env_file: common.env',
      'services:',
      '  api:',
      '    <<: *common',
      '    command: |',
      '      node server.js',
      '      --port 3000',
      '    env_file:',
      '    - api.env',
      '  broken: [unclosed',
      '---',
      'services:',
      '  ignored: {}',
    ].join('\r\n');
    const services = readComposeServices(text);
    assert.deepStrictEqual(services.map((s) => s.name), ['api', 'broken']);
    assert.deepStrictEqual(services[0].envFiles.map((f) => f.path), ['api.env']);
    assert.deepStrictEqual(readComposeServices(': : :\n- - [\n{'), []);
    assert.deepStrictEqual(readComposeServices(''), []);
    // Tabs are not YAML indentation (compose refuses the file): no crash, no invented entries.
    assert.deepStrictEqual(readComposeServices('services:\n  api:\n    env_file:\n\t- api.env\n').map((s) => s.envFiles.length), [0]);
  });

  it('keeps "#" inside quotes and URLs with colons', () => {
    const node = parseYamlSubset('a: "x # not a comment"\nb: http://example.com:8080/x # comment\nc: {k: v, n: [1, 2]}\n');
    assert.deepStrictEqual(node, {
      kind: 'map',
      line: 1,
      entries: [
        { key: 'a', line: 1, value: { kind: 'scalar', value: 'x # not a comment', line: 1 } },
        { key: 'b', line: 2, value: { kind: 'scalar', value: 'http://example.com:8080/x', line: 2 } },
        {
          key: 'c',
          line: 3,
          value: {
            kind: 'map',
            line: 3,
            entries: [
              { key: 'k', line: 3, value: { kind: 'scalar', value: 'v', line: 3 } },
              { key: 'n', line: 3, value: { kind: 'seq', line: 3, items: [{ kind: 'scalar', value: '1', line: 3 }, { kind: 'scalar', value: '2', line: 3 }] } },
            ],
          },
        },
      ],
    });
  });

  it('reads a hostile file in one pass (a quadratic parser would hit the test timeout)', () => {
    const many = 'services:\n' + Array.from({ length: 5000 }, (_, i) => `  s${i}:\n    env_file: [${'a, '.repeat(5)}b]\n    environment:\n      - K${i}=v`).join('\n');
    assert.strictEqual(readComposeServices(many).length, 5000);
    const spaces = `services:\n  a${' '.repeat(1_000_000)}b\n  c:\n    env_file: [x.env,\n${'      y.env,\n'.repeat(50_000)}`;
    assert.deepStrictEqual(readComposeServices(spaces).map((s) => s.name), ['c']);
    assert.strictEqual(readComposeServices(spaces)[0].envFiles.length, 50_001);
  });
});
