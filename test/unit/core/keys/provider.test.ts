import * as assert from 'assert';
import { lintValue } from '../../../../src/core/lintValue';
import { keyNotForOpenAi, keyOwnerOf, providerOf, providerOfBaseUrl } from '../../../../src/core/keys/provider';
import { keyProblems } from '../../../../src/core/probe/keyProblems';
import { fakeKey, fakeProviderKey, OtherProviderKeyType } from '../../../support/keys';
import { lint } from '../../../support/lint';

const KEY = fakeKey('project', 21);
const rules = (text: string, fileName = '.env') => lint(text, { fileName }).map((f) => `${f.severity} ${f.rule}`);

describe('provider decision', () => {
  it('knows keys by their prefix or shape, and only then', () => {
    const owners: Array<[OtherProviderKeyType, string]> = [
      ['groq', 'groq'], ['openrouter', 'openrouter'], ['anthropic', 'anthropic'], ['xai', 'xai'], ['google', 'google'],
      ['perplexity', 'perplexity'], ['together', 'together'], ['huggingface', 'huggingface'], ['github', 'github'], ['azure84', 'azure'],
    ];
    for (const [type, owner] of owners) {
      assert.strictEqual(keyOwnerOf(fakeProviderKey(type))?.id, owner, type);
    }
    for (const type of ['project', 'service_account', 'admin', 'legacy', 'none'] as const) {
      assert.strictEqual(keyOwnerOf(fakeKey(type))?.id, 'openai', type);
    }
    assert.strictEqual(keyOwnerOf(fakeProviderKey('deepseek')), undefined, 'sk- + 32 hex is not proof of anything');
    assert.strictEqual(keyOwnerOf(fakeProviderKey('azure')), undefined, '32 hex digits are not proof either');
    assert.strictEqual(keyOwnerOf('ollama'), undefined);
  });

  it('reads where requests go from the base URL', () => {
    const cases: Array<[string, string]> = [
      ['https://api.openai.com/v1', 'openai'],
      ['https://eu.api.openai.com/v1', 'openai'],
      ['https://myres.openai.azure.com/', 'azure'],
      ['https://contoso.cognitiveservices.azure.com/openai/v1/', 'azure'],
      ['https://ai-hub.services.ai.azure.com/models', 'azure'],
      ['https://models.inference.ai.azure.com', 'github'],
      ['https://api.deepseek.com', 'deepseek'],
      ['https://api.groq.com/openai/v1', 'groq'],
      ['https://openrouter.ai/api/v1', 'openrouter'],
      ['https://generativelanguage.googleapis.com/v1beta/openai/', 'google'],
      ['http://localhost:11434/v1', 'local'],
      ['http://127.0.0.1:1234/v1', 'local'],
      ['http://host.docker.internal:8000/v1', 'local'],
      ['http://vllm:8000/v1', 'local'],
      ['http://192.168.1.40:8080/v1', 'local'],
      ['http://[::1]:8080/v1', 'local'],
      ['https://llm-gateway.corp.example.com/v1', 'custom'],
      ['${GATEWAY_URL}/v1', 'custom'],
    ];
    for (const [url, id] of cases) {
      assert.strictEqual(providerOfBaseUrl(url).id, id, url);
    }
  });

  it('decides from the variable name, OPENAI_API_TYPE, the base URL, AZURE_OPENAI_ENDPOINT, then OpenAI', () => {
    const azure = fakeProviderKey('azure', 2);
    assert.deepStrictEqual(pick(providerOf({ key: azure, variable: 'AZURE_OPENAI_API_KEY' })), ['azure', 'variable-name', false]);
    assert.deepStrictEqual(pick(providerOf({ key: azure, apiType: 'azure', baseUrl: 'https://x.openai.azure.com/' })), ['azure', 'api-type', false]);
    assert.deepStrictEqual(pick(providerOf({ key: azure, baseUrl: 'https://x.openai.azure.com/openai/v1' })), ['azure', 'base-url', false]);
    assert.deepStrictEqual(pick(providerOf({ key: azure, azureEndpoint: 'https://x.openai.azure.com/' })), ['azure', 'azure-endpoint', false]);
    assert.deepStrictEqual(pick(providerOf({ key: KEY, azureEndpoint: 'https://x.openai.azure.com/' })), ['openai', 'default', false], 'an OpenAI key next to an unused Azure endpoint');
    assert.deepStrictEqual(pick(providerOf({ key: azure })), ['openai', 'default', false]);
    assert.deepStrictEqual(pick(providerOf({ key: KEY, apiType: 'azure' })), ['azure', 'api-type', true]);
    assert.deepStrictEqual(pick(providerOf({ key: fakeProviderKey('groq'), baseUrl: 'https://api.deepseek.com' })), ['deepseek', 'base-url', true]);
    assert.deepStrictEqual(pick(providerOf({ key: fakeProviderKey('groq'), baseUrl: 'https://gateway.example.com/v1' })), ['custom', 'base-url', false]);
    assert.deepStrictEqual(pick(providerOf({ key: KEY, baseUrl: 'http://localhost:11434/v1' })), ['local', 'base-url', false]);
  });

  it('a key that is not OpenAI’s is never meant for api.openai.com; any key may go to its own server', () => {
    assert.strictEqual(keyNotForOpenAi({ key: fakeProviderKey('azure'), apiType: 'azure' }, 'https://api.openai.com/v1')?.id, 'azure');
    assert.strictEqual(keyNotForOpenAi({ key: fakeProviderKey('groq') }, 'https://api.openai.com/v1')?.id, 'groq');
    assert.strictEqual(keyNotForOpenAi({ key: 'ollama', baseUrl: 'http://localhost:11434/v1' }, 'https://api.openai.com/v1')?.kind, 'local');
    assert.strictEqual(keyNotForOpenAi({ key: KEY, baseUrl: 'https://gateway.example.com/v1' }, 'https://api.openai.com/v1'), undefined);
    assert.strictEqual(keyNotForOpenAi({ key: KEY }, 'https://api.openai.com/v1'), undefined);
    assert.strictEqual(keyNotForOpenAi({ key: fakeProviderKey('groq') }, 'https://api.groq.com/openai/v1'), undefined);
  });
});

