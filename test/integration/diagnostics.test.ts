import * as assert from 'assert';
import * as vscode from 'vscode';
import { fakeKey } from '../support/keys';
import { api, closeEditors, diagnosticsFor, fixture, hasRule, ruleOf, scratchFile, when, workspaceRoot } from './support';

describe('diagnostics through vscode.languages.getDiagnostics', () => {
  before(api);

  it('reports the problems of a broken open .env with severity, position and a link to the rule', async () => {
    const uri = fixture('.env');
    await vscode.window.showTextDocument(uri);
    const diagnostics = await diagnosticsFor(uri, (d) => hasRule('space-around-separator')(d) && hasRule('truncated-key')(d));
    const spacing = diagnostics.find((d) => ruleOf(d) === 'space-around-separator')!;
    assert.strictEqual(spacing.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepStrictEqual([spacing.range.start.line, spacing.range.start.character, spacing.range.end.character], [0, 14, 17]);
    assert.match(String((spacing.code as { target: vscode.Uri }).target), /#rule-space-around-separator$/);
    assert.strictEqual(diagnostics.find((d) => ruleOf(d) === 'truncated-key')!.severity, vscode.DiagnosticSeverity.Error);
    await closeEditors(uri);
  });

  it('reports a .env.* file in a sub-folder that was never opened', async () => {
    const uri = fixture('packages/api/.env.local');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file must not be open');
    const diagnostics = await diagnosticsFor(uri, hasRule('placeholder'));
    assert.strictEqual(diagnostics.find((d) => ruleOf(d) === 'placeholder')!.severity, vscode.DiagnosticSeverity.Error);
  });

  it('lints a .env written while the workspace is open, and clears its problems when it is deleted', async () => {
    const scratch = await scratchFile('OPENAI_API_KEY=your-api-key-here\n');
    try {
      await diagnosticsFor(scratch.uri, hasRule('placeholder'));
    } finally {
      await scratch.remove();
    }
    await diagnosticsFor(scratch.uri, (d) => d.length === 0);
  });

  it('follows unsaved edits: fixing the text in the editor removes the problem', async () => {
    const scratch = await scratchFile(`OPENAI_API_KEY = ${fakeKey('project', 21)}\n`);
    try {
      const document = await vscode.workspace.openTextDocument(scratch.uri);
      await diagnosticsFor(scratch.uri, hasRule('space-around-separator'));
      const edit = new vscode.WorkspaceEdit();
      edit.replace(scratch.uri, new vscode.Range(0, 14, 0, 17), '=');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(document.isDirty);
      await diagnosticsFor(scratch.uri, (d) => !hasRule('space-around-separator')(d));
    } finally {
      await scratch.remove();
    }
  });

  it('points a duplicate definition at its twin through relatedInformation', async () => {
    const scratch = await scratchFile(`OPENAI_API_KEY=${fakeKey('project', 22)}\nPORT=3000\nOPENAI_API_KEY=${fakeKey('project', 23)}\n`);
    try {
      const diagnostics = await diagnosticsFor(scratch.uri, hasRule('duplicate-key'));
      const duplicate = diagnostics.find((d) => ruleOf(d) === 'duplicate-key')!;
      assert.strictEqual(duplicate.range.start.line, 0);
      const related = duplicate.relatedInformation ?? [];
      assert.ok(
        related.some((r) => r.location.uri.toString() === scratch.uri.toString() && r.location.range.start.line === 2),
        `relatedInformation: ${JSON.stringify(related.map((r) => [r.location.uri.toString(), r.location.range.start.line]))}`,
      );
    } finally {
      await scratch.remove();
    }
  });

  it('honours openaiKeyDoctor.rules set in the workspace settings (a resource-scoped setting)', async () => {
    const uri = fixture('.env');
    const config = () => vscode.workspace.getConfiguration('openaiKeyDoctor', workspaceRoot());
    await diagnosticsFor(uri, hasRule('space-around-separator'));
    const settingsFolder = vscode.Uri.joinPath(workspaceRoot(), '.vscode');
    const hadSettingsFolder = await vscode.workspace.fs.stat(settingsFolder).then(() => true, () => false);
    try {
      await config().update('rules', { 'space-around-separator': 'off' }, vscode.ConfigurationTarget.Workspace);
      const after = await diagnosticsFor(uri, (d) => !hasRule('space-around-separator')(d));
      assert.ok(hasRule('truncated-key')(after), 'the other rules still run');
    } finally {
      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      if (!hadSettingsFolder) {
        await vscode.workspace.fs.delete(settingsFolder, { recursive: true, useTrash: false });
      }
    }
    await diagnosticsFor(uri, hasRule('space-around-separator'));
    await when(vscode.workspace.onDidChangeConfiguration, () => config().inspect('rules')?.workspaceValue, (v) => v === undefined, 'the workspace value to be gone');
  });
});
