/** The schema of an SLA: a committed monthly availability, the fee, and the credits owed below it. */
import { anyList, bool, byBelowDescending, checkDistinct, idString, list, num, obj, trace } from './fields';
import { formatNumber } from './messages';

/** Most credit tiers one SLA may hold. */
export const SLA_LIMITS = { credits: 100 } as const;

/** Below `below` percent monthly availability, `percent` of the monthly fee is credited. */
const CreditTierSchema = obj({
  below: num({ min: 0, max: 100, minExclusive: true }),
  percent: num({ min: 0, max: 100 }),
  ...trace(),
});

/** One SLA; its credit tiers have distinct `below` values and come out sorted by `below`, highest first. */
export const SlaSchema = obj({
  id: idString(),
  service: idString(),
  monthlyAvailability: num({ min: 0, max: 100, minExclusive: true, maxExclusive: true }),
  monthlyFee: num({ min: 0, max: 1e12 }),
  credits: list(CreditTierSchema, SLA_LIMITS.credits)
    .superRefine((tiers, ctx) => checkDistinct(tiers, ctx, 'credits', 'below', (v) => `credit tier below ${formatNumber(Number(v))}`), anyList)
    .transform(byBelowDescending),
  excludeMaintenance: bool().default(false),
  ...trace(),
});
