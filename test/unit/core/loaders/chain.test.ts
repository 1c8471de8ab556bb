import * as assert from 'assert';
import { chainFor, loadedFile, resolveFolder } from '../../../../src/core/loaders/chain';
import { LOADER_IDS } from '../../../../src/core/loaders/loaderId';
import { folderMayHoldOtherSources } from '../../../../src/core/loaders/loadOrder';
import { loadOrderFindings } from '../../../../src/core/loaders/rules';
import { lintBytes } from '../../../../src/core/lintFile';
import { memoryFolder } from '../../../support/folder';
import { fakeKey } from '../../../support/keys';

const KEY = fakeKey('project', 41);
const OTHER = fakeKey('project', 42);

/** What `lint` hands the loader model: the file as the linter decoded and parsed it. */
function asLinted(path: string, text: string) {
  const result = lintBytes(Buffer.from(text), { maxBytes: Infinity });
  return { path, text: result.text, parsed: result.parsed, lines: result.lines };
}

describe('the loader model with the files the linter already parsed (lint)', () => {
  it('a preloaded file is neither read nor parsed again, and gives the same findings at the same places', async () => {
    const files = { 'package.json': JSON.stringify({ dependencies: { next: '15' } }), '.env': `# app\nOPENAI_API_KEY=${KEY}\n`, '.env.local': `OPENAI_API_KEY=${OTHER}\n` };
    const plain = await resolveFolder(memoryFolder(files), {});
    const folder = memoryFolder(files);
    const preloaded = new Map([['.env', asLinted('.env', files['.env'])]]);
    const resolution = await resolveFolder(folder, {}, undefined, preloaded);
    assert.ok(!folder.reads.includes('.env'), `read again: ${folder.reads.join(', ')}`);
    assert.ok(folder.reads.includes('.env.local'), 'the other files of the plan are still read');
    assert.strictEqual(resolution.files.get('.env'), preloaded.get('.env'), 'the very object the linter made');
    const findings = loadOrderFindings(resolution, '.env');
    assert.deepStrictEqual(findings, loadOrderFindings(plain, '.env'));
    assert.deepStrictEqual(findings.map((f) => [f.rule, f.span]), [['overridden-by-other-file', loadedFile('.env', Buffer.from(files['.env'])).parsed.entries[0].nameSpan]]);
  });

  it('python-dotenv stops its search at a preloaded .env, as at one it reads', async () => {
    const folder = memoryFolder({ '.env': `OPENAI_API_KEY=${KEY}\n`, '../.env': `OPENAI_API_KEY=${OTHER}\n` });
    const resolution = await resolveFolder(folder, {}, { loader: 'python-dotenv' }, new Map([['.env', asLinted('.env', `OPENAI_API_KEY=${KEY}\n`)]]));
    assert.deepStrictEqual([...resolution.files.keys()], ['.env']);
    assert.deepStrictEqual(folder.reads, []);
  });

  it('a file of 20,000 key variables: the rules never lint it again, and find the one the environment shadows', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `OPENAI_API_KEY_${i}=${KEY}`);
    const text = `${lines.join('\n')}\n`;
    const resolution = await resolveFolder(memoryFolder({}), { OPENAI_API_KEY_19999: OTHER }, undefined, new Map([['.env', asLinted('.env', text)]]));
    const start = process.hrtime.bigint();
    const findings = loadOrderFindings(resolution, '.env');
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    assert.deepStrictEqual(findings.map((f) => `${f.rule}@${resolution.files.get('.env')!.lines.positionAt(f.span.start).line + 1}`), ['environment-shadows-file@20000']);
    // Generous bound for a shared machine: before, this scanned the 20,000 entries once per name and linted the file (seconds).
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    // A chain entry's format problems are only computed when asked for (which shows them).
    const chain = chainFor(resolution, 'OPENAI_API_KEY_3');
    assert.deepStrictEqual(chain.entries.map((e) => [e.file, e.problems]), [['.env', []]]);
  });
});

describe('folderMayHoldOtherSources: when lint may skip resolving a folder', () => {
  it('a file alone in its folder, none of whose variables the environment defines, gets no load-order finding from any loader, in any mode', async () => {
    for (const file of ['.env', '.env.local', '.env.development', '.env.production.local', '.env.defaults', 'app.env', 'env.example']) {
      assert.strictEqual(folderMayHoldOtherSources([file, 'package.json', 'src', 'README.md'], file), false, file);
      for (const loader of LOADER_IDS) {
        for (const mode of [undefined, 'production', 'test', 'staging']) {
          const resolution = await resolveFolder(memoryFolder({ [file]: `OPENAI_API_KEY=${KEY}\nOPENAI_ADMIN_KEY=${OTHER}\nOTHER_NAME=${KEY}\n` }), { PATH: '/usr/bin', HOME: '/home/me' }, { loader, mode });
          assert.deepStrictEqual(loadOrderFindings(resolution, file), [], `${file} ${loader} ${mode}`);
        }
      }
    }
  });

  it('another .env file or a compose file next to it may', () => {
    assert.strictEqual(folderMayHoldOtherSources(['.env', '.env.local'], '.env'), true);
    assert.strictEqual(folderMayHoldOtherSources(['.env.production', '.env'], '.env.production'), true);
    for (const compose of ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']) {
      assert.strictEqual(folderMayHoldOtherSources(['app.env', compose], 'app.env'), true, compose);
    }
  });
});
