/**
 * `${OTHER}` and `$OTHER` in a value: plain dotenv never expands them; dotenv-expand, dotenvx, Vite and docker
 * compose do, but only when they are well formed. `${BAR`, `${BAR!}`, `$BAR}` and `${FOO${BAR}` are expanded by
 * nobody: the app gets the text itself.
 */

export type ReferenceShape =
  | { kind: 'none' }
  | { kind: 'well-formed'; name: string }
  | { kind: 'malformed'; name?: string };

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** `${NAME:-default}`, `${NAME-default}`, `:=`, `=`, `:?`, `?`, `:+`, `+` (dotenv-expand and docker compose). */
const OPERATOR = /^(:?[-=?+])/;

/** Whether a value is (or contains) a variable reference, and whether every reference in it is well formed. */
export function referenceShape(value: string): ReferenceShape {
  const v = value.trim();
  if (!(v.startsWith('$') || v.includes('${'))) {
    return { kind: 'none' };
  }
  if (v.startsWith('$') && !v.startsWith('${') && !NAME_START.test(v[1] ?? '')) {
    return { kind: 'none' };
  }
  let first: string | undefined;
  let i = 0;
  while (i < v.length) {
    const c = v[i];
    if (c === '\\' || (c === '$' && v[i + 1] === '$')) {
      i += 2;
      continue;
    }
    if (c === '}') {
      return { kind: 'malformed', name: first }; // a brace that closes nothing: `$BAR}`
    }
    if (c !== '$') {
      i++;
      continue;
    }
    const braced = v[i + 1] === '{';
    const nameStart = i + (braced ? 2 : 1);
    let nameEnd = nameStart;
    if (NAME_START.test(v[nameEnd] ?? '')) {
      nameEnd++;
      while (nameEnd < v.length && NAME_CHAR.test(v[nameEnd])) {
        nameEnd++;
      }
    }
    const name = v.slice(nameStart, nameEnd);
    first ??= name || undefined;
    if (!braced) {
      if (name === '') {
        i++; // a lone `$` is only a dollar sign
        continue;
      }
      i = nameEnd;
      continue;
    }
    if (name === '') {
      return { kind: 'malformed', name: first };
    }
    const close = closingBrace(v, nameEnd);
    if (close < 0) {
      return { kind: 'malformed', name: first };
    }
    if (close !== nameEnd) {
      const operator = OPERATOR.exec(v.slice(nameEnd, close));
      if (!operator || referenceShape(v.slice(nameEnd + operator[1].length, close)).kind === 'malformed') {
        return { kind: 'malformed', name: first };
      }
    }
    i = close + 1;
  }
  return first ? { kind: 'well-formed', name: first } : { kind: 'none' };
}

/** The `}` that closes a `${` whose name ends at `from`, counting nested `${…}` in a default value. */
function closingBrace(value: string, from: number): number {
  let depth = 0;
  for (let i = from; i < value.length; i++) {
    if (value[i] === '$' && value[i + 1] === '{') {
      depth++;
      i++;
    } else if (value[i] === '}') {
      if (depth === 0) {
        return i;
      }
      depth--;
    }
  }
  return -1;
}
