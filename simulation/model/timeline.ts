import type { Scenario } from '../scenario/types';

export const MINUTES_PER_DAY = 1440;

/**
 * The simulated time grid. Time t is in minutes after `start`; the timeline runs
 * from -warmupDays (so rolling windows are in steady state on day 0) to the horizon's end.
 */
export interface Timeline {
  startEpochMinutes: number;
  stepMinutes: number;
  warmupDays: number;
  horizonDays: number;
  /** First simulated minute (negative during warm-up). */
  t0: number;
  /** Last simulated minute (exclusive): the horizon's end. */
  t1: number;
  /** Number of steps from t0 to t1. */
  steps: number;
  /** Step index of `start` (t = 0). */
  horizonStep: number;
}

/** The warm-up a scenario needs: one window of its longest rolling SLO. */
export function warmupDaysOf(s: Scenario): number {
  let days = 0;
  for (const slo of s.slos) if (slo.window.kind === 'rolling') days = Math.max(days, slo.window.days);
  return days;
}

/** Builds the time grid of a scenario. */
export function buildTimeline(s: Scenario): Timeline {
  const stepMinutes = s.simulation.stepMinutes;
  const warmupDays = warmupDaysOf(s);
  const horizonDays = s.simulation.horizonDays;
  const t0 = -warmupDays * MINUTES_PER_DAY;
  const t1 = horizonDays * MINUTES_PER_DAY;
  return {
    startEpochMinutes: Math.round(Date.parse(s.simulation.start) / 60000),
    stepMinutes,
    warmupDays,
    horizonDays,
    t0,
    t1,
    steps: Math.round((t1 - t0) / stepMinutes),
    horizonStep: Math.round(-t0 / stepMinutes),
  };
}

/** The simulated minute (relative to start) at which step k begins. */
export function stepTime(tl: Timeline, k: number): number {
  return tl.t0 + k * tl.stepMinutes;
}

/** Day of week of an epoch minute, 0 = Sunday .. 6 = Saturday (UTC). */
export function weekdayOf(epochMinutes: number): number {
  const day = Math.floor(epochMinutes / MINUTES_PER_DAY);
  return (((day + 4) % 7) + 7) % 7;
}

/** Hour of day (fractional, UTC) of an epoch minute. */
export function hourOf(epochMinutes: number): number {
  const m = ((epochMinutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return m / 60;
}

/** The share of step k (of `step` minutes from t0) that lies in [x, y): at most 1, 0 or less when none does. */
export function stepWeight(t0: number, step: number, k: number, x: number, y: number): number {
  const s0 = t0 + k * step;
  return ((s0 + step < y ? s0 + step : y) - (s0 > x ? s0 : x)) / step;
}
