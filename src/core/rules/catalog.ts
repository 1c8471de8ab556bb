import type { Severity } from '../findings';

export interface RuleInfo {
  severity: Severity;
  /** One line for docs, SARIF and the settings description. */
  summary: string;
}

/** Every rule, its default severity and the one-line summary. The README documents each at `#rule-<id>`. */
export const RULES = {
  'utf16-encoding': { severity: 'error', summary: 'The file is UTF-16: dotenv reads no variable from it.' },
  'nul-bytes': { severity: 'error', summary: 'The file contains NUL bytes.' },
  'utf8-bom': { severity: 'warning', summary: 'A UTF-8 byte order mark can hide the first variable from some loaders.' },
  'binary-file': { severity: 'information', summary: 'The file is not text and was not checked.' },
  'unreadable-file': { severity: 'warning', summary: 'The file could not be read.' },
  'fix-not-written': { severity: 'error', summary: 'The fixes could not be written: the file was left as it was.' },
  'too-many-findings': { severity: 'information', summary: 'More findings in this file than are shown.' },
  'file-too-large': { severity: 'information', summary: 'The file is larger than the size limit and was not checked.' },
  'space-around-separator': { severity: 'warning', summary: 'White space around `=` breaks docker --env-file and shells.' },
  'trailing-whitespace': { severity: 'warning', summary: 'White space after an unquoted value is kept by docker, shells and platform editors.' },
  'whitespace-in-quotes': { severity: 'error', summary: 'White space inside quotes becomes part of the key.' },
  'whitespace-inside-value': { severity: 'error', summary: 'White space in the middle of a key.' },
  'invisible-character': { severity: 'error', summary: 'Zero-width, bidi, BOM or control character.' },
  'lookalike-character': { severity: 'error', summary: 'Typographic dash or Cyrillic/Greek/full-width look-alike in place of an ASCII character.' },
  'smart-quotes': { severity: 'error', summary: 'Typographic quotes are not quotes for dotenv: they become part of the value.' },
  'empty-value': { severity: 'error', summary: 'The key variable is empty.' },
  'unknown-prefix': { severity: 'error', summary: 'The value does not start like an OpenAI secret key.' },
  'invalid-characters': { severity: 'error', summary: 'Characters that never occur in an OpenAI key.' },
  'truncated-key': { severity: 'error', summary: 'The key is shorter than keys of its type: probably cut while copying.' },
  'concatenated-keys': { severity: 'error', summary: 'Two keys pasted together.' },
  'bearer-prefix': { severity: 'error', summary: 'The value starts with `Bearer `: the SDK adds it itself.' },
  'wrapped-key': { severity: 'error', summary: 'The key continues on the next line.' },
  'unterminated-quote': { severity: 'error', summary: 'An opening quote without its closing quote.' },
  'escape-sequence': { severity: 'error', summary: 'A backslash escape inside the key.' },
  'variable-reference': { severity: 'warning', summary: 'dotenv does not expand `${VAR}`.' },
  placeholder: { severity: 'error', summary: 'A placeholder or a masked copy instead of a key.' },
  'admin-key': { severity: 'error', summary: 'An Admin API key cannot call model endpoints.' },
  'ephemeral-key': { severity: 'warning', summary: 'An ephemeral client secret expires within minutes.' },
  'key-name': { severity: 'error', summary: 'A lowercase or misspelled OPENAI_API_KEY.' },
  'ignored-line': { severity: 'error', summary: 'A line dotenv silently ignores.' },
  'duplicate-key': { severity: 'information', summary: 'A variable defined twice: dotenv uses the last definition.' },
  'public-prefix': { severity: 'warning', summary: 'A key in a variable that front-end build tools publish.' },
  'env-not-ignored': { severity: 'warning', summary: 'A .env file holding a key is tracked by git or not ignored.' },
  'key-in-example-file': { severity: 'error', summary: 'A real-looking key in a file meant to be committed.' },
  'crlf-line-endings': { severity: 'information', summary: 'CRLF line endings leave a `\\r` in values read by shells.' },
  'colon-separator': { severity: 'information', summary: '`KEY: value` works with dotenv only.' },
  'invalid-organization-id': { severity: 'error', summary: 'The organization ID does not look like `org-…`.' },
  'invalid-project-id': { severity: 'error', summary: 'The project ID does not look like `proj_…`.' },
  'invalid-base-url': { severity: 'error', summary: 'OPENAI_BASE_URL is not a usable URL.' },
  'environment-shadows-file': { severity: 'warning', summary: 'The inherited environment defines the key too, and the loader keeps that value.' },
  'overridden-by-other-file': { severity: 'information', summary: 'Another .env file that the loader prefers defines the key too.' },
  'key-reused': { severity: 'information', summary: 'The same key in files for different environments or in several projects.' },
  'hardcoded-key': { severity: 'error', summary: 'An OpenAI key written in source code or a config file instead of read from the environment.' },
  'other-provider-key': { severity: 'error', summary: "A key of another provider than the one the requests go to." },
  'invalid-azure-key': { severity: 'error', summary: 'An Azure OpenAI key that is not shaped like one.' },
  'swallowed-variable': { severity: 'error', summary: 'A `NAME:` with no value makes dotenv read the next line as its value.' },
  'not-env-file': { severity: 'information', summary: 'A file given to the CLI that is not a .env file was not checked.' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(value: string): value is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}
