import * as l10n from '@vscode/l10n';

/**
 * What the full test spends, said before it runs: at most one paid REST call and one Realtime response, each
 * with the smallest budget the API accepts. Worst case = the token ceilings below times list prices in US$ per
 * million tokens (input, output); a model not in the table is priced like the most expensive public model, so
 * the figure is an upper bound, never an estimate that could be exceeded.
 */
const PRICES_PER_MILLION: Record<string, [number, number]> = {
  'text-embedding-3-small': [0.02, 0],
  'text-embedding-3-large': [0.13, 0],
  'text-embedding-ada-002': [0.1, 0],
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-realtime': [4, 16],
  'gpt-realtime-mini': [0.6, 2.4],
  'gpt-4o-realtime-preview': [5, 20],
  'gpt-4o-mini-realtime-preview': [0.6, 2.4],
};
const CEILING_PER_MILLION: [number, number] = [150, 600];

/** Token ceilings of each paid call: the input we send (with the API's own framing) and the output budget. */
const EMBEDDING_TOKENS: [number, number] = [8, 0];
const CHAT_TOKENS: [number, number] = [32, 1];
const REALTIME_TOKENS: [number, number] = [64, 1];

export type InferenceEndpoint = '/embeddings' | '/chat/completions';

/** Embedding models get an embedding; any other model a one-token chat completion. */
export function inferenceEndpointFor(model: string): InferenceEndpoint {
  return /embedding/i.test(model) ? '/embeddings' : '/chat/completions';
}

export interface FullTestPlan {
  /** One line per paid call, for the confirmation and the report. */
  calls: string[];
  paidCalls: number;
  worstCaseUsd: number;
  /** "2 paid calls (…); worst case $0.0003" */
  summary: string;
}

function costOf(model: string, [input, output]: [number, number]): number {
  const [inPrice, outPrice] = PRICES_PER_MILLION[model] ?? CEILING_PER_MILLION;
  return (input * inPrice + output * outPrice) / 1_000_000;
}

/** Rounds up to two significant digits: "$0.00028", "$0.011". */
export function formatUsd(amount: number): string {
  if (amount <= 0) {
    return '$0';
  }
  const magnitude = Math.pow(10, Math.floor(Math.log10(amount)) - 1);
  const rounded = Math.ceil(amount / magnitude - 1e-9) * magnitude;
  return `$${rounded.toFixed(Math.max(0, -Math.floor(Math.log10(magnitude))))}`;
}

export function fullTestPlan(inferenceModel: string, realtimeModel: string | null): FullTestPlan {
  const calls: string[] = [];
  let worst = 0;
  if (inferenceEndpointFor(inferenceModel) === '/embeddings') {
    calls.push(l10n.t('an embedding of one word with {0} (POST /embeddings)', inferenceModel));
    worst += costOf(inferenceModel, EMBEDDING_TOKENS);
  } else {
    calls.push(l10n.t('a one-token chat completion with {0} (POST /chat/completions)', inferenceModel));
    worst += costOf(inferenceModel, CHAT_TOKENS);
  }
  if (realtimeModel) {
    calls.push(l10n.t('a one-token text response with {0} on the Realtime socket (response.create)', realtimeModel));
    worst += costOf(realtimeModel, REALTIME_TOKENS);
  }
  const summary =
    calls.length === 1
      ? l10n.t('1 paid call ({0}); worst case {1}', calls[0], formatUsd(worst))
      : l10n.t('{0} paid calls ({1}); worst case {2}', calls.length, calls.join('; '), formatUsd(worst));
  return { calls, paidCalls: calls.length, worstCaseUsd: worst, summary };
}
