import { fakeKey } from '../test/support/keys';

/** A 10 MB, 200k-line file that reads like a big real .env: settings, comments, quotes, keys. */
export function normalFile(): string {
  const lines: string[] = [];
  const key = fakeKey('project');
  for (let i = 0; lines.length < 200_000; i++) {
    switch (i % 10) {
      case 0:
        lines.push(`# service ${i}: worker pool settings`);
        break;
      case 1:
        lines.push(`export SERVICE_${i}_URL="https://svc-${i}.internal:8443/v2"`);
        break;
      case 2:
        lines.push(`SERVICE_${i}_TIMEOUT_MS=30000 # milliseconds`);
        break;
      case 3:
        lines.push(`OPENAI_API_KEY_${i}=${key}`);
        break;
      case 4:
        lines.push(`SERVICE_${i}_NAME='worker ${i} of eu-west'`);
        break;
      default:
        lines.push(`FEATURE_FLAG_${i}_ENABLED=true`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The small file a pre-commit hook typically sees: one line. */
export function oneLineFile(): string {
  return `OPENAI_API_KEY=${fakeKey('project', 5)}\n`;
}
