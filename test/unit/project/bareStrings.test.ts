import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BareString, findBareStrings, isProse, sourceFiles } from '../../support/bareStrings';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Text that is shown but is not English to translate, each with the reason. */
const NOT_PROSE: Array<{ file: string; text: RegExp; why: string }> = [
  { file: 'src/core/keys/provider.ts', text: /^(Google Gemini|Together AI|Fireworks AI|Hugging Face|GitHub Models|Alibaba DashScope|Zhipu AI)$/, why: 'brand names' },
  { file: 'src/cli/testCommand.ts', text: /^openai-key-doctor test$/, why: 'a command line to type' },
  { file: 'src/core/probe/realtimeProbe.ts', text: /^unknown$/, why: 'a response status, beside the server\'s own (failed, cancelled)' },
  // The CLI's help is English in every language (its usage texts are not translated either).
  { file: 'src/cli/main.ts', text: /^(check \.env files|test a key against the REST and Realtime APIs|show which value of the key the app in a folder really gets)$/, why: 'CLI help' },
];

const allowed = (found: BareString) => NOT_PROSE.some((n) => n.file === found.file && n.text.test(found.text));

describe('no user-facing text bypasses l10n.t', () => {
  it('finds English shown to the user: notifications, titles, finding messages, fragments spliced into a translated message', () => {
    const sample = [
      "vscode.window.showWarningMessage('Nothing to fix');",
      "ctx.report('placeholder', span, l10n.t`A ${x ? ' with a mark' : ''} file`);",
      "const fix = { title: 'Remove the spaces', edits: [], safe: true };",
      "item.text = `$(key) not tested`;",
      "const spaced = ' It has white space.'; ctx.report('placeholder', span, l10n.t`Bad.${spaced}`);",
    ].join('\n');
    assert.deepStrictEqual(
      findBareStrings('sample.ts', sample).map((f) => [f.sink, f.text]),
      [
        ['showWarningMessage', 'Nothing to fix'],
        ['inside l10n.t', ' with a mark'],
        ['title:', 'Remove the spaces'],
        ['.text =', '$(key) not tested'],
        ['inside l10n.t', ' It has white space.'],
      ],
    );
  });

  it('leaves translated text, names and codes alone', () => {
    const sample = [
      "vscode.window.showWarningMessage(vscode.l10n.t('Nothing to fix'));",
      "ctx.report('placeholder', span, l10n.t`${name} is empty`, [{ title: l10n.t('Remove {0}', '.gitignore'), edits: [] }]);",
      "item.text = `$(key) ${masked} ${vscode.l10n.t('not tested')}`;",
      "const label = encoding === 'utf16le' ? 'UTF-16 LE' : 'UTF-16 BE'; ctx.report('utf16-encoding', span, l10n.t`Saved as ${label}.`);",
      "lines.push(`REST: ${result.rest}`, `**${EXTENSION_NAME}**`);",
    ].join('\n');
    assert.deepStrictEqual(findBareStrings('sample.ts', sample), []);
    assert.strictEqual(isProse('sk-proj-'), false);
    assert.strictEqual(isProse('Realtime: '), false);
  });

  it('src/ has none (French users read French everywhere these checks look)', () => {
    const found = sourceFiles(ROOT, 'src').flatMap((file) => findBareStrings(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    const bare = found.filter((f) => !allowed(f)).map((f) => `${f.file}:${f.line} [${f.sink}] ${JSON.stringify(f.text)}`);
    assert.deepStrictEqual(bare, [], 'wrap these in l10n.t (and translate them in l10n/bundle.l10n.fr.json)');
    for (const exception of NOT_PROSE) {
      assert.ok(found.some((f) => f.file === exception.file && exception.text.test(f.text)), `stale exception (${exception.why}): ${exception.file} ${exception.text}`);
    }
  });
});
