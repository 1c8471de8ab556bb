/** Characters that make a key "look fine" while breaking it. */

const NAMES: ReadonlyMap<number, string> = new Map([
  [0x09, 'CHARACTER TABULATION (tab)'],
  [0x20, 'SPACE'],
  [0xa0, 'NO-BREAK SPACE'],
  [0xad, 'SOFT HYPHEN'],
  [0x61c, 'ARABIC LETTER MARK'],
  [0x1680, 'OGHAM SPACE MARK'],
  [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x2002, 'EN SPACE'],
  [0x2003, 'EM SPACE'],
  [0x2009, 'THIN SPACE'],
  [0x200a, 'HAIR SPACE'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x2010, 'HYPHEN'],
  [0x2011, 'NON-BREAKING HYPHEN'],
  [0x2012, 'FIGURE DASH'],
  [0x2013, 'EN DASH'],
  [0x2014, 'EM DASH'],
  [0x2015, 'HORIZONTAL BAR'],
  [0x2018, 'LEFT SINGLE QUOTATION MARK'],
  [0x2019, 'RIGHT SINGLE QUOTATION MARK'],
  [0x201a, 'SINGLE LOW-9 QUOTATION MARK'],
  [0x201c, 'LEFT DOUBLE QUOTATION MARK'],
  [0x201d, 'RIGHT DOUBLE QUOTATION MARK'],
  [0x201e, 'DOUBLE LOW-9 QUOTATION MARK'],
  [0x2028, 'LINE SEPARATOR'],
  [0x2029, 'PARAGRAPH SEPARATOR'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x202f, 'NARROW NO-BREAK SPACE'],
  [0x205f, 'MEDIUM MATHEMATICAL SPACE'],
  [0x2060, 'WORD JOINER'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0x2212, 'MINUS SIGN'],
  [0x3000, 'IDEOGRAPHIC SPACE'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE (byte order mark)'],
  [0xab, 'LEFT-POINTING DOUBLE ANGLE QUOTATION MARK'],
  [0xbb, 'RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK'],
]);

/** `U+2011 NON-BREAKING HYPHEN` */
export function describeCodePoint(code: number): string {
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const name = NAMES.get(code) ?? lookalikeName(code);
  return name ? `U+${hex} ${name}` : `U+${hex}`;
}

function lookalikeName(code: number): string | undefined {
  if (code >= 0x0400 && code <= 0x04ff) {
    return `CYRILLIC LETTER (looks like "${asciiLookalike(code)}")`;
  }
  if (code >= 0x0370 && code <= 0x03ff) {
    return `GREEK LETTER (looks like "${asciiLookalike(code)}")`;
  }
  if (code >= 0xff01 && code <= 0xff5e) {
    return `FULLWIDTH "${String.fromCharCode(code - 0xfee0)}"`;
  }
  if (code < 0x20 || code === 0x7f) {
    return 'CONTROL CHARACTER';
  }
  return undefined;
}

/** Invisible in an editor, never trimmed in the middle of a value, never part of a key. */
export function isInvisible(code: number): boolean {
  return (
    code < 0x09 ||
    (code > 0x0d && code < 0x20) ||
    code === 0x0b ||
    code === 0x0c ||
    code === 0x7f ||
    code === 0xad ||
    code === 0x61c ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/** The same set as isInvisible, for fast scanning of a whole file. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
export const INVISIBLE_PATTERN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** Space characters other than the ASCII space and tab. */
export function isUnicodeSpace(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || isUnicodeSpace(code);
}

const SMART_QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x201c, 0x201d, 0x201e, 0x201f, 0x2032, 0x2033, 0xab, 0xbb]);

export function isSmartQuote(code: number): boolean {
  return SMART_QUOTES.has(code);
}

const CONFUSABLES: ReadonlyMap<number, string> = new Map(
  Object.entries({
    '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
    '\uFE58': '-', '\uFE63': '-', '\u02D7': '-',
    а: 'a', в: 'B', е: 'e', к: 'k', м: 'M', н: 'H', о: 'o', р: 'p', с: 'c', т: 'T', у: 'y', х: 'x',
    А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
    і: 'i', ј: 'j', ѕ: 's', І: 'I', Ј: 'J', Ѕ: 'S', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g', Ζ: 'Z',
    Α: 'A', Β: 'B', Ε: 'E', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
    ο: 'o', ν: 'v', ρ: 'p', α: 'a', ι: 'i', κ: 'k', τ: 't', υ: 'u', χ: 'x',
  }).map(([k, v]) => [k.charCodeAt(0), v]),
);

/** The ASCII character this one imitates, for dashes and Cyrillic/Greek/full-width letters and digits. */
export function asciiLookalike(code: number): string | undefined {
  const mapped = CONFUSABLES.get(code);
  if (mapped) {
    return mapped;
  }
  if (code >= 0xff01 && code <= 0xff5e) {
    return String.fromCharCode(code - 0xfee0);
  }
  return undefined;
}
