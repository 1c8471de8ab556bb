import * as vscode from 'vscode';
import { parseDotenv } from '../core/dotenv/parse';
import { TestResultCache, formatAge } from '../core/keyHealth';
import { KEY_PREFIXES, keyTypeOf } from '../core/keys/keyShape';
import { maskKey } from '../core/keys/mask';
import { providerConfigOfEntries } from '../core/keys/provider';
import { roleOf } from '../core/keys/variables';
import type { EnvEntry } from '../core/dotenv/parse';
import type { RememberedResult } from '../core/keyHealth';
import { keyProblems } from '../core/probe/keyProblems';
import { redact } from '../core/redact';
import { Commands, DIAGNOSTIC_SOURCE } from './constants';
import type { EnvDiagnostics } from './diagnostics';
import { ENV_DOCUMENT_SELECTOR, isEnvDocument } from './envDocuments';

function keyEntries(document: vscode.TextDocument) {
  return parseDotenv(document.getText()).entries.filter((e) => roleOf(e.name) === 'key' && e.value.trim() !== '');
}

/** "Test key" and "Store in SecretStorage" above each OpenAI key line. */
class KeyCodeLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly cache: TestResultCache) {}

  refresh(): void {
    this.emitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isEnvDocument(document)) {
      return [];
    }
    return keyEntries(document).flatMap((entry) => {
      const line = document.positionAt(entry.nameSpan.start).line;
      const range = new vscode.Range(line, 0, line, 0);
      const target = { uri: document.uri, line };
      const last = this.cache.get(entry.value);
      const testTitle = last ? vscode.l10n.t('$(play) Test key (last: {0}, {1})', last.verdict, formatAge(last.testedAt, Date.now())) : vscode.l10n.t('$(play) Test key');
      return [
        new vscode.CodeLens(range, { title: redact(testTitle, [entry.value]), command: Commands.testKey, arguments: [target] }),
        new vscode.CodeLens(range, { title: vscode.l10n.t('$(lock) Store in SecretStorage'), command: Commands.moveKeyToSecretStorage, arguments: [target] }),
      ];
    });
  }
}

/** Hover on a key's value: masked key, type, length, format and last test. */
class KeyHoverProvider implements vscode.HoverProvider {
  constructor(private readonly cache: TestResultCache) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isEnvDocument(document)) {
      return undefined;
    }
    const offset = document.offsetAt(position);
    const entry = keyEntries(document).find((e) => offset >= e.valueSpan.start && offset <= e.valueSpan.end);
    if (!entry) {
      return undefined;
    }
    const problems = keyProblems(entry.value, { name: entry.name, origin: 'file', provider: providerConfigOfEntries(parseDotenv(document.getText()).entries) });
    const markdown = new vscode.MarkdownString(keyHover(entry, problems, this.cache.get(entry.value), Date.now()), true);
    const span = entry.valueSpan;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)));
  }
}

/** The hover of a key's value, as markdown, through the redaction boundary with the key as its secret. */
export function keyHover(entry: EnvEntry, problems: readonly string[], last: RememberedResult | undefined, now: number): string {
  const key = entry.value.trim();
  const prefix = KEY_PREFIXES.find((p) => key.startsWith(p.prefix));
  const lines = [
    `**${entry.name}** \`${maskKey(key)}\`  \n`,
    vscode.l10n.t('{0} ({1}), {2} characters', prefix?.label ?? vscode.l10n.t('unknown key type'), keyTypeOf(key), key.length) + '  \n',
    (problems.length > 0 ? `$(error) ${problems[0]}` : `$(pass) ${vscode.l10n.t('The format looks right.')}`) + '  \n',
    last ? vscode.l10n.t('Last test ({0}): {1}: {2}', formatAge(last.testedAt, now), last.verdict, last.summary) : vscode.l10n.t('Not tested yet.'),
  ];
  return redact(lines.join(''), [entry.value, key]);
}

/** A language status item on .env files summarising their findings. */
class FileFindingsStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('openaiKeyDoctor.findings', ENV_DOCUMENT_SELECTOR);
  private readonly subscriptions: vscode.Disposable[];

  constructor(diagnostics: EnvDiagnostics) {
    this.item.name = 'OpenAI Key Doctor';
    this.item.command = { title: vscode.l10n.t('Show problems'), command: Commands.showProblems };
    this.subscriptions = [this.item, vscode.window.onDidChangeActiveTextEditor(() => this.update()), diagnostics.onDidLint(() => this.update())];
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isEnvDocument(document)) {
      return;
    }
    const ours = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const errors = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    if (errors + warnings === 0) {
      this.item.text = vscode.l10n.t('$(pass) OpenAI keys: no problem');
      this.item.severity = vscode.LanguageStatusSeverity.Information;
    } else {
      this.item.text = vscode.l10n.t('$(key) OpenAI keys: {0} errors, {1} warnings', errors, warnings);
      this.item.severity = errors > 0 ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Warning;
    }
    this.item.detail = ours[0] ? redact(ours[0].message).slice(0, 120) : undefined;
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

/** Offers "Move to SecretStorage" as a quick fix on any OpenAI key line. */
class MoveKeyCodeActionProvider implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    if (!isEnvDocument(document)) {
      return [];
    }
    const entry = keyEntries(document).find((e) => document.positionAt(e.nameSpan.start).line === range.start.line);
    if (!entry) {
      return [];
    }
    const action = new vscode.CodeAction(redact(vscode.l10n.t('Move {0} to SecretStorage', entry.name), [entry.value]), vscode.CodeActionKind.QuickFix);
    action.command = { title: action.title, command: Commands.moveKeyToSecretStorage, arguments: [{ uri: document.uri, line: range.start.line }] };
    return [action];
  }
}

export function registerEnvEditorFeatures(diagnostics: EnvDiagnostics, cache: TestResultCache): { disposable: vscode.Disposable; refresh(): void } {
  const lenses = new KeyCodeLensProvider(cache);
  return {
    refresh: () => lenses.refresh(),
    disposable: vscode.Disposable.from(
      vscode.languages.registerCodeLensProvider(ENV_DOCUMENT_SELECTOR, lenses),
      vscode.languages.registerHoverProvider(ENV_DOCUMENT_SELECTOR, new KeyHoverProvider(cache)),
      vscode.languages.registerCodeActionsProvider(ENV_DOCUMENT_SELECTOR, new MoveKeyCodeActionProvider(), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      new FileFindingsStatus(diagnostics),
    ),
  };
}
