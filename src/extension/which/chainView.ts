import * as vscode from 'vscode';
import { RememberedResult, TestResultCache, formatAge } from '../../core/keyHealth';
import { ChainEntry, VariableChain, keyCore } from '../../core/loaders/chain';
import { describeLoader, describeReadOrder } from '../../core/loaders/describe';
import { loaderLabel } from '../../core/loaders/loaderId';
import { redact } from '../../core/redact';
import type { AppFolder } from './appFolders';

/** Where an entry is: "environment" or ".env.local, line 3". */
export function placeOf(entry: ChainEntry): string {
  return entry.file ? vscode.l10n.t('{0}, line {1}', entry.file, entry.line ?? 0) : vscode.l10n.t('environment');
}

/** "format ok", or the rules its value breaks. */
export function formatStateOf(entry: ChainEntry): string {
  return entry.problems.length > 0 ? vscode.l10n.t('format: {0}', entry.problems.join(', ')) : vscode.l10n.t('format ok');
}

/** "last test 5 min ago: ok", or "not tested". */
export function lastTestOf(entry: ChainEntry, results: TestResultCache, now: number): string {
  const last: RememberedResult | undefined = results.get(entry.value);
  return last ? vscode.l10n.t('last test {0}: {1}', formatAge(last.testedAt, now), last.verdict) : vscode.l10n.t('not tested');
}

/**
 * Every key of the chain, as redaction must know them: without the quotes or spaces around them (a secret that
 * starts with `"sk-proj-` would take the visible part of a mask for a fragment of the key, as the CLI's `which` knows).
 */
export function chainSecrets(chain: VariableChain): string[] {
  return chain.entries.map((e) => keyCore(e.value)).filter((s) => s.length > 0);
}

/** "Next.js (package.json depends on next), mode development". */
export function loaderOf(app: AppFolder, chain: VariableChain): string {
  return describeLoader(app.resolution.detection, app.resolution.plan, chain.service);
}

/**
 * The hover of a key line: the loader, then one line per place that defines the variable, in reading order, masked,
 * the winner marked; this line's entry says so. Through the redaction boundary with every value of the chain.
 */
export function chainHoverMarkdown(app: AppFolder, chain: VariableChain, file: string, line: number, results: TestResultCache, now: number): string {
  const lines = [`**${vscode.l10n.t('Which {0} the app gets', chain.variable)}**: ${loaderOf(app, chain)}  `, `${vscode.l10n.t('Read in this order: {0}', describeReadOrder(app.resolution.plan, chain))}  `, ''];
  if (!app.resolution.files.has(file)) {
    lines.push(`$(info) ${vscode.l10n.t('{0} does not read this file.', loaderLabel(chain.loader))}  `);
  }
  for (const entry of chain.entries) {
    const here = entry.file === file && entry.line === line ? ` ${vscode.l10n.t('(this line)')}` : '';
    const mark = entry.used ? '$(arrow-right)' : '$(blank)';
    const usage = entry.used ? `**${vscode.l10n.t('used')}**` : vscode.l10n.t('not used');
    lines.push(`${mark} ${placeOf(entry)}${here}: \`${entry.masked}\` ${usage} · ${formatStateOf(entry)} · ${lastTestOf(entry, results, now)}  `);
  }
  if (chain.entries.length === 0) {
    lines.push(vscode.l10n.t('No place defines {0}: the app gets undefined.', chain.variable));
  }
  return redact(lines.join('\n'), chainSecrets(chain));
}
