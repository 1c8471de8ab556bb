import * as assert from 'assert';
import { fakeKey } from '../../../support/keys';
import { errorsAndWarnings, explained, none, only } from '../../../support/lint';

const KEY = fakeKey('project');
const LEGACY = fakeKey('legacy');

describe('duplicates', () => {
  it('points at the definition dotenv does not use and relates it to the one it uses', () => {
    const text = `OPENAI_API_KEY=${KEY}\nPORT=3000\nOPENAI_API_KEY=${LEGACY}\n`;
    const f = only(text, 'duplicate-key');
    assert.strictEqual(f.span.start, 0, 'reported on the first, unused, definition');
    assert.match(explained(f), /dotenv uses the last definition/);
    assert.strictEqual(f.related?.[0].span.start, text.lastIndexOf('OPENAI_API_KEY'));
  });
});

describe('exposure', () => {
  for (const prefix of ['VITE_', 'NEXT_PUBLIC_', 'REACT_APP_', 'EXPO_PUBLIC_', 'PUBLIC_', 'NUXT_PUBLIC_', 'GATSBY_']) {
    it(`${prefix}OPENAI_API_KEY is published to browsers`, () => {
      assert.strictEqual(only(`${prefix}OPENAI_API_KEY=${KEY}\n`, 'public-prefix').severity, 'warning');
    });
  }

  it('a .env with a key that git does not ignore, or tracks', () => {
    const git = { tracked: false, ignored: false, gitignoreEntry: '.env', repositoryRoot: '/repo' };
    const f = only(`OPENAI_API_KEY=${KEY}\n`, 'env-not-ignored', { git });
    assert.deepStrictEqual(f.fixes[0].fileAction, { kind: 'add-to-gitignore', entry: '.env' });
    assert.match(explained(only(`OPENAI_API_KEY=${KEY}\n`, 'env-not-ignored', { git: { ...git, tracked: true, ignored: true } })), /git rm --cached/);
    none(`OPENAI_API_KEY=${KEY}\n`, 'env-not-ignored', { git: { ...git, ignored: true } });
    none('OPENAI_API_KEY=your-key-here\n', 'env-not-ignored', { git });
  });

  it('a real-looking key in .env.example', () => {
    only(`OPENAI_API_KEY=${KEY}\n`, 'key-in-example-file', { fileName: '.env.example' });
  });
});

describe('line endings', () => {
  it('CRLF is a hint at most, and a valid key in a CRLF file gets no error', () => {
    const text = `OPENAI_API_KEY=${KEY}\r\nPORT=3000\r\n`;
    const f = only(text, 'crlf-line-endings');
    assert.strictEqual(f.severity, 'information');
    assert.deepStrictEqual(errorsAndWarnings(text), []);
  });
});
