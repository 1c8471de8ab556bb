import * as assert from 'assert';
import { parseDotenv } from '../../../src/core/dotenv/parse';
import type { TextEdit } from '../../../src/core/findings';
import { proveEdits } from '../../../src/core/fixProof';
import { fakeKey } from '../../support/keys';

const KEY = fakeKey('project', 21);

/** The proof of replacing `find` (its n-th occurrence) by `replace` in `text`. */
function prove(text: string, find: string, replace: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(find, at + 1);
  }
  assert.ok(at >= 0, `"${find}" is in the text`);
  const edit: TextEdit = { start: at, end: at + find.length, newText: replace };
  return proveEdits(text, parseDotenv(text), [edit]);
}

describe('the fix proof', () => {
  it('proves a fix that only changes the lines it touches', () => {
    assert.strictEqual(prove('A=1\nOPENAI_API_KEY = x\nB=2\n', ' = ', '=').proven, true);
    assert.strictEqual(prove('OPENAI_API_KEY="x\nB=2\n', '"x', '"x"').proven, true, 'a closing quote at the end of the line');
  });

  it('rejects a fix whose line then swallows the next ones, and names what changes', () => {
    const proof = prove('OPENAI_API_KEY=\u201c"sk-abc\nPORT=3000\nB="\n', '\u201c', '');
    assert.strictEqual(proof.proven, false);
    assert.deepStrictEqual(proof.alsoChanges.sort(), ['B', 'OPENAI_API_KEY', 'PORT']);
  });

  it('proves the removal of a definition dotenv ignores, whole line and line break', () => {
    assert.strictEqual(prove('K=old\nK=new\n', 'K=old\n', '').proven, true);
  });

  it('rejects the removal of the definition dotenv uses, even though an older one takes its place', () => {
    const proof = prove('K=old\nK=new\n', 'K=new\n', '');
    assert.strictEqual(proof.proven, false);
    assert.deepStrictEqual(proof.alsoChanges, ['K']);
  });

  it('rejects a rename that uncovers an older definition under the old name', () => {
    assert.strictEqual(prove('OPENAI_APIKEY=old\nOPENAI_APIKEY=new\n', 'OPENAI_APIKEY', 'OPENAI_API_KEY', 1).proven, false);
    assert.strictEqual(prove('X=1\nOPENAI_APIKEY=new\n', 'OPENAI_APIKEY', 'OPENAI_API_KEY').proven, true);
  });

  it('rejects two renames to the same name when the second shadows the first', () => {
    const text = 'openai_api_key=first\nOPENAI_APIKEY=second\n';
    const edits: TextEdit[] = [
      { start: 0, end: 14, newText: 'OPENAI_API_KEY' },
      { start: text.indexOf('OPENAI_APIKEY'), end: text.indexOf('OPENAI_APIKEY') + 13, newText: 'OPENAI_API_KEY' },
    ];
    assert.strictEqual(proveEdits(text, parseDotenv(text), edits).proven, false);
  });

  it('rejects the deletion of a line holding a well-formed key, even one dotenv does not use', () => {
    const text = `OPENAI_API_KEY=${KEY}\nOPENAI_API_KEY=sk-proj-...abcd\n`;
    const proof = prove(text, `OPENAI_API_KEY=${KEY}\n`, '');
    assert.deepStrictEqual([proof.proven, proof.removesKey, proof.alsoChanges], [false, true, []]);
  });

  it('a character removed inside a key keeps the key (the halves are still there)', () => {
    const text = `OPENAI_API_KEY=${KEY.slice(0, 50)}\u200b${KEY.slice(50)}\n`;
    assert.strictEqual(prove(text, '\u200b', '').proven, true);
  });

  it('works the same with CRLF line endings', () => {
    assert.strictEqual(prove('A=1\r\nOPENAI_API_KEY = x\r\nB=2\r\n', ' = ', '=').proven, true);
    assert.strictEqual(prove('K=old\r\nK=new\r\n', 'K=old\r\n', '').proven, true);
    assert.strictEqual(prove('OPENAI_API_KEY=\u201c"sk-abc\r\nPORT=3000\r\nB="\r\n', '\u201c', '').proven, false);
  });
});
