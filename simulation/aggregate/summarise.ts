/**
 * Turns an accumulator into the numbers of the result document. A frame (the
 * header and the SLO/service descriptors) comes from the scenario, or from a
 * shard's document when `merge` has no scenario; both give identical JSON.
 */
import type { Scenario, Slo } from '../scenario/types';
import type { Accumulator } from './accumulator';
import type { BudgetDays } from './budget-days';
import type { ExactSums } from './exact-sum';
import type { Histogram } from './histogram';
import type { BudgetSeries, ResultDocument, ServiceResult, SloResult, Spread } from './result-types';
import { SERVICE_SECTION, type ServiceSection } from './service-section';
import { SLO_SECTION, type SloSection } from './slo-section';
import { wilson } from './wilson';

export type SloFrame = Pick<SloResult, 'id' | 'service' | 'sli' | 'thresholdMs' | 'limit' | 'perInstance' | 'target' | 'window' | 'budgeting'>;

/** Everything a result document says that does not depend on the trials. */
export interface ResultFrame {
  scenario: ResultDocument['scenario'];
  seed: number;
  horizonDays: number;
  start: string;
  slos: SloFrame[];
  services: Array<{ id: string }>;
}

export type Timing = ResultDocument['timing'];

/** x to 10 significant digits (deterministic; -0 becomes 0, non-finite values pass through). */
export function round10(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? 0 : x;
  return Number(x.toPrecision(10));
}

function sloFrame(s: SloFrame): SloFrame {
  const window: SloFrame['window'] = s.window.kind === 'rolling' ? { kind: 'rolling', days: s.window.days } : { kind: 'calendar', unit: s.window.unit };
  return {
    id: s.id,
    service: s.service,
    sli: s.sli,
    ...(s.thresholdMs === undefined ? {} : { thresholdMs: s.thresholdMs }),
    ...(s.limit === undefined ? {} : { limit: s.limit }),
    ...(s.perInstance === undefined ? {} : { perInstance: s.perInstance }),
    target: s.target,
    window,
    budgeting: s.budgeting,
  };
}

function header(scenario: ResultDocument['scenario']): ResultDocument['scenario'] {
  return { name: scenario.name, ...(scenario.title === undefined ? {} : { title: scenario.title }), hash: scenario.hash };
}

/** The frame of a scenario run whose canonical hash is `hash`. */
export function frameOfScenario(scenario: Scenario, hash: string): ResultFrame {
  return {
    scenario: header({ name: scenario.metadata.name, title: scenario.metadata.title, hash }),
    seed: scenario.simulation.seed,
    horizonDays: scenario.simulation.horizonDays,
    start: scenario.simulation.start,
    slos: scenario.slos.map((s: Slo) => sloFrame({ ...s, budgeting: s.budgeting.kind })),
    services: scenario.services.map((s) => ({ id: s.id })),
  };
}

/** The frame of an existing result document (e.g. a shard's). */
export function frameOfDocument(doc: ResultDocument): ResultFrame {
  return {
    scenario: header(doc.scenario),
    seed: doc.seed,
    horizonDays: doc.horizonDays,
    start: doc.start,
    slos: doc.slos.map(sloFrame),
    services: doc.services.map((s) => ({ id: s.id })),
  };
}

/** An SLI's spread in percent from the histogram and sums of its bad fraction. */
function sliSpread(hist: Histogram, sums: ExactSums, i: number, n: number): Spread {
  const [p5, p50, p95] = hist.quantilesFromTop([0.05, 0.5, 0.95]).map((x) => round10(100 - 100 * x));
  return { mean: round10(100 - 100 * sums.mean(i, n)), p5, p50, p95 };
}

/** The quantiles a fan chart draws. */
const FAN_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** A fan series (per day: mean and p5, p25, p50, p75, p95) from each day's histogram and mean, values scaled by `scale`. */
export function fanSeries(days: number, day: (d: number) => { hist: Histogram; mean: number }, scale = 1): BudgetSeries {
  const series: BudgetSeries = { day: [], mean: [], p5: [], p25: [], p50: [], p75: [], p95: [] };
  for (let d = 0; d < days; d++) {
    const { hist, mean } = day(d);
    const [p5, p25, p50, p75, p95] = hist.quantiles(FAN_QUANTILES).map((x) => round10(scale * x));
    series.day.push(d);
    series.mean.push(round10(scale * mean));
    series.p5.push(p5);
    series.p25.push(p25);
    series.p50.push(p50);
    series.p75.push(p75);
    series.p95.push(p95);
  }
  return series;
}

