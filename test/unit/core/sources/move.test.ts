import * as assert from 'assert';
import { parseDotenv, resolveValues } from '../../../../src/core/dotenv/parse';
import { applyEdits } from '../../../../src/core/fix';
import { envHoldsKey, planEnvEdit } from '../../../../src/core/sources/envEdit';
import { dotenvPathFor } from '../../../../src/core/sources/dotenvPath';
import { applyMove, keyOf, MovePlan, planMove } from '../../../../src/core/sources/move';
import { cellText, readNotebook } from '../../../../src/core/sources/notebook';
import { importOsEdit, importsOs } from '../../../../src/core/sources/pythonImports';
import { scanSourceText, SourceFinding } from '../../../../src/core/sources/scan';
import { ALL_KEY_TYPES, fakeKey } from '../../../support/keys';

const KEY = fakeKey('project', 21);

/** Scans, plans the move of the first finding, applies it, and checks the result holds no key any more. */
function moved(path: string, template: string, options: Parameters<typeof planMove>[2] = {}): { text: string; plan: MovePlan; finding: SourceFinding } {
  const source = template.split('«KEY»').join(KEY);
  const result = scanSourceText(source, { path });
  assert.ok(result.findings.length > 0, `no finding in ${path}`);
  const finding = result.findings[0];
  assert.strictEqual(keyOf(source, finding), KEY);
  const plan = planMove(source, finding, options);
  const text = applyMove(source, plan);
  if (plan.kind === 'replace') {
    assert.deepStrictEqual(scanSourceText(text, { path }).findings.length, result.findings.length - 1, 'the edited text still holds the key');
    for (const shown of [plan.title, ...plan.notes]) {
      assert.ok(!shown.includes(KEY.slice(20, 40)), shown);
    }
  } else {
    assert.ok(!plan.message.includes(KEY.slice(20, 40)));
  }
  return { text, plan, finding };
}

