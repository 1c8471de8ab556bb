import * as path from 'path';
import type * as vscode from 'vscode';
import { SKIPPED_SOURCE_FOLDERS, isSkippedFileName } from '../../core/sources/fileKinds';
import { SourceLanguage, sourceLanguageOf } from '../../core/sources/language';
import { isEnvDocument } from '../document/envDocuments';

/** VS Code language ids of the files the `hardcoded-key` scan reads as you type (the core knows their syntax). */
export const SOURCE_LANGUAGE_IDS: readonly string[] = [
  'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'shellscript', 'dockerfile', 'dockercompose',
  'github-actions-workflow', 'json', 'jsonc', 'yaml', 'toml',
  // Config without a syntax of its own to the core: read as text.
  'ini', 'properties', 'xml', 'plaintext',
];

/** The files the workspace scan looks for (the same kinds, by name). */
export const SOURCE_FILE_GLOB =
  '**/{*.js,*.mjs,*.cjs,*.jsx,*.ts,*.mts,*.cts,*.tsx,*.py,*.pyw,*.ipynb,*.sh,*.bash,*.zsh,*.json,*.jsonc,*.json5,*.yaml,*.yml,*.toml,*.ini,*.cfg,*.conf,*.properties,*.xml,*.txt,Dockerfile,*.dockerfile,Containerfile,.envrc}';

/** Folders never scanned, whatever files.exclude says: dependencies, environments, build output, caches. */
export const SOURCE_EXCLUDED_FOLDERS = [...SKIPPED_SOURCE_FOLDERS];

const SCANNED_SCHEMES = new Set(['file', 'untitled', 'vscode-notebook-cell', 'vscode-remote', 'vscode-userdata']);

/** Whether a document gets `hardcoded-key` diagnostics: a source or config file, never a .env (its own linter). */
export function isSourceDocument(document: vscode.TextDocument): boolean {
  if (!SCANNED_SCHEMES.has(document.uri.scheme) || isEnvDocument(document)) {
    return false;
  }
  if (document.uri.scheme === 'vscode-notebook-cell') {
    return document.languageId === 'python';
  }
  const segments = document.uri.path.split('/');
  if (segments.slice(0, -1).some((segment) => SKIPPED_SOURCE_FOLDERS.has(segment)) || isSkippedFileName(segments[segments.length - 1])) {
    return false;
  }
  return SOURCE_LANGUAGE_IDS.includes(document.languageId) || sourceLanguageOf(document.uri.path, { languageId: document.languageId }) !== 'text';
}

/** Whether a file found on disk is scanned (the glob already chose it by name; this keeps dependency folders out). */
export function isSourcePath(filePath: string): boolean {
  const segments = filePath.split(/[\\/]/);
  return !segments.slice(0, -1).some((segment) => SKIPPED_SOURCE_FOLDERS.has(segment)) && !isSkippedFileName(path.basename(filePath));
}

/** The language a document is scanned as: a notebook cell is Python code, whatever its notebook's name says. */
export function scanLanguageOf(document: vscode.TextDocument): SourceLanguage | undefined {
  return document.uri.scheme === 'vscode-notebook-cell' ? 'python' : undefined;
}
