/**
 * Every diagnostic message the linter can show, generated from real-world-shaped files: the precision corpus
 * (test/corpus), the demo workspace of `npm run try` (test/e2e/fixtures/demo, with its UTF-16 copy) and one sample
 * per rule that neither of them triggers. Used to hold messages to the length limits in both languages.
 */
import * as fs from 'fs';
import * as path from 'path';
import { lintBytes } from '../../src/core/lintFile';
import type { Finding } from '../../src/core/findings';
import type { LintOptions } from '../../src/core/rules/context';
import { CORPUS, listFiles, materialize } from './corpus';
import { fakeKey } from './keys';

const DEMO = path.resolve(__dirname, '..', '..', '..', 'test', 'e2e', 'fixtures', 'demo');

export interface SampleFile {
  name: string;
  bytes: Uint8Array;
  options?: LintOptions;
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

function demoFiles(): SampleFile[] {
  // The demo's {{MOCK_KEY:…}} tokens stand for well-formed project keys; its {{KEY:…}} tokens for generated keys.
  const fill = (text: string) =>
    text
      .replace(/\{\{MOCK_KEY:([a-z_]+)\}\}/g, (_, scenario: string) => fakeKey('project', scenario.length + 40))
      .replace(/\{\{KEY:([a-z_-]+):(\d+)\}\}/g, (_, type: string, seed: string) => fakeKey(type as Parameters<typeof fakeKey>[0], Number(seed)));
  const files = listFiles(DEMO).filter((f) => !f.endsWith('.md'));
  const samples = files.map((f) => ({ name: `demo/${f}`, bytes: utf8(fill(fs.readFileSync(path.join(DEMO, f), 'utf8'))) }));
  const root = fill(fs.readFileSync(path.join(DEMO, '.env'), 'utf8')).replace(/\n/g, '\r\n');
  samples.push({ name: 'demo/windows/.env', bytes: new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(root, 'utf16le')])) });
  return samples;
}

function corpusFiles(): SampleFile[] {
  return listFiles(CORPUS)
    .filter((f) => f !== 'expected.json')
    .map((f) => ({ name: `corpus/${f}`, bytes: utf8(materialize(fs.readFileSync(path.join(CORPUS, f), 'utf8'))), options: { fileName: path.basename(f) } }));
}

