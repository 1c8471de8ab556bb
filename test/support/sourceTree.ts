/**
 * A project tree with OpenAI keys hard-coded in every supported kind of file, and decoys that must not be
 * reported, built at run time (keys from fakeKey, so no key-shaped literal sits in the repository).
 *
 * Templates mark each planted key as «name»; the tree records the exact line and column (1-based, UTF-16
 * code units as VS Code counts) where each one lands.
 */
import * as fs from 'fs';
import * as path from 'path';
import { KEY_MARKER } from '../../src/core/keys/keyShape';
import { FakeKeyType, fakeKey, seededRandom } from './keys';

export interface PlantedKey {
  file: string;
  line: number;
  column: number;
  key: string;
  /** In a file git ignores: found by the folder walk, not in a git listing. */
  gitIgnored?: boolean;
}

export interface Decoy {
  file: string;
  /** What it is, for failure messages. */
  what: string;
}

export interface SourceTree {
  /** Relative path -> content (a Buffer for binary or UTF-16 files). */
  files: Map<string, string | Buffer>;
  keys: PlantedKey[];
  decoys: Decoy[];
  /** Symbolic links to create: relative path -> target (relative to the link's folder). */
  links: Map<string, string>;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomText(length: number, seed: number, alphabet = ALPHABET): string {
  const random = seededRandom(seed);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[Math.floor(random() * alphabet.length)];
  }
  return out;
}

/** Substitutes «name» markers and records where each value lands. */
export function place(template: string, values: Record<string, string>): { text: string; at: Array<{ name: string; line: number; column: number }> } {
  let text = '';
  const at: Array<{ name: string; line: number; column: number }> = [];
  let line = 1;
  let column = 1;
  const pattern = /«(\w+)»/g;
  let copied = 0;
  const advance = (piece: string) => {
    for (let i = 0; i < piece.length; i++) {
      const c = piece[i];
      if (c === '\n' || (c === '\r' && piece[i + 1] !== '\n')) {
        line++;
        column = 1;
      } else if (c !== '\r') {
        column++;
      }
    }
    text += piece;
  };
  for (const match of template.matchAll(pattern)) {
    advance(template.slice(copied, match.index));
    const value = values[match[1]];
    if (value === undefined) {
      throw new Error(`no value for «${match[1]}»`);
    }
    at.push({ name: match[1], line, column });
    advance(value);
    copied = match.index + match[0].length;
  }
  advance(template.slice(copied));
  return { text, at };
}