function pick(decision: ReturnType<typeof providerOf>): [string, string, boolean] {
  return [decision.target.id, decision.reason, decision.mismatch];
}

describe('provider-aware key rules', () => {
  it('OpenAI’s key-shape rules apply only to keys that go to OpenAI', () => {
    assert.deepStrictEqual(rules(`OPENAI_BASE_URL=https://api.deepseek.com\nOPENAI_API_KEY=${fakeProviderKey('deepseek')}\n`), []);
    assert.deepStrictEqual(rules('OPENAI_BASE_URL=https://gateway.example.com/v1\nOPENAI_API_KEY=sk-1234\n'), []);
    assert.deepStrictEqual(rules('OPENAI_BASE_URL=http://vllm:8000/v1\nOPENAI_API_KEY=EMPTY\n'), []);
    assert.deepStrictEqual(rules('OPENAI_BASE_URL=https://open.bigmodel.cn/api/paas/v4\nOPENAI_API_KEY=0f3a9c1e2b4d5f60.Ab12Cd34Ef56Gh78\n'), [], 'a Zhipu key has a dot');
    assert.deepStrictEqual(rules(`OPENAI_BASE_URL=https://gateway.example.com/v1\nOPENAI_API_KEY=${KEY.slice(0, 60)}\n`), ['error truncated-key'], 'a cut OpenAI key is cut wherever it goes');
    assert.deepStrictEqual(rules('OPENAI_BASE_URL=https://gateway.example.com/v1\nOPENAI_API_KEY=your-api-key-here\n'), ['error placeholder']);
    assert.deepStrictEqual(rules('OPENAI_BASE_URL=http://localhost:11434/v1\nOPENAI_API_KEY=\n'), ['error empty-value'], 'the SDK still needs a non-empty key');
  });

  it('a key of one provider sent to another is an error naming both', () => {
    const toAzure = lint(`OPENAI_API_TYPE=azure\nOPENAI_API_BASE=https://x.openai.azure.com/\nOPENAI_API_KEY=${KEY}\n`);
    assert.deepStrictEqual(toAzure.map((f) => f.rule), ['other-provider-key']);
    assert.match(toAzure[0].message, /an OpenAI key but goes to Azure OpenAI/);
    const toGroq = lint(`OPENAI_BASE_URL=https://api.groq.com/openai/v1\nOPENAI_API_KEY=${KEY}\n`);
    assert.match(toGroq[0].message, /an OpenAI key but goes to Groq: .*OPENAI_BASE_URL/);
    assert.deepStrictEqual(toGroq[0].fixes, [], 'no base URL to suggest for an OpenAI key');
    const anthropic = lint(`OPENAI_API_KEY=${fakeProviderKey('anthropic')}\n`);
    assert.match(anthropic[0].message, /is an Anthropic key: point OPENAI_BASE_URL at Anthropic or use an OpenAI key/);
    const groqText = `PORT=3000\nOPENAI_API_KEY=${fakeProviderKey('groq')}\n`;
    const [fix] = lint(groqText)[0].fixes;
    assert.deepStrictEqual([fix.title, fix.safe, fix.edits], ['Set OPENAI_BASE_URL=https://api.groq.com/openai/v1', false, [{ start: 10, end: 10, newText: 'OPENAI_BASE_URL=https://api.groq.com/openai/v1\n' }]]);
    const openAiBase = `OPENAI_BASE_URL=https://api.openai.com/v1\nOPENAI_API_KEY=${fakeProviderKey('groq')}\n`;
    assert.deepStrictEqual(lint(openAiBase)[0].fixes[0].edits, [{ start: 16, end: 41, newText: 'https://api.groq.com/openai/v1' }]);
    assert.deepStrictEqual(rules(`AZURE_OPENAI_API_KEY=${KEY}\n`), ['error other-provider-key']);
  });

  it('other providers’ keys in their own variables are none of our business', () => {
    const text = ['ANTHROPIC_API_KEY', 'GROQ_API_KEY', 'DEEPSEEK_API_KEY', 'OPENROUTER_API_KEY', 'GEMINI_API_KEY']
      .map((name, i) => `${name}=${fakeProviderKey((['anthropic', 'groq', 'deepseek', 'openrouter', 'google'] as const)[i])}`)
      .join('\n');
    assert.deepStrictEqual(rules(`${text}\nOPENAI_API_KEY=${KEY}\n`), []);
  });

  it('Azure keys get Azure’s shape checks: 32 hex digits or the 84-character form', () => {
    assert.deepStrictEqual(rules(`AZURE_OPENAI_API_KEY=${fakeProviderKey('azure')}\n`), []);
    assert.deepStrictEqual(rules(`AZURE_OPENAI_API_KEY=${fakeProviderKey('azure84')}\n`), []);
    assert.deepStrictEqual(rules(`AZURE_OPENAI_API_KEY=${fakeProviderKey('azure').slice(0, 20)}\n`), ['error invalid-azure-key']);
    assert.match(lint('AZURE_OPENAI_API_KEY=https://x.openai.azure.com/\n')[0].message, /holds a URL: move it to AZURE_OPENAI_ENDPOINT/);
    assert.deepStrictEqual(rules(`AZURE_OPENAI_API_KEY=${fakeProviderKey('azure')}-old\n`), ['error invalid-azure-key']);
    assert.deepStrictEqual(rules('AZURE_OPENAI_API_KEY=<your-azure-key>\n'), ['error placeholder']);
  });

  it('hints at the provider a key of an ambiguous shape may belong to', () => {
    assert.match(lint(`OPENAI_API_KEY=${fakeProviderKey('azure')}\n`)[0].message, /looks like an Azure key/);
    assert.match(lint(`OPENAI_API_KEY=${fakeProviderKey('deepseek')}\n`)[0].message, /cut short, or a DeepSeek key that needs OPENAI_BASE_URL=https:\/\/api\.deepseek\.com/);
  });

  it('an empty key variable is only a note when the other family’s key is set', () => {
    assert.deepStrictEqual(rules(`OPENAI_API_KEY=${KEY}\nAZURE_OPENAI_API_KEY=\n`), ['information empty-value']);
    assert.deepStrictEqual(rules(`AZURE_OPENAI_ENDPOINT=https://x.openai.azure.com/\nAZURE_OPENAI_API_KEY=${fakeProviderKey('azure')}\nOPENAI_API_KEY=\n`), ['information empty-value']);
    assert.deepStrictEqual(rules('OPENAI_API_KEY=\n'), ['error empty-value']);
    assert.deepStrictEqual(rules(`OPENAI_API_KEY=\nOPENAI_ADMIN_KEY=${fakeKey('admin')}\n`), ['error empty-value'], 'an admin key cannot stand in');
  });

  it('no provider message shows the key', () => {
    for (const type of ['groq', 'openrouter', 'anthropic', 'xai', 'google', 'azure', 'azure84', 'deepseek'] as const) {
      const key = fakeProviderKey(type, 9);
      for (const text of [`OPENAI_API_KEY=${key}\n`, `OPENAI_API_TYPE=azure\nOPENAI_API_KEY=${key}\n`, `AZURE_OPENAI_API_KEY=${key}x\n`]) {
        for (const finding of lint(text)) {
          for (let i = 0; i + 8 <= key.length; i++) {
            assert.ok(!finding.message.includes(key.slice(i, i + 8)), `${finding.rule} shows part of a ${type} key`);
          }
        }
      }
    }
  });
});

