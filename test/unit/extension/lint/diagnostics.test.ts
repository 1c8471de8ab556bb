import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as vscodeTypes from 'vscode';
import { fakeKey } from '../../../support/keys';
import { fileUri, openDocument, resetWorkspace, stubDocument, untitledUri } from '../../../support/vscodeDocument';
import { installVscodeStub, stubState } from '../../../support/vscodeStub';

installVscodeStub();
/* eslint-disable @typescript-eslint/no-require-imports */
const { EnvDiagnostics } = require('../../../../src/extension/lint/diagnostics') as typeof import('../../../../src/extension/lint/diagnostics');
const { DocumentLinter } = require('../../../../src/extension/document/documentLinter') as typeof import('../../../../src/extension/document/documentLinter');
const { FileFactsCache } = require('../../../../src/extension/document/fileFacts') as typeof import('../../../../src/extension/document/fileFacts');
const { DocumentModels } = require('../../../../src/extension/document/model') as typeof import('../../../../src/extension/document/model');
const { ExtensionEvents } = require('../../../../src/extension/shared/events') as typeof import('../../../../src/extension/shared/events');
/* eslint-enable @typescript-eslint/no-require-imports */

const KEY = fakeKey('project', 52);
const DEBOUNCE_WAIT_MS = 400;
const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

interface Published {
  rule: string;
  severity: number;
  line: number;
  message: string;
  source?: string;
  target?: string;
}

/** What the Problems panel shows for a URI. */
function problems(uri: { toString(): string }): Published[] | undefined {
  const list = stubState.diagnostics.get(uri.toString()) as vscodeTypes.Diagnostic[] | undefined;
  return list?.map((d) => {
    const code = d.code as { value: string; target: { toString(): string } };
    return { rule: code.value, severity: d.severity, line: d.range.start.line, message: d.message, source: d.source, target: code.target.toString() };
  });
}
const rulesOf = (uri: { toString(): string }) => problems(uri)?.map((p) => p.rule);

/** EnvDiagnostics wired as activate() wires it, with a stored key this test turns on and off. */
function startDiagnostics() {
  const pending: Array<Thenable<unknown>> = [];
  const background = (_what: string, work: Thenable<unknown>) => void pending.push(work);
  const world = { storedKey: false, changed: [] as string[] };
  const facts = new FileFactsCache(async () => undefined, () => true);
  const linter = new DocumentLinter({ facts, hasStoredKey: () => world.storedKey });
  const models = new DocumentModels(linter, facts);
  const events = new ExtensionEvents();
  events.diagnosticsChanged.event((uri) => world.changed.push(uri.toString()));
  const diagnostics = new EnvDiagnostics({ models, linter, facts, events, background });
  /** Lets every background lint finish. */
  const idle = async () => {
    while (pending.length > 0) {
      await Promise.all(pending.splice(0));
      await settle();
    }
  };
  return { world, events, idle, dispose: () => vscodeDispose(diagnostics, models, facts, events) };
}

function vscodeDispose(...items: Array<{ dispose(): unknown }>) {
  items.forEach((item) => item.dispose());
}

