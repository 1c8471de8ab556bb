import * as l10n from '@vscode/l10n';
import { decodeFile, encodeUtf8, keepsWhatDotenvReads, TextEncoding } from './encoding';
import { fixUntilStable } from './fixProof';
import type { Finding } from './findings';
import { LintOptions, LintResult, lintText } from './lint';

/** Files above this size are not checked unless the user sets another limit. */
export const DEFAULT_MAX_FILE_MB = 2;
export const DEFAULT_MAX_FILE_BYTES = DEFAULT_MAX_FILE_MB * 1024 * 1024;

export interface FileLintResult extends LintResult {
  /** The decoded text that positions refer to. */
  text: string;
  encoding: TextEncoding;
}

export interface FileLintOptions extends LintOptions {
  /** Files above this many bytes are not checked (default DEFAULT_MAX_FILE_BYTES). */
  maxBytes?: number;
  /** How the caller lets the user change the limit, for the message: "--max-size-mb", or its setting. */
  sizeLimitName?: string;
}

/** Lints a file's bytes: encoding facts first, then the text as an editor would show it. */
export function lintBytes(bytes: Uint8Array, options: FileLintOptions = {}): FileLintResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.byteLength > maxBytes) {
    return tooLargeResult(bytes.byteLength, maxBytes, options);
  }
  const decoded = decodeFile(bytes);
  const text = decoded.encoding === 'utf8bom' ? decoded.text.replace(/^\uFEFF/, '') : decoded.text;
  return { ...lintText(text, { ...options, decoded }), text, encoding: decoded.encoding };
}

/** One information finding in place of a lint: the file is above the size limit. */
export function tooLargeResult(size: number, maxBytes: number, options: FileLintOptions = {}): FileLintResult {
  const result = lintText('', {});
  const sizeMb = (size / 1048576).toFixed(1);
  const limitMb = (maxBytes / 1048576).toFixed(1);
  const finding: Finding = {
    rule: 'file-too-large',
    severity: 'information',
    span: { start: 0, end: 0 },
    message: options.sizeLimitName
      ? l10n.t('This file is {0} MB, above the {1} MB limit ({2}), so it was not checked.', sizeMb, limitMb, options.sizeLimitName)
      : l10n.t('This file is {0} MB, above the {1} MB limit, so it was not checked.', sizeMb, limitMb),
    fixes: [],
  };
  const off = options.ruleSeverity?.['file-too-large'] === 'off';
  return { ...result, text: '', encoding: 'utf8', findings: off ? [] : [finding] };
}

export interface FixedFile {
  bytes: Uint8Array;
  /** Lines to append to .gitignore, from safe fixes. */
  gitignoreEntries: string[];
  applied: number;
}

/** A fix's bytes can bring a new one (a U+FEFF that becomes the first character is then a BOM): a bound, not a goal. */
const MAX_BYTE_PASSES = 8;

/**
 * What `--fix` writes: the proven fixes applied until none is left (see fixProof), then re-encoded to UTF-8
 * when a file-level fix asks for it, and all of it again on the bytes that would be written until they no
 * longer change: one `--fix` reaches a fixed point, the byte order mark decision included. Undefined when
 * nothing changes. Bytes that do not decode are never rewritten: the text would not be the whole file.
 */
export function applySafeFixes(result: FileLintResult, originalBytes: Uint8Array): FixedFile | undefined {
  const gitignoreEntries = new Set<string>();
  let applied = 0;
  let current = result;
  let bytes = originalBytes;
  const seen = new Set<string>([Buffer.from(bytes).toString('latin1')]);
  for (let pass = 0; pass < MAX_BYTE_PASSES; pass++) {
    const step = applyOnePass(current, bytes);
    if (!step) {
      break;
    }
    const newEntries = step.gitignoreEntries.filter((e) => !gitignoreEntries.has(e));
    newEntries.forEach((e) => gitignoreEntries.add(e));
    applied += step.applied + newEntries.length;
    const key = Buffer.from(step.bytes).toString('latin1');
    if (seen.has(key)) {
      break; // nothing new, or back to bytes already written: stop where we are
    }
    seen.add(key);
    bytes = step.bytes;
    current = lintBytes(bytes, { ...current.options, decoded: undefined, forFixingOnly: true });
  }
  if (bytes === originalBytes && gitignoreEntries.size === 0) {
    return undefined;
  }
  return { bytes, gitignoreEntries: [...gitignoreEntries], applied };
}

/** One pass over one version of the bytes: `applied` counts the edits and the re-encoding, not the .gitignore lines. */
function applyOnePass(result: FileLintResult, originalBytes: Uint8Array): FixedFile | undefined {
  const fileFixes = result.findings.flatMap((f) => f.fixes.filter((x) => x.safe && x.fileAction)).map((x) => x.fileAction!);
  const gitignoreEntries = [...new Set(fileFixes.flatMap((a) => (a.kind === 'add-to-gitignore' ? [a.entry] : [])))];
  const decodable = result.options.decoded?.undecodable !== true && !result.options.decoded?.binary && result.options.decoded?.mixed === undefined;
  // The re-encoded text must keep every variable dotenv reads from the bytes as they are (a UTF-16 file with a
  // UTF-8 part gives the app that part's variables; the UTF-16 reading of it would lose them).
  const reencode = decodable && fileFixes.some((a) => a.kind === 'reencode-utf8') && keepsWhatDotenvReads(originalBytes, encodeUtf8(result.text));
  const utf8 = result.encoding === 'utf8' || result.encoding === 'utf8bom';
  const bom = result.encoding === 'utf8bom' ? '\uFEFF' : '';
  const roundTrips = utf8 && Buffer.compare(Buffer.from(encodeUtf8(bom + result.text)), Buffer.from(originalBytes)) === 0;
  const editable = reencode || roundTrips;
  const stable = editable ? fixUntilStable(result) : undefined;
  const edited = stable !== undefined && stable.passes > 0;
  if (!edited && !reencode && gitignoreEntries.length === 0) {
    return undefined;
  }
  let bytes = originalBytes;
  if (reencode) {
    bytes = encodeUtf8(stable ? stable.text : result.text);
  } else if (edited) {
    bytes = encodeUtf8(bom + stable.text);
  }
  return { bytes, gitignoreEntries, applied: (stable?.applied.length ?? 0) + (reencode ? 1 : 0) };
}
