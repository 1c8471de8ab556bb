/** Character classes exactly as JavaScript regular expressions define them (dotenv's parser is a regex). */

/** JS `\s`: WhiteSpace and LineTerminator. String.prototype.trim removes exactly this set. */
export function isJsWhitespace(code: number): boolean {
  if (code <= 0x20) {
    return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  }
  if (code < 0xa0) {
    return false;
  }
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Where `^` and `$` match in a multiline JS regex (CR never reaches the parser: it is normalised first). */
export function isLineTerminator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/** JS `[\w.-]`. */
export function isKeyChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    code === 0x2e ||
    code === 0x2d
  );
}

export const HASH = 0x23;
export const NEWLINE = 0x0a;
export const BACKSLASH = 0x5c;
export const EQUALS = 0x3d;
export const COLON = 0x3a;
export const QUOTE_CHARS = ["'", '"', '`'] as const;
export type QuoteChar = (typeof QUOTE_CHARS)[number];

export function isQuoteCode(code: number): boolean {
  return code === 0x27 || code === 0x22 || code === 0x60;
}
