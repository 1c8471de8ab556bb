import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applySafeFixes, lintBytes } from '../../../src/core/lintFile';
import { lintText } from '../../../src/core/lint';
import { looksLikeOpenAiKey } from '../../../src/core/keys/keyShape';
import { detectPlaceholder } from '../../../src/core/keys/placeholder';
import { cli } from '../../support/cli';
import { fakeKey, seededRandom } from '../../support/keys';

const KEY = fakeKey('project', 3);
const MASKED = `sk-proj-...${KEY.slice(-4)}`;

/** `lint --fix` on one .env file in a fresh folder: the bytes it leaves. */
async function fixWithCli(content: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-fixsafety-'));
  try {
    fs.writeFileSync(path.join(dir, '.env'), content);
    await cli(['lint', '--fix', '--no-git', '.'], { cwd: dir });
    return fs.readFileSync(path.join(dir, '.env'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('fix safety: a fix applied without asking is proven by re-reading the file', () => {
  it('repro: a zero-width space in OPENAI\\u200bAPI_KEY before an open quote: --fix keeps OPENAI_BASE_URL and B', async () => {
    const text = 'OPENAI\u200bAPI_KEY="sk-abc\nOPENAI_BASE_URL=https://example.test/v1\nB="\n';
    const before = dotenv.parse(text);
    assert.deepStrictEqual(before, { OPENAI_BASE_URL: 'https://example.test/v1', B: '"' });
    const after = await fixWithCli(text);
    assert.deepStrictEqual(dotenv.parse(after), before);
  });

  it('repro: OPENAI\\u200bAPI_KEY: followed by OPENAI_ORG_ID: --fix keeps OPENAI_ORG_ID', async () => {
    const text = 'OPENAI\u200bAPI_KEY:\nOPENAI_ORG_ID=org-123\n';
    const after = await fixWithCli(text);
    assert.strictEqual(dotenv.parse(after).OPENAI_ORG_ID, 'org-123');
  });

  it('repro: the smart-quote fix on OPENAI_API_KEY=\\u201c"sk-abc does not swallow the lines after it', async () => {
    const text = 'OPENAI_API_KEY=\u201c"sk-abc\nOPENAI_BASE_URL=https://example.test/v1\nPORT=3000\nB="\n';
    const before = dotenv.parse(text);
    const after = dotenv.parse(await fixWithCli(text));
    for (const name of ['OPENAI_BASE_URL', 'PORT', 'B']) {
      assert.strictEqual(after[name], before[name], name);
    }
  });

  it('an unproven fix is still offered, as an explicit quick fix whose title says what else changes', () => {
    // Imported here: reviewFixes is the quick-fix side of the same proof.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { reviewFixes } = require('../../../src/core/fixProof') as typeof import('../../../src/core/fixProof');
    const text = 'OPENAI\u200bAPI_KEY="sk-abc\nOPENAI_BASE_URL=https://example.test/v1\nB="\n';
    const result = lintText(text, { fileName: '.env' });
    const finding = result.findings.find((f) => f.rule === 'invisible-character')!;
    const [reviewed] = reviewFixes(result, finding);
    assert.strictEqual(reviewed.proven, false);
    assert.strictEqual(reviewed.preferred, false, 'never applied by Auto Fix');
    assert.match(reviewed.title, /^Delete the invisible U\+200B ZERO WIDTH SPACE \(also changes .*OPENAI_BASE_URL.*\)$/);
  });

  it('repro: FAMILY_EMOJI keeps its zero-width joiners (a warning at most, never a fix)', async () => {
    const family = '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}';
    const text = `FAMILY_EMOJI=${family}\nOPENAI_API_KEY = ${KEY}\n`;
    const after = await fixWithCli(text);
    assert.strictEqual(dotenv.parse(after).FAMILY_EMOJI, family);
    assert.strictEqual(dotenv.parse(after).OPENAI_API_KEY, KEY, 'the OpenAI line was still fixed');
    for (const finding of lintText(text, { fileName: '.env' }).findings.filter((f) => f.rule === 'invisible-character')) {
      assert.strictEqual(finding.severity, 'warning');
      assert.deepStrictEqual(finding.fixes, []);
    }
  });

  it('repro: Hebrew right-to-left marks and German soft hyphens outside OpenAI variables are untouched', async () => {
    const text = 'GREETING_HE=\u05e9\u05dc\u05d5\u05dd\u200f!\nTITLE_DE=Silben\u00adtrennung\nOPENAI_API_KEY=' + KEY.slice(0, 30) + '\u200b' + KEY.slice(30) + '\n';
    const after = dotenv.parse(await fixWithCli(text));
    assert.strictEqual(after.GREETING_HE, '\u05e9\u05dc\u05d5\u05dd\u200f!');
    assert.strictEqual(after.TITLE_DE, 'Silben\u00adtrennung');
    assert.strictEqual(after.OPENAI_API_KEY, KEY, 'the invisible character in the key is still removed');
  });

  it('repro (issue 15): a duplicate never loses line 2\'s only good key to keep a masked copy on line 5', async () => {
    const text = `# app\nOPENAI_API_KEY=${KEY}\nPORT=3000\nDEBUG=1\nOPENAI_API_KEY=${MASKED}\n`;
    const after = await fixWithCli(text);
    assert.ok(after.includes(`OPENAI_API_KEY=${KEY}\n`), 'line 2 is still there');
    const finding = lintText(text, { fileName: '.env' }).findings.find((f) => f.rule === 'duplicate-key')!;
    assert.deepStrictEqual(
      finding.fixes.map((f) => [f.title, f.safe]),
      [
        ['Keep line 2 (remove line 5)', false],
        ['Keep line 5 (remove line 2)', false],
      ],
    );
  });

  it('a duplicate whose ignored definition holds no key is still removed by --fix', async () => {
    const text = `OPENAI_API_KEY=${MASKED}\nOPENAI_API_KEY=${KEY}\n`;
    assert.strictEqual(await fixWithCli(text), `OPENAI_API_KEY=${KEY}\n`);
  });

  it('repro: one --fix pass reaches a fixed point (a smart quote before an open quote needed two passes)', async () => {
    const text = `EMPTY=\nexport OPENAI_API_KEY=\u201c"${KEY}\n`;
    const once = await fixWithCli(text);
    assert.strictEqual(once, `EMPTY=\nexport OPENAI_API_KEY="${KEY}"\n`);
    assert.strictEqual(await fixWithCli(once), once);
  });

  it('several faults in one key are all fixed in one run, and a second run changes nothing', async () => {
    const text = `openai_api_key = \u201c${KEY.slice(0, 20)}\u200b${KEY.slice(20, 40)}\u2011${KEY.slice(41)}\u201d\nPORT=1\n`;
    const once = await fixWithCli(text);
    assert.strictEqual(once, `OPENAI_API_KEY="${KEY.slice(0, 40)}-${KEY.slice(41)}"\nPORT=1\n`);
    assert.strictEqual(await fixWithCli(once), once);
  });
});

describe('fix safety: the editor uses the same proof', () => {
  // Loaded in the tests, not here, so that the reproductions above still run against code without it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const proof = () => require('../../../src/core/fixProof') as typeof import('../../../src/core/fixProof');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const applyEdits = (text: string, edits: import('../../../src/core/findings').TextEdit[]) => (require('../../../src/core/fix') as typeof import('../../../src/core/fix')).applyEdits(text, edits);

  it('Fix All and source.fixAll write exactly what --fix writes, fixed point included', () => {
    const { fixAllEdits } = proof();
    for (const text of [
      `EMPTY=\nexport OPENAI_API_KEY=\u201c"${KEY}\n`,
      `openai_api_key = \u201c${KEY.slice(0, 20)}\u200b${KEY.slice(20)}\u201d\nPORT=1\n`,
      'OPENAI\u200bAPI_KEY="sk-abc\nOPENAI_BASE_URL=https://example.test/v1\nB="\n',
      `A= 1 \nOPENAI_API_KEY = ${KEY}  \nB="two words"\n`,
    ]) {
      const bytes = Buffer.from(text);
      const cliResult = applySafeFixes(lintBytes(bytes, { fileName: '.env' }), bytes);
      const editor = applyEdits(text, fixAllEdits(lintText(text, { fileName: '.env' })));
      assert.strictEqual(editor, cliResult ? Buffer.from(cliResult.bytes).toString('utf8') : text, JSON.stringify(text));
    }
  });

  it('only a proven fix is preferred (applied by Auto Fix): never one its rule offers without applying it', () => {
    const { reviewFixes } = proof();
    const text = `OPENAI_API_KEY=${KEY.slice(0, 90)}\n${KEY.slice(90)}\nOPENAI_API_KEY_2 = ${KEY}\n`;
    const result = lintText(text, { fileName: '.env' });
    const wrapped = result.findings.find((f) => f.rule === 'wrapped-key')!;
    assert.deepStrictEqual(reviewFixes(result, wrapped).map((r) => [r.title, r.preferred]), [['Join the key onto one line', false]]);
    const spaces = result.findings.find((f) => f.rule === 'space-around-separator')!;
    assert.deepStrictEqual(reviewFixes(result, spaces).map((r) => [r.proven, r.preferred]), [[true, true]]);
  });
});

/** What a fix may do to an OpenAI value: remove what the rules say is not part of a key. */
function normalizedKey(value: string): string {
  return value
    .replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, '')
    .replace(/[\u2018\u2019\u201c\u201d"'`]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/^\s*Bearer\s+/i, '')
    .trim();
}

function wellFormedKeyCounts(text: string, keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) {
    counts.set(key, text.split(key).length - 1);
  }
  return counts;
}

/** A .env file as people write them: OpenAI lines with every copy fault, other variables, comments, quotes. */
function generateFile(random: () => number, keys: readonly string[]): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const key = () => pick(keys);
  const fault = (k: string): string => {
    const at = 8 + Math.floor(random() * (k.length - 10));
    return pick([
      () => k,
      () => `${k.slice(0, at)}\u200b${k.slice(at)}`,
      () => `${k.slice(0, at)}\u2011${k.slice(at + 1)}`,
      () => `\u201c${k}\u201d`,
      () => `\u201c${k}`,
      () => `\u201c"${k}`,
      () => `"${k}`,
      () => `"${k}'`,
      () => `" ${k} "`,
      () => `Bearer ${k}`,
      () => `${k} `,
      () => `${k}\u200e`,
      () => `sk-proj-...${k.slice(-4)}`,
      () => `${k}...`,
      () => 'your-api-key-here',
      () => '',
    ])();
  };
  const name = () =>
    pick(['OPENAI_API_KEY', 'OPENAI_API_KEY', 'OPENAI\u200bAPI_KEY', 'openai_api_key', 'OPENAI_APIKEY', 'VITE_OPENAI_API_KEY', 'OPENAI_API_KEY_2', 'MY_SECRET']);
  const separator = () => pick(['=', '=', '=', ' = ', ': ', ' : ', ':', ' ']);
  const lines = [
    () => `${pick(['', 'export '])}${name()}${separator()}${fault(key())}`,
    () => `${name()}${separator()}${fault(key())}  # ${pick(['prod', 'old key', 'from the dashboard'])}`,
    () => `OPENAI_ORG_ID=${pick(['org-123abc', ' org-123abc', '"org-123abc', '\u201corg-123abc\u201d', 'org\u200b-123'])}`,
    () => `OPENAI_BASE_URL=${pick(['https://example.test/v1', 'https://api.openai.com', '"https://example.test/v1'])}`,
    () => pick(['PORT=3000', 'DEBUG=false # verbose', 'NAME="two words"', "SINGLE='it''s'", 'EMPTY=', 'URL=http://x?a=1#frag']),
    () => pick(['B="', "Q='", 'T=`', 'C="unterminated', 'D="a', 'E=x"', '"', "'"]),
    () => pick(['CERT="-----BEGIN-----', 'abc', '-----END-----"', 'MULTI=`one', 'two`']),
    () => pick(['FAMILY_EMOJI=\u{1F468}\u200d\u{1F469}\u200d\u{1F467}', 'GREETING_HE=\u05e9\u05dc\u05d5\u05dd\u200f', 'TITLE_DE=Silben\u00adtrennung', 'ZW\u200bNAME=1']),
    () => pick(['# comment', '', '   ', '# OPENAI_API_KEY=old', 'JUST SOME TEXT', `${key()}`, `OPENAI_API_KEY ${key()}`]),
  ];
  const count = 2 + Math.floor(random() * 7);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(pick(lines)());
  }
  const eol = random() < 0.2 ? '\r\n' : '\n';
  return out.join(eol) + (random() < 0.8 ? eol : '');
}

describe('fix safety: differential test over generated files', function () {
  this.timeout(120_000);

  it('over 20,000 generated files, --fix never changes another variable, never loses a key, and a second pass changes nothing', () => {
    const random = seededRandom(20240611);
    const keys = [fakeKey('early-project', 1), fakeKey('legacy', 2), fakeKey('early-project', 3)];
    const problems: string[] = [];
    let changedFiles = 0;
    const FILES = 20_000;
    for (let n = 0; n < FILES && problems.length < 5; n++) {
      const text = generateFile(random, keys);
      const bytes = Buffer.from(text, 'utf8');
      // forFixingOnly: what --fix sees, without building what only a display needs (redaction).
      const fixed = applySafeFixes(lintBytes(bytes, { fileName: '.env', forFixingOnly: true }), bytes);
      if (!fixed) {
        continue;
      }
      changedFiles++;
      const after = Buffer.from(fixed.bytes).toString('utf8');
      const describe = (why: string) => `${why}\n  before: ${JSON.stringify(text)}\n  after:  ${JSON.stringify(after)}`;
      const valuesBefore = dotenv.parse(text);
      const valuesAfter = dotenv.parse(after);
      const added = Object.keys(valuesAfter).filter((k) => !(k in valuesBefore));
      for (const name of new Set([...Object.keys(valuesBefore), ...Object.keys(valuesAfter)])) {
        const a = valuesBefore[name];
        const b = valuesAfter[name];
        if (a === b) {
          continue;
        }
        const openAi = /openai/i.test(name) || /sk-|T3BlbkFJ/.test(`${a ?? ''}${b ?? ''}`);
        if (!openAi) {
          problems.push(describe(`${name} changed from ${JSON.stringify(a)} to ${JSON.stringify(b)}`));
        } else if (a !== undefined && b !== undefined && normalizedKey(a) !== normalizedKey(b)) {
          problems.push(describe(`${name} became another value: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`));
        } else if (b === undefined && !added.some((other) => normalizedKey(valuesAfter[other]) === normalizedKey(a!))) {
          problems.push(describe(`${name} disappeared`));
        } else if (a === undefined && !/^OPENAI/.test(name)) {
          problems.push(describe(`${name} appeared`));
        }
      }
      const keysBefore = wellFormedKeyCounts(text, keys);
      const keysAfter = wellFormedKeyCounts(after, keys);
      for (const [k, count] of keysBefore) {
        if ((keysAfter.get(k) ?? 0) < count) {
          problems.push(describe('a well-formed key was deleted'));
        }
      }
      const again = applySafeFixes(lintBytes(fixed.bytes, { fileName: '.env', forFixingOnly: true }), fixed.bytes);
      if (again && Buffer.compare(Buffer.from(again.bytes), Buffer.from(fixed.bytes)) !== 0) {
        problems.push(describe(`a second --fix changed it again: ${JSON.stringify(Buffer.from(again.bytes).toString('utf8'))}`));
      }
    }
    assert.deepStrictEqual(problems, []);
    assert.ok(changedFiles > FILES / 4, `the generator exercises the fixes (${changedFiles} files fixed)`);
  });

  it('the generated keys are well-formed keys for the linter (the key-loss check is not vacuous)', () => {
    for (const k of [fakeKey('early-project', 1), fakeKey('legacy', 2)]) {
      assert.ok(looksLikeOpenAiKey(k) && !detectPlaceholder(k));
    }
  });
});
