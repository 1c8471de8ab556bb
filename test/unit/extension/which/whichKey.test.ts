import * as assert from 'assert';
import { maskKey } from '../../../../src/core/keys/mask';
import type { KeyCandidate } from '../../../../src/extension/keyTest/keyCandidates';
import { makeServices } from '../../../support/extensionServices';
import { fakeKey } from '../../../support/keys';
import { memoryWorkspace } from '../../../support/memoryWorkspace';
import { failingBackground as background, fileUri, stubState } from '../../../support/vscodeStub';

/* eslint-disable @typescript-eslint/no-require-imports */
const vscode = require('vscode') as { window: Record<string, unknown>; commands: Record<string, unknown> };
const { AppFolders } = require('../../../../src/extension/which/appFolders') as typeof import('../../../../src/extension/which/appFolders');
const { ChainHoverProvider } = require('../../../../src/extension/which/chainHover') as typeof import('../../../../src/extension/which/chainHover');
const { whichKeyCommand } = require('../../../../src/extension/which/whichKeyCommand') as typeof import('../../../../src/extension/which/whichKeyCommand');
/* eslint-enable @typescript-eslint/no-require-imports */

const KEY = fakeKey('project', 41);
const LOCAL = fakeKey('project', 42);
const STALE = fakeKey('project', 43);

const ENV_TEXT = `# shared defaults\nOPENAI_API_KEY=${KEY}\n`;
const FILES = {
  '/work/web/package.json': JSON.stringify({ dependencies: { next: '15.0.0' } }),
  '/work/web/.env': ENV_TEXT,
  '/work/web/.env.local': `OPENAI_API_KEY=${LOCAL}\n`,
};

/** An open .env document as the features read one. */
function envDocument(path: string, text: string) {
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
  return {
    uri: fileUri(path),
    languageId: 'dotenv',
    version: 1,
    isClosed: false,
    getText: () => text,
    offsetAt: (p: { line: number; character: number }) => lineStarts[p.line] + p.character,
    positionAt: (offset: number) => {
      const line = lineStarts.filter((s) => s <= offset).length - 1;
      return { line, character: offset - lineStarts[line] };
    },
  };
}

function assertNoKey(text: string) {
  for (const key of [KEY, LOCAL, STALE]) {
    assert.ok(!text.includes(key.slice(-10)), text);
  }
}

