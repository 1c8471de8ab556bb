import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeServices } from '../../support/extensionServices';
import { stubState } from '../../support/vscodeStub';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { commandTable, registerCommands } = require('../../../src/extension/commands') as typeof import('../../../src/extension/commands');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Commands } = require('../../../src/extension/shared/constants') as typeof import('../../../src/extension/shared/constants');

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The command table (src/extension/commands.ts) is where every command is registered from. */
describe('command table', () => {
  const manifest = JSON.parse(read('package.json'));
  const declared: Array<{ command: string; title: string }> = manifest.contributes.commands;

  it('holds one handler for each command of package.json, and the ids of shared/constants.ts are those commands', () => {
    const services = makeServices();
    try {
      const table = commandTable(services);
      assert.deepStrictEqual(Object.keys(table).sort(), declared.map((c) => c.command).sort());
      assert.deepStrictEqual(Object.values(Commands).sort(), declared.map((c) => c.command).sort());
      assert.ok(Object.values(table).every((handler) => typeof handler === 'function'));
    } finally {
      services.dispose();
    }
  });

  it('registers every row, and disposing the registration removes them all', () => {
    const services = makeServices();
    try {
      const registration = registerCommands(services);
      assert.deepStrictEqual([...stubState.commands.keys()].filter((id) => id.startsWith('openaiKeyDoctor.')).sort(), Object.values(Commands).sort());
      registration.dispose();
      assert.deepStrictEqual([...stubState.commands.keys()].filter((id) => id.startsWith('openaiKeyDoctor.')), []);
    } finally {
      services.dispose();
    }
  });

  it('every command a menu, a walkthrough link or a completion event names exists', () => {
    const ids = new Set(declared.map((c) => c.command));
    const named = [
      ...Object.values(manifest.contributes.menus as Record<string, Array<{ command: string }>>).flat().map((m) => m.command),
      ...[...JSON.stringify(manifest.contributes.walkthroughs).matchAll(/onCommand:([\w.]+)/g)].map((m) => m[1]),
      ...[...read('package.nls.json').matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]),
    ];
    assert.ok(named.length >= 5, 'the manifest names commands in menus and the walkthrough');
    assert.deepStrictEqual(named.filter((id) => !ids.has(id)), []);
  });

  it('every command has its title in both manifest bundles and its row in the README', () => {
    const en = JSON.parse(read('package.nls.json')) as Record<string, string>;
    const fr = JSON.parse(read('package.nls.fr.json')) as Record<string, string>;
    const readme = read('README.md');
    for (const { command, title } of declared) {
      const key = /^%(.+)%$/.exec(title)?.[1];
      assert.ok(key && key in en && key in fr, `${command}: its title is not a translated %key%`);
      assert.ok(readme.includes(`| \`${en['command.category']}: ${en[key]}\` |`), `${command}: README lacks the row of "${en[key]}"`);
    }
  });
});
