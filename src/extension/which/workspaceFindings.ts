import * as path from 'path';
import * as vscode from 'vscode';
import type { LineIndex } from '../../core/dotenv/lineIndex';
import type { Finding } from '../../core/findings';
import { LoadedFile, loadedFile } from '../../core/loaders/chain';
import { KeyFile, keyReuseFindings, loadOrderFindings, settleFindings } from '../../core/loaders/rules';
import { readLintSettings } from '../shared/settings';
import { AppFolders, relativeTo } from './appFolders';

/** The findings of one file that need more than the file: which definition wins, which key is reused. */
export interface FileLoadOrderFindings {
  uri: vscode.Uri;
  /** Settled: rule settings and suppression comments applied, sorted. */
  findings: Finding[];
  /** Of the text the spans point into. */
  lines: LineIndex;
}

/**
 * `environment-shadows-file` and `overridden-by-other-file` of every file an app folder's loader reads, and
 * `key-reused` across every .env of every workspace folder (keys compared by fingerprint with this session's salt).
 * Files inside no workspace folder get nothing: their app is unknown.
 */
export async function workspaceLoadOrderFindings(apps: AppFolders, salt: string, findEnvFiles = (folder: vscode.WorkspaceFolder) => apps.files.findEnvFiles(folder)): Promise<Map<string, FileLoadOrderFindings>> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const byUri = new Map<string, { uri: vscode.Uri; loaded: LoadedFile; findings: Finding[] }>();
  const entryFor = (uri: vscode.Uri, loaded: LoadedFile) => {
    const key = uri.toString();
    let entry = byUri.get(key);
    if (!entry) {
      entry = { uri, loaded, findings: [] };
      byUri.set(key, entry);
    }
    return entry;
  };
  const keyFiles: Array<{ uri: vscode.Uri; keyFile: KeyFile }> = [];
  for (const folder of folders) {
    const envFiles = await findEnvFiles(folder);
    const dirs = new Map([folder.uri, ...envFiles.map((uri) => vscode.Uri.joinPath(uri, '..'))].map((dir) => [dir.toString(), dir]));
    for (const dir of dirs.values()) {
      const { resolution } = await apps.resolve(folder, dir);
      for (const [file, loaded] of resolution.files) {
        if (file.startsWith('../')) {
          continue; // read for the chain; its own folder's resolution reports on it
        }
        entryFor(vscode.Uri.joinPath(dir, file), loaded).findings.push(...loadOrderFindings(resolution, file));
      }
    }
    for (const uri of envFiles) {
      let loaded = byUri.get(uri.toString())?.loaded;
      if (!loaded) {
        const bytes = await apps.files.read(uri, readLintSettings(uri).maxFileBytes);
        if (!bytes) {
          continue;
        }
        loaded = loadedFile(path.posix.basename(uri.path), bytes);
        entryFor(uri, loaded);
      }
      keyFiles.push({ uri, keyFile: { folder: folders.length > 1 ? folder.name : '', file: relativeTo(folder.uri, uri), parsed: loaded.parsed } });
    }
  }
  keyReuseFindings(
    keyFiles.map((k) => k.keyFile),
    salt,
  ).forEach((findings, i) => byUri.get(keyFiles[i].uri.toString())!.findings.push(...findings));
  const out = new Map<string, FileLoadOrderFindings>();
  for (const [key, { uri, loaded, findings }] of byUri) {
    const unique = [...new Map(findings.map((f) => [`${f.rule}|${f.span.start}|${f.span.end}`, f])).values()];
    out.set(key, { uri, findings: settleFindings(unique, loaded.text, readLintSettings(uri).ruleSeverity), lines: loaded.lines });
  }
  return out;
}