describe('"Which OPENAI_API_KEY does my app get?" and the chain hover', () => {
  let services: ReturnType<typeof makeServices>;
  const apps = (env: Record<string, string> = {}) => new AppFolders({ files: memoryWorkspace(['/work/web'], FILES), environmentOf: async () => env });
  const tested: KeyCandidate[] = [];
  const tester = { test: async (candidate: KeyCandidate) => void tested.push(candidate) } as never;

  beforeEach(() => {
    services = makeServices();
    tested.length = 0;
    stubState.shown = [];
  });
  afterEach(() => {
    services.dispose();
    stubState.activeTextEditor = undefined;
    stubState.workspaceFolders = [];
  });

  it('hover on a key line: one line per place in reading order, masked, the winner marked, this line said', async () => {
    const hover = new ChainHoverProvider({ apps: apps({ OPENAI_API_KEY: STALE }), models: services.models, results: services.results });
    const result = await hover.provideHover(envDocument('/work/web/.env', ENV_TEXT) as never, { line: 1, character: 3 } as never);
    const markdown = (result!.contents as unknown as { value: string }).value;
    const lines = markdown.split('\n');
    assert.match(lines[0], /^\*\*Which OPENAI_API_KEY the app gets\*\*: Next\.js \(package\.json depends on next\), mode development/);
    assert.strictEqual(lines[1], 'Read in this order: environment, .env.development.local, .env.local, .env.development, .env  ');
    assert.deepStrictEqual(lines.slice(3), [
      `$(arrow-right) environment: \`${maskKey(STALE)}\` **used** · format ok · not tested  `,
      `$(blank) .env.local, line 1: \`${maskKey(LOCAL)}\` not used · format ok · not tested  `,
      `$(blank) .env, line 2 (this line): \`${maskKey(KEY)}\` not used · format ok · not tested  `,
    ]);
    assertNoKey(markdown);
  });

  it('no hover off key lines, and a note on a file the loader does not read', async () => {
    const hover = new ChainHoverProvider({ apps: apps(), models: services.models, results: services.results });
    assert.strictEqual(await hover.provideHover(envDocument('/work/web/.env', ENV_TEXT) as never, { line: 0, character: 2 } as never), undefined);
    const production = `OPENAI_API_KEY=${STALE}\n`;
    const result = await hover.provideHover(envDocument('/work/web/.env.production', production) as never, { line: 0, character: 0 } as never);
    const markdown = (result!.contents as unknown as { value: string }).value;
    assert.match(markdown, /\$\(info\) Next\.js does not read this file\./);
    assert.match(markdown, /\$\(arrow-right\) \.env\.local, line 1/);
  });

  it('the command lists the chain of the folder in reading order, and picking the environment tests it, labelled environment', async () => {
    const folderApps = apps({ OPENAI_API_KEY: ` ${STALE}\r` });
    await whichKeyCommand({ apps: folderApps, models: services.models, results: services.results, tester, background });
    const picks = stubState.shown.filter((s) => s.kind === 'quick-pick').map((s) => s.text);
    assert.deepStrictEqual(picks, ['$(arrow-right) environment', '$(blank) .env.local, line 1', '$(blank) .env, line 2']);
    assert.strictEqual(tested.length, 1, 'the stub picks the first item: the environment, which is tested');
    assert.deepStrictEqual([tested[0].key, tested[0].source, tested[0].origin], [` ${STALE}\r`, 'environment (OPENAI_API_KEY)', 'environment']);
  });

  it('picking a file opens it at the line; descriptions are masked with the format state and the last test', async () => {
    const opened: unknown[][] = [];
    const saved = { pick: vscode.window.showQuickPick, run: vscode.commands.executeCommand };
    let items: Array<{ label: string; description: string; detail: string }> = [];
    vscode.window.showQuickPick = async (given: typeof items) => ((items = given), given[1]);
    vscode.commands.executeCommand = async (...args: unknown[]) => void opened.push(args);
    try {
      await whichKeyCommand({ apps: apps({ OPENAI_API_KEY: `"${STALE}"` }), models: services.models, results: services.results, tester, background });
    } finally {
      vscode.window.showQuickPick = saved.pick;
      vscode.commands.executeCommand = saved.run;
    }
    assert.deepStrictEqual(items[0].description, `"${maskKey(STALE)}" · used`);
    assert.match(items[0].detail, /^format: invalid-characters · not tested$/);
    assert.deepStrictEqual(items[1].description, `${maskKey(LOCAL)} · not used`);
    assert.strictEqual(tested.length, 0);
    const [[command, uri, options]] = opened as [[string, { path: string }, { selection: { start: { line: number } } }]];
    assert.deepStrictEqual([command, uri.path, options.selection.start.line], ['vscode.open', '/work/web/.env.local', 0]);
    assertNoKey(JSON.stringify(items.map(({ label, description, detail }) => [label, description, detail])));
  });

  it('a folder where nothing defines the variable says so', async () => {
    const empty = new AppFolders({ files: memoryWorkspace(['/work/web'], { '/work/web/.env': 'PORT=3000\n' }), environmentOf: async () => ({}) });
    await whichKeyCommand({ apps: empty, models: services.models, results: services.results, tester, background });
    assert.deepStrictEqual(stubState.shown.map((s) => s.text), ['No place defines OPENAI_API_KEY for web (dotenv (assumed: nothing in the folder names a loader)): the app gets undefined.']);
  });
});
