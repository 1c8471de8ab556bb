import { isUtf8 } from 'buffer';
import { parseDotenv, resolveValues } from './dotenv/parse';

/** How a .env file's bytes are encoded, and what dotenv (which always reads UTF-8) makes of them. */
export type TextEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

/**
 * UTF-16 that stops being UTF-16: PowerShell's `>` wrote UTF-16 and bash's `>>` appended UTF-8 (or the other
 * way round). dotenv reads the raw bytes as UTF-8 and gets the variables of the UTF-8 part; an editor decodes
 * the whole file as UTF-16 and shows other text there.
 */
export interface MixedEncoding {
  /** The names dotenv gets from the raw bytes (never their values). */
  dotenvNames: string[];
}

export interface DecodedFile {
  /** The text as an editor shows it. */
  text: string;
  encoding: TextEncoding;
  /** The file starts with a byte order mark. */
  bom: boolean;
  /** NUL bytes in a file that is not UTF-16: a binary file or a broken conversion. */
  nulBytes: number;
  /** Mostly undecodable bytes or NULs: not a text file. */
  binary: boolean;
  /**
   * UTF-16 that does not decode: an odd number of bytes (the last one is half a character), a lone surrogate,
   * or a part that is not UTF-16 at all (`mixed`). The text is then not the whole file, so nothing may rewrite it.
   */
  undecodable?: boolean;
  /** Set when part of a UTF-16 file is UTF-8, or dotenv gets variables from its raw bytes. */
  mixed?: MixedEncoding;
}

export function decodeFile(bytes: Uint8Array): DecodedFile {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    return utf16(b.subarray(2), 'utf16le', true, b);
  }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    return utf16(b.subarray(2), 'utf16be', true, b);
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return utf8(b, 'utf8bom');
  }
  const guess = guessUtf16WithoutBom(b);
  if (guess) {
    return utf16(b, guess, false, b);
  }
  return utf8(b, 'utf8');
}

function utf8(b: Buffer, encoding: 'utf8' | 'utf8bom'): DecodedFile {
  const text = b.toString('utf8');
  // Almost every file has neither: let the native search say so before counting character by character.
  if (text.indexOf('\u0000') < 0 && text.indexOf('\ufffd') < 0) {
    return { text, encoding, bom: encoding === 'utf8bom', nulBytes: 0, binary: false };
  }
  let nulBytes = 0;
  let replacements = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) {
      nulBytes++;
    } else if (c === 0xfffd) {
      replacements++;
    }
  }
  const binary = text.length > 0 && (nulBytes + replacements) / text.length > 0.1;
  return { text, encoding, bom: encoding === 'utf8bom', nulBytes, binary };
}

function utf16(body: Buffer, encoding: 'utf16le' | 'utf16be', bom: boolean, whole: Buffer): DecodedFile {
  const even = body.subarray(0, body.length - (body.length % 2));
  const le = encoding === 'utf16le' ? Buffer.from(even) : swapBytes(even);
  let text = le.toString('utf16le');
  if (bom && text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  const mixed = mixedEncoding(whole, body, bom);
  const undecodable = body.length % 2 !== 0 || hasLoneSurrogate(text) || mixed !== undefined;
  return { text, encoding, bom, nulBytes: 0, binary: false, undecodable, ...(mixed ? { mixed } : {}) };
}

/** The names dotenv gets from these bytes, read as it reads them (UTF-8, whatever they are). */
export function dotenvNamesOf(bytes: Uint8Array): string[] {
  return [...resolveValues(parseDotenv(textAsDotenvReadsIt(bytes))).keys()];
}

/**
 * Is this "UTF-16" file wholly UTF-16? Not when dotenv gets a variable from its raw bytes (a re-save would
 * change what the app gets), nor when, after a UTF-16 line break, it ends with two or more bytes that hold no NUL
 * and are valid UTF-8 (text appended by a program writing UTF-8), nor when, without a BOM, it starts with such a line.
 * In UTF-16 ASCII text has a NUL in every character, and a line break always comes with one (`0A 00`).
 */
function mixedEncoding(whole: Buffer, body: Buffer, bom: boolean): MixedEncoding | undefined {
  const dotenvNames = dotenvNamesOf(whole);
  if (dotenvNames.length > 0 || hasUtf8Tail(body) || (!bom && hasUtf8Head(whole))) {
    return { dotenvNames };
  }
  return undefined;
}

function hasUtf8Tail(body: Buffer): boolean {
  const from = afterLastNulUnit(body);
  const tail = body.subarray(from);
  // One stray byte is half a UTF-16 character (a damaged file), not an appended line.
  if (tail.length < 2 || tail.indexOf(0) >= 0 || !isUtf8(tail)) {
    return false;
  }
  // Where the UTF-16 part ends: right after a line break (`0A 00` or `00 0A`), or at the start.
  return from === 0 || body[from - 2] === 0x0a || body[from - 1] === 0x0a;
}

/** The offset just after the last whole two-byte unit that holds a NUL byte (0 when none does). */
function afterLastNulUnit(body: Buffer): number {
  for (let i = body.length - (body.length % 2) - 2; i >= 0; i -= 2) {
    if (body[i] === 0 || body[i + 1] === 0) {
      return i + 2;
    }
  }
  return 0;
}

/** UTF-8 lines before the first NUL: the line break ends them, at most one byte of UTF-16 follows it. */
function hasUtf8Head(whole: Buffer): boolean {
  const head = whole.subarray(0, Math.max(0, whole.indexOf(0)));
  const lastBreak = head.lastIndexOf(0x0a);
  return head.length >= 2 && lastBreak >= 0 && lastBreak >= head.length - 2 && isUtf8(head.subarray(0, lastBreak + 1));
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

function swapBytes(b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(b.length);
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = b[i + 1];
    out[i + 1] = b[i];
  }
  return out;
}

/** ASCII text written as UTF-16 without a BOM has a NUL in every other byte. */
function guessUtf16WithoutBom(b: Buffer): 'utf16le' | 'utf16be' | undefined {
  const sample = Math.min(b.length - (b.length % 2), 4096);
  if (sample < 4) {
    return undefined;
  }
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < sample; i += 2) {
    if (b[i] === 0) {
      nulEven++;
    }
    if (b[i + 1] === 0) {
      nulOdd++;
    }
  }
  const pairs = sample / 2;
  if (nulOdd / pairs > 0.6 && nulEven / pairs < 0.1) {
    return 'utf16le';
  }
  if (nulEven / pairs > 0.6 && nulOdd / pairs < 0.1) {
    return 'utf16be';
  }
  return undefined;
}

/** The same text saved as UTF-8 without a BOM: the fix for a UTF-16 file. */
export function encodeUtf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** What dotenv reads: the raw bytes as UTF-8, whatever they are. */
export function textAsDotenvReadsIt(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * Does writing `rewritten` in place of `original` keep what dotenv reads? Every variable dotenv gets from the
 * original bytes must get the same value from the new ones (a UTF-16 file gives dotenv nothing, so its re-save
 * only adds). The last guard before any re-encoding is written.
 */
export function keepsWhatDotenvReads(original: Uint8Array, rewritten: Uint8Array): boolean {
  const before = resolveValues(parseDotenv(textAsDotenvReadsIt(original)));
  if (before.size === 0) {
    return true;
  }
  const after = resolveValues(parseDotenv(textAsDotenvReadsIt(rewritten)));
  for (const [name, value] of before) {
    if (after.get(name) !== value) {
      return false;
    }
  }
  return true;
}
