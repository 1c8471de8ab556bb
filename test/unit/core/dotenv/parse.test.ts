import * as assert from 'assert';
import * as dotenv from 'dotenv';
import { entriesHolding, nameLengthOf, parseDotenv, resolveValues, statementEndOf, statementStartOf, stripSurroundingQuotes } from '../../../../src/core/dotenv/parse';
import { fakeKey, seededRandom } from '../../../support/keys';

function ourValues(text: string): Record<string, string> {
  return Object.fromEntries(resolveValues(parseDotenv(text)));
}

function assertSameAsDotenv(text: string): void {
  const expected = dotenv.parse(text);
  const actual = ourValues(text);
  assert.deepStrictEqual(actual, { ...expected }, `different from dotenv for ${JSON.stringify(text)}`);
}

function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

describe('parseDotenv: positions', () => {
  it('keeps the exact place of export, name, separator, quotes, value and comment', () => {
    const key = fakeKey('project');
    const text = `# OpenAI\nexport OPENAI_API_KEY="${key}"  # prod key\n`;
    const [entry] = parseDotenv(text).entries;
    assert.strictEqual(slice(text, entry.exportSpan!), 'export');
    assert.strictEqual(slice(text, entry.nameSpan), 'OPENAI_API_KEY');
    assert.strictEqual(slice(text, entry.separatorSpan), '=');
    assert.strictEqual(entry.quote?.char, '"');
    assert.strictEqual(text[entry.quote!.open], '"');
    assert.strictEqual(text[entry.quote!.close], '"');
    assert.strictEqual(slice(text, entry.contentSpan), key);
    assert.strictEqual(slice(text, entry.commentSpan!), '# prod key');
    assert.strictEqual(entry.value, key);
  });

  it('maps positions back through CRLF line endings', () => {
    const text = 'A=1\r\nOPENAI_API_KEY = sk-abc \r\nB="x"\r\n';
    const entries = parseDotenv(text).entries;
    assert.deepStrictEqual(entries.map((e) => slice(text, e.nameSpan)), ['A', 'OPENAI_API_KEY', 'B']);
    assert.strictEqual(slice(text, entries[1].valueSpan), 'sk-abc');
    assert.strictEqual(slice(text, entries[2].contentSpan), 'x');
  });

  it('reads `KEY: value` and unquoted values up to an inline comment', () => {
    const text = 'OPENAI_API_KEY: sk-one #comment\nOTHER=a#b\n';
    const entries = parseDotenv(text).entries;
    assert.strictEqual(entries[0].separator, ':');
    assert.strictEqual(entries[0].value, 'sk-one');
    assert.strictEqual(entries[1].value, 'a');
  });

  it('spans multi-line quoted values and expands \\n only in double quotes', () => {
    const text = 'CERT="line1\nline2"\nS=\'a\\nb\'\nD="a\\nb"\n';
    const values = ourValues(text);
    assert.strictEqual(values.CERT, 'line1\nline2');
    assert.strictEqual(values.S, 'a\\nb');
    assert.strictEqual(values.D, 'a\nb');
    assert.strictEqual(parseDotenv(text).entries[0].multiline, true);
  });

  it('lists lines dotenv ignores', () => {
    const text = 'OPENAI_API_KEY sk-proj-abc\n# a comment\nOK=1\nKEY : v\n';
    const ignored = parseDotenv(text).ignoredLines.map((s) => slice(text, s));
    assert.deepStrictEqual(ignored, ['OPENAI_API_KEY sk-proj-abc', 'KEY : v']);
  });

  it('the last duplicate wins', () => {
    assert.deepStrictEqual(ourValues('K=first\nK=second\n'), { K: 'second' });
  });
});

