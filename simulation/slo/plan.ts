import type { Slo } from '../scenario/types';
import { type Timeline, MINUTES_PER_DAY } from '../model/timeline';
import { type Buckets, bucketIndexAt, calendarEdges } from './buckets';

/** Where each evaluation of one SLO's window falls, as bucket ranges (DESIGN 3.5). */
export interface WindowPlan {
  kind: 'rolling' | 'calendar';
  /** Per horizon day: first bucket of the window whose budget is reported that day. */
  dayStart: Int32Array;
  /** Per horizon day: bucket boundary at the day's end. */
  dayEnd: Int32Array;
  /** Calendar only, per horizon day: the window (index into windowStart/windowEnd) the day's end belongs to. */
  dayWindow: Int32Array;
  /** Calendar windows, cut to the horizon: bucket ranges, judged at their ends. */
  windowStart: Int32Array;
  windowEnd: Int32Array;
  /** The whole horizon as a bucket range. */
  horizonStart: number;
  horizonEnd: number;
}

/** Plans the evaluations of an SLO's window over the horizon. */
export function planWindow(slo: Slo, tl: Timeline, buckets: Buckets): WindowPlan {
  const H = tl.horizonDays;
  const dayStart = new Int32Array(H);
  const dayEnd = new Int32Array(H);
  const dayWindow = new Int32Array(H);
  let windowStart = new Int32Array(0);
  let windowEnd = new Int32Array(0);
  for (let i = 0; i < H; i++) dayEnd[i] = bucketIndexAt(buckets, tl, (i + 1) * MINUTES_PER_DAY);
  if (slo.window.kind === 'rolling') {
    const D = slo.window.days;
    for (let i = 0; i < H; i++) dayStart[i] = bucketIndexAt(buckets, tl, (i + 1 - D) * MINUTES_PER_DAY);
  } else {
    const edges = calendarEdges(slo.window.unit, tl);
    const n = edges.length - 1;
    windowStart = new Int32Array(n);
    windowEnd = new Int32Array(n);
    for (let w = 0; w < n; w++) {
      windowStart[w] = bucketIndexAt(buckets, tl, edges[w]);
      windowEnd[w] = bucketIndexAt(buckets, tl, edges[w + 1]);
    }
    let w = 0;
    for (let i = 0; i < H; i++) {
      const t = (i + 1) * MINUTES_PER_DAY;
      while (w < n - 1 && edges[w + 1] < t) w++;
      dayWindow[i] = w;
      dayStart[i] = windowStart[w];
    }
  }
  return {
    kind: slo.window.kind,
    dayStart,
    dayEnd,
    dayWindow,
    windowStart,
    windowEnd,
    horizonStart: bucketIndexAt(buckets, tl, 0),
    horizonEnd: buckets.count,
  };
}
