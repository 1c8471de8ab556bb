import type { KeyType } from '../keys/keyShape';
import { CANONICAL_KEY_NAME } from '../keys/variables';
import type { SourceLanguage } from './language';
import type { LiteralContext } from './literals';

/**
 * How a key is replaced, decided from the language and what surrounds the key:
 * - `env`: by an expression that reads the variable the key moves to (`.env`);
 * - `secret`: by a GitHub Actions secret reference (the key goes to the repository's secrets, not to `.env`);
 * - `comment`: the key is in a comment, where the variable's name takes its place;
 * - `guidance`: no edit is safe (Dockerfiles, formats that cannot read the environment, notebook outputs).
 */
export type Idiom =
  | { kind: 'env'; reference: string }
  | { kind: 'secret'; reference: string }
  | { kind: 'comment' }
  | { kind: 'guidance'; reason: GuidanceReason };

export type GuidanceReason = 'dockerfile' | 'notebook-output' | 'no-environment' | 'unknown-context';

/** Admin keys belong in OPENAI_ADMIN_KEY: as OPENAI_API_KEY they break every model call. */
export function variableFor(keyType: KeyType): string {
  return keyType === 'admin' ? 'OPENAI_ADMIN_KEY' : CANONICAL_KEY_NAME;
}

/** The expression or text that reads the variable, per language. */
export function referenceFor(language: SourceLanguage, variable: string): string | undefined {
  switch (language) {
    case 'javascript':
      return `process.env.${variable}`;
    case 'python':
    case 'notebook':
      return `os.environ["${variable}"]`;
    case 'shell':
      return `"$${variable}"`;
    case 'compose':
      return `\${${variable}}`;
    case 'workflow':
      return `\${{ secrets.${variable} }}`;
    default:
      return undefined;
  }
}

export interface IdiomInput {
  language: SourceLanguage;
  context: LiteralContext;
  variable: string;
  /** The key is in a notebook cell's output, not its source. */
  inOutput?: boolean;
}

export function idiomFor({ language, context, variable, inOutput }: IdiomInput): Idiom {
  if (inOutput) {
    return { kind: 'guidance', reason: 'notebook-output' };
  }
  if (context.kind === 'comment') {
    return { kind: 'comment' };
  }
  if (language === 'dockerfile') {
    return { kind: 'guidance', reason: 'dockerfile' };
  }
  const reference = referenceFor(language, variable);
  if (!reference) {
    return { kind: 'guidance', reason: 'no-environment' };
  }
  return language === 'workflow' ? { kind: 'secret', reference } : { kind: 'env', reference };
}
