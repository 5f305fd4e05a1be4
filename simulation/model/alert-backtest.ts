import type { AlertOutcome, SloOutcome } from '../aggregate/outcome';
import { type AlertPlan, BLOCK_STEPS, burnRate } from '../slo/alert-plan';
import type { CompiledScenario } from './compile';
import { EventKind, type EventList } from './events';
import type { SloDeltas } from './slo-deltas';
import type { CompiledSlo } from './slo-step';

/**
 * Back-tests an SLO's alert rules in one trial (DESIGN 3.5). Burn rates are
 * read from the baseline's prefix sums plus the trial's per-step deltas, and
 * evaluated (every step, or every thirtieth of a long short-window) only where
 * the trial differs from the baseline or the baseline itself fires: elsewhere
 * the rule does what the compiled baseline says.
 */
export class AlertBacktest {
  private readonly cumV: Float64Array;
  private readonly cumB: Float64Array;
  private sortedBlocks: number[] = [];
  private blockBefore: number[] = [];
  private blockBeforeBad: number[] = [];
  private readonly firingStart: number[] = [];
  private readonly firingEnd: number[] = [];
  private ranges: number[] = [];

  constructor(private readonly c: CompiledScenario) {
    this.cumV = new Float64Array(c.timeline.steps + 1);
    this.cumB = new Float64Array(c.timeline.steps + 1);
  }

  /** Back-tests every rule of SLO o against the service's events of this trial. */
  run(o: number, deltas: SloDeltas, list: EventList, out: SloOutcome): void {
    const slo = this.c.slos[o];
    const steps = deltas.stepsOf(o);
    if (!steps || slo.alerts.length === 0) return;
    this.prepare(deltas.blocks[o], steps.valid, steps.bad);
    for (let r = 0; r < slo.alerts.length; r++) {
      const plan = slo.alerts[r];
      const result = out.alerts[r];
      if (plan.rule.kind === 'burnRate') this.fire(slo, plan);
      else this.consumedFirings(out.budgetRemaining, plan.rule.consumed / 100);
      this.score(plan, list, result);
    }
  }

  /** Running sums of the deltas over the touched blocks, in time order. */
  private prepare(blocks: number[], valid: Float64Array, bad: Float64Array): void {
    const sorted = blocks.slice().sort((a, b) => a - b);
    this.sortedBlocks = sorted;
    this.blockBefore = [];
    this.blockBeforeBad = [];
    let v = 0;
    let b = 0;
    const steps = this.c.timeline.steps;
    for (const j of sorted) {
      this.blockBefore.push(v);
      this.blockBeforeBad.push(b);
      const end = Math.min(steps, (j + 1) * BLOCK_STEPS);
      for (let k = j * BLOCK_STEPS; k < end; k++) {
        v += valid[k];
        b += bad[k];
        this.cumV[k + 1] = v;
        this.cumB[k + 1] = b;
      }
    }
    this.blockBefore.push(v);
    this.blockBeforeBad.push(b);
  }

