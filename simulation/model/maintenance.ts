import type { MaintenanceWindow } from '../scenario/types';
import { type Timeline, MINUTES_PER_DAY, weekdayOf } from './timeline';
import { f64 } from './arrays';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/**
 * Per-step maintenance of one service: the fraction of each step inside a window
 * (`cover`) and the fraction of that step's requests that fail because of it (`bad`).
 * Null when the service has no maintenance windows.
 */
export function maintenanceCurves(windows: MaintenanceWindow[], tl: Timeline): { cover: Float64Array; bad: Float64Array } | null {
  if (windows.length === 0) return null;
  const cover = f64(tl.steps);
  const keep = new Float64Array(tl.steps).fill(1);
  // Epoch minute of the Sunday 00:00 UTC on or before the timeline start.
  const firstEpoch = tl.startEpochMinutes + tl.t0;
  const sundayDay = Math.floor(firstEpoch / MINUTES_PER_DAY) - weekdayOf(firstEpoch);
  const weekStart = sundayDay * MINUTES_PER_DAY - tl.startEpochMinutes; // in timeline minutes
  for (const w of windows) {
    const offset = WEEKDAYS.indexOf(w.weekday) * MINUTES_PER_DAY + w.start;
    for (let ws = weekStart + offset; ws < tl.t1; ws += MINUTES_PER_WEEK) {
      const a = Math.max(ws, tl.t0);
      const b = Math.min(ws + w.duration, tl.t1);
      if (b <= a) continue;
      const k0 = Math.floor((a - tl.t0) / tl.stepMinutes);
      const k1 = Math.ceil((b - tl.t0) / tl.stepMinutes);
      for (let k = k0; k < k1; k++) {
        const s0 = tl.t0 + k * tl.stepMinutes;
        const frac = (Math.min(b, s0 + tl.stepMinutes) - Math.max(a, s0)) / tl.stepMinutes;
        cover[k] = Math.min(1, cover[k] + frac);
        keep[k] *= 1 - frac * w.errorFraction;
      }
    }
  }
  const bad = f64(tl.steps);
  for (let k = 0; k < tl.steps; k++) bad[k] = 1 - keep[k];
  return { cover, bad };
}
