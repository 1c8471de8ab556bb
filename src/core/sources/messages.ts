import * as l10n from '@vscode/l10n';
import type { Idiom } from './idiom';

/** What git says about the file holding the key (the caller asks git; see gitListing.ts). */
export interface GitFacts {
  tracked: boolean;
  ignored: boolean;
}

/**
 * The diagnostic: one sentence that says where the key is and what to do, with the key masked
 * (`sk-proj-…a1B2`). Git facts add "(git-tracked)" or "(not git-ignored)": such a key is on its way into
 * the repository's history.
 */
export function hardcodedKeyMessage(maskedKey: string, idiom: Idiom, git?: GitFacts): string {
  const where = git?.tracked ? ` (${l10n.t('git-tracked')})` : git && !git.ignored ? ` (${l10n.t('not git-ignored')})` : '';
  switch (idiom.kind) {
    case 'env':
      return l10n.t('{0} is hard-coded{1}: move it to .env and use {2}.', maskedKey, where, idiom.reference);
    case 'secret':
      return l10n.t('{0} is hard-coded{1}: use {2} (a repository secret).', maskedKey, where, idiom.reference);
    case 'comment':
      return l10n.t('{0} is in a comment{1}: move it to .env.', maskedKey, where);
    case 'guidance':
      switch (idiom.reason) {
        case 'dockerfile':
          return l10n.t('{0} is baked into the image{1}: pass it at run time (docker run --env-file .env).', maskedKey, where);
        case 'notebook-output':
          return l10n.t('{0} is printed in a cell output{1}: clear the output.', maskedKey, where);
        default:
          return l10n.t('{0} is hard-coded{1}: move it to .env and read it from the environment.', maskedKey, where);
      }
  }
}
