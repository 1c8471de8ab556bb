/**
 * What every rule declares, and the rule ids. This file imports nothing: the findings, the lint context and every
 * rule family refer to it, and it refers to none of them.
 */

export type Severity = 'error' | 'warning' | 'information';

export interface RuleInfo {
  /** The severity a finding of this rule has unless the check or the user's settings say otherwise. */
  readonly severity: Severity;
  /** One line for the docs and SARIF, translated when it is read (the language is set after this module loads). */
  readonly summary: () => string;
}

/** A family's rules by id: the object literal each family file declares with `satisfies RuleDeclarations`. */
export type RuleDeclarations = Readonly<Record<string, RuleInfo>>;

/**
 * The rule families by name, each with the type of its declarations. Every family file adds itself with a
 * `declare module './ruleInfo'` block next to its declarations, so RuleId is the union of every family's ids
 * while this file imports no family (and no family imports the catalog).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each family's declaration merging
export interface RuleFamilies {}

export type RuleId = { [Family in keyof RuleFamilies]: keyof RuleFamilies[Family] & string }[keyof RuleFamilies];
