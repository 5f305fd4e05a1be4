/** The result document `budgetcast/result@1` (DESIGN section 4). Extend, never rename. */
import type { Slo } from '../scenario/types';
import type { MlResult } from './ml-section';

export interface Interval { estimate: number; ci95: [number, number] }
export interface Spread { mean: number; p5: number; p50: number; p95: number }

export interface BudgetSeries {
  day: number[];
  mean: number[];
  p5: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
}

/** An SLO's forecast; its identity, SLI, threshold or limit and target as the scenario gives them (state SLIs are the percent of minutes within their limit). */
export interface SloResult extends Pick<Slo, 'id' | 'service' | 'sli' | 'thresholdMs' | 'limit' | 'perInstance' | 'target'> {
  /** As written in the scenario's normalised form, e.g. {kind: 'rolling', days: 30}. */
  window: { kind: 'rolling'; days: number } | { kind: 'calendar'; unit: string };
  budgeting: string;
  breachProbability: Interval;
  attainment: Spread;
  worstWindow: Spread;
  budgetRemaining: BudgetSeries;
  /**
   * dayP50/dayP90: quantiles of the first exhaustion day among trials that exhaust; null when none do.
   * byDay[d]: the probability that the budget is first exhausted at the end of day d (they sum to `probability`).
   */
  exhaustion: { probability: number; dayP50: number | null; dayP90: number | null; byDay: number[] };
  alerts: AlertResult[];
  policyDays: Record<string, number>;
}

/** One alert rule back-tested on one SLO over the trials. */
export interface AlertResult {
  rule: string;
  severity: string;
  firingsMean: number;
  firingsP95: number;
  /** Share of the service's incidents (failures, failed deploys, scripted events) a firing caught. */
  recall: number;
  /** Minutes from incident start to firing, over every caught incident. */
  detectionMinutesP50: number;
  detectionMinutesP90: number;
  /** Firings per horizon that started with no event under way. */
  falseFiringsMean: number;
}

export interface ServiceResult {
  id: string;
  requestsMean: number;
  peakUtilization: { mean: number; p50: number; p95: number };
  overloadProbability: number;
  shedFraction: { mean: number };
  /** Budget policy: mean days per state, probability of reaching each state, mean failed deploys in the horizon. */
  policy?: { days: Record<string, number>; probability: Record<string, number>; failedDeploysMean: number };
}

export interface SlaResult {
  id: string;
  /** Mean credit over the horizon, in the fee's currency. */
  expectedCredit: number;
  /** Probability of any credit in the horizon. */
  creditProbability: number;
  /** Quantiles of a calendar month's availability, percent. */
  monthlyAvailability: { p5: number; p50: number; p95: number };
}

export interface ResultDocument {
  schema: 'budgetcast/result@1';
  scenario: { name: string; title?: string; hash: string };
  seed: number;
  trials: number;
  horizonDays: number;
  start: string;
  slos: SloResult[];
  services: ServiceResult[];
  sla: SlaResult[];
  /** The ML platform (DESIGN 3.7), for scenarios with an `ml:` section. */
  ml?: MlResult;
  timing: { ms: number; trialsPerSecond: number; workers: number };
  /** Present on a shard's document only: its trial range [from, to) of totalTrials and its mergeable state. */
  partial?: PartialState;
}

/** What `budgetcast merge` needs from a shard: `state` is `Accumulator.toJSON()` (aggregate/accumulator.ts). */
export interface PartialState {
  from: number;
  to: number;
  totalTrials: number;
  state: unknown;
  /** The normalised scenario as run, so that `merge` needs nothing but the parts. */
  scenario?: unknown;
}
