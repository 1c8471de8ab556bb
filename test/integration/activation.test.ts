import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, extension } from './support';

interface ContributedCommand {
  command: string;
}

describe('activation and contributions', () => {
  it('activates and returns its API object', async () => {
    const exported = await api();
    assert.strictEqual(extension().isActive, true);
    for (const part of ['tester', 'vault'] as const) {
      assert.ok(exported[part], `activate() returned no ${part}`);
    }
    assert.strictEqual(typeof exported.tester.test, 'function');
    assert.strictEqual(typeof exported.vault.store, 'function');
  });

  it('registers every command that package.json contributes', async () => {
    await api();
    const contributed = (extension().packageJSON.contributes.commands as ContributedCommand[]).map((c) => c.command);
    assert.ok(contributed.length >= 5, `only ${contributed.length} commands in package.json`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
      'contributed but not registered by activate()',
    );
  });

  it('puts only contributed commands in the command palette menu', () => {
    const manifest = extension().packageJSON.contributes;
    const contributed = new Set((manifest.commands as ContributedCommand[]).map((c) => c.command));
    const inPalette = (manifest.menus.commandPalette as ContributedCommand[]).map((c) => c.command);
    assert.deepStrictEqual(inPalette.filter((id) => !contributed.has(id)), []);
  });

  it('declares every setting with the default VS Code reports', () => {
    const properties = extension().packageJSON.contributes.configuration.properties as Record<string, { default: unknown }>;
    const config = vscode.workspace.getConfiguration();
    for (const [name, declared] of Object.entries(properties)) {
      assert.deepStrictEqual(config.inspect(name)?.defaultValue, declared.default, name);
    }
  });
});
