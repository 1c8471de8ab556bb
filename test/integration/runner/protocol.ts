/** What the runner extension posts to the harness, one JSON object per request, in order. */
export type RunnerEvent =
  | { type: 'start'; total: number }
  | { type: 'pass'; title: string; durationMs: number }
  | { type: 'fail'; title: string; message: string; stack?: string }
  | { type: 'pending'; title: string }
  | { type: 'end'; passed: number; failed: number; pending: number }
  | { type: 'log'; text: string }
  | { type: 'crash'; message: string; stack?: string };

/** The harness gives code-server this variable; the extension host inherits it, and the runner reports there. */
export const REPORT_URL_VARIABLE = 'OKD_INTEGRATION_REPORT';