describe('diagnostics (lint/diagnostics.ts)', () => {
  let running: ReturnType<typeof startDiagnostics> | undefined;
  afterEach(() => {
    running?.dispose();
    running = undefined;
    resetWorkspace();
    stubState.workspaceFolders = [];
  });

  it('publishes the findings of the .env documents already open, as VS Code diagnostics with a link to the rule', async () => {
    const document = openDocument(stubDocument(untitledUri('.env'), `DEBUG=1\nOPENAI_API_KEY = ${KEY}\n`));
    openDocument(stubDocument(untitledUri('notes.md'), `OPENAI_API_KEY = ${KEY}\n`, 1, 'markdown'));
    running = startDiagnostics();
    await running.idle();
    const [published] = problems(document.uri)!;
    assert.deepStrictEqual(
      { ...published, message: undefined },
      { rule: 'space-around-separator', severity: 1, line: 1, message: undefined, source: 'OpenAI Key Doctor', target: 'https://github.com/openai-key-doctor/openai-key-doctor/blob/main/README.md#rule-space-around-separator' },
    );
    assert.match(published.message, /^White space around "=" breaks docker and shells: write OPENAI_API_KEY=<value>\.$/);
    assert.deepStrictEqual([...stubState.diagnostics.keys()], [document.uri.toString()], 'a Markdown file gets no diagnostics');
    assert.deepStrictEqual(running.world.changed, [document.uri.toString()]);
  });

  it('follows typing: the version the user stopped at is published, the versions in between are dropped', async () => {
    const first = openDocument(stubDocument(untitledUri('.env'), `OPENAI_API_KEY=${KEY}\n`));
    running = startDiagnostics();
    await running.idle();
    assert.deepStrictEqual(problems(first.uri), []);
    const typing = first.edit(`OPENAI_API_KEY = ${KEY}\n`);
    const stopped = typing.edit(`OPENAI_API_KEY=${KEY}  \n`);
    stubState.workspaceEvents.change.fire({ document: typing, contentChanges: [] });
    stubState.workspaceEvents.change.fire({ document: stopped, contentChanges: [] });
    await settle(DEBOUNCE_WAIT_MS);
    assert.deepStrictEqual(rulesOf(first.uri), ['trailing-whitespace']);
    assert.deepStrictEqual(running.world.changed.length, 2, 'published once when opened, once after typing');
  });

  it('lints again when a rule setting changes, and when the stored keys change', async () => {
    const document = openDocument(stubDocument(untitledUri('.env'), `OPENAI_API_KEY=\nOPENAI_ORG_ID = org-abc\n`));
    running = startDiagnostics();
    await running.idle();
    assert.deepStrictEqual(problems(document.uri)?.map((p) => [p.rule, p.severity]), [['empty-value', 0], ['space-around-separator', 1]]);
    stubState.configuration = { rules: { 'space-around-separator': 'off' } };
    stubState.workspaceEvents.configuration.fire({ affectsConfiguration: (id: string) => id === 'openaiKeyDoctor.rules' });
    await running.idle();
    assert.deepStrictEqual(rulesOf(document.uri), ['empty-value']);
    running.world.storedKey = true;
    running.events.storedKeysChanged.fire();
    await running.idle();
    assert.deepStrictEqual(problems(document.uri)?.map((p) => [p.rule, p.severity]), [['empty-value', 2]], 'an empty key is expected where a stored key applies');
  });

  it('a setting that does not shape linting does not lint again', async () => {
    const document = openDocument(stubDocument(untitledUri('.env'), `OPENAI_API_KEY = ${KEY}\n`));
    running = startDiagnostics();
    await running.idle();
    stubState.configuration = { rules: { 'space-around-separator': 'off' } };
    stubState.workspaceEvents.configuration.fire({ affectsConfiguration: (id: string) => id === 'openaiKeyDoctor.timeoutMs' });
    await running.idle();
    assert.deepStrictEqual(rulesOf(document.uri), ['space-around-separator']);
  });

  it('an untitled .env that is closed leaves no diagnostics behind', async () => {
    const document = openDocument(stubDocument(untitledUri('.env'), `OPENAI_API_KEY = ${KEY}\n`));
    running = startDiagnostics();
    await running.idle();
    assert.ok(problems(document.uri)?.length);
    stubState.textDocuments = [];
    stubState.workspaceEvents.close.fire(document);
    assert.strictEqual(problems(document.uri), undefined);
  });

  describe('.env files that are not open', () => {
    let folder: string;
    beforeEach(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-diagnostics-'));
      stubState.workspaceFolders = [{ uri: fileUri(folder), name: 'app', index: 0 }];
    });
    afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

    /** A file on disk that workspace.findFiles lists. */
    const onDisk = (name: string, text: string) => {
      const file = path.join(folder, name);
      fs.writeFileSync(file, text);
      const uri = fileUri(file);
      stubState.files.set(uri.toString(), { uri, bytes: Buffer.from(text) });
      return uri;
    };

    it('are read from disk and linted when the workspace is scanned; other files found are skipped', async () => {
      const env = onDisk('.env.local', `OPENAI_API_KEY=${KEY}\r\n`);
      const rc = onDisk('.envrc', `export OPENAI_API_KEY = ${KEY}\n`);
      running = startDiagnostics();
      await running.idle();
      assert.deepStrictEqual(rulesOf(env), ['crlf-line-endings']);
      assert.strictEqual(problems(rc), undefined);
    });

    it('are not scanned when openaiKeyDoctor.scanWorkspace is off', async () => {
      const env = onDisk('.env', `OPENAI_API_KEY = ${KEY}\n`);
      stubState.configuration = { scanWorkspace: false };
      running = startDiagnostics();
      await running.idle();
      assert.strictEqual(problems(env), undefined);
    });

    it('an open document wins over its file on disk', async () => {
      const env = onDisk('.env', `OPENAI_API_KEY = ${KEY}\n`);
      openDocument(stubDocument(env, `OPENAI_API_KEY=${KEY}\n`));
      running = startDiagnostics();
      await running.idle();
      assert.deepStrictEqual(problems(env), []);
    });
  });
});
