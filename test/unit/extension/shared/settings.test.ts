import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { sourceFiles } from '../../../support/bareStrings';
import { installVscodeStub, stubState } from '../../../support/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require('../../../../src/extension/shared/settings') as typeof import('../../../../src/extension/shared/settings');
const { ALL_SETTINGS, SECTION, Settings, affects, read, readKeyTestSettings, readLintSettings } = settings;

const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
const SETTINGS_MODULE = 'src/extension/shared/settings.ts';

interface DeclaredSetting {
  type: string;
  default: unknown;
  scope: string;
}

const declared = (): Record<string, DeclaredSetting> => JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.configuration.properties;

/** The string literals of a source file (template parts included), comments left out. */
function stringLiterals(file: string, text: string): Array<{ text: string; line: number }> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Array<{ text: string; line: number }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The typed settings module (src/extension/shared/settings.ts) is the one place that knows the settings. */
describe('settings module', () => {
  afterEach(() => (stubState.configuration = {}));

  it('declares every setting of package.json, and only those, with its name, type, default and scope', () => {
    const manifest = declared();
    assert.deepStrictEqual(ALL_SETTINGS.map((s) => s.id).sort(), Object.keys(manifest).sort());
    for (const setting of ALL_SETTINGS) {
      const inManifest = manifest[setting.id];
      assert.strictEqual(setting.id, `${SECTION}.${setting.key}`);
      assert.deepStrictEqual(
        { type: setting.type, default: setting.default, scope: setting.scope },
        { type: inManifest.type, default: inManifest.default, scope: inManifest.scope },
        `${setting.id}: settings.ts and package.json disagree`,
      );
    }
  });

  it('the README settings table lists every setting with the same default and scope', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const rows = new Map([...readme.matchAll(/^\| `(openaiKeyDoctor\.\w+)` \| `([^`]*)` \| (?:\*\*)?(\w+)(?:\*\*)? \|/gm)].map((m) => [m[1], { default: m[2], scope: m[3] }]));
    assert.deepStrictEqual([...rows.keys()].sort(), ALL_SETTINGS.map((s) => s.id).sort());
    for (const setting of ALL_SETTINGS) {
      // An empty string is shown as "" (an empty code span does not render).
      const shownDefault = typeof setting.default === 'string' && setting.default !== '' ? setting.default : JSON.stringify(setting.default);
      assert.deepStrictEqual(rows.get(setting.id), { default: shownDefault, scope: setting.scope }, setting.id);
    }
  });

  it('no other source file names a setting or reads the configuration itself', () => {
    const names = new Set(ALL_SETTINGS.map((s) => s.id));
    const offenders: string[] = [];
    for (const file of sourceFiles(ROOT, 'src').filter((f) => f !== SETTINGS_MODULE)) {
      const code = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const { text, line } of code.includes(`${SECTION}.`) ? stringLiterals(file, code) : []) {
        const named = [...text.matchAll(/openaiKeyDoctor\.\w+/g)].map((m) => m[0]).filter((name) => names.has(name));
        if (named.length > 0) {
          offenders.push(`${file}:${line} ${JSON.stringify(text)}`);
        }
      }
      if (/\bgetConfiguration\s*\(/.test(code)) {
        offenders.push(`${file}: calls getConfiguration`);
      }
    }
    assert.deepStrictEqual(offenders, [], `use Settings.<name>.id, read() and affects() from ${SETTINGS_MODULE}`);
  });

  it('the scan sees a setting name in a string and a template, not in a comment', () => {
    const sample = "const a = 'openaiKeyDoctor.timeoutMs';\n// openaiKeyDoctor.rules in a comment\nconst b = `Set openaiKeyDoctor.testOnSave to ${a}`;\nconst c = ['openaiKeyDoctor'];\n";
    assert.deepStrictEqual(
      stringLiterals('sample.ts', sample).map((s) => [s.line, s.text]),
      [
        [1, 'openaiKeyDoctor.timeoutMs'],
        [3, 'Set openaiKeyDoctor.testOnSave to '],
        [3, ''],
        [4, 'openaiKeyDoctor'],
      ],
    );
  });

  it('read gives the configured value, else the declared default', () => {
    assert.strictEqual(read(Settings.timeoutMs), 10000);
    stubState.configuration = { timeoutMs: 2500, scanWorkspace: false };
    assert.strictEqual(read(Settings.timeoutMs), 2500);
    assert.strictEqual(read(Settings.scanWorkspace), false);
    assert.strictEqual(read(Settings.maxFileSizeMB), 2);
  });

  it('affects names the settings a configuration change touches', () => {
    const change = (...ids: string[]) => ({ affectsConfiguration: (id: string) => ids.includes(id) }) as never;
    assert.strictEqual(affects(change('openaiKeyDoctor.rules'), Settings.rules, Settings.maxFileSizeMB), true);
    assert.strictEqual(affects(change('openaiKeyDoctor.timeoutMs'), Settings.rules, Settings.maxFileSizeMB), false);
    assert.strictEqual(affects(change('editor.fontSize'), ...ALL_SETTINGS), false);
  });

  it('typed snapshots: unknown rules and levels are dropped, nonsense numbers fall back to the defaults', () => {
    stubState.configuration = { rules: { 'crlf-line-endings': 'off', 'no-such-rule': 'error', placeholder: 'loud' }, maxFileSizeMB: Number.NaN, timeoutMs: 5, realtimeModel: '  ' };
    const lint = readLintSettings();
    assert.deepStrictEqual(lint.ruleSeverity, { 'crlf-line-endings': 'off' });
    assert.strictEqual(lint.maxFileBytes, 2 * 1024 * 1024);
    const keyTest = readKeyTestSettings();
    assert.strictEqual(keyTest.timeoutMs, 10000);
    assert.strictEqual(keyTest.realtimeModel, 'gpt-realtime');
  });
});
