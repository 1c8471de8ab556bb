export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_REALTIME_MODEL = 'gpt-realtime';
export const DEFAULT_TIMEOUT_MS = 10000;
/** The model of the full test's one paid REST call: an embedding of one token is the cheapest call that bills. */
export const DEFAULT_FULL_TEST_MODEL = 'text-embedding-3-small';
/** No answer the key test reads is larger than this (a real model list is about 20 KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The base URL a key test is sent to (the default when none is given), without trailing slashes. */
export const testedBaseUrl = (request: { baseUrl?: string }): string => (request.baseUrl ?? DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