export function buildSourceTree(): SourceTree {
  const files = new Map<string, string | Buffer>();
  const keys: PlantedKey[] = [];
  const decoys: Decoy[] = [];
  const links = new Map<string, string>();
  let seed = 100;
  const key = (type: FakeKeyType = 'project') => fakeKey(type, seed++);

  const planted = (file: string, template: string, values: Record<string, string> = {}, options: { gitIgnored?: boolean; crlf?: boolean } = {}) => {
    const source = options.crlf ? template.replace(/\n/g, '\r\n') : template;
    const { text, at } = place(source, values);
    files.set(file, text);
    for (const { name, line, column } of at) {
      if (name.startsWith('K')) {
        keys.push({ file, line, column, key: values[name], gitIgnored: options.gitIgnored });
      } else {
        decoys.push({ file, what: `${name} at ${line}:${column}` });
      }
    }
    return text;
  };
  const decoyFile = (file: string, what: string, content: string | Buffer) => {
    files.set(file, content);
    decoys.push({ file, what });
  };

  // ---- Keys, one kind of file after another ------------------------------------------------------------
  planted('src/client.ts', `import OpenAI from 'openai';

// The client every route uses.
export const openai = new OpenAI({ apiKey: "«K1»" });
export const fromEnv = new OpenAI({ apiKey: process.env.«D_ref» });
`, { K1: key(), D_ref: 'OPENAI_API_KEY' });

  planted('web/components/Chat.tsx', `export function Chat() {
  return <RealtimeChat model="gpt-realtime" apiKey="«K2»" />;
}
`, { K2: key() });

  planted('scripts/seed.mjs', 'const headers = { Authorization: `Bearer «K3»` };\nconsole.log(headers);\n', { K3: key('service_account') });

  planted('legacy/bot.js', `const config = {\n  openai: { key: '«K4»' },\n};\nmodule.exports = config;\n`, { K4: key('legacy') });

  planted('src/old.ts', `// Old key, revoked? «K5»\nexport {};\n`, { K5: key() });

  planted('app/main.py', `"""Chat service."""
import openai

client = openai.OpenAI(api_key="«K6»")
other = openai.OpenAI(api_key=os.environ["OPENAI_API_KEY"])
`, { K6: key() });

  planted('admin/usage.py', `import requests\n\nADMIN_KEY = '«K7»'\nrequests.get("https://api.openai.com/v1/organization/usage", headers={"Authorization": f"Bearer {ADMIN_KEY}"})\n`, { K7: key('admin') });

  planted('win/app.py', `import openai\nclient = openai.OpenAI(api_key="«K8»")\n`, { K8: key() }, { crlf: true });

  const cellKey = key();
  const outputKey = key('none');
  const notebook = JSON.stringify(
    {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Explore\n', 'Keys look like `sk-proj-...abcd` in logs.\n'] },
        {
          cell_type: 'code',
          execution_count: 1,
          metadata: {},
          outputs: [{ name: 'stdout', output_type: 'stream', text: [`using ${outputKey}\n`] }],
          source: ['import openai\n', `client = openai.OpenAI(api_key="${cellKey}")\n`, 'print("using", client.api_key)'],
        },
      ],
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
  files.set('notebooks/explore.ipynb', notebook);
  for (const k of [cellKey, outputKey]) {
    const offset = notebook.indexOf(k);
    const before = notebook.slice(0, offset).split('\n');
    keys.push({ file: 'notebooks/explore.ipynb', line: before.length, column: before[before.length - 1].length + 1, key: k });
  }
  decoys.push({ file: 'notebooks/explore.ipynb', what: 'masked key in a Markdown cell' });

  planted('config/settings.json', `{\n  "openai": {\n    "apiKey": "«K9»",\n    "model": "gpt-4o"\n  }\n}\n`, { K9: key() });

  planted('docker-compose.yml', `services:
  api:
    image: example/api
    environment:
      - OPENAI_API_KEY=«K10»
      - OPENAI_BASE_URL=\${OPENAI_BASE_URL}
  worker:
    environment:
      OPENAI_API_KEY: \${«D_compose»}
`, { K10: key(), D_compose: 'OPENAI_API_KEY' });

  planted('.github/workflows/ci.yml', `name: ci
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      OPENAI_API_KEY: «K11»
      OTHER_KEY: \${{ secrets.«D_secret» }}
    steps:
      - run: npm test
`, { K11: key(), D_secret: 'OPENAI_API_KEY' });

  planted('deploy/values.yaml', `openai:\n  apiKey: "«K12»"\n  model: gpt-realtime\n`, { K12: key('service_account') });

  planted('config/app.toml', `[openai]\napi_key = "«K13»"\ntimeout = 30\n`, { K13: key() });

  planted('scripts/deploy.sh', `#!/usr/bin/env bash
set -euo pipefail
export OPENAI_API_KEY=«K14»
curl -s https://api.openai.com/v1/models -H "Authorization: Bearer \${«D_shell»}"
cat > .netrc.tmp <<EOF
token «K15»
EOF
`, { K14: key(), K15: key('none'), D_shell: 'OPENAI_API_KEY' });

  planted('tools/refresh', `#!/bin/sh\nOPENAI_API_KEY='«K16»' exec node refresh.js\n`, { K16: key('legacy') });

  planted('.envrc', `export OPENAI_API_KEY="«K17»"\n`, { K17: key() });

  planted('Dockerfile', `FROM node:20-slim\nWORKDIR /app\nENV OPENAI_API_KEY=«K18»\nCOPY . .\nCMD ["node", "server.js"]\n`, { K18: key() });

  planted('config/app.ini', `[openai]\nkey = «K19»\n`, { K19: key() });

  planted('docs/setup.md', `# Setup\n\nI tested with \`«K20»\` and it worked.\n\nLogs show keys as «D_masked».\n`, { K20: key(), D_masked: 'sk-proj-...sQoA' });

  planted('secrets.local.json', `{ "key": "«K21»" }\n`, { K21: key() }, { gitIgnored: true });

  const utf16 = place('$env:OPENAI_API_KEY = "«K22»"\r\n', { K22: key() });
  files.set('windows/setup.ps1', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16.text, 'utf16le')]));
  keys.push({ file: 'windows/setup.ps1', line: utf16.at[0].line, column: utf16.at[0].column, key: (utf16.text.match(/sk-[\w-]+/) ?? [''])[0] });

  // ---- Decoys -----------------------------------------------------------------------------------------
  const realLooking = key();
  decoyFile('.env', '.env files are the .env linter\'s', `OPENAI_API_KEY=${realLooking}\n`);
  decoyFile('apps/web/.env.example', '.env.example files are the .env linter\'s', `OPENAI_API_KEY=${key()}\n`);
  decoyFile('node_modules/openai/README.md', 'a dependency', `new OpenAI({ apiKey: '${key()}' })\n`);
  decoyFile('dist/bundle.js', 'build output', `var k="${key()}";\n`);
  decoyFile('assets/logo.png', 'binary by extension', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(key())]));
  decoyFile('data/dump.raw', 'binary by NUL bytes', Buffer.concat([Buffer.from('HEADER\0\0\0'), Buffer.from(key())]));
  decoyFile('fixtures/huge.txt', 'above the size limit', `${'x'.repeat(3 * 1024 * 1024)}\n${key()}\n`);
  links.set('linked-secret.ts', '../outside-secret.ts');
  decoys.push({ file: 'linked-secret.ts', what: 'a symbolic link out of the folder' });

  const masked = [
    ['sk-proj-...sQoA', 'masked copy with three dots'],
    ['sk-proj-…a1B2', 'masked copy with an ellipsis'],
    ['sk-…a1B2', 'short masked copy'],
    ['sk-proj-****************a1B2', 'masked copy with stars'],
    [`sk-proj-${'X'.repeat(44)}`, 'masked with X'],
  ];
  const placeholders = [
    // Built from parts, like every key-shaped string here, so the literal check of the repository stays quiet.
    [['sk', 'your-api-key-here'].join('-'), 'placeholder words'],
    [['sk-proj', 'your-openai-api-key-goes-here'].join('-'), 'placeholder words after a typed prefix'],
    ['sk-...', 'bare prefix with dots'],
    ['sk-proj-', 'bare typed prefix'],
    [`sk-proj-abc123${KEY_MARKER}def456`, 'fragment with the marker'],
  ];
  const fakes = [
    [`sk-proj-${'a'.repeat(74)}${KEY_MARKER}${'a'.repeat(74)}`, 'one repeated character'],
    [`sk-proj-${'Ab3x'.repeat(18)}${KEY_MARKER}${'Ab3x'.repeat(18)}`, 'a repeated unit (low entropy)'],
    [`sk-proj-${'aZ9qW2eR7tY4uI1oP6'.repeat(4)}${KEY_MARKER}${'aZ9qW2eR7tY4uI1oP6'.repeat(4)}`, 'a repeated 18-character unit'],
    [`sk-test-${randomText(40, 1)}${KEY_MARKER}${randomText(40, 2)}`, 'test word after sk-'],
    [`sk-proj-FAKE_${randomText(70, 3)}${KEY_MARKER}${randomText(70, 4)}`, 'FAKE segment'],
    [`sk-proj-${randomText(30, 5)}-dummy${randomText(40, 6)}${KEY_MARKER}${randomText(70, 7)}`, 'dummy segment'],
    [`sk-proj-${randomText(30, 8)}exampleKey${randomText(30, 9)}${KEY_MARKER}${randomText(70, 10)}`, 'example inside the body'],
    [`sk-proj-abcdefgh${randomText(60, 11)}${KEY_MARKER}${randomText(70, 12)}`, 'an alphabetical run'],
    [`sk-svcacct-${randomText(30, 13)}1234567${randomText(40, 14)}${KEY_MARKER}${randomText(70, 15)}`, 'a numerical run'],
  ];
  const otherProviders = [
    [`sk-ant-api03-${randomText(93, 16)}-${randomText(6, 17)}AA`, 'an Anthropic key'],
    [`sk-or-v1-${randomText(64, 18, '0123456789abcdef')}`, 'an OpenRouter key'],
    [`sk-${randomText(32, 19, '0123456789abcdef')}`, 'a DeepSeek-style key'],
    [`sk_live_${randomText(99, 20)}`, 'a Stripe secret key'],
    [`${randomText(20, 21)}${KEY_MARKER}${randomText(20, 22)}`, 'marker without the sk- prefix'],
  ];
  const words = [
    ['task-management', 'a word ending in sk-'],
    ['risk-assessment-2024', 'another word ending in sk-'],
    ['sk-learn', 'scikit-learn'],
    ['.ask-button', 'a CSS class'],
  ];
  const references = [
    ['process.env.OPENAI_API_KEY', 'JavaScript reference'],
    ['os.environ["OPENAI_API_KEY"]', 'Python reference'],
    ['${{ secrets.OPENAI_API_KEY }}', 'workflow secret'],
    ['${OPENAI_API_KEY}', 'compose interpolation'],
    ['os.getenv("OPENAI_API_KEY")', 'Python getenv'],
  ];
  const lines = [...masked, ...placeholders, ...fakes, ...otherProviders, ...words, ...references];
  files.set('test/fixtures/decoys.ts', lines.map(([value, what], i) => `export const decoy${i} = ${JSON.stringify(value)}; // ${what}\n`).join(''));
  for (const [, what] of lines) {
    decoys.push({ file: 'test/fixtures/decoys.ts', what });
  }
  planted('src/suppressed.ts', `// openai-key-doctor-disable-next-line hardcoded-key\nexport const known = "«D_suppressed»";\n`, { D_suppressed: key() });
  planted('logs/run.log', `2024-05-01 Incorrect API key provided: «D_log». You can find your API key at https://platform.openai.com/account/api-keys.\n`, { D_log: 'sk-proj-...sQoA' });

  files.set('.gitignore', 'node_modules/\ndist/\n*.local.json\n');
  return { files, keys, decoys, links };
}

/** Writes the tree under `root` (which must exist); the symbolic links point out of it, to `outsideSecret`. */
export function writeSourceTree(root: string, tree: SourceTree, outsideSecret: string): void {
  for (const [relative, content] of tree.files) {
    const file = path.join(root, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  fs.writeFileSync(path.join(root, '..', 'outside-secret.ts'), outsideSecret);
  for (const [relative, target] of tree.links) {
    fs.symlinkSync(target, path.join(root, ...relative.split('/')));
  }
}