describe('overridden definitions and swallowed lines', () => {
  it('value findings go on the definition dotenv uses; the overridden one gets only the note', () => {
    const text = `OPENAI_API_KEY=" ${KEY}\u200b"\nVITE_OPENAI_API_KEY=${KEY}\nVITE_OPENAI_API_KEY=${fakeKey('project', 22)}\nOPENAI_API_KEY=${KEY}\n`;
    assert.deepStrictEqual(
      lint(text).map((f) => `${f.severity} ${f.rule}@${text.slice(0, f.span.start).split('\n').length}`),
      ['information duplicate-key@1', 'information duplicate-key@2', 'warning public-prefix@3'],
    );
    const usedBroken = `OPENAI_API_KEY=${KEY}\nOPENAI_API_KEY=your-key-here\n`;
    assert.deepStrictEqual(rules(usedBroken), ['information duplicate-key', 'error placeholder']);
    assert.strictEqual(lint(usedBroken)[1].span.start, usedBroken.indexOf('your-key-here'));
  });

  it('a quote that swallows the lines after it is still reported on an overridden definition', () => {
    const text = `OPENAI_API_KEY="${KEY}\nOPENAI_ORG_ID=org-abc"\nOPENAI_API_KEY=${KEY}\n`;
    assert.ok(rules(text).includes('error unterminated-quote'));
  });

  it('`NAME:` with nothing after it: the fix writes NAME= and is never applied automatically', () => {
    const text = `DEBUG:\nOPENAI_API_KEY=${KEY}\n`;
    const finding = lint(text).find((f) => f.rule === 'swallowed-variable')!;
    assert.deepStrictEqual(finding.fixes[0].edits, [{ start: 5, end: 6, newText: '=' }]);
    assert.strictEqual(finding.fixes[0].safe, false);
    assert.strictEqual(lint('LOG_FORMAT:\nPORT=3000\n')[0].severity, 'warning', 'no OpenAI variable involved');
    assert.deepStrictEqual(rules('GREETING: hello\nDEBUG: \nPORT=1\n').filter((r) => !r.startsWith('information')), [], '"NAME: " with a space is an empty value, nothing is swallowed');
  });
});

