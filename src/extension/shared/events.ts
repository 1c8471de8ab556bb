import * as vscode from 'vscode';
import type { KeyTestEvent } from '../keyTest/keyTester';

/**
 * How the features tell each other what happened: one emitter per fact, fired by the feature that knows it and
 * heard by any feature that cares. No feature calls into another.
 */
export class ExtensionEvents implements vscode.Disposable {
  /** A key test finished (fired by the tester). */
  readonly keyTested = new vscode.EventEmitter<KeyTestEvent>();
  /** A test result was remembered: what shows results (status bar, CodeLens, hover) shows it now. */
  readonly resultsChanged = new vscode.EventEmitter<void>();
  /** The scopes that hold a key in SecretStorage changed (fired by the stored-key index). */
  readonly storedKeysChanged = new vscode.EventEmitter<void>();
  /** Something every lint depends on changed (a file written, a rescan asked for): lint every .env again. */
  readonly relintRequested = new vscode.EventEmitter<void>();
  /** A file's diagnostics were replaced. */
  readonly diagnosticsChanged = new vscode.EventEmitter<vscode.Uri>();

  dispose(): void {
    vscode.Disposable.from(this.keyTested, this.resultsChanged, this.storedKeysChanged, this.relintRequested, this.diagnosticsChanged).dispose();
  }
}
