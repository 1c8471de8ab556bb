import type { EnvEntry } from '../dotenv/parse';
import type { VariableRole } from '../keys/variables';
import type { LintContext, RoledEntry } from './context';
import type { RuleDeclarations } from './ruleInfo';

/**
 * When lint runs a check, in this order:
 * 1. `file`: once, before the variables (encoding, swallowed lines);
 * 2. `used-variable`: each OpenAI variable whose value the app gets (`roles` narrows it to some roles);
 * 3. `unused-variable`: each OpenAI variable whose value the app never gets (a later definition or a line that
 *    swallows it wins);
 * 4. `any-variable`: every variable of the file, OpenAI's or not;
 * 5. `file-end`: once, after the variables (what they recorded on the context is known).
 */
export type Check = FileCheck<'file'> | VariableCheck<'used-variable'> | VariableCheck<'unused-variable'> | EntryCheck | FileCheck<'file-end'>;

interface FileCheck<On> {
  readonly on: On;
  readonly run: (ctx: LintContext) => void;
}

interface VariableCheck<On> {
  readonly on: On;
  /** Only the OpenAI variables of these roles (default: every role). */
  readonly roles?: readonly VariableRole[];
  readonly run: (ctx: LintContext, variable: RoledEntry) => void;
}

interface EntryCheck {
  readonly on: 'any-variable';
  readonly run: (ctx: LintContext, entry: EnvEntry) => void;
}

/** A family file's export: its rules (id, default severity, summary) and the checks that report them. */
export interface RuleFamily {
  readonly rules: RuleDeclarations;
  readonly checks: readonly Check[];
}

/** The roles of the variables that hold a key (OpenAI's, an admin key, Azure's). */
export const KEY_ROLES: readonly VariableRole[] = ['key', 'admin-key', 'azure-key'];
