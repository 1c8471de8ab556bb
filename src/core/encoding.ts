/** How a .env file's bytes are encoded, and what dotenv (which always reads UTF-8) makes of them. */
export type TextEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

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
   * UTF-16 that does not decode: an odd number of bytes (the last one is half a character) or a lone surrogate.
   * The text is then not the whole file, so nothing may rewrite it.
   */
  undecodable?: boolean;
}

export function decodeFile(bytes: Uint8Array): DecodedFile {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    return utf16(b.subarray(2), 'utf16le', true);
  }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    return utf16(b.subarray(2), 'utf16be', true);
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return utf8(b, 'utf8bom');
  }
  const guess = guessUtf16WithoutBom(b);
  if (guess) {
    return utf16(b, guess, false);
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

function utf16(body: Buffer, encoding: 'utf16le' | 'utf16be', bom: boolean): DecodedFile {
  const even = body.subarray(0, body.length - (body.length % 2));
  const le = encoding === 'utf16le' ? Buffer.from(even) : swapBytes(even);
  let text = le.toString('utf16le');
  if (bom && text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  const undecodable = body.length % 2 !== 0 || hasLoneSurrogate(text);
  return { text, encoding, bom, nulBytes: 0, binary: false, undecodable };
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
