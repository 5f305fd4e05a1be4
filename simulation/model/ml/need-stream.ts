/**
 * Serving's GPU need through a trial as a step function: from step steps[i] on
 * it is values[i], with its integral over the horizon (GPU-minutes) and per day.
 */
import { MINUTES_PER_DAY, type Timeline } from '../timeline';

export interface NeedStream {
  steps: Int32Array;
  values: Int32Array;
  count: number;
  /** The largest value. */
  maxNeed: number;
  /** GPU-minutes of need over the horizon, and per horizon day. */
  total: number;
  perDay: Float64Array;
}

/** Fills `s.total`, `s.perDay` and `s.maxNeed` from its change points. */
export function integrateNeed(s: NeedStream, tl: Timeline): void {
  s.perDay.fill(0);
  let total = 0;
  let max = 0;
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i];
    if (v > max) max = v;
    let a = tl.t0 + s.steps[i] * tl.stepMinutes;
    const b = i + 1 < s.count ? tl.t0 + s.steps[i + 1] * tl.stepMinutes : tl.t1;
    if (b <= 0 || v === 0) continue;
    if (a < 0) a = 0;
    total += v * (b - a);
    let d = Math.floor(a / MINUTES_PER_DAY);
    while (a < b) {
      const dayEnd = (d + 1) * MINUTES_PER_DAY;
      const end = b < dayEnd ? b : dayEnd;
      s.perDay[d] += v * (end - a);
      a = end;
      d++;
    }
  }
  s.total = total;
  s.maxNeed = max;
}
