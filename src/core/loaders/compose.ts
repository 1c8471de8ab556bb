import { YamlNode, entryOf, parseYamlSubset } from './yamlSubset';

/** The file names `docker compose` looks for, in its order of preference. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;

export interface ComposeEnvFile {
  /** As written, relative to the compose file's folder. */
  path: string;
  /** `required: false`: a missing file is silently skipped. */
  required: boolean;
  line: number;
}

/** One entry of a service's `environment:`. */
export interface ComposeEnvironmentEntry {
  name: string;
  /** The literal value; null when the entry takes its value from elsewhere (see `from`). */
  value: string | null;
  /** `- NAME`, `NAME:` or `NAME: ${OTHER}`: the value comes from the shell (then the project `.env`) variable `from`. */
  from?: string;
  line: number;
}

export interface ComposeService {
  name: string;
  envFiles: ComposeEnvFile[];
  environment: ComposeEnvironmentEntry[];
}

/** The services of a compose file with what they put in their containers' environment. */
export function readComposeServices(text: string): ComposeService[] {
  const root = parseYamlSubset(text);
  const services = entryOf(root, 'services')?.value;
  if (services?.kind !== 'map') {
    return [];
  }
  return services.entries.map((service) => ({
    name: service.key,
    envFiles: envFilesOf(entryOf(service.value, 'env_file')?.value),
    environment: environmentOf(entryOf(service.value, 'environment')?.value),
  }));
}

function envFilesOf(node: YamlNode | undefined): ComposeEnvFile[] {
  if (!node) {
    return [];
  }
  if (node.kind === 'scalar') {
    return node.value ? [{ path: node.value, required: true, line: node.line }] : [];
  }
  if (node.kind === 'map') {
    return [];
  }
  const files: ComposeEnvFile[] = [];
  for (const item of node.items) {
    if (item.kind === 'scalar' && item.value) {
      files.push({ path: item.value, required: true, line: item.line });
    } else if (item.kind === 'map') {
      const path = entryOf(item, 'path')?.value;
      const required = entryOf(item, 'required')?.value;
      if (path?.kind === 'scalar' && path.value) {
        const optional = required?.kind === 'scalar' && /^(false|no|off)$/i.test(required.value ?? '');
        files.push({ path: path.value, required: !optional, line: path.line });
      }
    }
  }
  return files;
}

function environmentOf(node: YamlNode | undefined): ComposeEnvironmentEntry[] {
  if (!node) {
    return [];
  }
  if (node.kind === 'map') {
    return node.entries.map((e) => {
      const value = e.value.kind === 'scalar' ? e.value.value : null;
      return withSource({ name: e.key, value, line: e.line });
    });
  }
  if (node.kind === 'seq') {
    const out: ComposeEnvironmentEntry[] = [];
    for (const item of node.items) {
      if (item.kind !== 'scalar' || !item.value) {
        continue;
      }
      // List syntax keeps everything after the first "=" as it is, quotes included.
      const eq = item.value.indexOf('=');
      out.push(withSource(eq < 0 ? { name: item.value.trim(), value: null, line: item.line } : { name: item.value.slice(0, eq), value: item.value.slice(eq + 1), line: item.line }));
    }
    return out;
  }
  return [];
}

/**
 * A value that is only a reference (`$NAME`, `${NAME}`, `${NAME:-default}`) is resolved by compose from the shell,
 * then from the project's `.env`. Defaults are not modelled: the chain shows where the value can come from.
 */
function withSource(entry: ComposeEnvironmentEntry): ComposeEnvironmentEntry {
  if (entry.value === null) {
    return { ...entry, from: entry.name };
  }
  const reference = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?]?[-+?][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(entry.value.trim());
  return reference ? { ...entry, value: null, from: reference[1] ?? reference[2] } : entry;
}