/** One file per rule the corpus and demo leave out, as a user would write it. */
function ruleSamples(): SampleFile[] {
  const key = fakeKey('project', 7);
  const git = { tracked: true, ignored: false, gitignoreEntry: '.env', repositoryRoot: '/repo' };
  const samples: Array<[string, string, LintOptions?]> = [
    ['colon-separator', `OPENAI_API_KEY: ${key}\n`],
    ['space-around-separator', `OPENAI_API_KEY = ${key}\n`],
    ['trailing-whitespace', `OPENAI_API_KEY=${key}  \n`],
    ['invisible-character', `OPENAI_API_KEY=${key.slice(0, 20)}\u200b${key.slice(20)}\n`],
    ['unterminated-quote', `OPENAI_API_KEY="${key}\nOTHER=1\n`],
    ['whitespace-in-quotes', `OPENAI_API_KEY=" ${key} "\n`],
    ['whitespace-inside-value', `OPENAI_API_KEY="${key.slice(0, 30)} ${key.slice(30)}"\n`],
    ['lookalike-character', `OPENAI_API_KEY=sk\u2013${key.slice(3)}\n`],
    ['smart-quotes', `OPENAI_API_KEY=\u201c${key}\u201d\n`],
    ['empty-value', 'OPENAI_API_KEY=\n'],
    ['empty-value in SecretStorage', 'OPENAI_API_KEY=\n', { keyInSecretStorage: true }],
    ['unknown-prefix', `OPENAI_API_KEY=pk-${key.slice(8)}\n`],
    ['invalid-characters', `OPENAI_API_KEY=${key.slice(0, 30)}!.${key.slice(30)}\n`],
    ['truncated-key', `OPENAI_API_KEY=${key.slice(0, 40)}\n`],
    ['concatenated-keys', `OPENAI_API_KEY=${key}${fakeKey('project', 8)}\n`],
    ['bearer-prefix', `OPENAI_API_KEY="Bearer ${key}"\n`],
    ['wrapped-key', `OPENAI_API_KEY="${key.slice(0, 60)}\n${key.slice(60)}"\n`],
    ['escape-sequence', `OPENAI_API_KEY=${key.slice(0, 30)}\\t${key.slice(30)}\n`],
    ['variable-reference', 'OPENAI_API_KEY=${MY_KEY}\n'],
    ['variable-reference malformed', 'OPENAI_API_KEY=${MY_KEY\n'],
    ['placeholder', 'OPENAI_API_KEY=your-api-key-here\n'],
    ['placeholder masked', 'OPENAI_API_KEY=sk-proj-...sQoA\n'],
    ['admin-key', `OPENAI_API_KEY=${fakeKey('admin', 3)}\n`],
    ['ephemeral-key', `OPENAI_API_KEY=ek_${key.slice(8, 40)}\n`],
    ['duplicate-key', `OPENAI_API_KEY=${key}\nOPENAI_API_KEY=${fakeKey('project', 9)}\n`],
    ['public-prefix', `NEXT_PUBLIC_OPENAI_API_KEY=${key}\n`],
    ['env-not-ignored', `OPENAI_API_KEY=${key}\n`, { git }],
    ['key-in-example-file', `OPENAI_API_KEY=${key}\n`, { fileName: '.env.example' }],
    ['crlf-line-endings', `OPENAI_API_KEY=${key}\r\nOPENAI_ORG_ID=org_wrong\r\n`],
    ['key-name', `OPENAI_APIKEY=${key}\n`],
    ['key-name lowercase', `openai_api_key=${key}\n`],
    ['ignored-line', `export OPENAI_API_KEY ${key}\n`],
    ['invalid-organization-id', 'OPENAI_ORG_ID=org_wrong\n'],
    ['invalid-project-id', 'OPENAI_PROJECT_ID=prj_abc\n'],
    ['invalid-base-url', 'OPENAI_BASE_URL=api.openai.com/v1\n'],
    ['invalid-azure-key', 'AZURE_OPENAI_API_KEY=abc\nAZURE_OPENAI_ENDPOINT=https://x.openai.azure.com\n'],
    ['other-provider-key', `OPENAI_API_KEY=sk-ant-api03-${key.slice(8, 100)}\n`],
    ['swallowed-variable', `OPENAI_ORG_ID:\nOPENAI_API_KEY=${key}\n`],
  ];
  const files: SampleFile[] = samples.map(([name, text, options]) => ({ name: `rule/${name}`, bytes: utf8(text), options }));
  files.push({ name: 'rule/utf8-bom', bytes: new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`OPENAI_API_KEY=${key}\n`)])) });
  files.push({ name: 'rule/nul-bytes', bytes: utf8(`OPENAI_API_KEY=${key}\0\n`) });
  files.push({ name: 'rule/binary-file', bytes: new Uint8Array(64) });
  files.push({ name: 'rule/file-too-large', bytes: utf8(`OPENAI_API_KEY=${key}\n`.repeat(10)), options: { maxBytes: 100 } as LintOptions });
  return files;
}

export function sampleFiles(): SampleFile[] {
  return [...demoFiles(), ...corpusFiles(), ...ruleSamples()];
}

export interface SampledMessage {
  file: string;
  finding: Finding;
}

/** Every finding of every sample file, in the language l10n is configured with when it is called. */
export function sampleMessages(): SampledMessage[] {
  return sampleFiles().flatMap((file) =>
    lintBytes(file.bytes, { fileName: path.basename(file.name.replace(/^rule\/.*/, '.env')), ...file.options }).findings.map((finding) => ({ file: file.name, finding })),
  );
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
