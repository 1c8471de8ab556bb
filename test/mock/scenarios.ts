/**
 * The scenarios of the mock OpenAI server and where each behaviour comes from. Sources are in
 * ../shared/reference/openai-api-evidence.md (which wins) and openai-api-facts.md. A behaviour no public
 * source shows is marked UNCONFIRMED; a network fault makes no claim about the API and says FAULT.
 */
export const SCENARIOS = [
  'ok',
  'invalid_key',
  'models_read_missing',
  'restricted',
  'no_quota',
  'credit_exhausted',
  'billing_hard_limit',
  'billing_inactive',
  'rate_limited',
  'region',
  'org_mismatch',
  'ip_blocked',
  'no_realtime',
  'rt_model_late',
  'rt_model_unlisted',
  'rt_model_close',
  'rt_beta_shape',
  'server_error',
  'hostile',
  'hostile_late',
  'hostile_upgrade',
  'hostile_redirect',
  'hang',
  'slow_headers',
  'slow_body',
  'reset_mid_body',
  'non_json',
  'bad_json',
  'huge_body',
  'rt_no_session',
  'rt_garbage',
  'rt_non_object',
  'rt_abrupt',
  'rt_response_hang',
  'redirect',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Why the mock answers as it does, per scenario: a public source, UNCONFIRMED, or FAULT. */
export const SCENARIO_SOURCES: Record<Scenario | 'unknown_key' | 'admin_key', string> = {
  ok: 'GET /v1/models and /v1/models/{model}: API reference (openai-api-facts.md, REST); Realtime session.created / session.updated: openai-api-facts.md (Realtime over WebSocket); response.done "incomplete" for max_output_tokens: UNCONFIRMED',
  unknown_key:
    'A key the mock does not know is a key the API does not know: 401 invalid_api_key on REST (openai-api-facts.md table), error event + close 3000 on Realtime (openai-api-evidence.md: the seeds; twilio-samples/speech-assistant-openai-realtime-api-python#4; openai/openai-realtime-api-beta#2); message masked with asterisks (continuedev/continue#9634, #10078)',
  invalid_key: 'Same as a key the API does not know (see unknown_key)',
  models_read_missing:
    '401 code null "Missing scopes: api.model.read" (openai-api-evidence.md: microsoft/PowerToys#32989); "A key lacking only Models read can still make the calls an app makes" (openai-api-evidence.md): inference and Realtime succeed',
  restricted:
    'Inference 401 code null "Missing scopes: model.request" (openai-api-evidence.md: continuedev/continue#10059); GET /models answers (the key has the read scope); the same refusal as an error event on response.create: UNCONFIRMED',
  no_quota:
    'GET /models answers 200 without credit; 429 insufficient_quota on calls that spend tokens (openai-api-evidence.md: credit and billing are invisible to GET /v1/models); on Realtime, response.done failed insufficient_quota: UNCONFIRMED in detail (openai-api-evidence.md)',
  credit_exhausted:
    '429 code credit_balance_exhausted on calls that spend tokens (openai-api-facts.md table); on Realtime, an error event after response.create: UNCONFIRMED in detail (openai-api-evidence.md: "an error event or response.done failed")',
  billing_hard_limit:
    '400 invalid_request_error / billing_hard_limit_reached on calls that spend tokens (openai-api-evidence.md: dfinke/PowerShellAI#127, all-in-aigc/aiwallpaper#2); on Realtime, response.done failed: UNCONFIRMED',
  billing_inactive: '429 billing_not_active on calls that spend tokens (openai-api-facts.md table); GET /models 200 (openai-api-evidence.md); on Realtime, response.done failed: UNCONFIRMED',
  rate_limited: '429 rate_limit_exceeded with retry-after and x-ratelimit-* headers (openai-api-facts.md table and headers); Realtime unaffected: UNCONFIRMED',
  region: '403 request_forbidden / unsupported_country_region_territory (openai-api-evidence.md: home-assistant/core#120072); the same body on the Realtime upgrade: UNCONFIRMED',
  org_mismatch: '401 mismatched_organization when OpenAI-Organization does not match (openai-api-evidence.md: Realiserad/fish-ai#62); the same on the Realtime upgrade: UNCONFIRMED',
  ip_blocked: '401 code ip_not_authorized (openai-api-evidence.md: the IP allowlist guide in OpenAI\'s API docs); its message text and the Realtime upgrade refusal: UNCONFIRMED',
  no_realtime: 'HTTP 403 on the Realtime upgrade (openai-api-evidence.md: openai/openai-realtime-api-beta#2, 2024); GET /models/{realtime model} 404 model_not_found for that key: UNCONFIRMED',
  rt_model_late:
    'Upgrade and session.update succeed; response.create ends in response.done status "failed", status_details.error.code model_not_found (openai-api-evidence.md: openai/openai-realtime-console#561, openai/openai-realtime-agents#28)',
  rt_model_unlisted:
    'As rt_model_late, and GET /models/{realtime model} answers 404 model_not_found (shape: openai-api-evidence.md, Aider-AI/aider#604); that GET /models/{model} hides a model the project cannot use: UNCONFIRMED',
  rt_model_close: 'Close 4004 invalid_request_error.model_not_found: reported by third parties only, UNCONFIRMED (openai-api-facts.md)',
  rt_beta_shape: 'Error event and close 4000 invalid_request_error.beta_api_shape_disabled (openai-api-evidence.md: pickle-com/glass#220)',
  server_error: '5xx on REST (openai-api-facts.md table: server trouble); the body text and close 1011 on Realtime: UNCONFIRMED',
  hostile: 'FAULT: a hostile server that echoes the key in every field (request ids, codes, types, rate-limit headers, messages, session id, error event, close reason)',
  hostile_late: 'FAULT: a hostile server that echoes the key in response.done of the full test, and in every REST field',
  hostile_upgrade: 'FAULT: a hostile server that echoes the key in a rejected Realtime upgrade (x-request-id, body) and in every REST field',
  hostile_redirect: 'FAULT: a hostile server that redirects to a URL holding the key (user:password@, path, query)',
  admin_key: 'Admin keys on model endpoints: only the docs\' sentence "Admin API keys cannot be used for non-administration endpoints"; status and body UNCONFIRMED (openai-api-evidence.md)',
  hang: 'FAULT: accepts the connection, never answers',
  slow_headers: 'FAULT: answers after 3 s',
  slow_body: 'FAULT: sends headers and part of the body, then stalls',
  reset_mid_body: 'FAULT: resets the connection in the middle of the body',
  non_json: 'FAULT: a web server, not the API (200 text/html)',
  bad_json: 'FAULT: 200 application/json whose body does not parse',
  huge_body: 'FAULT: 200 with a body far larger than any API answer',
  rt_no_session: 'FAULT: accepts the WebSocket, never sends session.created',
  rt_garbage: 'FAULT: a text frame that is not JSON',
  rt_non_object: 'FAULT: JSON frames that are not events (null, 42)',
  rt_abrupt: 'FAULT: drops the TCP connection after the upgrade',
  rt_response_hang: 'FAULT: never answers response.create',
  redirect: 'FAULT: a redirect to another host (must never be followed with the key)',
};
