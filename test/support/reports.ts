import type { KeyTestReport } from '../../src/core/probe/keyTest';

/** A key test report with one verdict (and REST / Realtime statuses), as the tester hands it on. */
export function reportOf(key: string, verdict: string, rest = verdict, realtime: string | null = verdict): KeyTestReport {
  return {
    key: { masked: `sk-proj-…${key.slice(-4)}`, type: 'project', source: 'test', problems: [] },
    baseUrl: 'https://api.openai.com/v1',
    baseUrlIsDefault: true,
    realtimeModel: 'gpt-realtime',
    organization: null,
    project: null,
    sent: true,
    rest: { status: rest as never, httpStatus: 200, code: null, type: null, message: '', requestId: 'req_1', ms: 10, realtimeModelListed: true },
    realtime: realtime === null ? null : { status: realtime as never, httpStatus: null, closeCode: 1000, closeReason: null, code: null, type: null, message: '', requestId: 'sess_1', sessionId: 'sess_1', ms: 20 },
    verdict: { status: verdict as never, summary: `summary of ${verdict}`, nextSteps: [], links: [] },
  };
}
