export const env = { OPENAI_API_KEY: process.env.OPENAI_API_KEY ?? 'xxx' };
