import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'openai-key-doctor.openai-key-doctor';

function fixture(relative: string): vscode.Uri {
  const root = vscode.workspace.workspaceFolders![0].uri;
  return vscode.Uri.joinPath(root, ...relative.split('/'));
}

/** Waits for our diagnostics on a file, driven by onDidChangeDiagnostics rather than sleeps. */
function diagnosticsFor(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 15000): Promise<vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'OpenAI Key Doctor');
  if (predicate(ours())) {
    return Promise.resolve(ours());
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out; diagnostics: ${ours().map((d) => d.message).join(' | ')}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      if (predicate(ours())) {
        clearTimeout(timer);
        listener.dispose();
        resolve(ours());
      }
    });
  });
}

const ruleOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('OpenAI Key Doctor in desktop VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('reports problems in an open .env with rule codes linking to the docs', async () => {
    const uri = fixture('.env');
    await vscode.window.showTextDocument(uri);
    const diagnostics = await diagnosticsFor(uri, (d) => d.some((x) => ruleOf(x) === 'space-around-separator'));
    const spacing = diagnostics.find((d) => ruleOf(d) === 'space-around-separator')!;
    assert.strictEqual(spacing.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepStrictEqual([spacing.range.start.line, spacing.range.start.character], [0, 14]);
    assert.match(String((spacing.code as { target: vscode.Uri }).target), /#rule-space-around-separator$/);
    assert.ok(diagnostics.some((d) => ruleOf(d) === 'truncated-key' && d.severity === vscode.DiagnosticSeverity.Error));
  });

  it('reports problems in a .env.* file that is not open, in a sub-folder', async () => {
    const uri = fixture('packages/api/.env.local');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()));
    const diagnostics = await diagnosticsFor(uri, (d) => d.some((x) => ruleOf(x) === 'placeholder'));
    assert.match(diagnostics[0].message, /placeholder \("your-api-key-here"\)/);
  });

  it('offers a preferred quick fix that changes only the spaces, and undo restores the file', async () => {
    const uri = fixture('.env');
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    const diagnostics = await diagnosticsFor(uri, (d) => d.some((x) => ruleOf(x) === 'space-around-separator'));
    const target = diagnostics.find((d) => ruleOf(d) === 'space-around-separator')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Remove the spaces around "="');
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.strictEqual(fix.isPreferred, true);
    await vscode.workspace.applyEdit(fix.edit!);
    assert.strictEqual(document.getText(), before.replace('OPENAI_API_KEY = sk', 'OPENAI_API_KEY=sk'));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), before);
  });

  it('contributes a source.fixAll action', async () => {
    const uri = fixture('.env');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(0, 0, 0, 0),
      vscode.CodeActionKind.SourceFixAll.append('openaiKeyDoctor').value,
    );
    assert.ok(actions.some((a) => a.kind?.value === 'source.fixAll.openaiKeyDoctor'));
  });
});
