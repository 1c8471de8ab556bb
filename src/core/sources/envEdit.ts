import * as l10n from '@vscode/l10n';
import { parseDotenv, resolveValues } from '../dotenv/parse';
import type { TextEdit } from '../findings';
import { maskKey } from '../keys/mask';
import { redact } from '../redact';

/**
 * What writing the key to a `.env` takes:
 * - `create`: there is no `.env`; `content` is the whole file;
 * - `append`: one line added at the end (`edit`), `content` is the whole new text;
 * - `present`: the variable already holds this key: nothing to write;
 * - `conflict`: the variable holds another value: ask before doing anything (or pick another variable);
 * - `unsafe`: appending would change what dotenv reads for another variable (an unclosed quote at the end).
 */
export type EnvEditPlan =
  | { kind: 'create'; content: string }
  | { kind: 'append'; edit: TextEdit; content: string }
  | { kind: 'present' }
  | { kind: 'conflict'; message: string }
  | { kind: 'unsafe'; message: string };

/** Keys have only `[A-Za-z0-9_-]`: unquoted, every loader (dotenv, docker, shells) reads them the same. */
export function planEnvEdit(existing: string | undefined, variable: string, key: string): EnvEditPlan {
  const line = `${variable}=${key}`;
  if (existing === undefined) {
    return { kind: 'create', content: `${line}\n` };
  }
  const before = resolveValues(parseDotenv(existing));
  const current = before.get(variable);
  if (current === key) {
    return { kind: 'present' };
  }
  if (current !== undefined) {
    const message = l10n.t('{0} in .env already holds {1}: keep one key, or move this one to another variable.', variable, current.trim() === '' ? '""' : maskKey(current));
    return { kind: 'conflict', message: redact(message, [key, current]) };
  }
  const eol = lineEndingOf(existing);
  const separator = existing.length > 0 && !existing.endsWith('\n') && !existing.endsWith('\r') ? eol : '';
  const edit: TextEdit = { start: existing.length, end: existing.length, newText: `${separator}${line}${eol}` };
  const content = existing + edit.newText;
  if (!envHoldsKey(content, variable, key) || !keepsOtherVariables(before, content, variable)) {
    return { kind: 'unsafe', message: l10n.t('Adding {0} at the end of .env would change another variable (a quote left open?): add it by hand.', variable) };
  }
  return { kind: 'append', edit, content };
}

/** The read-back check after writing: dotenv gives the variable exactly this key. */
export function envHoldsKey(content: string, variable: string, key: string): boolean {
  return resolveValues(parseDotenv(content)).get(variable) === key;
}

function keepsOtherVariables(before: Map<string, string>, content: string, variable: string): boolean {
  const after = resolveValues(parseDotenv(content));
  for (const [name, value] of before) {
    if (name !== variable && after.get(name) !== value) {
      return false;
    }
  }
  return after.size === before.size + 1;
}

function lineEndingOf(text: string): string {
  if (text.includes('\r\n')) {
    return '\r\n';
  }
  if (!text.includes('\n') && text.includes('\r')) {
    return '\r';
  }
  return '\n';
}
