import { parseDotenv, resolveValues } from '../dotenv/parse';
import { applyEdits } from '../fix';
import type { TextEdit } from '../findings';

/**
 * Replacing the value of a variable `.env` already defines (the user chose "Replace" when asked): every
 * definition of it gets the key, inside its quotes when it has any, and the result must read back with the
 * key and every other variable unchanged. Undefined when that cannot be proven (then nothing is written).
 */
export function planEnvReplace(existing: string, variable: string, key: string): { edits: TextEdit[]; content: string } | undefined {
  const parsed = parseDotenv(existing);
  const definitions = parsed.entries.filter((e) => e.name === variable);
  if (definitions.length === 0) {
    return undefined;
  }
  const edits = definitions.map((e) => ({ ...(e.quote ? e.contentSpan : e.valueSpan), newText: key }));
  const content = applyEdits(existing, edits);
  const before = resolveValues(parsed);
  const after = resolveValues(parseDotenv(content));
  if (after.get(variable) !== key || after.size !== before.size) {
    return undefined;
  }
  for (const [name, value] of before) {
    if (name !== variable && after.get(name) !== value) {
      return undefined;
    }
  }
  return { edits, content };
}
