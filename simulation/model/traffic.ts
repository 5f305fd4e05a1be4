import type { Traffic } from '../scenario/types';
import { type Timeline, MINUTES_PER_DAY, hourOf, stepTime, weekdayOf } from './timeline';
import { f64 } from './arrays';

/** Deterministic demand multiplier of diurnal, weekly and growth shape at minute t (DESIGN 3.1). */
export function demandShape(tr: Traffic, tl: Timeline, t: number): number {
  const epoch = tl.startEpochMinutes + t;
  let m = 1;
  if (tr.diurnal) m *= 1 + tr.diurnal.amplitude * Math.cos((2 * Math.PI * (hourOf(epoch) - tr.diurnal.peakHour)) / 24);
  if (tr.weekly) {
    const wd = weekdayOf(epoch);
    if (wd === 0 || wd === 6) m *= tr.weekly.weekendFactor;
  }
  if (tr.growth) m *= Math.pow(1 + tr.growth.monthlyPercent / 100, t / MINUTES_PER_DAY / 30);
  return m;
}

/** Deterministic demand (requests per second) at the start of every step of the timeline: demandShape, tabulated by minute of day. */
export function demandCurve(tr: Traffic, tl: Timeline): Float64Array {
  const out = f64(tl.steps);
  const byMinute = new Float64Array(MINUTES_PER_DAY).fill(1);
  if (tr.diurnal) for (let m = 0; m < MINUTES_PER_DAY; m++) byMinute[m] = 1 + tr.diurnal.amplitude * Math.cos((2 * Math.PI * (m / 60 - tr.diurnal.peakHour)) / 24);
  const growthPerMinute = tr.growth ? Math.log(1 + tr.growth.monthlyPercent / 100) / (30 * MINUTES_PER_DAY) : 0;
  for (let k = 0; k < tl.steps; k++) {
    const t = stepTime(tl, k);
    const epoch = tl.startEpochMinutes + t;
    let m = tr.rps * byMinute[((epoch % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY];
    if (tr.weekly) {
      const wd = weekdayOf(epoch);
      if (wd === 0 || wd === 6) m *= tr.weekly.weekendFactor;
    }
    if (growthPerMinute !== 0) m *= Math.exp(growthPerMinute * t);
    out[k] = m;
  }
  return out;
}
