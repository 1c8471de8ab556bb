import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeKey, FakeKeyType } from '../support/keys';
import { mockKey } from '../mock/openaiMock';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'e2e', 'fixtures');

/**
 * Copies a fixture workspace to a temp folder, replacing `{{KEY:<type>:<seed>}}` with a generated key and
 * `{{MOCK_KEY:<scenario>}}` with a key that selects a scenario of the mock OpenAI server
 * (no key-shaped string is stored in the repository). Bytes are otherwise copied as they are (CRLF kept).
 */
export function materialize(name: string, extraTokens: Record<string, string> = {}): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), `okd-ws-${name}-`));
  const copy = (from: string, to: string) => {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      const destination = path.join(to, entry.name);
      if (entry.isDirectory()) {
        fs.mkdirSync(destination, { recursive: true });
        copy(source, destination);
      } else {
        fs.writeFileSync(destination, substitute(fs.readFileSync(source, 'utf8'), extraTokens));
      }
    }
  };
  copy(path.join(FIXTURES, name), target);
  return target;
}

export function substitute(text: string, extraTokens: Record<string, string> = {}): string {
  return text
    .replace(/\{\{KEY:([a-z_-]+):(\d+)\}\}/g, (_, type: string, seed: string) => fakeKey(type as FakeKeyType, Number(seed)))
    .replace(/\{\{MOCK_KEY:([a-z_]+)\}\}/g, (_, scenario: string) => mockKey(scenario))
    .replace(/\{\{([A-Z_]+)\}\}/g, (whole, token: string) => extraTokens[token] ?? whole);
}
