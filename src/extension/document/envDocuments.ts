import * as path from 'path';
import * as vscode from 'vscode';
import { ENV_FILE_GLOB, isEnvFileName } from '../../core/envFileNames';
import { SKIPPED_FOLDERS } from '../../core/walk';

/** Both the built-in dotenv language and a file pattern: older builds and other extensions name it differently. */
export const ENV_DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  { language: 'dotenv' },
  { scheme: 'file', pattern: ENV_FILE_GLOB },
  { scheme: 'untitled', language: 'dotenv' },
];

export function isEnvUri(uri: vscode.Uri): boolean {
  if (!isEnvFileName(path.posix.basename(uri.path))) {
    return false;
  }
  return !uri.path.split('/').some((segment) => SKIPPED_FOLDERS.has(segment));
}

export function isEnvDocument(document: vscode.TextDocument): boolean {
  if (document.uri.scheme === 'output' || document.uri.scheme === 'git') {
    return false;
  }
  const base = path.posix.basename(document.uri.path);
  if (base === '.envrc') {
    return false;
  }
  return isEnvUri(document.uri) || (document.languageId === 'dotenv' && !base.endsWith('.flaskenv'));
}
