import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ACTIVATION_GLOBS, ENV_FILE_GLOB, isEnvFileName, isTemplateFileName, readsLikeDotenv } from '../../../src/core/envFileNames';
import { lint } from '../../support/lint';
import { fakeKey } from '../../support/keys';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { configuration: { properties: Record<string, { propertyNames?: { enum: string[] } }> } };
};

describe('.env file names', () => {
  const envFiles = [
    '.env', '.env.local', '.env.production', '.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults',
    '.env.tmpl', '.env.schema', '.env.production.example', '.env.local.template', '.env_example', '.env-example',
    '.env_sample', '.env-template', '.env_local', '.env-production', '.example.env', 'example.env', 'sample.env',
    'template.env', 'production.env', 'docker.env', 'env.example', 'env.sample', 'env.template', 'env.dist',
  ];
  const otherFiles = ['.envrc', '.environment', '.env-cmdrc', '.env-cmdrc.json', '.env_notes', 'env.ts', 'env.js', 'env.py', 'environment.ts', 'dotenv', 'README.md', '.env.'];

  it('recognises .env files and their templates by every common name', () => {
    assert.deepStrictEqual(envFiles.filter((n) => !isEnvFileName(n)), []);
  });

  it('leaves .envrc, env-cmd configuration and source files alone', () => {
    assert.deepStrictEqual(otherFiles.filter((n) => isEnvFileName(n)), []);
  });

  it('tells templates (meant to be committed) from files that are loaded', () => {
    const templates = envFiles.filter((n) => /example|sample|template|tmpl|dist|defaults|schema/.test(n));
    assert.deepStrictEqual(envFiles.filter((n) => isTemplateFileName(n)), templates);
  });

  it('templates: placeholders and empty values are fine; only a live-looking key is an error', () => {
    const template = 'OPENAI_API_KEY=your-key-here\nOPENAI_ORG_ID=your-org-id\nOPENAI_PROJECT_ID=\nOPENAI_BASE_URL=<your proxy>\n';
    for (const name of ['.env.example', '.env_sample', 'example.env', 'env.template', '.env.dist', '.env.defaults']) {
      assert.deepStrictEqual(lint(template, { fileName: name }).map((f) => f.rule), [], name);
      assert.deepStrictEqual(lint('OPENAI_API_KEY=abc\n', { fileName: name }).map((f) => f.rule), [], `${name}: a made-up value`);
      const live = lint(`OPENAI_API_KEY=${fakeKey('project', 5)}\n`, { fileName: name });
      assert.deepStrictEqual(live.map((f) => `${f.severity} ${f.rule}`), ['error key-in-example-file'], name);
    }
    for (const value of ['sk-your_openai_api_key_here', 'sk-xxxxxxxxxxxxxxxxxxxxxxxx', 'sk-abcdefghijklmnopqrstuvwxyz0123', 'sk-proj-REPLACE_ME']) {
      assert.deepStrictEqual(lint(`OPENAI_API_KEY=${value}\n`, { fileName: '.env.example' }).map((f) => f.rule), [], value);
    }
  });

  it('one glob for the workspace scan and watchers, and activation events in package.json that cover every name', () => {
    assert.match(ENV_FILE_GLOB, /^\*\*\/\{.*\}$/);
    for (const glob of ACTIVATION_GLOBS) {
      assert.ok(manifest.activationEvents.includes(`workspaceContains:${glob}`), `package.json lacks workspaceContains:${glob}`);
    }
    const covered = (name: string) =>
      ACTIVATION_GLOBS.some((g) => {
        const pattern = g.replace(/^\*\*\//, '').replace(/\./g, '\\.').replace(/\*/g, '.*');
        return new RegExp(`^${pattern}$`).test(name);
      });
    assert.deepStrictEqual(envFiles.filter((n) => !covered(n)), []);
  });

  it('a file given by name reads like a .env file when most of its lines are assignments', () => {
    assert.strictEqual(readsLikeDotenv('DJANGO_SECRET_KEY=x\nDATABASE_URL=postgres://db\n# comment\nexport OPENAI_API_KEY=x\n'), true);
    assert.strictEqual(readsLikeDotenv("import OpenAI from 'openai';\nconst client = new OpenAI();\nmodule.exports = client;\n"), false);
    assert.strictEqual(readsLikeDotenv(''), false);
  });
});
