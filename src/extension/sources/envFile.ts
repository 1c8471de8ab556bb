import { decodeFile, encodeUtf8 } from '../../core/encoding';
import { envHoldsKey, planEnvEdit } from '../../core/sources/envEdit';
import { planEnvReplace } from '../../core/sources/envReplace';
import { FileOps, NODE_FILE_OPS, WriteTarget, readFileSafely, writeFileSafely } from '../../core/safeFile';

/**
 * Puts `variable=key` into a `.env` on disk: read it, plan the smallest change, write it atomically (temp +
 * rename, refused if the file changed meanwhile), then read it back and re-parse it. No `vscode` here; the
 * outcome says what happened and the caller words it. The key is never part of an outcome.
 */
export type EnvWriteOutcome =
  | { kind: 'written'; created: boolean }
  | { kind: 'present' }
  /** The variable holds another value: ask, then call again with `replace: true`. */
  | { kind: 'conflict'; message: string }
  | { kind: 'unsafe'; message?: string }
  /** The .env is not a UTF-8 text we can rewrite (UTF-16, binary, too large, not a regular file). */
  | { kind: 'unreadable'; reason: string }
  /** The write or the read-back failed; the .env is as it was (or, for `verify`, as written: see message). */
  | { kind: 'failed'; stage: 'write' | 'verify'; error: unknown };

export interface EnvWriteRequest {
  envPath: string;
  /** Writes never leave this folder (links out of it are refused). */
  root: string;
  variable: string;
  key: string;
  /** Replace the value of an existing definition (after the user said so). */
  replace?: boolean;
  /** Only say what a write would meet (conflict, present, unsafe, unreadable): nothing is written. */
  dryRun?: boolean;
  maxBytes: number;
}

export function writeKeyToEnv(request: EnvWriteRequest, ops: FileOps = NODE_FILE_OPS): EnvWriteOutcome {
  const { envPath, root, variable, key } = request;
  const read = readFileSafely(envPath, request.maxBytes, ops);
  let existing: string | undefined;
  let target: WriteTarget;
  if (read.kind === 'error' && read.code === 'ENOENT') {
    target = { path: envPath, absent: true };
  } else if (read.kind !== 'read') {
    return { kind: 'unreadable', reason: read.kind === 'error' ? read.code : read.kind };
  } else {
    const decoded = decodeFile(read.snapshot.bytes);
    if (decoded.encoding !== 'utf8' || decoded.binary) {
      return { kind: 'unreadable', reason: decoded.encoding };
    }
    existing = decoded.text;
    target = read.snapshot;
  }
  let content: string;
  const plan = planEnvEdit(existing, variable, key);
  switch (plan.kind) {
    case 'present':
      return { kind: 'present' };
    case 'unsafe':
      return { kind: 'unsafe', message: plan.message };
    case 'conflict': {
      const replaced = request.replace && existing !== undefined ? planEnvReplace(existing, variable, key) : undefined;
      if (!request.replace) {
        return { kind: 'conflict', message: plan.message };
      }
      if (!replaced) {
        return { kind: 'unsafe' };
      }
      content = replaced.content;
      break;
    }
    default:
      content = plan.content;
  }
  if (request.dryRun) {
    return { kind: 'written', created: existing === undefined };
  }
  try {
    writeFileSafely(target, encodeUtf8(content), { root }, ops);
  } catch (error) {
    return { kind: 'failed', stage: 'write', error };
  }
  const back = readFileSafely(envPath, request.maxBytes, ops);
  const text = back.kind === 'read' ? Buffer.from(back.snapshot.bytes).toString('utf8') : undefined;
  if (text !== content || !envHoldsKey(text, variable, key)) {
    return { kind: 'failed', stage: 'verify', error: new Error(back.kind === 'read' ? 'read-back differs' : back.kind === 'error' ? back.code : back.kind) };
  }
  return { kind: 'written', created: existing === undefined };
}
