export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_REALTIME_MODEL = 'gpt-realtime';
export const DEFAULT_TIMEOUT_MS = 10000;
