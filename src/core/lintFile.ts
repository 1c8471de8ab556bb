import * as l10n from '@vscode/l10n';
import { decodeFile, encodeUtf8, TextEncoding } from './encoding';
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

/**
 * What `--fix` writes: the proven fixes applied until none is left (see fixProof), then re-encoded to UTF-8
 * when a file-level fix asks for it. Undefined when nothing changes. Bytes that do not decode are never
 * rewritten: the text would not be the whole file.
 */
export function applySafeFixes(result: FileLintResult, originalBytes: Uint8Array): FixedFile | undefined {
  const fileFixes = result.findings.flatMap((f) => f.fixes.filter((x) => x.safe && x.fileAction)).map((x) => x.fileAction!);
  const gitignoreEntries = [...new Set(fileFixes.flatMap((a) => (a.kind === 'add-to-gitignore' ? [a.entry] : [])))];
  const decodable = result.options.decoded?.undecodable !== true && !result.options.decoded?.binary;
  const reencode = decodable && fileFixes.some((a) => a.kind === 'reencode-utf8');
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
  return { bytes, gitignoreEntries, applied: (stable?.applied.length ?? 0) + (reencode ? 1 : 0) + gitignoreEntries.length };
}
