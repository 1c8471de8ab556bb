import { lintText } from '../lint';

/** The linter's errors for a key on its own, as one-line messages (the key never appears in them). */
export function keyProblems(key: string): string[] {
  const quote = key.includes("'") ? '"' : "'";
  const result = lintText(`OPENAI_API_KEY=${quote}${key}${quote}\n`, { fileName: '.env' });
  return result.findings.filter((f) => f.severity === 'error').map((f) => f.message);
}
