import * as vscode from 'vscode';
import type { EnvEntry } from '../../core/dotenv/parse';
import { RememberedResult, TestResultCache, formatAge } from '../../core/keyHealth';
import { KEY_PREFIXES } from '../../core/keys/keyShape';
import { maskKey } from '../../core/keys/mask';
import { keyProblems } from '../../core/probe/keyProblems';
import { redact } from '../../core/redact';
import { isEnvDocument } from '../document/envDocuments';
import type { DocumentModels } from '../document/model';

/** Hover on a key's value: masked key, type, length, format and last test. */
export class KeyHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly models: DocumentModels,
    private readonly results: TestResultCache,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isEnvDocument(document)) {
      return undefined;
    }
    const model = this.models.get(document);
    const offset = document.offsetAt(position);
    const entry = model.keys.entries.find((e) => offset >= e.valueSpan.start && offset <= e.valueSpan.end);
    if (!entry) {
      return undefined;
    }
    const problems = keyProblems(entry.value, { name: entry.name, origin: 'file', provider: model.keys.provider });
    const markdown = new vscode.MarkdownString(keyHover(entry, problems, this.results.get(entry.value), Date.now()), true);
    const span = entry.valueSpan;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)));
  }
}

/**
 * The hover of a key's value, as markdown, through the redaction boundary with the key as its secret. A problem of
 * the key is not repeated here: the diagnostic hover above says it once, and the finding hover explains it.
 */
export function keyHover(entry: EnvEntry, problems: readonly string[], last: RememberedResult | undefined, now: number): string {
  const key = entry.value.trim();
  const prefix = KEY_PREFIXES.find((p) => key.startsWith(p.prefix));
  const length = key.length === 1 ? vscode.l10n.t('1 character') : vscode.l10n.t('{0} characters', key.length);
  const lines = [
    `**${entry.name}** \`${maskKey(key)}\`  \n`,
    `${prefix?.label ?? vscode.l10n.t('unknown key type')}, ${length}  \n`,
    problems.length === 0 ? `$(pass) ${vscode.l10n.t('The format looks right.')}  \n` : '',
    last ? vscode.l10n.t('Last test ({0}): {1}', formatAge(last.testedAt, now), last.summary) : vscode.l10n.t('Not tested yet.'),
  ];
  return redact(lines.join(''), [entry.value, key]);
}