function budgetSeries(days: BudgetDays, n: number): BudgetSeries {
  return fanSeries(days.days, (d) => ({ hist: days.histogram(d), mean: days.sums.mean(d, n) }));
}

/** Probability of a first exhaustion on each horizon day, from the histogram of exhaustion days (whole days, one per bin). */
function exhaustionByDay(h: Histogram, days: number, n: number): number[] {
  const counts = new Array<number>(days).fill(0);
  for (const [value, count] of h.entries()) {
    const d = Math.round(value);
    if (d >= 0 && d < days) counts[d] += count;
  }
  return counts.map((c) => round10(n > 0 ? c / n : 0));
}

function sloResult(frame: SloFrame, s: SloSection, i: number, n: number): SloResult {
  const breach = wilson(s.breaches[i], n);
  const exhausted = s.exhaustions[i];
  // Days are whole: bins 0.1 % wide hold one day each up to day 500, so rounding restores the exact day there.
  const [dayP50, dayP90] = s.exhaustionDay[i].quantiles([0.5, 0.9]).map((d) => (exhausted === 0 ? null : Math.round(d)));
  return {
    ...sloFrame(frame),
    breachProbability: { estimate: round10(breach.estimate), ci95: [round10(breach.ci95[0]), round10(breach.ci95[1])] },
    attainment: sliSpread(s.attainment[i], s.attainmentSums, i, n),
    worstWindow: sliSpread(s.worstWindow[i], s.worstWindowSums, i, n),
    budgetRemaining: budgetSeries(s.budget[i], n),
    exhaustion: { probability: round10(exhausted / n), dayP50, dayP90, byDay: exhaustionByDay(s.exhaustionDay[i], s.budget[i].days, n) },
    alerts: [],
    policyDays: {},
  };
}

function serviceResult(id: string, s: ServiceSection, i: number, n: number): ServiceResult {
  const [p50, p95] = s.peakUtilization[i].quantiles([0.5, 0.95]).map(round10);
  return {
    id,
    requestsMean: round10(s.requestSums.mean(i, n)),
    peakUtilization: { mean: round10(s.peakUtilizationSums.mean(i, n)), p50, p95 },
    overloadProbability: round10(s.overloads[i] / n),
    shedFraction: { mean: round10(s.shedFractionSums.mean(i, n)) },
  };
}

/**
 * The result document of the trials in `acc`. With no trials the means and
 * quantiles are NaN (null in JSON) and breach intervals [0, 1].
 */
export function summarise(frame: ResultFrame, acc: Accumulator, timing: Timing): ResultDocument {
  const { sloCount, serviceCount, horizonDays } = acc.shape;
  if (sloCount !== frame.slos.length || serviceCount !== frame.services.length || horizonDays !== frame.horizonDays) {
    throw new Error(
      `result: the accumulator (${sloCount} SLOs, ${serviceCount} services, ${horizonDays} days) does not fit the scenario ` +
        `(${frame.slos.length} SLOs, ${frame.services.length} services, ${frame.horizonDays} days)`,
    );
  }
  const n = acc.trials;
  const slos = acc.section(SLO_SECTION);
  const services = acc.section(SERVICE_SECTION);
  const doc: ResultDocument = {
    schema: 'budgetcast/result@1',
    scenario: header(frame.scenario),
    seed: frame.seed,
    trials: n,
    horizonDays: frame.horizonDays,
    start: frame.start,
    slos: frame.slos.map((f, i) => sloResult(f, slos, i, n)),
    services: frame.services.map((f, i) => serviceResult(f.id, services, i, n)),
    sla: [],
    timing: { ms: timing.ms, trialsPerSecond: timing.trialsPerSecond, workers: timing.workers },
  };
  acc.report(doc);
  return doc;
}