describe('parseDotenv agrees with dotenv.parse', () => {
  const realWorld = [
    '',
    'OPENAI_API_KEY=sk-abc',
    'OPENAI_API_KEY = sk-abc ',
    'export OPENAI_API_KEY="sk-abc" # comment',
    "OPENAI_API_KEY='sk-abc'",
    'OPENAI_API_KEY=`sk-abc`',
    'OPENAI_API_KEY: sk-abc',
    'OPENAI_API_KEY:sk-abc',
    'OPENAI_API_KEY="  sk-abc  "',
    'OPENAI_API_KEY="sk-abc',
    "OPENAI_API_KEY=\"sk-abc'",
    'OPENAI_API_KEY=sk-abc#notacomment',
    'OPENAI_API_KEY="sk-abc#x"',
    'OPENAI_API_KEY=\u201csk-abc\u201d',
    '\ufeffOPENAI_API_KEY=sk-abc\nB=2',
    'OPENAI_API_KEY=sk-abc\r\nB=2\r\n',
    'A="multi\nline"\nB=2',
    'A="unterminated\nB=2\nC="x"',
    'A=\n"quoted on next line"',
    'A:\nB=1',
    'KEY\n=value',
    'A="x" trailing',
    "A='a'b'",
    'A="a\\"b"',
    'A="\\n\\r"',
    'export\nKEY=1',
    'export =1',
    'A=1\u2028B=2',
    'A=1 # c\u2028B=2',
    'K="a\n\'x\'\nb"',
    'OPENAI_API_KEY=\u00a0sk-abc\u00a0',
    'OPENAI_API_KEY=\u200bsk-abc',
    'a.b-c=1\n1=2\n-=3',
  ];
  for (const text of realWorld) {
    it(`reads ${JSON.stringify(text).slice(0, 50)} as dotenv does`, () => assertSameAsDotenv(text));
  }

  it('agrees on 20,000 files generated from .env building blocks', () => {
    const pieces = ['OPENAI_API_KEY', 'K', 'A_B', 'export ', 'export', ' ', '  ', '\t', '=', ':', ': ', '"', "'", '`', '\\', '\\n', '#', ' #c', '\n', '\r\n', '\r', 'x', 'sk-proj-abc', '\u00a0', '\ufeff', '\u2028', '\u200b', 'é', '.', '-', '\n\n', "='", '="', '=`', fakeKey('legacy')];
    const random = seededRandom(2024);
    for (let n = 0; n < 20000; n++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) {
        text += pieces[Math.floor(random() * pieces.length)];
      }
      assertSameAsDotenv(text);
    }
  });

  it('never throws and agrees on 5,000 random Unicode strings rich in quotes', () => {
    const random = seededRandom(7);
    const alphabet = ['"', "'", '`', '=', '#', '\n', '\r', ' ', 'A', 'K', '\\', ':'];
    for (let n = 0; n < 5000; n++) {
      let text = '';
      const length = Math.floor(random() * 60);
      for (let i = 0; i < length; i++) {
        text += random() < 0.6 ? alphabet[Math.floor(random() * alphabet.length)] : String.fromCodePoint(Math.floor(random() * 0x2ffff));
      }
      assertSameAsDotenv(text);
    }
  });

  it('never throws and agrees on random bytes read as UTF-8', () => {
    const random = seededRandom(99);
    for (let n = 0; n < 2000; n++) {
      const bytes = Buffer.alloc(Math.floor(random() * 200));
      for (let i = 0; i < bytes.length; i++) {
        bytes[i] = random() < 0.3 ? 0x3d : Math.floor(random() * 256);
      }
      assertSameAsDotenv(bytes.toString('utf8'));
    }
  });
});

describe('stripSurroundingQuotes', () => {
  it('removes one pair of surrounding quotes', () => {
    assert.deepStrictEqual(stripSurroundingQuotes('"abc"'), { value: 'abc', wholeQuoted: true });
    assert.deepStrictEqual(stripSurroundingQuotes('"abc'), { value: '"abc', wholeQuoted: false });
  });

  it('like the multiline regex, unwraps a quoted line inside a multi-line value', () => {
    assert.strictEqual(stripSurroundingQuotes("a\n'x'\nb").value, 'a\nx\nb');
  });
});

describe('entriesHolding: the text search the rules of a big file use instead of cutting every name and value', () => {
  it('over 20,000 generated files, finds every entry whose name, separator or value holds the needle, in file order', () => {
    const key = fakeKey('project', 11);
    const pieces = ['OPENAI_API_KEY', 'OPEN', 'AI', 'K', 'export ', ' ', '\t', '=', ':', ': ', '"', "'", '`', '\\', '\\n', '#', ' #c', '\n', '\r\n', '\r', 'sk', '-', 'sk-', 'T3Blbk', 'FJ', key, 'x', '\u2028'];
    const needles = ['OPENAI', 'sk-', 'T3BlbkFJ', ':'];
    const random = seededRandom(2026);
    for (let n = 0; n < 20000; n++) {
      let text = '';
      const length = Math.floor(random() * 30);
      for (let i = 0; i < length; i++) {
        text += pieces[Math.floor(random() * pieces.length)];
      }
      const parsed = parseDotenv(text);
      for (const entry of parsed.entries) {
        assert.strictEqual(statementStartOf(entry), entry.statementSpan.start);
        assert.strictEqual(statementEndOf(entry), entry.statementSpan.end);
        assert.strictEqual(nameLengthOf(entry), entry.name.length);
      }
      for (const needle of needles) {
        const found = entriesHolding(parsed, needle);
        const expected = parsed.entries.filter((e) => e.name.includes(needle) || e.separator.includes(needle) || e.value.includes(needle));
        const missing = expected.filter((e) => !found.includes(e));
        assert.deepStrictEqual(missing.map((e) => e.name), [], `${JSON.stringify(needle)} in ${JSON.stringify(text)}`);
        assert.deepStrictEqual(found, parsed.entries.filter((e) => found.includes(e)), `file order for ${JSON.stringify(needle)} in ${JSON.stringify(text)}`);
      }
    }
  });
});
