/**
 * The reproductions of issue 11 ("Right about real projects"), one test each. Every one of them failed on the
 * code before the fix (checked by running this file against that build).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { findEnvFiles } from '../../../src/core/walk';
import { cli } from '../../support/cli';
import { fakeKey, fakeProviderKey } from '../../support/keys';
import { lint } from '../../support/lint';

const KEY = fakeKey('project', 111);

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-precision-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** An HTTPS proxy that records where the CLI tried to connect and lets nothing through. */
function refusingProxy(): Promise<{ url: string; connects: string[]; close(): Promise<void> }> {
  const connects: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, socket: net.Socket) => {
    connects.push(req.url ?? '');
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, connects, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

const summary = (text: string, fileName = '.env') => lint(text, { fileName }).map((f) => `${f.severity} ${f.rule}`);

describe('issue 11 reproductions', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string>) => {
    const dir = folder(files);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('1. template names are recognised: no placeholder or organization error, and a folder scan finds them', () => {
    const names = ['.env_example', '.example.env', '.env-template', 'example.env', 'sample.env', '.env.tmpl'];
    const template = 'OPENAI_API_KEY=your-key-here\nOPENAI_ORG_ID=your-org-id\n';
    for (const name of names) {
      assert.deepStrictEqual(summary(template, name), [], name);
    }
    const dir = make(Object.fromEntries(names.map((n) => [n, template])));
    const found = findEnvFiles([dir], () => undefined).map((f) => path.basename(f));
    assert.deepStrictEqual(found.sort(), [...names].sort());
  });

  it('2. a placeholder shaped like sk-… in .env.example is a placeholder, not a real key to revoke', () => {
    assert.deepStrictEqual(summary('OPENAI_API_KEY=sk-your_openai_api_key_here\n', '.env.example'), []);
    assert.deepStrictEqual(summary('OPENAI_API_KEY=sk-your_openai_api_key_here\n', '.env'), ['error placeholder']);
  });

  it('3. a shadowed placeholder gets at most an information note naming the line dotenv uses; exit 0', async () => {
    const text = `OPENAI_API_KEY=your-api-key-here\nOPENAI_API_KEY=${KEY}\n`;
    const findings = lint(text);
    assert.deepStrictEqual(findings.map((f) => `${f.severity} ${f.rule}`), ['information duplicate-key']);
    assert.match(findings[0].message, /line 2/);
    const run = await cli(['lint', '--no-git', '.env'], { cwd: make({ '.env': text }) });
    assert.strictEqual(run.code, 0, run.stdout);
  });

  it('4. an Azure setup gets no OpenAI key-shape error, and `test` never sends its key to api.openai.com', async () => {
    const azure = `OPENAI_API_TYPE=azure\nOPENAI_API_BASE=https://myres.openai.azure.com/\nOPENAI_API_VERSION=2024-02-01\nOPENAI_API_KEY=${fakeProviderKey('azure', 4)}\n`;
    assert.deepStrictEqual(summary(azure), []);
    const dir = make({ '.env': azure });
    const proxy = await refusingProxy();
    try {
      const run = await cli(['test', '--env-file', '.env', '--force', '--timeout-ms', '2000'], { cwd: dir, env: { HTTPS_PROXY: proxy.url } });
      assert.deepStrictEqual(proxy.connects, [], 'nothing was sent');
      assert.strictEqual(run.code, 1);
      assert.match(run.stdout, /is an Azure OpenAI key, so it was not sent to api\.openai\.com/);
      assert.match(run.stdout, /--base-url https:\/\/myres\.openai\.azure\.com\/openai\/v1/);
    } finally {
      await proxy.close();
    }
  });

  it('5. OpenAI-compatible providers: their keys are fine with their base URL, an error naming them without it', async () => {
    assert.deepStrictEqual(summary(`OPENAI_BASE_URL=https://api.deepseek.com\nOPENAI_API_KEY=${fakeProviderKey('deepseek', 5)}\n`), []);
    assert.deepStrictEqual(summary(`OPENAI_BASE_URL=https://api.groq.com/openai/v1\nOPENAI_API_KEY=${fakeProviderKey('groq', 5)}\n`), []);
    assert.deepStrictEqual(summary('OPENAI_BASE_URL=http://localhost:11434/v1\nOPENAI_API_KEY=ollama\n'), []);
    const groq = lint(`OPENAI_API_KEY=${fakeProviderKey('groq', 5)}\n`);
    assert.deepStrictEqual(groq.map((f) => `${f.severity} ${f.rule}`), ['error other-provider-key']);
    assert.match(groq[0].message, /Groq/);
    const openRouter = lint(`OPENAI_BASE_URL=https://api.openai.com/v1\nOPENAI_API_KEY=${fakeProviderKey('openrouter', 5)}\n`);
    assert.deepStrictEqual(openRouter.map((f) => `${f.severity} ${f.rule}`), ['error other-provider-key']);
    assert.match(openRouter[0].message, /OpenRouter/);
    const proxy = await refusingProxy();
    try {
      const run = await cli(['test', '--timeout-ms', '2000'], { cwd: os.tmpdir(), env: { OPENAI_API_KEY: fakeProviderKey('openrouter', 5), HTTPS_PROXY: proxy.url } });
      assert.deepStrictEqual(proxy.connects, [], 'an OpenRouter key is not sent to api.openai.com');
      assert.match(run.stdout, /is an OpenRouter key, so it was not sent/);
    } finally {
      await proxy.close();
    }
  });

  it("6. dotenv's own multi-line PEM fixture is clean", () => {
    const pem = 'PEM="-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnNl1tL3QjKp3DZWM0T3u\nu4QuUoobAgMBAAE=\n-----END PUBLIC KEY-----"\n';
    assert.deepStrictEqual(summary(pem), []);
  });

  it('7. `DEBUG:` then a key: the message names OPENAI_API_KEY as never set, and DEBUG gets no key findings', () => {
    const findings = lint(`DEBUG:\nOPENAI_API_KEY=${KEY}\n`);
    assert.deepStrictEqual(findings.filter((f) => f.severity !== 'information').map((f) => f.rule), ['swallowed-variable']);
    assert.match(findings.find((f) => f.rule === 'swallowed-variable')!.message, /OPENAI_API_KEY is never set/);
  });

  it('8. malformed ${…} references in a key are errors; a well-formed one stays a warning', () => {
    for (const value of ['${BAR', '${BAR!}', '$BAR}', '${FOO${BAR}']) {
      assert.deepStrictEqual(summary(`OPENAI_API_KEY=${value}\n`), ['error variable-reference'], value);
    }
    assert.deepStrictEqual(summary('OPENAI_API_KEY=${BAR}\n'), ['warning variable-reference']);
  });

  it('9. a key from the environment is described as such: no quotes it never had, no file line or column', async () => {
    for (const value of [`"${KEY}"`, `${KEY}\r`, ` ${KEY}`]) {
      const run = await cli(['test'], { cwd: os.tmpdir(), env: { OPENAI_API_KEY: value } });
      assert.strictEqual(run.code, 1);
      assert.match(run.stdout, /OPENAI_API_KEY from the environment/, JSON.stringify(value));
      assert.doesNotMatch(run.stdout, /inside the quotes|line \d+, column \d+|column \d+/, JSON.stringify(value));
    }
  });

  it('10. `lint app.js` gives one clear note, not "dotenv ignores this line" for every line', async () => {
    const dir = make({ 'app.js': `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '${KEY}' });\nconsole.log(await client.models.list());\n` });
    const run = await cli(['lint', '--format', 'json', '--no-git', 'app.js'], { cwd: dir });
    const findings = JSON.parse(run.stdout).files[0].findings as Array<{ rule: string; severity: string }>;
    assert.deepStrictEqual(findings.map((f) => `${f.severity} ${f.rule}`), ['information not-env-file']);
    assert.strictEqual(run.code, 0);
  });
});