describe('moving a hard-coded key: the edit, byte for byte', () => {
  it('JavaScript and TypeScript: process.env.OPENAI_API_KEY', () => {
    assert.strictEqual(moved('a.ts', `const c = new OpenAI({ apiKey: "«KEY»" });\n`).text, `const c = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n`);
    assert.strictEqual(moved('a.js', `const k = '«KEY»';\r\n`).text, `const k = process.env.OPENAI_API_KEY;\r\n`);
    assert.strictEqual(moved('a.ts', 'const h = `«KEY»`;\n').text, 'const h = process.env.OPENAI_API_KEY;\n');
    assert.strictEqual(moved('a.ts', 'const h = `Bearer «KEY»`;\n').text, 'const h = `Bearer ${process.env.OPENAI_API_KEY}`;\n');
    assert.strictEqual(moved('a.ts', `const h = "Bearer «KEY»";\n`).text, `const h = ("Bearer " + process.env.OPENAI_API_KEY);\n`);
    assert.strictEqual(moved('a.ts', `const h = '«KEY»:org';\n`).text, `const h = (process.env.OPENAI_API_KEY + ':org');\n`);
    assert.strictEqual(moved('a.ts', `const byKey = { "«KEY»": 1 };\n`).text, `const byKey = { [process.env.OPENAI_API_KEY]: 1 };\n`);
    assert.strictEqual(moved('a.ts', `// «KEY»\n`).text, `// OPENAI_API_KEY\n`);
  });

  it('JSX: an attribute value gets braces', () => {
    assert.strictEqual(moved('Chat.tsx', `<Chat model="x" apiKey="«KEY»" />\n`).text, `<Chat model="x" apiKey={process.env.OPENAI_API_KEY} />\n`);
    assert.strictEqual(moved('Chat.jsx', `<Chat\n  apiKey="Bearer «KEY»"\n/>\n`).text, `<Chat\n  apiKey={"Bearer " + process.env.OPENAI_API_KEY}\n/>\n`);
  });

  it('a note says to load .env when the code does not seem to, and the title names the idiom', () => {
    const plain = moved('a.ts', `const k = "«KEY»";\n`).plan;
    assert.ok(plain.kind === 'replace');
    assert.strictEqual(plain.title, 'Move the key to .env and use process.env.OPENAI_API_KEY');
    assert.deepStrictEqual(plain.notes, ["Load .env at start-up: import 'dotenv/config', or run node --env-file=.env."]);
    const loads = moved('a.ts', `import 'dotenv/config';\nconst k = "«KEY»";\n`).plan;
    assert.ok(loads.kind === 'replace');
    assert.deepStrictEqual(loads.notes, []);
  });

  it('Python: os.environ["OPENAI_API_KEY"], with import os added after the docstring and __future__ imports', () => {
    assert.strictEqual(
      moved('a.py', `#!/usr/bin/env python3\n"""Chat.\n\nMore."""\nfrom __future__ import annotations\nimport openai\nc = openai.OpenAI(api_key="«KEY»")\n`).text,
      `#!/usr/bin/env python3\n"""Chat.\n\nMore."""\nfrom __future__ import annotations\nimport os\nimport openai\nc = openai.OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n`,
    );
    assert.strictEqual(moved('a.py', `import sys, os\nk = r'«KEY»'\n`).text, `import sys, os\nk = os.environ["OPENAI_API_KEY"]\n`);
    assert.strictEqual(moved('a.py', `k = '«KEY»'`).text, `import os\nk = os.environ["OPENAI_API_KEY"]`);
    assert.strictEqual(moved('a.py', `import os.path\r\nk = b"«KEY»"\r\n`).text, `import os.path\r\nk = os.environ["OPENAI_API_KEY"].encode()\r\n`);
    assert.strictEqual(moved('a.py', `import os\nh = f"Bearer {x} «KEY»"\n`).text, `import os\nh = f"Bearer {x} {os.environ['OPENAI_API_KEY']}"\n`);
    assert.strictEqual(moved('a.py', `import os\nh = "Bearer «KEY»"\n`).text, `import os\nh = ("Bearer " + os.environ["OPENAI_API_KEY"])\n`);
    assert.strictEqual(moved('a.py', `import os\nh = """«KEY»\n"""\n`).text, `import os\nh = (os.environ["OPENAI_API_KEY"] + """\n""")\n`);
    assert.strictEqual(moved('a.py', `k = 1  # «KEY»\n`).text, `k = 1  # OPENAI_API_KEY\n`);
  });

  it('Python: no edit for an implicitly joined literal or a partial bytes literal', () => {
    for (const template of [`h = "Bearer " "«KEY»"\n`, `h = ("«KEY»"\n     "suffix")\n`, `h = b"Bearer «KEY»"\n`]) {
      const { plan, text } = moved('a.py', template);
      assert.strictEqual(plan.kind, 'guidance', template);
      assert.strictEqual(text, template.split('«KEY»').join(KEY));
    }
  });

  it('import os: recognised forms, and the line ending of the file', () => {
    assert.strictEqual(importsOs('import os'), true);
    assert.strictEqual(importsOs('import json, os  # env'), true);
    assert.strictEqual(importsOs('    import os.path'), true);
    assert.strictEqual(importsOs('import os as operating_system'), false);
    assert.strictEqual(importsOs('from os import environ'), false);
    assert.strictEqual(importsOs('import oss'), false);
    assert.deepStrictEqual(importOsEdit('# coding: utf-8\r\n\r\nx = 1\r\n'), { start: 19, end: 19, newText: 'import os\r\n' });
    assert.deepStrictEqual(importOsEdit(''), { start: 0, end: 0, newText: 'import os\n' });
    assert.deepStrictEqual(importOsEdit('"""only a docstring"""'), { start: 22, end: 22, newText: '\nimport os\n' });
  });

  it('shell: "$OPENAI_API_KEY", ${OPENAI_API_KEY} inside double quotes and heredocs, closing single quotes around it', () => {
    assert.strictEqual(moved('run.sh', `export OPENAI_API_KEY=«KEY»\n`).text, `export OPENAI_API_KEY="$OPENAI_API_KEY"\n`);
    assert.strictEqual(moved('run.sh', `K='«KEY»' node app.js\n`).text, `K="$OPENAI_API_KEY" node app.js\n`);
    assert.strictEqual(moved('run.sh', `curl -H "Authorization: Bearer «KEY»" u\n`).text, `curl -H "Authorization: Bearer \${OPENAI_API_KEY}" u\n`);
    assert.strictEqual(moved('run.sh', `curl -H 'Authorization: Bearer «KEY»' u\n`).text, `curl -H 'Authorization: Bearer '"$OPENAI_API_KEY" u\n`);
    assert.strictEqual(moved('run.sh', `echo '«KEY» is set'\n`).text, `echo "$OPENAI_API_KEY"' is set'\n`);
    assert.strictEqual(moved('run.sh', `cat <<EOF\nkey: «KEY»\nEOF\n`).text, `cat <<EOF\nkey: \${OPENAI_API_KEY}\nEOF\n`);
    assert.strictEqual(moved('run.sh', `cat <<'EOF'\nkey: «KEY»\nEOF\n`).plan.kind, 'guidance');
  });

  it('compose: ${OPENAI_API_KEY}; workflows: ${{ secrets.OPENAI_API_KEY }} and the key goes to the repository secrets', () => {
    assert.strictEqual(moved('docker-compose.yml', `services:\n  a:\n    environment:\n      - OPENAI_API_KEY=«KEY»\n`).text, `services:\n  a:\n    environment:\n      - OPENAI_API_KEY=\${OPENAI_API_KEY}\n`);
    assert.strictEqual(moved('compose.yaml', `x:\n  OPENAI_API_KEY: "«KEY»"\n`).text, `x:\n  OPENAI_API_KEY: "\${OPENAI_API_KEY}"\n`);
    const workflow = moved('.github/workflows/ci.yml', `env:\n  OPENAI_API_KEY: «KEY»\n`);
    assert.strictEqual(workflow.text, `env:\n  OPENAI_API_KEY: \${{ secrets.OPENAI_API_KEY }}\n`);
    assert.ok(workflow.plan.kind === 'replace');
    assert.strictEqual(workflow.plan.destination, 'github-secret');
    assert.match(workflow.plan.notes[0], /repository secret named OPENAI_API_KEY/);
  });

  it('Dockerfiles and formats that cannot read the environment get guidance, not an edit', () => {
    const cases: Array<[string, string, string]> = [
      ['Dockerfile', `ENV OPENAI_API_KEY=«KEY»\n`, 'dockerfile'],
      ['config.json', `{"key": "«KEY»"}`, 'no-environment'],
      ['config.toml', `key = "«KEY»"\n`, 'no-environment'],
      ['values.yaml', `key: «KEY»\n`, 'no-environment'],
      ['a.js', `const k = "«KEY»\n`, 'unknown-context'],
    ];
    for (const [file, template, reason] of cases) {
      const { plan } = moved(file, template);
      assert.ok(plan.kind === 'guidance', file);
      assert.strictEqual(plan.reason, reason, file);
    }
  });

  it('an Admin key moves to OPENAI_ADMIN_KEY; the caller may pick another variable', () => {
    const admin = fakeKey('admin', 4);
    const text = `k = "${admin}"\nimport os\n`;
    const [finding] = scanSourceText(text, { path: 'a.py' }).findings;
    assert.strictEqual(applyMove(text, planMove(text, finding)), `k = os.environ["OPENAI_ADMIN_KEY"]\nimport os\n`);
    assert.strictEqual(applyMove(text, planMove(text, finding, { variable: 'OPENAI_API_KEY_2' })), `k = os.environ["OPENAI_API_KEY_2"]\nimport os\n`);
  });

  it('every key type, in every language with an idiom, leaves a text without a finding', () => {
    for (const type of ALL_KEY_TYPES) {
      const key = fakeKey(type, 8);
      for (const [file, text] of [
        ['a.ts', `x("${key}", '${key}', \`${key}\`)`],
        ['a.py', `x("${key}", '${key}', f"{y}${key}")`],
        ['a.sh', `x "${key}" '${key}' ${key}`],
        ['docker-compose.yml', `a: ${key}\nb: "${key}"`],
        ['.github/workflows/w.yml', `a: ${key}`],
      ]) {
        let current = text;
        for (let round = 0; round < 5; round++) {
          const findings = scanSourceText(current, { path: file }).findings;
          if (findings.length === 0) {
            break;
          }
          const plan = planMove(current, findings[0]);
          assert.strictEqual(plan.kind, 'replace', `${file}: ${current}`);
          current = applyMove(current, plan);
        }
        assert.deepStrictEqual(scanSourceText(current, { path: file }).findings, [], `${type} in ${file}: ${current}`);
      }
    }
  });
});

