/**
 * What kind of file a key sits in: it decides how the literal is read and which idiom replaces it.
 * `compose` and `workflow` are YAML files whose tools expand variables (`${VAR}`, `${{ secrets.NAME }}`).
 */
export type SourceLanguage =
  | 'javascript'
  | 'python'
  | 'notebook'
  | 'shell'
  | 'compose'
  | 'workflow'
  | 'dockerfile'
  | 'json'
  | 'yaml'
  | 'toml'
  | 'text';

const BY_EXTENSION: ReadonlyMap<string, SourceLanguage> = new Map([
  ...['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx'].map((e) => [e, 'javascript'] as const),
  ...['py', 'pyw', 'pyi'].map((e) => [e, 'python'] as const),
  ['ipynb', 'notebook'],
  ...['sh', 'bash', 'zsh', 'ksh', 'dash'].map((e) => [e, 'shell'] as const),
  ...['json', 'jsonc', 'json5'].map((e) => [e, 'json'] as const),
  ...['yaml', 'yml'].map((e) => [e, 'yaml'] as const),
  ['toml', 'toml'],
  ['dockerfile', 'dockerfile'],
]);

const SHELL_FILE_NAMES = new Set(['.envrc', '.bashrc', '.bash_profile', '.zshrc', '.zshenv', '.zprofile', '.profile']);

/** VS Code language ids, for documents that have no useful file name (untitled editors). */
const BY_LANGUAGE_ID: ReadonlyMap<string, SourceLanguage> = new Map([
  ['javascript', 'javascript'],
  ['javascriptreact', 'javascript'],
  ['typescript', 'javascript'],
  ['typescriptreact', 'javascript'],
  ['python', 'python'],
  ['shellscript', 'shell'],
  ['dockercompose', 'compose'],
  ['github-actions-workflow', 'workflow'],
  ['dockerfile', 'dockerfile'],
  ['json', 'json'],
  ['jsonc', 'json'],
  ['yaml', 'yaml'],
  ['toml', 'toml'],
]);

export interface LanguageHints {
  /** The VS Code language id of the document, when there is one. */
  languageId?: string;
  /** The first line of the file, for scripts without an extension (`#!/usr/bin/env bash`). */
  firstLine?: string;
}

/** The language of a file from its path (`/`- or `\`-separated, relative or absolute). */
export function sourceLanguageOf(filePath: string, hints: LanguageHints = {}): SourceLanguage {
  const normalized = filePath.split('\\').join('/');
  const base = normalized.slice(normalized.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(normalized)) {
    return 'workflow';
  }
  if (/^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/.test(lower)) {
    return 'compose';
  }
  if (lower === 'dockerfile' || lower === 'containerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile')) {
    return 'dockerfile';
  }
  if (SHELL_FILE_NAMES.has(lower)) {
    return 'shell';
  }
  const dot = lower.lastIndexOf('.');
  const byExtension = dot > 0 ? BY_EXTENSION.get(lower.slice(dot + 1)) : undefined;
  if (byExtension) {
    return byExtension;
  }
  const byId = hints.languageId ? BY_LANGUAGE_ID.get(hints.languageId) : undefined;
  if (byId) {
    return byId;
  }
  return languageOfShebang(hints.firstLine) ?? 'text';
}

function languageOfShebang(firstLine: string | undefined): SourceLanguage | undefined {
  const match = firstLine ? /^#!\s*(\S+)(.*)$/.exec(firstLine) : null;
  if (!match) {
    return undefined;
  }
  let program = match[1].slice(match[1].lastIndexOf('/') + 1);
  if (program === 'env') {
    program = match[2].split(/\s+/).find((word) => word !== '' && !word.startsWith('-')) ?? '';
  }
  if (/^(ba|z|k|da)?sh$/.test(program)) {
    return 'shell';
  }
  if (program.startsWith('python')) {
    return 'python';
  }
  if (program === 'node' || program === 'deno' || program === 'bun' || program === 'tsx') {
    return 'javascript';
  }
  return undefined;
}

/** JSX may hold the key as an attribute (`<Chat apiKey="sk-…" />`): the replacement then needs braces. */
export function mayContainJsx(filePath: string): boolean {
  return /\.(jsx|tsx|js)$/i.test(filePath);
}
