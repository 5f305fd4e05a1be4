/** The schema of the budget policy: states that slow deploys as the budget runs out, and alert rules. */
import type { z } from 'zod';
import type { BudgetConsumedRule, BurnRateRule } from './types';
import { formatDuration } from './duration';
import type { CheckContext, Picked } from './fields';
import { anyList, bool, byBelowDescending, checkDistinct, dispatch, duration, exactly, fraction, idString, isPlainObject, list, num, obj, text, trace, whenValid } from './fields';
import { describeValue, formatNumber, unknownKeysMessage } from './messages';

const DAY = 1440;

/** Most entries the policy's lists may hold. */
export const POLICY_LIMITS = { budget: 100, alerts: 100 } as const;

/** The state a service is in while its budget is above every threshold. */
export const NORMAL_STATE = 'normal';

/** Below `below` percent of budget remaining (at `below: 0`, once the budget is spent), deploys are scaled by `deployFactor` and the service is in `state`. */
const ThresholdSchema = obj({
  below: num({ min: 0, max: 100 }),
  deployFactor: fraction(),
  state: idString().refine((s) => s !== NORMAL_STATE, {
    error: `must not be '${NORMAL_STATE}', the state above every threshold; give this state another name`,
  }),
  ...trace(),
});

/** Thresholds with distinct states and distinct `below` values, sorted by `below`, highest first. */
const BudgetSchema = list(ThresholdSchema, POLICY_LIMITS.budget)
  .superRefine((items, ctx) => {
    checkDistinct(items, ctx, 'budget', 'state', (v) => `state '${v}'`);
    checkDistinct(items, ctx, 'budget', 'below', (v) => `threshold below ${formatNumber(Number(v))}`);
  }, anyList)
  .transform(byBelowDescending);

const lookback = () => duration({ min: 0, max: 366 * DAY, minExclusive: true });

const ruleShape = () => ({ name: text(200).optional(), severity: idString(), slos: list(idString(), 1000, 1).optional(), ...trace() });

type Unnamed<T extends { name: string }> = Omit<T, 'name'> & { name?: string };
type UnnamedRule = Unnamed<BurnRateRule> | Unnamed<BudgetConsumedRule>;

const ruleForms = {
  burnRate: obj({
    kind: exactly('burnRate'),
    long: lookback(),
    short: lookback(),
    burnRate: num({ min: 0, max: 1e6, minExclusive: true }),
    ...ruleShape(),
  }).superRefine((r, ctx) => {
    if (r.short >= r.long) {
      ctx.addIssue({ code: 'custom', path: ['short'], message: `must be shorter than long (${formatDuration(r.long)}), got ${formatDuration(r.short)}` });
    }
  }, whenValid('long', 'short')),
  budgetConsumed: obj({
    kind: exactly('budgetConsumed'),
    consumed: num({ min: 0, max: 1000, minExclusive: true }),
    ...ruleShape(),
  }),
};

const BURN_KEYS = ['long', 'short', 'burnRate'];
const RULE_KEYS = ['kind', ...BURN_KEYS, 'consumed', 'name', 'severity', 'source', 'assumed', 'reason'];
const NEEDS = 'an alert rule needs either long/short/burnRate or consumed';

/** A burn-rate rule `{long, short, burnRate, severity}` or a budget-consumed rule `{consumed, severity}`, told apart by their keys. */
const AlertRuleSchema = dispatch<UnnamedRule>((input): Picked<UnnamedRule> | string => {
  if (!isPlainObject(input)) return `must be an object (a mapping of keys to values), got ${describeValue(input)}; ${NEEDS}`;
  const pick = (schema: z.ZodType<UnnamedRule>, kind: UnnamedRule['kind']): Picked<UnnamedRule> => ({ schema, value: { ...input, kind } });
  if ('kind' in input) {
    if (input.kind === 'burnRate') return pick(ruleForms.burnRate, 'burnRate');
    if (input.kind === 'budgetConsumed') return pick(ruleForms.budgetConsumed, 'budgetConsumed');
    return `has kind ${describeValue(input.kind)}; it must be 'burnRate' or 'budgetConsumed'`;
  }
  const burn = BURN_KEYS.some((k) => k in input);
  const consumed = 'consumed' in input;
  if (burn && consumed) return `${NEEDS}, not both`;
  if (burn) return pick(ruleForms.burnRate, 'burnRate');
  if (consumed) return pick(ruleForms.budgetConsumed, 'budgetConsumed');
  const unknown = Object.keys(input).find((k) => !RULE_KEYS.includes(k));
  return unknown === undefined ? NEEDS : `${unknownKeysMessage([unknown], RULE_KEYS)} (${NEEDS})`;
});

/** The name a rule gets when it is not given one: `14.4x 1h/5m` or `50% consumed`. */
export function defaultRuleName(rule: Omit<BurnRateRule, 'name'> | Omit<BudgetConsumedRule, 'name'>): string {
  if (rule.kind === 'burnRate') return `${formatNumber(rule.burnRate)}x ${formatDuration(rule.long)}/${formatDuration(rule.short)}`;
  return `${formatNumber(rule.consumed)}% consumed`;
}

/** Reports rules whose name, written or by default, repeats an earlier rule's; rules that did not validate are left out. */
function checkRuleNames(rules: readonly unknown[], ctx: CheckContext): void {
  const first = new Map<string, number>();
  rules.forEach((rule, i) => {
    if (!isPlainObject(rule) || ctx.issues.some((issue) => issue.code !== 'unrecognized_keys' && issue.path?.[0] === i)) return;
    const written = typeof rule.name === 'string';
    const name = written ? (rule.name as string) : defaultRuleName(rule as UnnamedRule);
    const seen = first.get(name);
    if (seen === undefined) first.set(name, i);
    else if (written) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate alert rule name '${name}' (alerts[${seen}] has it too)` });
    else ctx.addIssue({ code: 'custom', path: [i], message: `duplicate alert rule name '${name}' (alerts[${seen}] has it too); give this rule a name` });
  });
}

/** Alert rules with distinct names, each named (by default from its numbers). */
const AlertsSchema = list(AlertRuleSchema, POLICY_LIMITS.alerts)
  .superRefine(checkRuleNames, anyList)
  .transform((rules) => rules.map((rule) => ({ ...rule, name: rule.name ?? defaultRuleName(rule) })));

/** The budget policy; every part may be left out. */
export const PolicySchema = obj({
  budget: BudgetSchema.default(() => []),
  alerts: AlertsSchema.default(() => []),
  detectByAlerts: bool().default(false),
  ...trace(),
});
