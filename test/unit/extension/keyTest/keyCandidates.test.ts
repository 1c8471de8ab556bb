import * as assert from 'assert';
import { fakeKey } from '../../../support/keys';
import { fileUri, openDocument, resetWorkspace, stubDocument, stubEditor } from '../../../support/vscodeDocument';
import { failingBackground, installVscodeStub, stubState } from '../../../support/vscodeStub';

installVscodeStub();
/* eslint-disable @typescript-eslint/no-require-imports */
const candidates = require('../../../../src/extension/keyTest/keyCandidates') as typeof import('../../../../src/extension/keyTest/keyCandidates');
const { DocumentLinter } = require('../../../../src/extension/document/documentLinter') as typeof import('../../../../src/extension/document/documentLinter');
const { FileFactsCache } = require('../../../../src/extension/document/fileFacts') as typeof import('../../../../src/extension/document/fileFacts');
const { DocumentModels } = require('../../../../src/extension/document/model') as typeof import('../../../../src/extension/document/model');
/* eslint-enable @typescript-eslint/no-require-imports */
const { keyCandidateAt, keyUnderCursor, pickKey, refusedAsNotOpenAi, workspaceKeyCandidates } = candidates;

const PROJECT_KEY = fakeKey('project', 61);
const OTHER_KEY = fakeKey('service_account', 62);
const ADMIN_KEY = fakeKey('admin', 63);
const ENV = fileUri('/work/app/.env');

function makeModels() {
  const facts = new FileFactsCache(async () => undefined, () => true);
  return new DocumentModels(new DocumentLinter({ facts, hasStoredKey: () => false }), facts);
}

/** No fragment of the key a message could leak: its secret part, start or end. */
function leaks(text: string, key: string): boolean {
  return [key, key.slice(8, 20), key.slice(-8), key.slice(20, 40)].some((part) => text.includes(part));
}

