import type { SloOutcome } from '../aggregate/outcome';
import type { WindowPlan } from './plan';

/** Budget remaining of a window: 1 - bad / ((1 - target/100) x valid); untouched when nothing is valid. */
export function budgetRemaining(bad: number, valid: number, allowedFraction: number): number {
  return valid > 0 ? 1 - bad / (allowedFraction * valid) : 1;
}

/** SLI in percent of a window: 100 when nothing is valid. */
export function sliPercent(bad: number, valid: number): number {
  return valid > 0 ? 100 * (1 - bad / valid) : 100;
}

/**
 * Evaluates one SLO for one trial from cumulative valid and bad counts per bucket
 * boundary (cumValid[b] = valid requests in buckets [0, b)), occurrences budgeting.
 */
export function evaluateOccurrences(plan: WindowPlan, target: number, cumValid: Float64Array, cumBad: Float64Array, out: SloOutcome): void {
  const allowed = 1 - target / 100;
  const days = out.budgetRemaining.length;
  let breached = false;
  let worst = Infinity;
  let exhaustion = -1;
  if (plan.kind === 'rolling') {
    for (let i = 0; i < days; i++) {
      const s = plan.dayStart[i];
      const e = plan.dayEnd[i];
      const valid = cumValid[e] - cumValid[s];
      const bad = cumBad[e] - cumBad[s];
      const remaining = budgetRemaining(bad, valid, allowed);
      out.budgetRemaining[i] = remaining;
      if (exhaustion < 0 && remaining <= 0) exhaustion = i;
      if (valid > 0) {
        const sli = sliPercent(bad, valid);
        if (sli < worst) worst = sli;
        if (sli < target) breached = true;
      }
    }
  } else {
    for (let i = 0; i < days; i++) {
      const w = plan.dayWindow[i];
      const ws = plan.windowStart[w];
      const totalValid = cumValid[plan.windowEnd[w]] - cumValid[ws];
      const bad = cumBad[plan.dayEnd[i]] - cumBad[ws];
      const remaining = budgetRemaining(bad, totalValid, allowed);
      out.budgetRemaining[i] = remaining;
      if (exhaustion < 0 && remaining <= 0) exhaustion = i;
    }
    for (let w = 0; w < plan.windowStart.length; w++) {
      const valid = cumValid[plan.windowEnd[w]] - cumValid[plan.windowStart[w]];
      if (valid <= 0) continue;
      const sli = sliPercent(cumBad[plan.windowEnd[w]] - cumBad[plan.windowStart[w]], valid);
      if (sli < worst) worst = sli;
      if (sli < target) breached = true;
    }
  }
  const hv = cumValid[plan.horizonEnd] - cumValid[plan.horizonStart];
  out.attainment = sliPercent(cumBad[plan.horizonEnd] - cumBad[plan.horizonStart], hv);
  out.worstWindow = worst === Infinity ? 100 : worst;
  out.breached = breached;
  out.exhaustionDay = exhaustion;
}
