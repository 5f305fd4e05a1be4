/** The one-line-per-SLO summary a run prints on stderr. */
import type { ResultDocument } from '../aggregate/result-types';

const percent = (x: number, digits: number): string => (100 * x).toFixed(digits);

/** One line per SLO: id, breach probability with its 95 % interval, and the median budget left at the end of the horizon. */
export function formatSummary(result: ResultDocument): string[] {
  const width = Math.max(0, ...result.slos.map((slo) => slo.id.length));
  return result.slos.map((slo) => {
    const breach = slo.breachProbability;
    const p50 = slo.budgetRemaining.p50;
    const last = p50.length > 0 ? p50[p50.length - 1] : undefined;
    const day = slo.budgetRemaining.day.length > 0 ? slo.budgetRemaining.day[slo.budgetRemaining.day.length - 1] : undefined;
    const budget = last === undefined ? 'budget n/a' : `budget p50 at day ${day}: ${percent(last, 1)} % left`;
    return `${slo.id.padEnd(width)}  breach ${percent(breach.estimate, 1)} % [${percent(breach.ci95[0], 1)}, ${percent(breach.ci95[1], 1)}]  ${budget}`;
  });
}