describe('key candidates (keyTest/keyCandidates.ts)', () => {
  const savedEnvironment = { ...process.env };
  afterEach(() => {
    resetWorkspace();
    for (const name of Object.keys(process.env).filter((n) => n.includes('OPENAI'))) {
      delete process.env[name];
    }
    Object.assign(process.env, savedEnvironment);
  });

  describe('in an open .env', () => {
    const text = [
      '# the team project',
      `OPENAI_ORGANIZATION=org-team`,
      `OPENAI_API_KEY=${PROJECT_KEY}`,
      `OPENAI_PROJECT_ID=proj_abc`,
      `OPENAI_ADMIN_KEY=${ADMIN_KEY}`,
      `OPENAI_KEY="${OTHER_KEY}`,
      '"',
      'DEBUG=1',
      '',
    ].join('\n');

    it('the key on a line, with where it is and the organization and project of its file, under any of their names', () => {
      const models = makeModels();
      const candidate = keyCandidateAt(models, stubDocument(ENV, text) as never, 2)!;
      assert.deepStrictEqual(
        { ...candidate, provider: undefined },
        { key: PROJECT_KEY, source: '/work/app/.env, line 3', uri: ENV, line: 2, organization: 'org-team', project: 'proj_abc', variable: 'OPENAI_API_KEY', provider: undefined, appBaseUrl: undefined },
      );
    });

    it('no candidate on a comment, a companion, another variable, or an admin key (it cannot call models)', () => {
      const models = makeModels();
      const document = stubDocument(ENV, text);
      assert.deepStrictEqual([0, 1, 3, 4, 7].map((line) => keyCandidateAt(models, document as never, line)), [undefined, undefined, undefined, undefined, undefined]);
    });

    it('the cursor anywhere in a value that spans lines finds its key; the key is the value dotenv reads', () => {
      const models = makeModels();
      const document = stubDocument(ENV, text);
      const candidate = keyUnderCursor(models, stubEditor(document, 6, 0) as never)!;
      assert.deepStrictEqual([candidate.variable, candidate.line, candidate.key], ['OPENAI_KEY', 5, `${OTHER_KEY}\n`]);
    });

    it('not a .env document: no candidate', () => {
      const models = makeModels();
      const markdown = stubDocument(fileUri('/work/app/notes.md'), text, 1, 'markdown');
      assert.strictEqual(keyCandidateAt(models, markdown as never, 2), undefined);
      assert.strictEqual(keyUnderCursor(models, undefined), undefined);
    });
  });

  describe('in the workspace', () => {
    const onDisk = (uri: ReturnType<typeof fileUri>, bytes: Uint8Array) => stubState.files.set(uri.toString(), { uri, bytes });

    it('every key of every .env as dotenv reads it: unsaved text of open documents, closed files decoded (UTF-16 too), never .envrc', async () => {
      const models = makeModels();
      onDisk(ENV, Buffer.from(`OPENAI_API_KEY=${OTHER_KEY}\n`));
      openDocument(stubDocument(ENV, `\nOPENAI_API_KEY=${PROJECT_KEY}\n`));
      const utf16 = fileUri('/work/api/.env.local');
      onDisk(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`DEBUG=1\r\nOPENAI_TOKEN=${OTHER_KEY}\r\nOPENAI_PROJECT=proj_api\r\n`, 'utf16le')]));
      onDisk(fileUri('/work/api/.envrc'), Buffer.from(`export OPENAI_API_KEY=${ADMIN_KEY}\n`));
      const found = await workspaceKeyCandidates(models);
      assert.deepStrictEqual(
        found.map((c) => [c.key, c.source, c.project]),
        [
          [PROJECT_KEY, '/work/app/.env, line 2 (OPENAI_API_KEY)', undefined],
          [OTHER_KEY, '/work/api/.env.local, line 2 (OPENAI_TOKEN)', 'proj_api'],
        ],
      );
    });

    it('a file that vanished since the search is skipped; other sources come after the files; VS Code\'s environment last', async () => {
      const models = makeModels();
      // Listed by the search, gone when read.
      stubState.files.set(ENV.toString(), { uri: ENV, bytes: undefined });
      const vault = { candidates: async () => [{ key: OTHER_KEY, source: 'SecretStorage (global)' }] };
      const found = await workspaceKeyCandidates(models, [vault], { OPENAI_API_KEY: PROJECT_KEY, OPENAI_PROJECT_ID: 'proj_env' });
      assert.deepStrictEqual(
        found.map((c) => [c.key, c.source, c.project, c.origin]),
        [
          [OTHER_KEY, 'SecretStorage (global)', undefined, undefined],
          [PROJECT_KEY, 'environment (OPENAI_API_KEY)', 'proj_env', 'environment'],
        ],
      );
    });
  });

  describe('picking one', () => {
    it('one entry per distinct key, masked, with all its sources', async () => {
      const shared = { key: PROJECT_KEY, uri: ENV as never };
      const picked = await pickKey(
        [
          { ...shared, source: '.env, line 2 (OPENAI_API_KEY)' },
          { key: OTHER_KEY, source: 'SecretStorage (global)' },
          { ...shared, source: 'SecretStorage (app)' },
        ],
        failingBackground,
      );
      assert.strictEqual(picked?.key, PROJECT_KEY, 'the stub picks the first item');
      const labels = stubState.shown.filter((m) => m.kind === 'quick-pick').map((m) => m.text);
      assert.deepStrictEqual(labels, [`sk-proj-…${PROJECT_KEY.slice(-4)}`, `sk-svcacct-…${OTHER_KEY.slice(-4)}`]);
      assert.ok(!labels.some((label) => leaks(label, PROJECT_KEY) || leaks(label, OTHER_KEY)));
    });

    it('a single key is taken without asking; no key says how to get one', async () => {
      const single = await pickKey([{ key: PROJECT_KEY, source: 'a' }, { key: PROJECT_KEY, source: 'b' }], failingBackground);
      assert.strictEqual(single?.key, PROJECT_KEY);
      assert.strictEqual(await pickKey([], failingBackground), undefined);
      assert.deepStrictEqual(
        stubState.shown.map((m) => [m.kind, m.text]),
        [['information', 'No OpenAI key found in the .env files or SecretStorage.']],
      );
    });
  });

  describe('a key that is not for OpenAI', () => {
    it('an Azure key is never sent to api.openai.com: the user is told why, without the key', async () => {
      const models = makeModels();
      const azureKey = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
      const document = stubDocument(ENV, `OPENAI_API_TYPE=azure\nAZURE_OPENAI_ENDPOINT=https://team.openai.azure.com\nOPENAI_API_KEY=${azureKey}\n`);
      const candidate = keyCandidateAt(models, document as never, 2)!;
      assert.ok(candidate, 'the Azure key is a candidate');
      assert.strictEqual(refusedAsNotOpenAi(candidate, 'https://api.openai.com/v1', true, failingBackground), true);
      await new Promise((resolve) => setImmediate(resolve));
      const [warning] = stubState.shown;
      assert.strictEqual(warning.kind, 'warning');
      assert.match(warning.text, /openaiKeyDoctor\.apiBaseUrl/);
      assert.ok(!leaks(warning.text, azureKey), warning.text);
      assert.deepStrictEqual(warning.items, ['Open Settings']);
    });

    it('an OpenAI key goes on; a refusal that is not interactive shows nothing', () => {
      const models = makeModels();
      const openAi = keyCandidateAt(models, stubDocument(ENV, `OPENAI_API_KEY=${PROJECT_KEY}\n`) as never, 0)!;
      assert.strictEqual(refusedAsNotOpenAi(openAi, 'https://api.openai.com/v1', true, failingBackground), false);
      const azure = { ...openAi, key: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', provider: { apiType: 'azure' } } as never;
      assert.strictEqual(refusedAsNotOpenAi(azure, 'https://api.openai.com/v1', false, failingBackground), true);
      assert.deepStrictEqual(stubState.shown, []);
    });
  });
});
