import * as vscode from 'vscode';
import { LineIndex } from '../../core/dotenv/lineIndex';
import { EnvEntry, ParsedEnv, parseDotenv } from '../../core/dotenv/parse';
import { EnvKeys, envKeysOf } from '../../core/keys/envKeys';
import type { LintResult } from '../../core/lint';
import type { DocumentLinter } from './documentLinter';
import type { FileFactsCache } from './fileFacts';

/**
 * Everything the features know about one version of an open .env document, each part computed once, when first
 * asked: its parse, its keys (with their organization, project and provider), its lint result. Diagnostics, code
 * actions, CodeLens, hover, the active key, test-on-save, move-key and key candidates all read the same one.
 */
export class EnvDocumentModel {
  /** The text of this version: a model read after an edit still describes the version it was made for. */
  readonly text: string;
  private parsedEnv: ParsedEnv | undefined;
  private envKeys: EnvKeys | undefined;
  private lineIndex: LineIndex | undefined;
  private lintResult: LintResult | undefined;

  constructor(
    readonly uri: vscode.Uri,
    readonly version: number,
    document: vscode.TextDocument,
    private readonly linter: DocumentLinter,
  ) {
    this.text = document.getText();
  }

  get parsed(): ParsedEnv {
    return (this.parsedEnv ??= parseDotenv(this.text));
  }

  /** Which entries hold a key, and what goes with them (core/keys/envKeys.ts decides for every feature). */
  get keys(): EnvKeys {
    return (this.envKeys ??= envKeysOf(this.parsed.entries));
  }

  /** Findings with the settings, disk facts and stored keys that apply now (recomputed when one changes). */
  get lint(): LintResult {
    return (this.lintResult ??= this.linter.lintText(this.uri, this.text, () => this.parsed));
  }

  /** The 0-based line an offset of this version is on. */
  lineAt(offset: number): number {
    return (this.lineIndex ??= new LineIndex(this.text)).positionAt(offset).line;
  }

  /** The line of an entry, as the user sees it: where its name starts. */
  lineOf(entry: EnvEntry): number {
    return this.lineAt(entry.nameSpan.start);
  }

  /** The key whose statement spans the offset, or that starts on the line. */
  keyAt(line: number, offset = -1): EnvEntry | undefined {
    return this.keys.entries.find((e) => (offset >= e.statementSpan.start && offset <= e.statementSpan.end) || this.lineAt(e.statementSpan.start) === line);
  }

  /** Settings, disk facts or stored keys changed: the next `lint` lints again. */
  forgetLint(): void {
    this.lintResult = undefined;
  }
}

/** The models of the open .env documents, one per document, replaced when its version changes. */
export class DocumentModels implements vscode.Disposable {
  private readonly models = new Map<string, EnvDocumentModel>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly linter: DocumentLinter,
    facts: FileFactsCache,
  ) {
    this.subscriptions = [
      facts.onDidChange((uri) => this.forgetLints(uri)),
      vscode.workspace.onDidCloseTextDocument((document) => this.models.delete(document.uri.toString())),
    ];
  }

  /** The model of this version of the document (callers check that it is a .env document). */
  get(document: vscode.TextDocument): EnvDocumentModel {
    const key = document.uri.toString();
    const cached = this.models.get(key);
    if (cached && cached.version === document.version) {
      return cached;
    }
    const model = new EnvDocumentModel(document.uri, document.version, document, this.linter);
    this.models.set(key, model);
    return model;
  }

  /** Forgets the lint results of one document (or of all): what they depend on changed. */
  forgetLints(uri?: vscode.Uri): void {
    if (uri) {
      this.models.get(uri.toString())?.forgetLint();
    } else {
      this.models.forEach((model) => model.forgetLint());
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.models.clear();
  }
}
