/**
 * Which service a key is for. OpenAI's SDKs talk to any OpenAI-compatible server, so `OPENAI_API_KEY` may hold
 * an Azure key, a Groq key, or `ollama` for a local server: the base URL variables say where requests go, and
 * many keys say themselves whose they are. OpenAI's key-shape rules apply only when the key goes to OpenAI.
 */
import { KEY_MARKER } from './keyShape';

export type ProviderKind = 'openai' | 'azure' | 'local' | 'custom' | 'other';

export interface Provider {
  /** `openai`, `azure`, `local`, `custom`, or a known provider: `groq`, `openrouter`, `anthropic`… */
  id: string;
  kind: ProviderKind;
  /** "OpenAI", "Azure OpenAI", "Groq"; for local and custom servers, their host. */
  label: string;
  /** The OpenAI-compatible base URL to test a key of this provider against, when there is one. */
  baseUrl?: string;
}

interface KnownProvider extends Provider {
  hosts: RegExp;
  /** Prefixes no other provider's keys start with. */
  keyPrefixes: string[];
}

export const OPENAI: Provider = { id: 'openai', kind: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1' };
export const AZURE: Provider = { id: 'azure', kind: 'azure', label: 'Azure OpenAI' };

/** Providers whose keys or hosts are recognisable. Hosts are matched on the URL's host name. */
const OTHER_PROVIDERS: readonly KnownProvider[] = [
  { id: 'anthropic', kind: 'other', label: 'Anthropic', baseUrl: 'https://api.anthropic.com/v1', hosts: /(^|\.)anthropic\.com$/, keyPrefixes: ['sk-ant-'] },
  { id: 'openrouter', kind: 'other', label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', hosts: /(^|\.)openrouter\.ai$/, keyPrefixes: ['sk-or-'] },
  { id: 'groq', kind: 'other', label: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', hosts: /(^|\.)groq\.com$/, keyPrefixes: ['gsk_'] },
  { id: 'xai', kind: 'other', label: 'xAI', baseUrl: 'https://api.x.ai/v1', hosts: /(^|\.)x\.ai$/, keyPrefixes: ['xai-'] },
  { id: 'google', kind: 'other', label: 'Google Gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai', hosts: /(^|\.)generativelanguage\.googleapis\.com$/, keyPrefixes: ['AIza'] },
  { id: 'perplexity', kind: 'other', label: 'Perplexity', baseUrl: 'https://api.perplexity.ai', hosts: /(^|\.)perplexity\.ai$/, keyPrefixes: ['pplx-'] },
  { id: 'together', kind: 'other', label: 'Together AI', baseUrl: 'https://api.together.xyz/v1', hosts: /(^|\.)together\.(xyz|ai)$/, keyPrefixes: ['tgp_v1_'] },
  { id: 'fireworks', kind: 'other', label: 'Fireworks AI', baseUrl: 'https://api.fireworks.ai/inference/v1', hosts: /(^|\.)fireworks\.ai$/, keyPrefixes: ['fw_'] },
  { id: 'huggingface', kind: 'other', label: 'Hugging Face', baseUrl: 'https://router.huggingface.co/v1', hosts: /(^|\.)huggingface\.co$/, keyPrefixes: ['hf_'] },
  { id: 'nvidia', kind: 'other', label: 'NVIDIA', baseUrl: 'https://integrate.api.nvidia.com/v1', hosts: /(^|\.)nvidia\.com$/, keyPrefixes: ['nvapi-'] },
  { id: 'cerebras', kind: 'other', label: 'Cerebras', baseUrl: 'https://api.cerebras.ai/v1', hosts: /(^|\.)cerebras\.ai$/, keyPrefixes: ['csk-'] },
  { id: 'github', kind: 'other', label: 'GitHub Models', baseUrl: 'https://models.github.ai/inference', hosts: /^models\.github\.ai$|^models\.inference\.ai\.azure\.com$/, keyPrefixes: ['ghp_', 'github_pat_', 'gho_'] },
  { id: 'deepseek', kind: 'other', label: 'DeepSeek', baseUrl: 'https://api.deepseek.com', hosts: /(^|\.)deepseek\.com$/, keyPrefixes: [] },
  { id: 'mistral', kind: 'other', label: 'Mistral', baseUrl: 'https://api.mistral.ai/v1', hosts: /(^|\.)mistral\.ai$/, keyPrefixes: [] },
  { id: 'moonshot', kind: 'other', label: 'Moonshot', baseUrl: 'https://api.moonshot.ai/v1', hosts: /(^|\.)moonshot\.(cn|ai)$/, keyPrefixes: [] },
  { id: 'dashscope', kind: 'other', label: 'Alibaba DashScope', baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', hosts: /(^|\.)dashscope(-intl)?\.aliyuncs\.com$/, keyPrefixes: [] },
  { id: 'siliconflow', kind: 'other', label: 'SiliconFlow', baseUrl: 'https://api.siliconflow.com/v1', hosts: /(^|\.)siliconflow\.(cn|com)$/, keyPrefixes: [] },
  { id: 'zhipu', kind: 'other', label: 'Zhipu AI', baseUrl: 'https://open.bigmodel.cn/api/paas/v4', hosts: /(^|\.)bigmodel\.cn$/, keyPrefixes: [] },
];

const OPENAI_HOST = /(^|\.)api\.openai\.com$/;
/** Azure OpenAI and Azure AI Foundry resources, and API Management gateways in front of them. */
const AZURE_HOST = /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com|models\.ai\.azure\.com|api\.cognitive\.microsoft\.com|azure-api\.net)$/;
/** Azure AI services keys: 32 hexadecimal digits, or the 84-character form with its `JQQJ9` signature. */
export const AZURE_KEY_SHAPES = [/^[0-9a-fA-F]{32}$/, /^[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9]{26}$/];
const OPENAI_PREFIXES = ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-'];

/** Where requests go, as the variables of a .env file or an environment say it. */
export interface ProviderConfig {
  /** OPENAI_BASE_URL, OPENAI_API_BASE or OPENAI_API_BASE_URL. */
  baseUrl?: string;
  /** The variable `baseUrl` came from, for messages. */
  baseUrlVariable?: string;
  /** OPENAI_API_TYPE (`azure`, `azure_ad`, `open_ai`). */
  apiType?: string;
  /** AZURE_OPENAI_ENDPOINT. */
  azureEndpoint?: string;
}

export type ProviderReason = 'default' | 'base-url' | 'api-type' | 'azure-endpoint' | 'variable-name' | 'key';

export interface ProviderDecision {
  /** Where requests with this key go. */
  target: Provider;
  reason: ProviderReason;
  /** Whose the key is, when its shape says so unmistakably. */
  keyOwner?: Provider;
  /** The key is another provider's than the one requests go to. */
  mismatch: boolean;
}

export interface ProviderQuery extends ProviderConfig {
  key: string;
  /** The variable holding the key: `AZURE_OPENAI_API_KEY` is Azure's whatever the rest says. */
  variable?: string;
}

/** Names of the variables that decide the provider, in the order the SDKs read them. */
export const BASE_URL_VARIABLES = ['OPENAI_BASE_URL', 'OPENAI_API_BASE', 'OPENAI_API_BASE_URL'];

/** The provider config from a name → value lookup (a .env file's definitions, or an environment). */
export function providerConfigFrom(lookup: (name: string) => string | undefined): ProviderConfig {
  const config: ProviderConfig = {};
  for (const name of BASE_URL_VARIABLES) {
    const value = lookup(name)?.trim();
    if (value) {
      config.baseUrl = value;
      config.baseUrlVariable = name;
      break;
    }
  }
  config.apiType = lookup('OPENAI_API_TYPE')?.trim() || undefined;
  config.azureEndpoint = lookup('AZURE_OPENAI_ENDPOINT')?.trim() || undefined;
  return config;
}

/** The provider config of a parsed .env file: the last definition of each variable, as dotenv keeps it. */
export function providerConfigOfEntries(entries: ReadonlyArray<{ name: string; value: string }>): ProviderConfig {
  const last = new Map<string, string>();
  for (const entry of entries) {
    if (entry.name.includes('OPENAI')) {
      last.set(entry.name, entry.value);
    }
  }
  return providerConfigFrom((name) => last.get(name));
}

/** Whose key this is, when its prefix or shape leaves no doubt; `undefined` for `sk-…` keys of unknown origin. */
export function keyOwnerOf(key: string): Provider | undefined {
  if (OPENAI_PREFIXES.some((p) => key.startsWith(p)) || (key.startsWith('sk-') && key.includes(KEY_MARKER))) {
    return OPENAI;
  }
  const other = OTHER_PROVIDERS.find((p) => p.keyPrefixes.some((prefix) => key.startsWith(prefix)));
  if (other) {
    return publicPart(other);
  }
  return AZURE_KEY_SHAPES[1].test(key) ? AZURE : undefined;
}

/** A shape that suggests a provider without proving it (32 hex digits are Azure's, `sk-` + 32 hex DeepSeek's). */
export function keyShapeHint(key: string): Provider | undefined {
  if (AZURE_KEY_SHAPES[0].test(key)) {
    return AZURE;
  }
  if (/^sk-[0-9a-f]{32}$/.test(key)) {
    return providerById('deepseek');
  }
  return undefined;
}

/** The provider a base URL points at. */
export function providerOfBaseUrl(baseUrl: string): Provider {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { id: 'custom', kind: 'custom', label: baseUrl };
  }
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (OPENAI_HOST.test(host)) {
    return OPENAI;
  }
  const other = OTHER_PROVIDERS.find((p) => p.hosts.test(host));
  if (other) {
    return publicPart(other);
  }
  if (AZURE_HOST.test(host)) {
    return { ...AZURE, baseUrl: `${url.origin}/openai/v1` };
  }
  if (isLocalHost(host)) {
    return { id: 'local', kind: 'local', label: url.host, baseUrl: stripSlash(baseUrl) };
  }
  return { id: 'custom', kind: 'custom', label: url.host, baseUrl: stripSlash(baseUrl) };
}

/**
 * Decides where a key's requests go and whether the key belongs there: the variable's name (Azure's), then
 * OPENAI_API_TYPE, then the base URL; AZURE_OPENAI_ENDPOINT alone only counts for keys that are not clearly
 * someone else's; otherwise OpenAI.
 */
export function providerOf(query: ProviderQuery): ProviderDecision {
  const key = query.key.trim();
  const owner = keyOwnerOf(key);
  let target: Provider = OPENAI;
  let reason: ProviderReason = 'default';
  if (query.variable && /AZURE/.test(query.variable)) {
    target = azureAt(query.azureEndpoint);
    reason = 'variable-name';
  } else if (query.apiType && /^azure/i.test(query.apiType)) {
    target = azureAt(query.baseUrl ?? query.azureEndpoint);
    reason = 'api-type';
  } else if (query.baseUrl) {
    target = providerOfBaseUrl(query.baseUrl);
    reason = 'base-url';
  } else if (query.azureEndpoint && (!owner || owner.kind === 'azure') && keyShapeHint(key)?.kind !== 'other') {
    target = azureAt(query.azureEndpoint);
    reason = 'azure-endpoint';
  }
  const judged = target.kind === 'openai' || target.kind === 'azure' || target.kind === 'other';
  const mismatch = owner !== undefined && judged && owner.id !== target.id;
  return { target, reason, keyOwner: owner, mismatch };
}

/** The provider the key itself belongs to: its owner when its shape says so, else where its requests go. */
export function keyProviderOf(decision: ProviderDecision): Provider {
  return decision.keyOwner ?? decision.target;
}

function azureAt(endpoint: string | undefined): Provider {
  if (endpoint) {
    try {
      return { ...AZURE, baseUrl: `${new URL(endpoint).origin}/openai/v1` };
    } catch {
      // not a URL: Azure without a known endpoint
    }
  }
  return AZURE;
}

function providerById(id: string): Provider | undefined {
  const found = OTHER_PROVIDERS.find((p) => p.id === id);
  return found && publicPart(found);
}

function publicPart({ id, kind, label, baseUrl }: KnownProvider): Provider {
  return { id, kind, label, baseUrl };
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Loopback, private networks, `*.local`, Docker's host alias, and single-label names (a compose service). */
export function isLocalHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host === 'host.docker.internal') {
    return true;
  }
  if (host === '::1' || host === '0.0.0.0' || /^127\./.test(host) || /^10\./.test(host) || /^192\.168\./.test(host)) {
    return true;
  }
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(host) || /^(fc|fd)[0-9a-f]{2}:/.test(host)) {
    return true;
  }
  return !host.includes('.') && !host.includes(':');
}

/**
 * The provider a key is for when that is not OpenAI while the test would send it to OpenAI: such a key is never
 * sent to api.openai.com (it would only be rejected, and it is another service's secret).
 */
export function keyNotForOpenAi(query: ProviderQuery, destination: string): Provider | undefined {
  if (providerOfBaseUrl(destination).kind !== 'openai') {
    return undefined;
  }
  const provider = keyProviderOf(providerOf(query));
  return provider.kind === 'openai' ? undefined : provider;
}
