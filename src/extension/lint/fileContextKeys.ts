import * as vscode from 'vscode';
import { isEnvDocument } from '../document/envDocuments';
import type { FileFactsCache } from '../document/fileFacts';
import type { DocumentModels } from '../document/model';
import { BuiltInCommands, ContextKeys } from '../shared/constants';
import type { ExtensionEvents } from '../shared/events';
import type { Background } from '../shared/logErrors';

/** The findings that "Re-save as UTF-8" fixes: the command is offered only on a file that has one. */
const NOT_UTF8_RULES: ReadonlySet<string> = new Set(['utf16-encoding', 'utf8-bom']);

/** Keeps `openaiKeyDoctor.activeFileNotUtf8` true exactly while the active editor is a .env not saved as UTF-8. */
export function trackEncodingContext(deps: { models: DocumentModels; events: ExtensionEvents; background: Background }): vscode.Disposable {
  let last: boolean | undefined;
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    const notUtf8 = document !== undefined && isEnvDocument(document) && deps.models.get(document).lint.findings.some((f) => NOT_UTF8_RULES.has(f.rule));
    if (notUtf8 !== last) {
      last = notUtf8;
      deps.background('Setting the encoding context', vscode.commands.executeCommand(BuiltInCommands.setContext, ContextKeys.activeFileNotUtf8, notUtf8));
    }
  };
  update();
  return vscode.Disposable.from(vscode.window.onDidChangeActiveTextEditor(update), deps.events.diagnosticsChanged.event(update));
}

/**
 * Sets `openaiKeyDoctor.envIgnored` (the walkthrough's "Keep .env out of git" step) once git says a .env file is
 * ignored and not tracked: after "Add to .gitignore" succeeded, or already at startup. Never on a cancel or a failure.
 */
export function trackIgnoredContext(deps: { facts: FileFactsCache; background: Background }): vscode.Disposable {
  let done = false;
  return deps.facts.onDidChange((uri) => {
    const git = uri ? deps.facts.peek(uri).git : undefined;
    if (!done && git?.ignored && !git.tracked) {
      done = true;
      deps.background('Setting the gitignore context', vscode.commands.executeCommand(BuiltInCommands.setContext, ContextKeys.envIgnored, true));
    }
  });
}
