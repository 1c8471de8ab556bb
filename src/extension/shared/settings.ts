import * as vscode from 'vscode';
import type { Severity } from '../core/findings';
import { RuleId, isRuleId } from '../core/rules/catalog';
import { CONFIG_SECTION } from './constants';

/** A typed snapshot of the settings that shape linting (mirrors package.json). */
export interface LintSettings {
  ruleSeverity: Partial<Record<RuleId, Severity | 'off'>>;
  maxFileBytes: number;
  scanWorkspace: boolean;
}

export function readLintSettings(scope?: vscode.Uri): LintSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  const rules = config.get<Record<string, string>>('rules', {});
  const ruleSeverity: LintSettings['ruleSeverity'] = {};
  for (const [rule, level] of Object.entries(rules)) {
    if (isRuleId(rule) && ['off', 'error', 'warning', 'information'].includes(level)) {
      ruleSeverity[rule] = level as Severity | 'off';
    }
  }
  const maxMb = config.get<number>('maxFileSizeMB', 2);
  return {
    ruleSeverity,
    maxFileBytes: Math.max(0.01, Number.isFinite(maxMb) ? maxMb : 2) * 1024 * 1024,
    scanWorkspace: config.get<boolean>('scanWorkspace', true),
  };
}
