import * as l10n from '@vscode/l10n';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULE_IDS } from '../../../src/core/rules/catalog';
import { median, sampleMessages, SampledMessage } from '../../support/messageCorpus';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const MEDIAN_LIMIT = 90;
const MAX_LIMIT = 160;

function figures(messages: SampledMessage[]) {
  const lengths = messages.map((m) => m.finding.message.length);
  return { count: lengths.length, median: median(lengths), max: Math.max(...lengths) };
}

describe('diagnostic messages are one short sentence', () => {
  const languages: Array<[string, Record<string, string>]> = [
    ['en', {}],
    ['fr', JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>],
  ];
  after(() => l10n.config({ contents: {} }));

  for (const [language, bundle] of languages) {
    it(`${language}: median <= ${MEDIAN_LIMIT} and max <= ${MAX_LIMIT} characters over every rule, the corpus and the demo`, () => {
      l10n.config({ contents: bundle });
      const messages = sampleMessages();
      const seen = new Set(messages.map((m) => m.finding.rule));
      const lintRules = RULE_IDS.filter((r) => !['environment-shadows-file', 'overridden-by-other-file', 'key-reused', 'hardcoded-key', 'unreadable-file', 'fix-not-written', 'too-many-findings', 'not-env-file'].includes(r));
      assert.deepStrictEqual(lintRules.filter((r) => !seen.has(r)), [], 'rules with no sample');
      const stats = figures(messages);
      const longest = [...messages].sort((a, b) => b.finding.message.length - a.finding.message.length).slice(0, 5);
      console.log(`      ${language}: ${stats.count} messages, median ${stats.median}, max ${stats.max}`);
      const tooLong = messages.filter((m) => m.finding.message.length > MAX_LIMIT).map((m) => `${m.file} ${m.finding.rule} (${m.finding.message.length}): ${m.finding.message}`);
      assert.deepStrictEqual(tooLong, [], `longest: ${longest.map((m) => m.finding.message).join('\n')}`);
      assert.ok(stats.median <= MEDIAN_LIMIT, `median ${stats.median}`);
    });
  }

  it('no message repeats a position VS Code already shows', () => {
    l10n.config({ contents: {} });
    const positioned = sampleMessages().filter((m) => /\bline \d+, column \d+|\bcolumn \d+/.test(m.finding.message));
    assert.deepStrictEqual(positioned.map((m) => `${m.finding.rule}: ${m.finding.message}`), []);
  });
});
