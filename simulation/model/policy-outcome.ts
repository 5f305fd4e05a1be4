import type { TrialOutcome } from '../aggregate/outcome';
import type { CompiledScenario } from './compile';

/** The policy state (index into CompiledScenario.policyStates) of a budget remaining (fraction): the lowest threshold it is below. */
export function policyStateOf(below: number[], remaining: number): number {
  let state = 0;
  // A threshold at 0 is crossed once the budget is spent (0 % left), not only when overspent.
  for (let j = 0; j < below.length; j++) if (remaining * 100 < below[j] || (below[j] === 0 && remaining <= 0)) state = j + 1;
  return state;
}

/** Each horizon day's budget-policy state per service: the lowest threshold its worst SLO is below (DESIGN 3.6). */
export function countPolicyDays(c: CompiledScenario, below: number[], outcome: TrialOutcome): void {
  for (const svc of c.services) {
    const days = outcome.services[svc.index].policyDays;
    days.fill(0);
    if (days.length <= 1) continue;
    const own = svc.slos.filter((o) => o < c.sloCount);
    for (let d = 0; d < c.timeline.horizonDays; d++) {
      let worst = Infinity;
      for (const o of own) worst = Math.min(worst, outcome.slos[o].budgetRemaining[d]);
      days[policyStateOf(below, worst)] += 1;
    }
  }
}

/** SLA credits: per calendar month of the horizon, the tier of the month's availability times the fee (DESIGN 3.6). */
export function creditSlas(c: CompiledScenario, outcome: TrialOutcome, monthlyAvailability: (sla: number, out: Float64Array) => void): void {
  c.scenario.sla.forEach((sla, i) => {
    const out = outcome.sla[i];
    monthlyAvailability(i, out.monthlyAvailability);
    let credit = 0;
    for (const availability of out.monthlyAvailability) {
      let percent = 0;
      for (const tier of sla.credits) if (availability < tier.below && tier.percent > percent) percent = tier.percent;
      credit += (percent / 100) * sla.monthlyFee;
    }
    out.credit = credit;
  });
}