describe('moving a hard-coded key: notebooks', () => {
  const notebookText = (cells: Array<{ type: string; source: string | string[]; outputs?: unknown[] }>) =>
    JSON.stringify(
      {
        cells: cells.map((c) => ({ cell_type: c.type, metadata: {}, source: c.source, ...(c.type === 'code' ? { execution_count: null, outputs: c.outputs ?? [] } : {}) })),
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    );

  it('edits the cell (what VS Code shows) and the .ipynb text alike, adding import os to the cell', () => {
    const text = notebookText([
      { type: 'markdown', source: ['# Title'] },
      { type: 'code', source: ['import openai\n', `c = openai.OpenAI(api_key="${KEY}")\n`, 'print("\\"quoted\\"")'] },
    ]);
    const [finding] = scanSourceText(text, { path: 'n.ipynb' }).findings;
    assert.deepStrictEqual(finding.hardcoded.cell, { cellIndex: 1, cellType: 'code', part: 'source', span: { start: 41, end: 41 + KEY.length } });
    const plan = planMove(text, finding);
    assert.ok(plan.kind === 'replace' && plan.cellEdits);
    const before = cellText(text, readNotebook(text)!.cells[1]);
    const expectedCell = 'import os\nimport openai\nc = openai.OpenAI(api_key=os.environ["OPENAI_API_KEY"])\nprint("\\"quoted\\"")';
    assert.strictEqual(applyEdits(before, plan.cellEdits.edits), expectedCell);
    const after = applyMove(text, plan);
    const parsed = JSON.parse(after) as { cells: Array<{ source: string[] }> };
    assert.strictEqual(parsed.cells[1].source.join(''), expectedCell, 'the .ipynb edit gives the same cell text');
    assert.deepStrictEqual(parsed.cells[0].source, ['# Title']);
    assert.deepStrictEqual(scanSourceText(after, { path: 'n.ipynb' }).findings, []);
  });

  it('an earlier code cell that imports os is enough; a source given as one string works too', () => {
    const text = notebookText([
      { type: 'code', source: ['import os'] },
      { type: 'code', source: `key = '${KEY}'\nprint(len(key))` },
    ]);
    const [finding] = scanSourceText(text, { path: 'n.ipynb' }).findings;
    const after = JSON.parse(applyMove(text, planMove(text, finding))) as { cells: Array<{ source: string }> };
    assert.strictEqual(after.cells[1].source, 'key = os.environ["OPENAI_API_KEY"]\nprint(len(key))');
  });

  it('maps offsets through JSON escapes (\\u00e9, \\", \\t) on the key\'s own line, both ways', () => {
    const text = `{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": ["import os\\n", "caf\\u00e9 = \\"\\t\\"; k = \\"${KEY}\\"; z = 1\\n"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`;
    const cell = 'import os\ncafé = "\t"; k = "' + KEY + '"; z = 1\n';
    const [finding] = scanSourceText(text, { path: 'n.ipynb' }).findings;
    assert.ok(finding.hardcoded.cell?.span);
    assert.strictEqual(cell.slice(finding.hardcoded.cell.span.start, finding.hardcoded.cell.span.end), KEY);
    assert.strictEqual(text.slice(finding.span.start, finding.span.end), KEY);
    const after = applyMove(text, planMove(text, finding));
    assert.strictEqual((JSON.parse(after) as { cells: Array<{ source: string[] }> }).cells[0].source.join(''), 'import os\ncafé = "\t"; k = os.environ["OPENAI_API_KEY"]; z = 1\n');
    assert.ok(after.includes('caf\\u00e9'), 'the rest of the JSON text keeps its escapes');
  });

  it('a key printed in an output, or written in a Markdown cell, gets guidance', () => {
    const text = notebookText([
      { type: 'markdown', source: [`My key: ${KEY}`] },
      { type: 'code', source: ['print(key)'], outputs: [{ output_type: 'stream', name: 'stdout', text: [`${KEY}\n`] }] },
    ]);
    const plans = scanSourceText(text, { path: 'n.ipynb' }).findings.map((f) => planMove(text, f));
    assert.deepStrictEqual(plans.map((p) => (p.kind === 'guidance' ? p.reason : p.kind)), ['no-environment', 'notebook-output']);
  });
});

describe('moving a hard-coded key: the .env edit', () => {
  const others = 'A=1\nexport B="two words"\n# OPENAI_API_KEY=commented\nC=\'x#y\'\n';

  function check(existing: string, expected: string): void {
    const plan = planEnvEdit(existing, 'OPENAI_API_KEY', KEY);
    assert.ok(plan.kind === 'append', plan.kind);
    assert.strictEqual(plan.content, expected.split('«KEY»').join(KEY));
    assert.strictEqual(applyEdits(existing, [plan.edit]), plan.content);
    const before = resolveValues(parseDotenv(existing));
    const after = resolveValues(parseDotenv(plan.content));
    assert.strictEqual(after.get('OPENAI_API_KEY'), KEY);
    for (const [name, value] of before) {
      assert.strictEqual(after.get(name), value, name);
    }
    assert.strictEqual(after.size, before.size + 1);
    assert.ok(envHoldsKey(plan.content, 'OPENAI_API_KEY', KEY));
  }

  it('creates the file when there is none', () => {
    assert.deepStrictEqual(planEnvEdit(undefined, 'OPENAI_API_KEY', KEY), { kind: 'create', content: `OPENAI_API_KEY=${KEY}\n` });
  });

  it('appends with the right line break, keeping every other variable', () => {
    check(others, `${others}OPENAI_API_KEY=«KEY»\n`);
    check('A=1', 'A=1\nOPENAI_API_KEY=«KEY»\n');
    check('A=1\r\nB=2\r\n', 'A=1\r\nB=2\r\nOPENAI_API_KEY=«KEY»\r\n');
    check('A=1\r\nB=2', 'A=1\r\nB=2\r\nOPENAI_API_KEY=«KEY»\r\n');
    check('', 'OPENAI_API_KEY=«KEY»\n');
    check('\n\n', '\n\nOPENAI_API_KEY=«KEY»\n');
    check('MULTI="line one\nline two"', 'MULTI="line one\nline two"\nOPENAI_API_KEY=«KEY»\n');
  });

  it('nothing to write when the variable already holds the key', () => {
    assert.deepStrictEqual(planEnvEdit(`OPENAI_API_KEY=${KEY}\n`, 'OPENAI_API_KEY', KEY), { kind: 'present' });
    assert.deepStrictEqual(planEnvEdit(`OPENAI_API_KEY="${KEY}" # the key\n`, 'OPENAI_API_KEY', KEY), { kind: 'present' });
  });

  it('a conflict, with both keys masked, when the variable holds another value', () => {
    const other = fakeKey('project', 22);
    const plan = planEnvEdit(`OPENAI_API_KEY=${other}\n`, 'OPENAI_API_KEY', KEY);
    assert.ok(plan.kind === 'conflict');
    assert.strictEqual(plan.message, `OPENAI_API_KEY in .env already holds sk-proj-…${other.slice(-4)}: keep one key, or move this one to another variable.`);
    assert.ok(planEnvEdit('OPENAI_API_KEY=\n', 'OPENAI_API_KEY', KEY).kind === 'conflict');
  });

  it('which .env: the compose file\'s folder for compose, the root otherwise', () => {
    assert.strictEqual(dotenvPathFor('deploy/docker-compose.yml', 'compose'), 'deploy/.env');
    assert.strictEqual(dotenvPathFor('compose.yaml', 'compose'), '.env');
    assert.strictEqual(dotenvPathFor('src/app/client.ts', 'javascript'), '.env');
  });
});
