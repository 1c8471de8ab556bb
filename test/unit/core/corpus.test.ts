/** The precision corpus, linted by the CLI as a user would (`lint --no-git .`), against its expected findings. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isTemplateFileName } from '../../../src/core/envFileNames';
import { CORPUS, lintCorpus, listFiles, materializeCorpus, readExpected } from '../../support/corpus';

describe('precision corpus (test/corpus)', () => {
  const expected = readExpected();
  let dir: string;
  let actual: Map<string, string[]>;
  before(async () => {
    dir = materializeCorpus();
    actual = await lintCorpus(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds at least 60 files of our own, every one listed with its expected findings', () => {
    const onDisk = listFiles(CORPUS).filter((f) => f !== 'expected.json');
    assert.ok(onDisk.length >= 60, `${onDisk.length} files`);
    assert.deepStrictEqual([...Object.keys(expected.files), ...expected.notScanned].sort(), onDisk.sort());
  });

  it('the walk finds every .env-style file by every common name, and nothing else', () => {
    assert.deepStrictEqual([...actual.keys()].sort(), Object.keys(expected.files).sort());
  });

  it('template files are recognised by name', () => {
    for (const [file, { kind }] of Object.entries(expected.files)) {
      assert.strictEqual(isTemplateFileName(path.posix.basename(file)), kind === 'template', file);
    }
  });

  it('every file gets exactly its expected findings', () => {
    const differences = Object.entries(expected.files)
      .map(([file, { findings }]) => ({ file, expected: findings, actual: actual.get(file) ?? [] }))
      .filter((d) => JSON.stringify(d.expected) !== JSON.stringify(d.actual));
    assert.deepStrictEqual(differences, []);
  });

  it('no error on a template, unless it holds a live key; no error or warning on a correct setup of any provider', () => {
    for (const [file, { kind, findings }] of Object.entries(expected.files)) {
      const errors = findings.filter((f) => f.startsWith('error '));
      if (kind === 'template') {
        assert.ok(errors.every((f) => f.startsWith('error key-in-example-file@')), `${file}: ${errors.join(', ')}`);
      } else if (kind === 'correct') {
        assert.deepStrictEqual(findings.filter((f) => !f.startsWith('information ')), [], file);
      } else {
        assert.ok(errors.length + findings.filter((f) => f.startsWith('warning ')).length > 0, `${file} is listed as broken but gets nothing`);
      }
    }
  });
});
