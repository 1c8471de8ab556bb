/** Placeholders left from templates and guides, and masked copies taken from logs or dashboards. */

export type PlaceholderKind = 'masked-copy' | 'template' | 'empty-ish' | 'guide-example';

export interface Placeholder {
  kind: PlaceholderKind;
  /**
   * Unmistakable anywhere: a masked copy, `<your key>`, `your-api-key-here`. Single words (`EMPTY`, `dummy`)
   * and `sk-1234` are what keyless servers are often given.
   */
  phrase: boolean;
}

const PLACEHOLDER_WORDS = new Set([
  // English
  'your', 'you', 'my', 'api', 'key', 'keys', 'secret', 'token', 'here', 'insert', 'replace', 'paste', 'put', 'enter',
  'add', 'change', 'changeme', 'me', 'this', 'with', 'placeholder', 'example', 'sample', 'dummy', 'fake', 'test',
  'openai', 'open', 'ai', 'goes', 'real', 'actual', 'todo', 'fixme', 'xxx', 'new', 'value', 'the', 'sk', 'proj', 'a',
  'none', 'null', 'undefined', 'nil', 'empty', 'redacted', 'hidden', 'key_here', 'tbd',
  // French
  'votre', 'ta', 'ton', 'cle', 'clé', 'nouvelle', 'ici', 'mettre', 'remplacer', 'secrete', 'secrète',
  // Spanish, Portuguese, Italian
  'tu', 'su', 'clave', 'aqui', 'aquí', 'sua', 'chave', 'la', 'tua', 'chiave', 'qui', 'nueva', 'nova',
  // German, Dutch
  'dein', 'deinen', 'ihr', 'ihren', 'schluessel', 'schlüssel', 'hier', 'jouw', 'sleutel',
]);

/**
 * Recognises `sk-...`, `sk-proj...XXXX`, `your-api-key-here`, `<your key>`, `xxx`, `changeme`, `***`,
 * `votre_nouvelle_cle_ici`, `${OPENAI_API_KEY}` is not a placeholder (see variable references).
 */
export function detectPlaceholder(value: string): Placeholder | undefined {
  const v = value.trim();
  if (v === '') {
    return undefined;
  }
  // String searches where a regular expression would scan the same way: every key variable of a big file is
  // asked this (/\.\.\.|…|\*{3,}|•{2,}/, then /x{4,}|X{4,}/).
  if (v.includes('...') || v.includes('…') || v.includes('***') || v.includes('••')) {
    return { kind: 'masked-copy', phrase: true };
  }
  const first = v.charCodeAt(0);
  if ((first === 0x3c || first === 0x5b || first === 0x7b) && /^<[^>]*>$|^\[[^\]]*\]$|^\{\{[^}]*\}\}$/.test(v)) {
    return { kind: 'template', phrase: true };
  }
  if (/^(sk-(proj-|svcacct-|admin-)?)?(x+|X+|0+|1234\w*|\*+|-+|\.+)$/.test(v)) {
    return { kind: 'empty-ish', phrase: false };
  }
  if ((v.includes('xxxx') || v.includes('XXXX')) && !/[0-9]/.test(v.replace(/^sk-/, ''))) {
    return { kind: 'masked-copy', phrase: true };
  }
  if (/abcdefghij|1234567890/i.test(v)) {
    return { kind: 'guide-example', phrase: false };
  }
  // The longest prefix removed below is "sk-svcacct-" (11 characters): a longer value leaves a body over 60.
  if (v.length > 60 + 11) {
    return undefined;
  }
  const body = v.replace(/^sk-(proj-|svcacct-|admin-|None-)?/, '');
  if (body.length <= 60 && /^[\p{L}_\- ]+$/u.test(body)) {
    const words = body.toLowerCase().split(/[_\- ]+/).filter((w) => w.length > 0);
    const known = words.filter((w) => PLACEHOLDER_WORDS.has(w)).length;
    if (words.length > 0 && known / words.length >= 0.5 && (words.length === 1 || known >= 2)) {
      return { kind: 'template', phrase: words.length > 1 };
    }
  }
  return undefined;
}

/**
 * Whether a value could be a key worth acting on (test it, move it to SecretStorage): not empty, not a placeholder
 * or a masked copy, not a reference to another variable. Key actions are offered only on such values.
 */
export function holdsActionableKey(value: string): boolean {
  const trimmed = value.trim();
  return trimmed !== '' && detectPlaceholder(trimmed) === undefined && !/\$\{?[A-Za-z_]/.test(trimmed);
}
