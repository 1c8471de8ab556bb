import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { maskKey } from '../../../../src/core/keys/mask';
import { createSafeGitRunner } from '../../../../src/core/sources/gitRunner';
import { scanSourcePaths, SourceTreeScan } from '../../../../src/core/sources/scanTree';
import { buildSourceTree, PlantedKey, SourceTree, writeSourceTree } from '../../../support/sourceTree';
import { fakeKey } from '../../../support/keys';

/** `file@line:column key-mask` for every finding, as the CLI would print it. */
function found(scan: SourceTreeScan): string[] {
  return scan.files
    .flatMap((file) =>
      file.result.findings.map((f) => {
        const p = file.result.lines.positionAt(f.span.start);
        return `${file.relative}@${p.line + 1}:${p.character + 1} ${maskKey(file.text.slice(f.span.start, f.span.end))}`;
      }),
    )
    .sort();
}

function expected(keys: PlantedKey[]): string[] {
  return keys.map((k) => `${k.file}@${k.line}:${k.column} ${maskKey(k.key)}`).sort();
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir, stdio: 'pipe' });
}

describe('hard-coded keys in a project tree (every supported kind of file, and decoys)', () => {
  let parent: string;
  let root: string;
  let tree: SourceTree;

  before(() => {
    tree = buildSourceTree();
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-tree-'));
    root = path.join(parent, 'project');
    fs.mkdirSync(root);
    writeSourceTree(root, tree, `export const stolen = "${fakeKey('project', 999)}";\n`);
  });
  after(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('plants a key in each kind of file and at least 30 decoys', () => {
    const kinds = new Set(tree.keys.map((k) => path.extname(k.file) || path.basename(k.file)));
    for (const kind of ['.ts', '.tsx', '.mjs', '.js', '.py', '.ipynb', '.json', '.yml', '.yaml', '.toml', '.sh', '.envrc', 'Dockerfile', '.ini', '.md', '.ps1', 'refresh']) {
      assert.ok(kinds.has(kind), `no key planted in a ${kind} file`);
    }
    assert.ok(tree.decoys.length >= 30, `only ${tree.decoys.length} decoys`);
  });

  it('outside git, the walk finds every key at its exact line and column, and no decoy', async () => {
    const scan = await scanSourcePaths([root], { git: false });
    assert.deepStrictEqual(scan.modes, ['walk']);
    assert.deepStrictEqual(found(scan), expected(tree.keys));
    assert.deepStrictEqual(
      scan.skipped.map((s) => `${path.relative(root, s.path)} ${s.reason}`).sort(),
      ['data/dump.raw binary', 'fixtures/huge.txt too-large'],
    );
  });

  it('outside git with git installed, git grep --no-index finds the same keys (but not in the UTF-16 file) and no decoy', async () => {
    const scan = await scanSourcePaths([root], { git: createSafeGitRunner() });
    assert.deepStrictEqual(scan.modes, ['walk']);
    assert.deepStrictEqual(found(scan), expected(tree.keys.filter((k) => k.file !== 'windows/setup.ps1')));
    assert.deepStrictEqual(
      scan.skipped.map((s) => `${path.relative(root, s.path)} ${s.reason}`).sort(),
      ['data/dump.raw binary', 'fixtures/huge.txt too-large'],
    );
  });

  it('in a git repository, the files git lists: the same keys except in ignored files, each saying git tracks it', async () => {
    git(root, 'init', '-q', '.');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'tree');
    fs.writeFileSync(path.join(root, 'src', 'new-file.ts'), `export const k = '${fakeKey('project', 555)}';\n`);
    const scan = await scanSourcePaths([root], { git: createSafeGitRunner() });
    assert.deepStrictEqual(scan.modes, ['git']);
    // git grep searches bytes for "sk-": a UTF-16 file never matches (a known gap of the git path; the walk and the editor find it).
    const keys = [...tree.keys.filter((k) => !k.gitIgnored && k.file !== 'windows/setup.ps1'), { file: 'src/new-file.ts', line: 1, column: 19, key: fakeKey('project', 555) }];
    assert.deepStrictEqual(found(scan), expected(keys));
    for (const file of scan.files) {
      const untracked = file.relative === 'src/new-file.ts';
      assert.deepStrictEqual(file.git, { tracked: !untracked, ignored: false }, file.relative);
      for (const finding of file.result.findings) {
        assert.match(finding.message, untracked ? /\(not git-ignored\)/ : /\(git-tracked\)/, file.relative);
      }
    }
    assert.deepStrictEqual(
      scan.skipped.map((s) => `${path.relative(root, s.path)} ${s.reason}`).sort(),
      ['data/dump.raw binary', 'fixtures/huge.txt too-large'],
      'git grep searches a symbolic link\'s own text (no "sk-" there), never its target',
    );
  });

  it('maps the notebook keys to their cell (source and output) as well as to the .ipynb text', async () => {
    const scan = await scanSourcePaths([path.join(root, 'notebooks', 'explore.ipynb')], { git: false });
    const [file] = scan.files;
    const cells = file.result.findings.map((f) => f.hardcoded.cell);
    assert.deepStrictEqual(cells, [
      { cellIndex: 1, cellType: 'code', part: 'output', outputIndex: 0 },
      { cellIndex: 1, cellType: 'code', part: 'source', span: { start: 46, end: 46 + 164 } },
    ]);
    assert.match(file.result.findings[0].message, /printed in a cell output: clear the output\./);
    assert.match(file.result.findings[1].message, /use os\.environ\["OPENAI_API_KEY"\]\./);
  });
});