  /** Index in sortedBlocks of the first touched block at or after block j. */
  private firstBlockFrom(j: number): number {
    const s = this.sortedBlocks;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid] < j) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Cumulative deltas (valid, bad) over steps [0, t). */
  private deltaAt(t: number, bad: boolean): number {
    if (t <= 0) return 0;
    const j = Math.floor((t - 1) / BLOCK_STEPS);
    const i = this.firstBlockFrom(j);
    if (i < this.sortedBlocks.length && this.sortedBlocks[i] === j) return bad ? this.cumB[t] : this.cumV[t];
    return bad ? this.blockBeforeBad[i] : this.blockBefore[i];
  }

  private burn(slo: CompiledSlo, t: number, lookback: number): number {
    const a = Math.max(0, t - lookback);
    const V = slo.validCum as Float64Array;
    const G = slo.goodCum;
    const valid = V[t] - V[a] + this.deltaAt(t, false) - this.deltaAt(a, false);
    const bad = V[t] - V[a] - (G[t] - G[a]) + this.deltaAt(t, true) - this.deltaAt(a, true);
    return burnRate(bad, valid, 1 - slo.spec.target / 100);
  }

  /** Firing intervals (step boundaries) of a burn-rate rule: both windows above the rate. */
  private fire(slo: CompiledSlo, plan: AlertPlan): void {
    const rule = plan.rule;
    if (rule.kind !== 'burnRate') return;
    const steps = this.c.timeline.steps;
    const ranges = this.ranges;
    ranges.length = 0;
    // Where the trial can differ from the baseline: touched blocks, until the short window has left them.
    for (const j of this.sortedBlocks) {
      const a = j * BLOCK_STEPS;
      const b = Math.min(steps, (j + 1) * BLOCK_STEPS + plan.shortSteps + plan.cadence);
      if (ranges.length > 0 && ranges[ranges.length - 1] >= a) ranges[ranges.length - 1] = Math.max(ranges[ranges.length - 1], b);
      else ranges.push(a, b);
    }
    const merged = mergeRanges(ranges, plan.baseline);
    this.firingStart.length = 0;
    this.firingEnd.length = 0;
    const c = plan.cadence;
    for (let i = 0; i < merged.length; i += 2) {
      let since = -1;
      for (let t = Math.max(c, Math.ceil(merged[i] / c) * c); t <= merged[i + 1]; t += c) {
        const firing = this.burn(slo, t, plan.longSteps) > rule.burnRate && this.burn(slo, t, plan.shortSteps) > rule.burnRate;
        if (firing && since < 0) since = t;
        else if (!firing && since >= 0) {
          this.firingStart.push(since);
          this.firingEnd.push(t);
          since = -1;
        }
      }
      if (since >= 0) {
        this.firingStart.push(since);
        this.firingEnd.push(merged[i + 1]);
      }
    }
  }

  /** Firing intervals of a budget-consumed rule, judged at each horizon day's end. */
  private consumedFirings(budget: Float64Array, share: number): void {
    const tl = this.c.timeline;
    const perDay = Math.round(1440 / tl.stepMinutes);
    this.firingStart.length = 0;
    this.firingEnd.length = 0;
    let since = -1;
    for (let d = 0; d < budget.length; d++) {
      const t = tl.horizonStep + (d + 1) * perDay;
      const firing = 1 - budget[d] >= share;
      if (firing && since < 0) since = t;
      else if (!firing && since >= 0) {
        this.firingStart.push(since);
        this.firingEnd.push(t);
        since = -1;
      }
    }
    if (since >= 0) {
      this.firingStart.push(since);
      this.firingEnd.push(tl.steps);
    }
  }

  /** Counts firings, incidents caught, detection delays and false firings over the horizon. */
  private score(plan: AlertPlan, list: EventList, out: AlertOutcome): void {
    const tl = this.c.timeline;
    const minute = (t: number) => tl.t0 + t * tl.stepMinutes;
    // A firing still counts for an event until the rule's next look after it: the short window, or a day for budget-consumed rules.
    const grace = plan.rule.kind === 'burnRate' ? plan.shortSteps * tl.stepMinutes : 1440;
    out.firings = 0;
    out.falseFirings = 0;
    out.incidents = 0;
    out.caught = 0;
    for (let f = 0; f < this.firingStart.length; f++) {
      const start = minute(this.firingStart[f]);
      if (start < 0) continue;
      out.firings++;
      let underWay = false;
      for (let i = 0; i < list.count && !underWay; i++) {
        if (list.kind[i] === EventKind.Marker || !list.admitted[i]) continue;
        if (list.start[i] <= start && start <= list.end[i] + grace) underWay = true;
      }
      if (!underWay) out.falseFirings++;
    }
    for (let i = 0; i < list.count; i++) {
      const kind = list.kind[i];
      if (kind !== EventKind.Incident && kind !== EventKind.Deploy && kind !== EventKind.Scripted) continue;
      if (!list.admitted[i] || list.start[i] < 0) continue;
      out.incidents++;
      const s = list.start[i];
      const e = list.end[i] + grace;
      for (let f = 0; f < this.firingStart.length; f++) {
        const fs = minute(this.firingStart[f]);
        const fe = minute(this.firingEnd[f]);
        if (fs <= e && fe > s) {
          if (out.caught >= out.delays.length) {
            const grown = new Float64Array(out.delays.length * 2);
            grown.set(out.delays);
            out.delays = grown;
          }
          out.delays[out.caught++] = Math.max(0, fs - s);
          break;
        }
      }
    }
  }
}

/** Union of two sorted lists of step ranges (flattened pairs). */
function mergeRanges(a: number[], b: number[]): number[] {
  if (b.length === 0) return a;
  const all: [number, number][] = [];
  for (let i = 0; i < a.length; i += 2) all.push([a[i], a[i + 1]]);
  for (let i = 0; i < b.length; i += 2) all.push([b[i], b[i + 1]]);
  all.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [x, y] of all) {
    if (out.length > 0 && out[out.length - 1] >= x) out[out.length - 1] = Math.max(out[out.length - 1], y);
    else out.push(x, y);
  }
  return out;
}
