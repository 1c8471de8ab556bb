/**
 * The precision corpus: template and real-world-shaped .env files of our own (test/corpus) with the findings
 * each should get (test/corpus/expected.json). Keys are written as `{{key:<type>:<seed>}}` and generated at run
 * time, so no key-shaped literal is committed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from './cli';
import { ALL_KEY_TYPES, FakeKeyType, OtherProviderKeyType, fakeKey, fakeProviderKey } from './keys';

export const CORPUS = path.resolve(__dirname, '..', '..', '..', 'test', 'corpus');

export type Kind = 'template' | 'correct' | 'broken';

export interface Expected {
  files: Record<string, { kind: Kind; findings: string[] }>;
  notScanned: string[];
}

function keyFor(type: string, seed: number): string {
  return (ALL_KEY_TYPES as string[]).includes(type) ? fakeKey(type as FakeKeyType, seed) : fakeProviderKey(type as OtherProviderKeyType, seed);
}

/** `{{key:project:3}}` → a generated key; `{{cut:project:18:60}}` → its first 60 characters. */
export function materialize(text: string): string {
  return text
    .replace(/\{\{key:([\w-]+):(\d+)\}\}/g, (_, type: string, seed: string) => keyFor(type, Number(seed)))
    .replace(/\{\{cut:([\w-]+):(\d+):(\d+)\}\}/g, (_, type: string, seed: string, length: string) => keyFor(type, Number(seed)).slice(0, Number(length)));
}

export function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/** The corpus in a temporary folder, keys generated; `node_modules` holds one more file the walk must skip. */
export function materializeCorpus(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-corpus-'));
  for (const file of listFiles(CORPUS).filter((f) => f !== 'expected.json')) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), materialize(fs.readFileSync(path.join(CORPUS, file), 'utf8')));
  }
  fs.mkdirSync(path.join(dir, 'decoys', 'node_modules', 'some-package'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'decoys', 'node_modules', 'some-package', '.env'), 'OPENAI_API_KEY=xxx\n');
  return dir;
}

export function readExpected(): Expected {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Expected;
}

interface JsonFinding {
  rule: string;
  severity: string;
  line: number;
}

export async function lintCorpus(dir: string): Promise<Map<string, string[]>> {
  const run = await cli(['lint', '--format', 'json', '--no-git', '.'], { cwd: dir });
  const json = JSON.parse(run.stdout) as { files: Array<{ path: string; findings: JsonFinding[] }> };
  return new Map(json.files.map((f) => [f.path.split(path.sep).join('/'), f.findings.map((x) => `${x.severity} ${x.rule}@${x.line}`)]));
}

