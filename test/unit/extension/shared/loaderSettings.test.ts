import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LOADER_IDS } from '../../../../src/core/loaders/loaderId';
import { installVscodeStub, stubState } from '../../../support/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ALL_SETTINGS, Settings, readLoaderChoice } = require('../../../../src/extension/shared/settings') as typeof import('../../../../src/extension/shared/settings');

interface Declared {
  type: string;
  scope: string;
  default: unknown;
  enum?: string[];
  markdownDescription?: string;
}
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Declared> } };
};
const declared = manifest.contributes.configuration.properties;

describe('settings: the typed module and package.json agree', () => {
  afterEach(() => (stubState.configuration = {}));

  it('every setting of the module is declared with its type, scope, default and a description, and nothing else is', () => {
    assert.deepStrictEqual(Object.keys(declared).sort(), ALL_SETTINGS.map((s) => s.id).sort());
    for (const setting of ALL_SETTINGS) {
      const entry = declared[setting.id];
      assert.deepStrictEqual([entry.type, entry.scope, entry.default], [setting.type, setting.scope, setting.default], setting.id);
      assert.ok(entry.markdownDescription?.startsWith('%config.'), setting.id);
    }
  });

  it('openaiKeyDoctor.loader offers auto and every loader the core knows, per folder', () => {
    assert.deepStrictEqual(declared[Settings.loader.id].enum, ['auto', ...LOADER_IDS]);
    assert.strictEqual(Settings.loader.scope, 'resource');
    assert.strictEqual(Settings.mode.scope, 'resource');
  });

  it('readLoaderChoice: auto and an empty mode leave detection to the core; a pick is passed on', () => {
    assert.deepStrictEqual(readLoaderChoice(), { loader: undefined, mode: undefined });
    stubState.configuration = { loader: 'vite', mode: ' staging ' };
    assert.deepStrictEqual(readLoaderChoice(), { loader: 'vite', mode: 'staging' });
    stubState.configuration = { loader: 'no-such-loader' };
    assert.deepStrictEqual(readLoaderChoice(), { loader: undefined, mode: undefined });
  });
});
