import * as assert from 'assert';
import type * as vscodeTypes from 'vscode';
import { fakeKey } from '../../../support/keys';
import { StubDocument, fileUri, resetWorkspace, stubDocument, stubEditor } from '../../../support/vscodeDocument';
import { WorkspaceEdit, failingBackground, installVscodeStub, stubState } from '../../../support/vscodeStub';

installVscodeStub();
/* eslint-disable @typescript-eslint/no-require-imports */
const vscode = require('vscode') as typeof vscodeTypes;
const { EnvCodeActionProvider, fixAllInActiveEditor } = require('../../../../src/extension/lint/codeActions') as typeof import('../../../../src/extension/lint/codeActions');
const { toDiagnostic } = require('../../../../src/extension/lint/toVscode') as typeof import('../../../../src/extension/lint/toVscode');
const { DocumentLinter } = require('../../../../src/extension/document/documentLinter') as typeof import('../../../../src/extension/document/documentLinter');
const { FileFactsCache } = require('../../../../src/extension/document/fileFacts') as typeof import('../../../../src/extension/document/fileFacts');
const { DocumentModels } = require('../../../../src/extension/document/model') as typeof import('../../../../src/extension/document/model');
/* eslint-enable @typescript-eslint/no-require-imports */

const KEY = fakeKey('project', 41);
const URI = fileUri('/work/app/.env');
/** Spaces around "=" and after the key: two proven fixes. */
const SPACED = `OPENAI_API_KEY = ${KEY}  \nDEBUG=1\n`;
const UNTRACKED = { tracked: false, ignored: false, gitignoreEntry: '.env', repositoryRoot: '/work/app' };

/** The models a feature reads, with the git facts this test decides (none unless given). */
function makeModels(git?: typeof UNTRACKED) {
  const facts = new FileFactsCache(async () => git, () => true);
  const linter = new DocumentLinter({ facts, hasStoredKey: () => false });
  return { facts, models: new DocumentModels(linter, facts) };
}

/** The diagnostics VS Code would hand back to the provider for this document. */
function diagnosticsOf(models: InstanceType<typeof DocumentModels>, document: StubDocument): vscodeTypes.Diagnostic[] {
  const result = models.get(document as never).lint;
  return result.findings.map((f) => toDiagnostic(f, result.lines, document.uri as never));
}

const context = (diagnostics: vscodeTypes.Diagnostic[], only?: vscodeTypes.CodeActionKind) => ({ diagnostics, only, triggerKind: 1 }) as unknown as vscodeTypes.CodeActionContext;
const ruleOf = (d: vscodeTypes.Diagnostic) => (d.code as { value: string }).value;
const ANY_RANGE = new vscode.Range(0, 0, 0, 0);

/** The text once a code action's edit is applied. */
function applied(document: StubDocument, action: vscodeTypes.CodeAction): string {
  const edit = action.edit as unknown as WorkspaceEdit;
  const replacements = edit.replacements.map((r) => ({ start: document.offsetAt(r.range.start), end: document.offsetAt(r.range.end), text: r.newText }));
  let text = document.getText();
  for (const r of replacements.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, r.start) + r.text + text.slice(r.end);
  }
  return text;
}