describe('a key on its own (environment, input box, stdin)', () => {
  it('is described as a value: never quotes it did not have, never a line or column', () => {
    const half = KEY.length / 2;
    const values = [` ${KEY}`, `${KEY} `, `${KEY}\r`, `${KEY}\n`, `"${KEY}"`, `'${KEY}'`, `\u201c${KEY}\u201d`, `${KEY.slice(0, half)} ${KEY.slice(half)}`,
      `${KEY.slice(0, half)}\u200b${KEY.slice(half)}`, `${KEY.slice(0, 20)}\u0430${KEY.slice(21)}`, `${KEY.slice(0, 20)}$${KEY.slice(21)}`, `${KEY.slice(0, 80)}\n${KEY.slice(80)}`, `Bearer ${KEY}`];
    for (const value of values) {
      const findings = lintValue(value, { origin: 'environment' });
      assert.ok(findings.length > 0, JSON.stringify(value));
      for (const f of findings) {
        assert.match(f.message, /^OPENAI_API_KEY from the environment /, `${f.rule}: ${f.message}`);
        assert.doesNotMatch(f.message, /line \d|column \d|inside the quotes|dotenv/, `${f.rule}: ${f.message}`);
        assert.ok(f.message.length <= 160, f.message);
      }
    }
    assert.match(lintValue(`${KEY}\r`, { origin: 'environment' })[0].message, /ends with a carriage return/);
    assert.match(lintValue(`"${KEY}"`, { origin: 'environment' })[0].message, /is wrapped in quotes, which become part of the key/);
    assert.deepStrictEqual(lintValue(KEY, { origin: 'environment' }), []);
  });

  it('a pasted key is "the key"; the test destination decides which provider rules apply', () => {
    assert.match(keyProblems(`${KEY} `)[0], /^The key ends with U\+0020 SPACE/);
    assert.strictEqual(keyProblems(fakeProviderKey('groq')).length, 1);
    assert.deepStrictEqual(keyProblems(fakeProviderKey('groq'), { destination: 'https://api.groq.com/openai/v1' }), []);
    assert.strictEqual(keyProblems('ollama', { destination: 'http://127.0.0.1:4010/v1' }).length, 1, 'a local test server stands in for OpenAI');
    assert.deepStrictEqual(keyProblems('ollama', { provider: { baseUrl: 'http://localhost:11434/v1' } }), [], 'a file that sends it to Ollama');
  });
});

