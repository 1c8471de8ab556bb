import * as l10n from '@vscode/l10n';
import { fullTestPlan } from '../probe/fullTestPlan';
import type { KeyTestReport } from '../probe/keyTest';
import { displayHeaderValue, displayUrl } from '../probe/serverFields';
import type { InferenceResult, RealtimeResult, RestResult } from '../probe/types';
import { displayRealtimeUrl } from '../probe/urls';
import { describeUnverified } from '../probe/verdict';
import { redact } from '../redact';

export interface ReportOptions {
  /** The proxy the test went through (its password is never shown). */
  proxy?: string;
  /** How to run the full test where this report is read: a CLI command or a VS Code command name. */
  fullTestHint?: string;
  /** The key under test: every fragment of it is masked. */
  secrets?: readonly string[];
}

const status = (r: Pick<RestResult, 'status' | 'httpStatus' | 'code' | 'ms' | 'requestId'>, idLabel: string) =>
  `${r.status}${r.httpStatus ? ` (HTTP ${r.httpStatus}${r.code ? ` ${r.code}` : ''})` : ''} in ${r.ms} ms${r.requestId ? `, ${idLabel} ${r.requestId}` : ''}`;

/** The full masked report, as the CLI prints it and the extension's output channel logs it. */
export function formatReport(report: KeyTestReport, options: ReportOptions = {}): string {
  const secrets = options.secrets ?? [];
  const lines = [
    `Key:       ${report.key.masked} (${report.key.type}) from ${report.key.source}`,
    `Base URL:  ${displayUrl(report.baseUrl, secrets)}${report.baseUrlIsDefault ? '' : '  (not the default https://api.openai.com/v1)'}${options.proxy ? `  via proxy ${displayUrl(options.proxy, secrets)}` : ''}`,
  ];
  if (report.organization || report.project) {
    const headers = [
      report.organization && `OpenAI-Organization: ${displayHeaderValue(report.organization, 'organization', secrets)}`,
      report.project && `OpenAI-Project: ${displayHeaderValue(report.project, 'project', secrets)}`,
    ];
    lines.push(`Headers:   ${headers.filter(Boolean).join(', ')}`);
  }
  if (report.sent) {
    lines.push(
      report.full
        ? `Test:      ${l10n.t('full: {0}', fullTestPlan(report.inference?.model ?? '', report.realtime ? report.realtimeModel : null).summary)}`
        : `Test:      ${l10n.t('free (no tokens spent)')}`,
    );
  }
  for (const problem of report.key.problems) {
    lines.push(`Malformed: ${problem}`);
  }
  if (report.sent) {
    lines.push(...restLines(report.rest), ...(report.inference ? inferenceLines(report.inference) : []), ...realtimeLines(report));
  } else {
    lines.push(`Not sent:  ${l10n.t('the key is malformed.')}`);
  }
  // Said after a passing test: after a failure, the failure is what to act on (JSON always lists it).
  const unverified = report.verdict.unverified ?? [];
  if (report.sent && unverified.length > 0 && report.verdict.status === 'ok') {
    lines.push(`Not verified: ${describeUnverified(unverified).join('; ')}.`);
    if (options.fullTestHint) {
      lines.push(`           ${options.fullTestHint}`);
    }
  }
  for (const note of report.verdict.notes ?? []) {
    lines.push(`Note:      ${note}`);
  }
  lines.push('', `Verdict:   ${report.verdict.status.toUpperCase()}: ${report.verdict.summary}`);
  for (const step of report.verdict.nextSteps) {
    lines.push(`  - ${step}`);
  }
  return redact(lines.join('\n'), secrets);
}

function restLines(r: RestResult): string[] {
  const lines = [`REST:      ${status(r, 'request id')}`, `           ${r.message}`];
  if (r.rateLimit) {
    lines.push(`           ${Object.entries(r.rateLimit).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  }
  return lines;
}

function inferenceLines(r: InferenceResult): string[] {
  return [`Paid call: ${status(r, 'request id')}`, `           POST ${r.endpoint} (${r.model}): ${r.message}`];
}

function realtimeLines(report: KeyTestReport): string[] {
  const rt: RealtimeResult | null = report.realtime;
  if (!rt) {
    return ['Realtime:  not tested'];
  }
  const close = rt.closeCode !== null ? `, closed ${rt.closeCode}${rt.closeReason ? ` ${rt.closeReason}` : ''}` : '';
  const lines = [
    `Realtime:  ${rt.status}${rt.httpStatus ? ` (HTTP ${rt.httpStatus})` : ''}${rt.code ? ` ${rt.code}` : ''}${close} in ${rt.ms} ms${rt.requestId ? `, id ${rt.requestId}` : ''}`,
    `           ${displayRealtimeUrl(report.baseUrl, report.realtimeModel)}`,
    `           ${rt.message}`,
  ];
  if (rt.response) {
    lines.push(`           response.create -> ${rt.response.status}${rt.response.code ? ` ${rt.response.code}` : ''}`);
  }
  return lines;
}
