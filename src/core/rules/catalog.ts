import { COMPANION_FAMILY } from './companions';
import { FILE_FAMILY } from './fileRules';
import { KEY_VALUE_FAMILY } from './keyValue';
import { LAYOUT_FAMILY } from './layout';
import { LOAD_ORDER_FAMILY } from './loadOrder';
import { PROVIDER_FAMILY } from './providers';
import type { RuleFamily } from './ruleFamily';
import type { RuleId, RuleInfo } from './ruleInfo';
import { SOURCE_FILE_FAMILY } from './sourceFiles';
import { SWALLOWED_FAMILY } from './swallowed';
import { UNCHECKED_FAMILY } from './unchecked';

export type { RuleId, RuleInfo };

/**
 * Every rule family: each declares its rules (id, default severity, summary) and the checks that report them.
 * lint.ts runs their checks; the README documents each rule at `#rule-<id>`, package.json lists every id in the
 * `openaiKeyDoctor.rules` setting (test/unit/core/rules/catalog.test.ts holds all of them together).
 */
export const RULE_FAMILIES: readonly RuleFamily[] = [
  UNCHECKED_FAMILY,
  FILE_FAMILY,
  LAYOUT_FAMILY,
  KEY_VALUE_FAMILY,
  PROVIDER_FAMILY,
  COMPANION_FAMILY,
  SWALLOWED_FAMILY,
  LOAD_ORDER_FAMILY,
  SOURCE_FILE_FAMILY,
];

/** Every rule by id, from the families' declarations. */
export const RULES = Object.freeze(Object.assign({}, ...RULE_FAMILIES.map((family) => family.rules))) as Readonly<Record<RuleId, RuleInfo>>;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(value: string): value is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}