describe('message style of the provider, template and reference rules', () => {
  it('one sentence, no position, at most 160 characters, median at most 90', () => {
    const texts = [
      `OPENAI_API_KEY=${fakeProviderKey('groq')}\n`,
      `OPENAI_API_KEY=${fakeProviderKey('anthropic')}\n`,
      `OPENAI_API_KEY=${fakeProviderKey('azure')}\n`,
      `OPENAI_API_KEY=${fakeProviderKey('deepseek')}\n`,
      `OPENAI_API_TYPE=azure\nOPENAI_API_KEY=${KEY}\n`,
      `OPENAI_BASE_URL=https://api.deepseek.com\nOPENAI_API_KEY=${KEY}\n`,
      'AZURE_OPENAI_API_KEY=https://x.openai.azure.com/\n',
      'AZURE_OPENAI_API_KEY=abc123\n',
      'AZURE_OPENAI_API_KEY=not!a!key\n',
      `OPENAI_API_KEY=${KEY}\nAZURE_OPENAI_API_KEY=\n`,
      `DEBUG:\nOPENAI_API_KEY=${KEY}\n`,
      'OPENAI_API_KEY=${OPENAI_API_KEY_PROD\n',
    ];
    const mine = new Set(['other-provider-key', 'invalid-azure-key', 'swallowed-variable', 'variable-reference', 'empty-value', 'unknown-prefix', 'truncated-key']);
    const messages = texts.flatMap((t) => lint(t).filter((f) => mine.has(f.rule)).map((f) => f.message));
    assert.strictEqual(messages.length, texts.length);
    for (const message of messages) {
      assert.ok(message.length <= 160, message);
      assert.doesNotMatch(message, /line \d|column \d/, message);
    }
    const lengths = messages.map((m) => m.length).sort((a, b) => a - b);
    assert.ok(lengths[Math.floor(lengths.length / 2)] <= 90, `median ${lengths[Math.floor(lengths.length / 2)]}: ${lengths.join(', ')}`);
  });
});
