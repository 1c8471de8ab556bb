import * as assert from 'assert';
import * as vscode from 'vscode';
import { MockOpenAI, mockKey, startMockOpenAI } from '../mock/openaiMock';
import { api, when, workspaceRoot } from './support';

/**
 * Key tests through the extension's API against mock OpenAI servers started inside this extension host on
 * 127.0.0.1; the API base URL comes from USER settings.
 */
describe('key tests and where they are sent', () => {
  let mock: MockOpenAI;
  let elsewhere: MockOpenAI;
  const config = () => vscode.workspace.getConfiguration('openaiKeyDoctor', workspaceRoot());

  before(async () => {
    await api();
    mock = await startMockOpenAI();
    elsewhere = await startMockOpenAI();
    await config().update('apiBaseUrl', mock.baseUrl, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await mock?.close();
    await elsewhere?.close();
  });

  it('tests a working key against REST and Realtime and returns a masked report', async () => {
    const { tester } = await api();
    const key = mockKey('ok');
    const before = mock.requests.length;
    const report = await tester.test({ key, source: 'integration test' }, { interactive: false });
    assert.ok(report, 'the test ran');
    assert.strictEqual(report.verdict.status, 'ok');
    assert.strictEqual(report.rest.status, 'ok');
    assert.strictEqual(report.realtime?.status, 'ok');
    assert.deepStrictEqual(new Set(mock.requests.slice(before).map((r) => r.kind)), new Set(['rest', 'realtime']));
    assert.ok(!JSON.stringify(report).includes(key.slice(-20)), 'the report holds no part of the key but its mask');
  });

  it('says that a revoked key is invalid', async () => {
    const { tester } = await api();
    const report = await tester.test({ key: mockKey('invalid_key'), source: 'integration test' }, { interactive: false });
    assert.strictEqual(report?.verdict.status, 'invalid_key');
    assert.strictEqual(report?.rest.httpStatus, 401);
  });

  it('ignores a workspace value of openaiKeyDoctor.apiBaseUrl (application scope) but honours a resource-scoped one', async () => {
    const { tester } = await api();
    await assert.rejects(async () => config().update('apiBaseUrl', elsewhere.baseUrl, vscode.ConfigurationTarget.Workspace), 'VS Code refuses to write it to the workspace');
    const settingsFolder = vscode.Uri.joinPath(workspaceRoot(), '.vscode');
    const hadSettingsFolder = await vscode.workspace.fs.stat(settingsFolder).then(() => true, () => false);
    // What a cloned repository could ship: its own .vscode/settings.json.
    const settings = { 'openaiKeyDoctor.apiBaseUrl': elsewhere.baseUrl, 'openaiKeyDoctor.realtimeModel': 'gpt-realtime-mini' };
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(settingsFolder, 'settings.json'), Buffer.from(JSON.stringify(settings, null, 2)));
    try {
      await when(vscode.workspace.onDidChangeConfiguration, () => config().get('realtimeModel'), (v) => v === 'gpt-realtime-mini', 'the workspace settings to be read');
      assert.strictEqual(config().get('apiBaseUrl'), mock.baseUrl, 'the effective value is the user value');
      const report = await tester.test({ key: mockKey('ok'), source: 'integration test', uri: vscode.Uri.joinPath(workspaceRoot(), '.env') }, { interactive: false });
      assert.strictEqual(report?.baseUrl, mock.baseUrl.replace(/\/+$/, ''));
      assert.strictEqual(report?.realtimeModel, 'gpt-realtime-mini');
      assert.deepStrictEqual(elsewhere.requests, [], 'nothing reached the server the workspace named');
    } finally {
      if (hadSettingsFolder) {
        await vscode.workspace.fs.delete(vscode.Uri.joinPath(settingsFolder, 'settings.json'), { useTrash: false });
      } else {
        await vscode.workspace.fs.delete(settingsFolder, { recursive: true, useTrash: false });
      }
    }
    await when(vscode.workspace.onDidChangeConfiguration, () => config().get('realtimeModel'), (v) => v !== 'gpt-realtime-mini', 'the workspace settings to be gone');
  });
});
