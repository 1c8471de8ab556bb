import * as l10n from '@vscode/l10n';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES, RULE_FAMILIES, RULE_IDS, isRuleId } from '../../../../src/core/rules/catalog';
import type { RuleFamily } from '../../../../src/core/rules/ruleFamily';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const bundle = (file: string) => JSON.parse(read(file)) as Record<string, string>;

/** The catalog is the one list of rules: package.json, the README and both l10n bundles are held to it. */
describe('rule catalog', () => {
  it('each rule is declared by exactly one family', () => {
    const declared = RULE_FAMILIES.flatMap((family) => Object.keys(family.rules));
    assert.deepStrictEqual(declared.filter((id, i) => declared.indexOf(id) !== i), [], 'declared twice');
    assert.deepStrictEqual(declared, RULE_IDS);
    assert.ok(isRuleId('placeholder') && !isRuleId('toString') && !isRuleId('__proto__'));
  });

  it('every family file of src/core/rules is in the catalog', () => {
    const folder = path.join(ROOT, 'src', 'core', 'rules');
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.values(require(path.join(ROOT, 'out', 'src', 'core', 'rules', file.replace(/\.ts$/, '.js'))) as Record<string, unknown>);
      for (const family of exported.filter((e): e is RuleFamily => typeof e === 'object' && e !== null && 'rules' in e && 'checks' in e)) {
        assert.ok(RULE_FAMILIES.includes(family), `${file} declares a family that RULE_FAMILIES (catalog.ts) does not list`);
      }
    }
  });

  it('package.json: the openaiKeyDoctor.rules setting lists every rule, in the catalog order', () => {
    const manifest = JSON.parse(read('package.json'));
    assert.deepStrictEqual(manifest.contributes.configuration.properties['openaiKeyDoctor.rules'].propertyNames.enum, RULE_IDS);
  });

  it('package.json: the settings editor offers each rule id with its description and the four levels', () => {
    const manifest = JSON.parse(read('package.json'));
    const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
    const properties = manifest.contributes.configuration.properties['openaiKeyDoctor.rules'].properties as Record<string, { enum: string[]; markdownDescription: string }>;
    assert.deepStrictEqual(Object.keys(properties), RULE_IDS);
    for (const id of RULE_IDS) {
      assert.deepStrictEqual(properties[id].enum, ['off', 'information', 'warning', 'error'], id);
      assert.strictEqual(nls[properties[id].markdownDescription.slice(1, -1)], `${RULES[id].summary()} (default: ${RULES[id].severity})`, id);
    }
  });

  it('README: every rule has its #rule-<id> section, headed with its default severity, and no section is stale', () => {
    const readme = read('README.md');
    for (const id of RULE_IDS) {
      const section = new RegExp(`<a id="rule-${id}"></a>\\n#### \`${id}\` \\((\\w+)`).exec(readme);
      assert.ok(section, `README lacks the section of ${id}: <a id="rule-${id}"></a> then #### \`${id}\` (severity)`);
      assert.strictEqual(section[1], RULES[id].severity, `the README heading of ${id} says ${section[1]}`);
    }
    const documented = [...readme.matchAll(/<a id="rule-([a-z0-9-]+)"><\/a>/g)].map((m) => m[1]);
    assert.deepStrictEqual(documented.filter((id) => !isRuleId(id)), [], 'README sections of rules that do not exist');
  });

  it('l10n: every summary is in both bundles, and reads in French with the French bundle', () => {
    const en = bundle('l10n/bundle.l10n.json');
    const fr = bundle('l10n/bundle.l10n.fr.json');
    const english = RULE_IDS.map((id) => RULES[id].summary());
    assert.deepStrictEqual(english.filter((s) => !(s in en)), [], 'not exported (npx vscode-l10n-dev export --outDir ./l10n ./src)');
    assert.deepStrictEqual(english.filter((s) => !(s in fr)), [], 'not translated in l10n/bundle.l10n.fr.json');
    l10n.config({ contents: fr });
    try {
      assert.deepStrictEqual(RULE_IDS.filter((id, i) => RULES[id].summary() === english[i]), [], 'summaries that stay English in French');
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
