import * as assert from 'assert';
import * as vscode from 'vscode';
import { fakeKey } from '../support/keys';
import { api, bytesOf, diagnosticsFor, fixture, hasRule, ruleOf, scratchFile } from './support';

async function quickFixesAt(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

/** The preferred fix offered for the diagnostic of `rule`. */
async function preferredFix(uri: vscode.Uri, rule: string): Promise<vscode.CodeAction> {
  const diagnostics = await diagnosticsFor(uri, hasRule(rule));
  const target = diagnostics.find((d) => ruleOf(d) === rule)!;
  const actions = await quickFixesAt(uri, target);
  // executeCodeActionProvider returns the actions without their `diagnostics`: the range picks the problem.
  const fix = actions.find((a) => a.isPreferred && a.edit);
  assert.ok(fix?.edit, `no preferred fix with an edit for ${rule}; offered: ${actions.map((a) => a.title).join(', ')}`);
  return fix;
}

describe('code actions applied through vscode.workspace.applyEdit', () => {
  before(api);

  it('offers a preferred quick fix that changes only the spaces, and undo restores the text', async () => {
    const uri = fixture('.env');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = document.getText();
    const fix = await preferredFix(uri, 'space-around-separator');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.strictEqual(document.getText(), before.replace('OPENAI_API_KEY = sk', 'OPENAI_API_KEY=sk'));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), before);
    assert.strictEqual(document.isDirty, false);
  });

  it('writes exactly the fixed bytes when the fixed file is saved: CRLF and every other line kept', async () => {
    const key = fakeKey('project', 31);
    const original = `# settings\r\nOPENAI_API_KEY = ${key}\r\nPORT=3000\r\nNAME="a b"\r\n`;
    const scratch = await scratchFile(original);
    try {
      const document = await vscode.workspace.openTextDocument(scratch.uri);
      const fix = await preferredFix(scratch.uri, 'space-around-separator');
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      assert.ok(await document.save());
      const expected = Buffer.from(`# settings\r\nOPENAI_API_KEY=${key}\r\nPORT=3000\r\nNAME="a b"\r\n`, 'utf8');
      assert.ok((await bytesOf(scratch.uri)).equals(expected), `on disk: ${JSON.stringify((await bytesOf(scratch.uri)).toString('utf8'))}`);
      await diagnosticsFor(scratch.uri, (d) => !hasRule('space-around-separator')(d));
    } finally {
      await scratch.remove();
    }
  });

  it('offers source.fixAll.openaiKeyDoctor, whose edit applies every safe fix at once', async () => {
    const key = fakeKey('project', 32);
    const scratch = await scratchFile(`OPENAI_API_KEY = ${key}  \nPORT=3000\n`);
    try {
      const document = await vscode.workspace.openTextDocument(scratch.uri);
      await diagnosticsFor(scratch.uri, (d) => hasRule('space-around-separator')(d) && hasRule('trailing-whitespace')(d));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        scratch.uri,
        new vscode.Range(0, 0, 0, 0),
        vscode.CodeActionKind.SourceFixAll.append('openaiKeyDoctor').value,
      );
      const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.openaiKeyDoctor');
      assert.ok(fixAll?.edit, `actions: ${actions.map((a) => `${a.kind?.value} ${a.title}`).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
      assert.strictEqual(document.getText(), `OPENAI_API_KEY=${key}\nPORT=3000\n`);
      await diagnosticsFor(scratch.uri, (d) => !hasRule('space-around-separator')(d) && !hasRule('trailing-whitespace')(d));
    } finally {
      await scratch.remove();
    }
  });

  it('re-saves a UTF-16 .env as UTF-8 with the same text (openaiKeyDoctor.saveAsUtf8)', async () => {
    const text = `OPENAI_API_KEY=${fakeKey('project', 33)}\r\nPORT=3000\r\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const scratch = await scratchFile(utf16);
    try {
      await diagnosticsFor(scratch.uri, hasRule('utf16-encoding'));
      await vscode.commands.executeCommand('openaiKeyDoctor.saveAsUtf8', scratch.uri);
      assert.ok((await bytesOf(scratch.uri)).equals(Buffer.from(text, 'utf8')));
      await diagnosticsFor(scratch.uri, (d) => !hasRule('utf16-encoding')(d));
    } finally {
      await scratch.remove();
    }
  });
});
