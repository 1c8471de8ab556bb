import { realtimeUrl } from '../probe/urls';
import type { KeyTestReport } from '../probe/keyTest';

/** The full masked report, as the CLI prints it and the extension's output channel logs it. */
export function formatReport(report: KeyTestReport, proxy?: string): string {
  const lines = [
    `Key:       ${report.key.masked} (${report.key.type}) from ${report.key.source}`,
    `Base URL:  ${report.baseUrl}${report.baseUrlIsDefault ? '' : '  (not the default https://api.openai.com/v1)'}${proxy ? `  via proxy ${redactProxy(proxy)}` : ''}`,
  ];
  if (report.organization || report.project) {
    lines.push(`Headers:   ${[report.organization && `OpenAI-Organization: ${report.organization}`, report.project && `OpenAI-Project: ${report.project}`].filter(Boolean).join(', ')}`);
  }
  for (const problem of report.key.problems) {
    lines.push(`Malformed: ${problem}`);
  }
  if (report.sent) {
    const r = report.rest;
    lines.push(`REST:      ${r.status}${r.httpStatus ? ` (HTTP ${r.httpStatus}${r.code ? ` ${r.code}` : ''})` : ''} in ${r.ms} ms${r.requestId ? `, request id ${r.requestId}` : ''}`, `           ${r.message}`);
    if (r.rateLimit) {
      lines.push(`           ${Object.entries(r.rateLimit).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
    }
    const rt = report.realtime;
    if (rt) {
      const close = rt.closeCode !== null ? `, closed ${rt.closeCode}${rt.closeReason ? ` ${rt.closeReason}` : ''}` : '';
      lines.push(
        `Realtime:  ${rt.status}${rt.httpStatus ? ` (HTTP ${rt.httpStatus})` : ''}${rt.code ? ` ${rt.code}` : ''}${close} in ${rt.ms} ms${rt.requestId ? `, id ${rt.requestId}` : ''}`,
        `           ${realtimeUrl(report.baseUrl, report.realtimeModel)}`,
        `           ${rt.message}`,
      );
    } else {
      lines.push('Realtime:  not tested');
    }
  } else {
    lines.push('Not sent:  the key is malformed.');
  }
  lines.push('', `Verdict:   ${report.verdict.status.toUpperCase()}: ${report.verdict.summary}`);
  for (const step of report.verdict.nextSteps) {
    lines.push(`  - ${step}`);
  }
  return lines.join('\n');
}

function redactProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    url.password = url.password ? '***' : '';
    return url.toString();
  } catch {
    return 'a proxy';
  }
}
