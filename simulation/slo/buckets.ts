import type { Slo } from '../scenario/types';
import { type Timeline, MINUTES_PER_DAY, weekdayOf } from '../model/timeline';
import { i32 } from '../model/arrays';

/**
 * Accounting buckets: the timeline cut at every day end and every calendar
 * window edge, so that any evaluated window is a whole range of buckets.
 */
export interface Buckets {
  count: number;
  /** First step of each bucket, plus a final entry = steps. */
  startStep: Int32Array;
  /** Bucket of each step. */
  ofStep: Int32Array;
}

/** Calendar window edges (timeline minutes) inside [0, t1) for a unit, starting and ending with the horizon's edges. */
export function calendarEdges(unit: 'week' | 'month' | 'quarter', tl: Timeline): number[] {
  const startMs = tl.startEpochMinutes * 60000;
  const endMs = startMs + tl.t1 * 60000;
  const edges: number[] = [0];
  const d = new Date(startMs);
  let cursor: number;
  if (unit === 'week') {
    const day = Math.floor(startMs / 86400000);
    const daysSinceMonday = (weekdayOf(day * MINUTES_PER_DAY) + 6) % 7;
    cursor = (day - daysSinceMonday + 7) * 86400000;
    for (; cursor < endMs; cursor += 7 * 86400000) edges.push(Math.round((cursor - startMs) / 60000));
  } else {
    const months = unit === 'month' ? 1 : 3;
    let y = d.getUTCFullYear();
    let m = d.getUTCMonth();
    if (unit === 'quarter') m -= m % 3;
    for (;;) {
      m += months;
      if (m >= 12) { y += Math.floor(m / 12); m %= 12; }
      cursor = Date.UTC(y, m, 1);
      if (cursor >= endMs) break;
      if (cursor > startMs) edges.push(Math.round((cursor - startMs) / 60000));
    }
  }
  edges.push(tl.t1);
  return edges.filter((e, i) => i === 0 || e > edges[i - 1]);
}

/** Builds the buckets for a timeline and its SLOs' calendar windows. */
export function buildBuckets(tl: Timeline, slos: Slo[]): Buckets {
  const cutSteps = new Set<number>();
  const toStep = (t: number) => Math.max(0, Math.min(tl.steps, Math.floor((t - tl.t0) / tl.stepMinutes)));
  for (let t = tl.t0; t <= tl.t1; t += MINUTES_PER_DAY) cutSteps.add(toStep(t));
  cutSteps.add(toStep(0));
  cutSteps.add(tl.steps);
  const units = new Set<'week' | 'month' | 'quarter'>();
  for (const s of slos) if (s.window.kind === 'calendar') units.add(s.window.unit);
  for (const u of units) for (const e of calendarEdges(u, tl)) cutSteps.add(toStep(e));
  const sorted = [...cutSteps].sort((a, b) => a - b).filter((k) => k < tl.steps);
  const startStep = new Int32Array(sorted.length + 1);
  sorted.forEach((k, i) => (startStep[i] = k));
  startStep[sorted.length] = tl.steps;
  const ofStep = i32(tl.steps);
  for (let b = 0; b < sorted.length; b++) {
    for (let k = startStep[b]; k < startStep[b + 1]; k++) ofStep[k] = b;
  }
  return { count: sorted.length, startStep, ofStep };
}

/** The bucket boundary index at timeline minute t (t must fall on a cut). */
export function bucketIndexAt(b: Buckets, tl: Timeline, t: number): number {
  const k = Math.max(0, Math.min(tl.steps, Math.floor((t - tl.t0) / tl.stepMinutes)));
  let lo = 0;
  let hi = b.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b.startStep[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