describe('code actions (lint/codeActions.ts)', () => {
  afterEach(resetWorkspace);

  it('offers each diagnostic its quick fixes, attached to it, the proven one preferred; applying it changes only what it says', () => {
    const { models } = makeModels();
    const document = stubDocument(URI, SPACED);
    const diagnostics = diagnosticsOf(models, document);
    const spaces = diagnostics.find((d) => ruleOf(d) === 'space-around-separator')!;
    const actions = new EnvCodeActionProvider(models).provideCodeActions(document as never, ANY_RANGE, context([spaces]));
    const fix = actions.find((a) => a.diagnostics?.includes(spaces))!;
    assert.ok(fix, 'a quick fix for the diagnostic');
    assert.strictEqual(fix.title, 'Remove the spaces around "="');
    assert.strictEqual(fix.kind?.value, 'quickfix');
    assert.strictEqual(fix.isPreferred, true);
    assert.strictEqual(applied(document, fix), `OPENAI_API_KEY=${KEY}  \nDEBUG=1\n`);
  });

  it('with two fixable problems, also offers to fix all safe ones, which fixes both and nothing else', () => {
    const { models } = makeModels();
    const document = stubDocument(URI, SPACED);
    const diagnostics = diagnosticsOf(models, document);
    const actions = new EnvCodeActionProvider(models).provideCodeActions(document as never, ANY_RANGE, context(diagnostics));
    const fixAll = actions.find((a) => a.title === 'Fix all safe problems in this file')!;
    assert.ok(fixAll);
    assert.strictEqual(fixAll.diagnostics, undefined);
    assert.strictEqual(applied(document, fixAll), `OPENAI_API_KEY=${KEY}\nDEBUG=1\n`);
  });

  it('source.fixAll.openaiKeyDoctor (editor.codeActionsOnSave): only the Fix All action, of that kind; none when nothing is safe to fix', () => {
    const { models } = makeModels();
    const provider = new EnvCodeActionProvider(models);
    const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('openaiKeyDoctor');
    const document = stubDocument(URI, SPACED);
    const onSave = provider.provideCodeActions(document as never, ANY_RANGE, context([], vscode.CodeActionKind.SourceFixAll));
    assert.deepStrictEqual(onSave.map((a) => [a.title, a.kind?.value]), [['Fix all safe OpenAI key problems', fixAllKind.value]]);
    assert.strictEqual(applied(document, onSave[0]), `OPENAI_API_KEY=${KEY}\nDEBUG=1\n`);
    const clean = stubDocument(fileUri('/work/clean/.env'), `OPENAI_API_KEY=${KEY}\n`);
    assert.deepStrictEqual(provider.provideCodeActions(clean as never, ANY_RANGE, context([], fixAllKind)), []);
  });

  it('a fix that needs the disk runs its command on this document (add to .gitignore)', async () => {
    const { models, facts } = makeModels(UNTRACKED);
    const text = `OPENAI_API_KEY=${KEY}\n`;
    await facts.refresh(URI as never, Buffer.from(text));
    const document = stubDocument(URI, text);
    const notIgnored = diagnosticsOf(models, document).find((d) => ruleOf(d) === 'env-not-ignored')!;
    assert.ok(notIgnored, 'git facts reach the diagnostics');
    const [action] = new EnvCodeActionProvider(models).provideCodeActions(document as never, ANY_RANGE, context([notIgnored]));
    assert.strictEqual(action.title, 'Add .env to .gitignore');
    assert.strictEqual(action.edit, undefined);
    assert.deepStrictEqual([action.command?.command, action.command?.arguments], ['openaiKeyDoctor.addToGitignore', [URI]]);
  });

  it('ignores other extensions\' diagnostics, stale ones and documents that are not .env files', () => {
    const { models } = makeModels();
    const provider = new EnvCodeActionProvider(models);
    const document = stubDocument(URI, SPACED);
    const [first] = diagnosticsOf(models, document);
    const foreign = new vscode.Diagnostic(first.range, first.message, first.severity);
    foreign.source = 'another linter';
    foreign.code = first.code;
    assert.deepStrictEqual(provider.provideCodeActions(document as never, ANY_RANGE, context([foreign])), []);
    // The user fixed the line since: the diagnostic of the old version matches no finding of this one.
    const edited = document.edit(`OPENAI_API_KEY=${KEY}\nDEBUG=1\n`);
    assert.deepStrictEqual(provider.provideCodeActions(edited as never, ANY_RANGE, context([first])), []);
    const readme = stubDocument(fileUri('/work/app/README.md'), SPACED, 1, 'markdown');
    assert.deepStrictEqual(provider.provideCodeActions(readme as never, ANY_RANGE, context([first])), []);
  });

  it('titles never show the key', () => {
    const { models } = makeModels();
    const document = stubDocument(URI, `OPENAI_API_KEY="${KEY}\nDEBUG=1\n`);
    const diagnostics = diagnosticsOf(models, document);
    const actions = new EnvCodeActionProvider(models).provideCodeActions(document as never, ANY_RANGE, context(diagnostics));
    assert.ok(actions.length > 0, 'the unterminated quote has fixes');
    for (const action of actions) {
      assert.ok(!action.title.includes(KEY.slice(8, 16)) && !action.title.includes(KEY.slice(-8)), action.title);
    }
  });

  describe('the Fix all command', () => {
    let appliedEdits: WorkspaceEdit[];
    const original = vscode.workspace.applyEdit;
    beforeEach(() => {
      appliedEdits = [];
      (vscode.workspace as { applyEdit: unknown }).applyEdit = async (edit: WorkspaceEdit) => (appliedEdits.push(edit), true);
    });
    afterEach(() => ((vscode.workspace as { applyEdit: unknown }).applyEdit = original));
    const background = failingBackground;

    it('applies every safe fix of the active .env editor', async () => {
      const { models } = makeModels();
      const document = stubDocument(URI, SPACED);
      stubState.activeTextEditor = stubEditor(document, 0);
      await fixAllInActiveEditor({ models, background });
      assert.strictEqual(appliedEdits.length, 1);
      assert.strictEqual(applied(document, { edit: appliedEdits[0] } as never), `OPENAI_API_KEY=${KEY}\nDEBUG=1\n`);
    });

    it('says why it did nothing: no .env editor, or nothing safe to fix', async () => {
      const { models } = makeModels();
      await fixAllInActiveEditor({ models, background });
      stubState.activeTextEditor = stubEditor(stubDocument(URI, `OPENAI_API_KEY=${KEY}\n`), 0);
      await fixAllInActiveEditor({ models, background });
      assert.deepStrictEqual(
        stubState.shown.map((m) => m.text),
        ['Open a .env file to fix its OpenAI key problems.', 'Nothing to fix automatically in this file.'],
      );
      assert.strictEqual(appliedEdits.length, 0);
    });
  });
});
