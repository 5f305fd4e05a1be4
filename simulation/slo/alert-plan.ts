import type { AlertRule } from '../scenario/types';
import { ruleWatches } from '../scenario/types';
import { f64 } from '../model/arrays';

/** Steps a tracking block of per-step deltas spans (alerts read the trial's deltas block by block). */
export const BLOCK_STEPS = 64;

/** A burn-rate rule compiled for one SLO and the step grid. */
export interface AlertPlan {
  rule: AlertRule;
  /** Lookbacks in steps (burn-rate rules; 0 for budget-consumed rules). */
  longSteps: number;
  shortSteps: number;
  /** Evaluate every `cadence` steps: every step for short windows up to 30 steps, a thirtieth of the short window beyond. */
  cadence: number;
  /** The bad fraction a window must exceed: burn rate x the SLO's allowed bad fraction (Infinity for budget-consumed rules). */
  need: number;
  /** Baseline (no random event) firing intervals, flattened step-boundary pairs [a, b). */
  baseline: number[];
  /** Baseline intervals in which the short window alone burns above the rate (a trial's long window may then decide). */
  shortHigh: number[];
  /** False when the rule names other SLOs: the back-test skips it and the result leaves it out. */
  watches: boolean;
}

/**
 * Whether a window burns faster than a rule allows (DESIGN 3.5): its bad
 * fraction bad / valid above `need` = burn rate x allowed bad fraction, judged
 * without dividing. The baseline plan and the back-test both judge with it, so
 * a window they both see comes out the same in each.
 */
export function burnsAbove(bad: number, valid: number, need: number): boolean {
  return valid > 0 && bad > need * valid;
}

/**
 * Compiles an SLO's alert rules: lookbacks in steps and the intervals in which
 * the rule fires with no random event at all, found by evaluating the baseline
 * at the rule's cadence over the whole timeline.
 */
export function planAlerts(rules: AlertRule[], stepMinutes: number, allowed: number, validCum: Float64Array, goodCum: Float64Array, sloId?: string): AlertPlan[] {
  const steps = validCum.length - 1;
  return rules.map((rule) => {
    const watches = sloId === undefined || ruleWatches(rule, sloId);
    if (rule.kind !== 'burnRate' || !watches) return { rule, longSteps: 0, shortSteps: 0, cadence: 1, need: Infinity, baseline: [], shortHigh: [], watches };
    const longSteps = Math.max(1, Math.round(rule.long / stepMinutes));
    const shortSteps = Math.max(1, Math.round(rule.short / stepMinutes));
    const cadence = Math.max(1, Math.floor(shortSteps / 30));
    const need = rule.burnRate * allowed;
    const baseline: number[] = [];
    const shortHigh: number[] = [];
    let firingSince = -1;
    let highSince = -1;
    for (let t = cadence; t <= steps; t += cadence) {
      const high = windowBurns(validCum, goodCum, t, shortSteps, need);
      const firing = high && windowBurns(validCum, goodCum, t, longSteps, need);
      if (firing && firingSince < 0) firingSince = t;
      if (!firing && firingSince >= 0) {
        baseline.push(firingSince, t);
        firingSince = -1;
      }
      if (high && highSince < 0) highSince = t;
      if (!high && highSince >= 0) {
        shortHigh.push(highSince, t);
        highSince = -1;
      }
    }
    if (firingSince >= 0) baseline.push(firingSince, steps + 1);
    if (highSince >= 0) shortHigh.push(highSince, steps + 1);
    return { rule, longSteps, shortSteps, cadence, need, baseline, shortHigh, watches };
  });
}

/** Whether the baseline's `lookback` steps before step boundary t burn above `need` (see burnsAbove). */
function windowBurns(validCum: Float64Array, goodCum: Float64Array, t: number, lookback: number, need: number): boolean {
  const a = Math.max(0, t - lookback);
  const valid = validCum[t] - validCum[a];
  return burnsAbove(valid - (goodCum[t] - goodCum[a]), valid, need);
}

/**
 * The first evaluation step a burn-rate rule is judged at in a trial: the last
 * before the horizon's start. Nothing before it is scored (firings and
 * incidents count from the start on), and a firing already under way there
 * keeps a start before the horizon's, so it is still not counted and catches
 * at once what starts while it lasts.
 */
export function firstJudgedStep(plan: AlertPlan, horizonStep: number): number {
  const c = plan.cadence;
  return Math.max(0, Math.ceil(horizonStep / c) * c - c);
}

/** The first step an SLO's burn-rate rules read in a trial (their long windows at their first judged steps); Infinity when it has none. */
export function alertReadFrom(plans: AlertPlan[], horizonStep: number): number {
  let from = Infinity;
  for (const plan of plans) if (plan.watches && plan.rule.kind === 'burnRate') from = Math.min(from, Math.max(0, firstJudgedStep(plan, horizonStep) - plan.longSteps));
  return from;
}

/** Budget spent (fraction of a window's budget) by burning at `rate` for `minutes` in a window of `windowDays` days. */
export function budgetSpent(rate: number, minutes: number, windowDays: number): number {
  return (rate * minutes) / (windowDays * 1440);
}

/** Minutes until a budget of a `windowDays`-day window is exhausted at a constant burn rate. */
export function minutesToExhaustion(rate: number, windowDays: number): number {
  return (windowDays * 1440) / rate;
}

/**
 * Minutes after an incident starts until a burn-rate rule pages (SRE workbook):
 * each window must reach burnRate x allowed bad fraction; a window of W minutes
 * gets there after W (burnRate x allowed - b0) / (f - b0), for an incident
 * with bad fraction f over a baseline b0. Infinity when the incident cannot reach it.
 */
export function detectionMinutes(rule: { long: number; short: number; burnRate: number }, allowed: number, badFraction: number, baselineBad = 0): number {
  const need = rule.burnRate * allowed;
  if (!(badFraction > need) || !(badFraction > baselineBad)) return Infinity;
  const lead = Math.max(0, need - baselineBad) / (badFraction - baselineBad);
  return Math.max(rule.long, rule.short) * lead;
}

/** Highest baseline bad fraction of each block of BLOCK_STEPS steps: the alert back-test's bound for skipping quiet blocks. */
export function blockMaxBad(validCum: Float64Array, goodCum: Float64Array): Float64Array {
  const steps = validCum.length - 1;
  const out = f64(Math.ceil(steps / BLOCK_STEPS));
  for (let k = 0; k < steps; k++) {
    const v = validCum[k + 1] - validCum[k];
    if (v > 0) {
      const f = 1 - (goodCum[k + 1] - goodCum[k]) / v;
      const j = Math.floor(k / BLOCK_STEPS);
      if (f > out[j]) out[j] = f;
    }
  }
  return out;
}
