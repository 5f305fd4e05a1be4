import type { AlertOutcome, SloOutcome } from '../aggregate/outcome';
import { type AlertPlan, BLOCK_STEPS, alertReadFrom, burnsAbove, firstJudgedStep } from '../slo/alert-plan';
import type { CompiledScenario } from './compile';
import { ensureRoom } from './arrays';
import { EventKind, type EventList } from './events';
import type { SloDeltas } from './slo-deltas';
import type { CompiledSlo } from './slo-step';

/** Sees each rule's firing intervals (step boundaries), the SLO's per-step deltas they were judged from and the service's events they are scored against (tests compare them with a plain evaluation). */
export type AlertObserver = (o: number, rule: number, starts: readonly number[], ends: readonly number[], steps: { valid: Float64Array; bad: Float64Array }, events: EventList) => void;

/**
 * Back-tests an SLO's alert rules in one trial (DESIGN 3.5). Burn rates are
 * read from the baseline's prefix sums plus the trial's cumulative deltas, and
 * evaluated (every step, or every thirtieth of a long short-window) only where
 * the trial differs from the baseline or the baseline itself fires (elsewhere
 * the rule does what the compiled baseline says), a stretch at a time: a stretch
 * in which no long window can reach the rule's rate is quiet throughout.
 */
export class AlertBacktest {
  /** Set by tests only. */
  observe: AlertObserver | null = null;
  /**
   * Cumulative deltas (valid, bad) over steps [0, t), packed by touched block: for the i-th touched block j (in
   * time order), those before it at [i * ROW] and those at the step boundaries t in (j * BLOCK_STEPS,
   * (j + 1) * BLOCK_STEPS] at [i * ROW + t - j * BLOCK_STEPS]; after the last at [touchedCount * ROW]. So [0] is 0
   * (for t <= 0), and the back-test's reads stay within a few kilobytes rather than a timeline-long array.
   */
  private readonly cumV: Float64Array;
  private readonly cumB: Float64Array;
  /** The touched blocks of the SLO being back-tested, ascending: sortedBlocks[0..touchedCount). */
  private readonly sortedBlocks: Int32Array;
  private touchedCount = 0;
  /**
   * Per rule of the SLO being back-tested: where the trial can make its short window differ from the baseline's,
   * sorted ranges of evaluation steps (flattened pairs) found while preparing (see fire).
   */
  private readonly near: number[][];
  /** Per SLO: its watching burn-rate rules, by rate (need) ascending. */
  private readonly byNeed: Int32Array[];
  /** Per rule, while preparing: its next hot block. */
  private readonly hotNext: Int32Array;
  /**
   * While preparing a block: the rules that take the runs of its steps above their rate, by rate ascending
   * (scanRule[0..n)), their rates, and where the current run of each began.
   */
  private readonly scanRule: Int32Array;
  private readonly scanNeed: Float64Array;
  private readonly runStart: Int32Array;
  private sumValid = 0;
  private sumBad = 0;
  /** Where readChunkEdges leaves what it read (so the reads are not optimised away). */
  private sink = 0;
  private readonly firingStart: number[] = [];
  private readonly firingEnd: number[] = [];
  /** Scratch of score: per firing, the change in how many events it starts under way in. */
  private underWay = new Int32Array(64);
  /** Scratch of score: per firing, the minutes it starts and ends at. */
  private startMinute = new Float64Array(64);
  private endMinute = new Float64Array(64);

  /** Per SLO and rule: the blocks, ascending, in which the baseline burns above the rule's rate at some step. */
  private readonly hotBlocks: Int32Array[][];

  /**
   * Per block, where its step boundaries' cumulative deltas are read (see deltaIndex): for an untouched block,
   * the index (>= 0) of those before the next touched block; for a touched block, t + ref + TOUCHED is the index
   * of boundary t's (ref < 0).
   */
  private readonly ref: Int32Array;

  constructor(private readonly c: CompiledScenario) {
    const blocks = Math.ceil(c.timeline.steps / BLOCK_STEPS) + 1;
    this.cumV = new Float64Array((blocks + 1) * ROW);
    this.cumB = new Float64Array((blocks + 1) * ROW);
    this.ref = new Int32Array(blocks);
    this.sortedBlocks = new Int32Array(blocks);
    const rules = Math.max(0, ...c.slos.map((o) => o.alerts.length));
    this.near = Array.from({ length: rules }, () => []);
    this.byNeed = c.slos.map((o) => Int32Array.from(o.alerts.map((_, r) => r).filter((r) => o.alerts[r].watches && o.alerts[r].rule.kind === 'burnRate').sort((x, y) => o.alerts[x].need - o.alerts[y].need)));
    this.hotNext = new Int32Array(rules);
    this.scanRule = new Int32Array(rules);
    this.scanNeed = new Float64Array(rules);
    this.runStart = new Int32Array(rules);
    this.hotBlocks = c.slos.map((o) => o.alerts.map((plan) => {
      const base = o.blockMaxBad;
      if (plan.rule.kind !== 'burnRate' || !base) return new Int32Array(0);
      const hot: number[] = [];
      for (let q = 0; q < base.length; q++) if (base[q] > plan.need) hot.push(q);
      return Int32Array.from(hot);
    }));
  }

  /** Back-tests every rule of SLO o against the service's events of this trial. */
  run(o: number, deltas: SloDeltas, list: EventList, out: SloOutcome): void {
    const slo = this.c.slos[o];
    const steps = deltas.stepsOf(o);
    if (!steps || slo.alerts.length === 0) return;
    this.prepare(slo, deltas, alertReadFrom(slo.alerts, this.c.timeline.horizonStep), steps.valid, steps.bad);
    const observed = this.observe ? deltas.stepArrays(o) : steps;
    for (let r = 0; r < slo.alerts.length; r++) {
      const plan = slo.alerts[r];
      if (!plan.watches) continue;
      const result = out.alerts[r];
      if (plan.rule.kind === 'burnRate') this.fire(slo, plan, r);
      else this.consumedFirings(out.budgetRemaining, plan.rule.consumed / 100);
      if (this.observe) this.observe(o, r, this.firingStart, this.firingEnd, observed, list);
      this.score(plan, list, result);
    }
  }

  /**
   * Running sums of the deltas over the touched blocks that end after step `from`, in time order, and each
   * burn-rate rule's near ranges (see fire), from the same walk over the blocks' steps. The deltas of block j
   * are read from valid/bad at slot[j] * BLOCK_STEPS on (see SloDeltas.stepsOf).
   */
  private prepare(slo: CompiledSlo, deltas: SloDeltas, from: number, valid: Float64Array, bad: Float64Array): void {
    const blocks = deltas.blocks[slo.index];
    const slot = deltas.blockSlot[slo.index] as Int32Array;
    const first = deltas.blockFirst[slo.index] as Int32Array;
    const last = deltas.blockLast[slo.index] as Int32Array;
    const base = slo.blockMaxBad;
    let n = 0;
    for (const j of blocks) if ((j + 1) * BLOCK_STEPS > from) this.sortedBlocks[n++] = j;
    const sorted = this.sortedBlocks.subarray(0, n).sort();
    this.touchedCount = n;
    const ref = this.ref;
    // Short gaps between touched blocks by a loop, long ones by fill (a call of fill costs more than a short loop).
    for (let i = 0, q = 0; i < n; i++) {
      const j = sorted[i];
      if (j - q > FILL_FROM) ref.fill(i * ROW, q, j);
      else for (; q < j; q++) ref[q] = i * ROW;
      ref[j] = i * ROW - j * BLOCK_STEPS - TOUCHED;
      q = j + 1;
    }
    ref.fill(n * ROW, n > 0 ? sorted[n - 1] + 1 : 0);
    const plans = slo.alerts;
    const hotBlocks = this.hotBlocks[slo.index];
    const byNeed = this.byNeed[slo.index];
    const hotNext = this.hotNext;
    const near = this.near;
    const scanRule = this.scanRule;
    const scanNeed = this.scanNeed;
    const runStart = this.runStart;
    const cumV = this.cumV;
    const cumB = this.cumB;
    for (let r = 0; r < plans.length; r++) {
      near[r].length = 0;
      hotNext[r] = 0;
    }
    const VG = slo.alertCum as Float64Array;
    let v = 0;
    let b = 0;
    const steps = this.c.timeline.steps;
    for (let i = 0; i < n; i++) {
      const j = sorted[i];
      const row = i * ROW;
      cumV[row] = v;
      cumB[row] = b;
      const a0 = j * BLOCK_STEPS;
      const end = Math.min(steps, a0 + BLOCK_STEPS);
      // Rules whose short window can reach an untouched block the baseline burns fast in take the whole block;
      // the others take the runs of its steps above their rate: a step is above the rates of the first `level` of them.
      let scanned = 0;
      for (const r of byNeed) {
        const plan = plans[r];
        const hot = hotBlocks[r];
        const span = Math.ceil(plan.shortSteps / BLOCK_STEPS);
        let h = hotNext[r];
        while (h < hot.length && hot[h] < j - span) h++;
        hotNext[r] = h;
        if (h < hot.length && hot[h] <= j + span && this.untouchedPeakAround(slo, i, plan.shortSteps) > plan.need) {
          addRange(near[r], evaluationAtOrBelow(plan, a0 + 1), evaluationAtOrAbove(plan, end + plan.shortSteps, steps));
          continue;
        }
        scanRule[scanned] = r;
        scanNeed[scanned++] = plan.need;
      }
      let level = 0;
      const at = slot[j] * BLOCK_STEPS - a0;
      // Where the baseline stays below every scanned rule's rate throughout the block (with room to spare for
      // rounding), a step without deltas is below them all: only the steps the trial wrote are walked, and the
      // others' cumulative deltas are those before them.
      let kFrom = a0;
      let kTo = end;
      if (base !== null && (scanned === 0 || base[j] + QUIET_MARGIN < scanNeed[0])) {
        kFrom = first[j] > a0 ? first[j] : a0;
        kTo = last[j] + 1 < end ? last[j] + 1 : end;
        if (kTo < kFrom) kTo = kFrom;
        holdCumulative(cumV, cumB, row + 1, row + kFrom - a0, v, b);
      }
      // The baseline's prefix sums at the step's start and end, each read once.
      let vBefore = VG[2 * kFrom];
      let gBefore = VG[2 * kFrom + 1];
      for (let k = kFrom; k < kTo; k++) {
        const dValid = valid[at + k];
        const dBad = bad[at + k];
        v += dValid;
        b += dBad;
        cumV[row + k - a0 + 1] = v;
        cumB[row + k - a0 + 1] = b;
        const vAfter = VG[2 * k + 2];
        const gAfter = VG[2 * k + 3];
        const v0 = vAfter - vBefore;
        const all = v0 + dValid;
        const stepBad = v0 - (gAfter - gBefore) + dBad;
        vBefore = vAfter;
        gBefore = gAfter;
        let above = 0;
        while (above < scanned && burnsAbove(stepBad, all, scanNeed[above])) above++;
        if (above === level) continue;
        // Runs begin for the rules newly below the step, and end (at the step before) for those no longer.
        for (let q = level; q < above; q++) runStart[q] = k;
        for (let q = above; q < level; q++) this.endRun(plans, scanRule[q], runStart[q], k);
        level = above;
      }
      if (kTo < end) {
        // Step kTo is below every rule: the runs under way end there, as the walk would have ended them.
        for (let q = 0; q < level; q++) this.endRun(plans, scanRule[q], runStart[q], kTo);
        level = 0;
        holdCumulative(cumV, cumB, row + kTo - a0 + 1, row + end - a0, v, b);
      }
      for (let q = 0; q < level; q++) this.endRun(plans, scanRule[q], runStart[q], end);
    }
    cumV[n * ROW] = v;
    cumB[n * ROW] = b;
  }

  /** A run of steps [start, end) above rule r's rate: the evaluation steps whose short window holds one of its steps are near. */
  private endRun(plans: AlertPlan[], r: number, start: number, end: number): void {
    const plan = plans[r];
    addRange(this.near[r], evaluationAtOrBelow(plan, start + 1), evaluationAtOrAbove(plan, end + plan.shortSteps, this.c.timeline.steps));
  }

  /** Highest baseline bad fraction of the untouched blocks within `reach` steps of touched block sortedBlocks[i]. */
  private untouchedPeakAround(slo: CompiledSlo, i: number, reach: number): number {
    const j = this.sortedBlocks[i];
    const span = Math.ceil(reach / BLOCK_STEPS);
    const base = slo.blockMaxBad as Float64Array;
    const ref = this.ref;
    let peak = 0;
    for (let d = -span; d <= span; d++) {
      const q = j + d;
      if (d === 0 || q < 0 || q >= base.length || ref[q] < 0) continue;
      if (base[q] > peak) peak = base[q];
    }
    return peak;
  }

  /** Where in cumV/cumB the cumulative deltas over steps [0, t) are read. */
  private deltaIndex(t: number): number {
    if (t <= 0) return 0;
    const r = this.ref[((t - 1) / BLOCK_STEPS) | 0];
    return r >= 0 ? r : t + r + TOUCHED;
  }

  /**
   * This trial's valid and bad requests over steps [a, t) (baseline prefix sums plus the trial's deltas), left in
   * sumValid and sumBad. A window holding no delta reads the same cumulative deltas at both ends, so it comes out
   * exactly as the baseline's (no rounding seam where the two meet).
   */
  private sums(slo: CompiledSlo, a: number, t: number): void {
    const VG = slo.alertCum as Float64Array;
    const it = this.deltaIndex(t);
    const ia = this.deltaIndex(a);
    const dv = this.cumV[it] - this.cumV[ia];
    const db = this.cumB[it] - this.cumB[ia];
    const valid = VG[2 * t] - VG[2 * a];
    this.sumValid = valid + dv;
    this.sumBad = valid - (VG[2 * t + 1] - VG[2 * a + 1]) + db;
  }

  /**
   * Whether both the `short` and the `long` steps before step boundary t burn above `need` (as sums would read
   * them), the short window first; the boundary's sums are read once for both. With `longKnown` the long window
   * is known to burn above it, and only the short one is judged.
   */
  private firesAt(VG: Float64Array, t: number, short: number, long: number, need: number, longKnown: boolean): boolean {
    const it = this.deltaIndex(t);
    const v = VG[2 * t];
    const g = VG[2 * t + 1];
    const dv = this.cumV[it];
    const db = this.cumB[it];
    return this.burnsBack(VG, t > short ? t - short : 0, v, g, dv, db, need) && (longKnown || this.burnsBack(VG, t > long ? t - long : 0, v, g, dv, db, need));
  }

  /** Whether steps [a, t) burn above `need`, given the baseline sums (v, g) and cumulative deltas (dv, db) read at t. */
  private burnsBack(VG: Float64Array, a: number, v: number, g: number, dv: number, db: number, need: number): boolean {
    const ia = this.deltaIndex(a);
    const valid = v - VG[2 * a];
    return burnsAbove(valid - (g - VG[2 * a + 1]) + (db - this.cumB[ia]), valid + (dv - this.cumV[ia]), need);
  }

  /**
   * False when no window of `lookback` steps ending at a step boundary in [from, to)
   * can burn above `need`: each such window holds at most the bad requests of
   * [from - lookback, to) and at least the valid ones of [to - lookback, from).
   * (The margin keeps rounding of the sums from ever deciding.)
   */
  private mayBurn(slo: CompiledSlo, from: number, to: number, lookback: number, need: number): boolean {
    const inner = to - lookback;
    if (inner >= from) return true;
    this.sums(slo, inner > 0 ? inner : 0, from);
    const valid = this.sumValid;
    const last = this.c.timeline.steps;
    this.sums(slo, from > lookback ? from - lookback : 0, to < last ? to : last);
    return this.sumBad >= need * valid * (1 - 1e-9);
  }

  /**
   * True when every window of `lookback` steps ending at a step boundary in [from, last] burns above `need`:
   * each holds at least the bad requests of [last - lookback, from) and at most the valid ones of
   * [from - lookback, last). False when those two do not overlap. (The margins keep rounding of the sums from
   * ever deciding: a relative one, and one far above the rounding of the largest prefix sum.)
   */
  private burnsThroughout(slo: CompiledSlo, from: number, last: number, lookback: number, need: number): boolean {
    const inner = last - lookback;
    if (inner >= from) return false;
    this.sums(slo, inner > 0 ? inner : 0, from);
    const bad = this.sumBad;
    if (!(this.sumValid > 0)) return false;
    this.sums(slo, from > lookback ? from - lookback : 0, last);
    const bound = need * this.sumValid;
    return bad > bound * (1 + 1e-9) + SURE_MARGIN * (slo.alertCum as Float64Array)[2 * this.c.timeline.steps];
  }

  /**
   * Firing intervals (step boundaries) of a burn-rate rule: both windows above
   * the rate. The rule is judged at its evaluation steps (multiples of its
   * cadence); a firing lasts from the step it is first seen at to the first
   * evaluation step that no longer sees it, so every interval starts and ends
   * at an evaluation step (or the timeline's end). Before firstJudgedStep the
   * baseline's firings stand: nothing there is scored.
   */
  private fire(slo: CompiledSlo, plan: AlertPlan, r: number): void {
    const rule = plan.rule;
    if (rule.kind !== 'burnRate') return;
    const steps = this.c.timeline.steps;
    const c = plan.cadence;
    const S = plan.shortSteps;
    const need = plan.need;
    const VG = slo.alertCum as Float64Array;
    // Where the trial can differ from the baseline. The short window at t covers steps [t - S, t): it can burn
    // above the rate only while it holds a step that does (a window's bad fraction is a weighted mean of its
    // steps'), so only windows holding a touched step above the rate, or a touched step beside an
    // untouched block the baseline burns fast in, are evaluated (near, found by prepare). And where the
    // baseline's short window already burns too fast, the trial's long window decides while it holds touched steps.
    const far: number[] = [];
    const sorted = this.sortedBlocks;
    if (plan.shortHigh.length > 0) {
      for (let i = 0; i < this.touchedCount; i++) {
        const a = sorted[i] * BLOCK_STEPS;
        addRange(far, evaluationAtOrBelow(plan, a + 1), evaluationAtOrAbove(plan, Math.min(steps, a + BLOCK_STEPS) + plan.longSteps, steps));
      }
    }
    const near = this.near[r];
    const candidates = intersectRanges(unionRanges(near, intersectRanges(far, plan.shortHigh)), [firstJudgedStep(plan, this.c.timeline.horizonStep), steps + 1]);
    const evaluated: number[] = [];
    // Judged a chunk of at most an eighth of the long window at a time: a chunk whose long windows
    // cannot reach the rate, even holding all the bad requests near it, is quiet throughout.
    const L = plan.longSteps;
    const chunk = Math.max(c, evaluationAtOrBelow(plan, L >> 3));
    // While the rule fires, a run of evaluation steps spanning at most half the short window is judged at once
    // when both windows burn above the rate at all of them (burnsThroughout); worth it from SURE_MIN_EVALUATIONS.
    const run = evaluationAtOrBelow(plan, S >> 1);
    const sure = run >= SURE_MIN_EVALUATIONS * c ? run : 0;
    this.readChunkEdges(VG, candidates, c, chunk, L);
    for (let i = 0; i < candidates.length; i += 2) {
      const stop = candidates[i + 1];
      let since = -1;
      for (let from = Math.max(c, candidates[i]); from < stop; from += chunk) {
        const to = Math.min(stop, from + chunk);
        if (!this.mayBurn(slo, from, to, L, need)) {
          if (since >= 0) {
            evaluated.push(since, from);
            since = -1;
          }
          continue;
        }
        // Steps below `plain` are evaluated one by one (a run there was not sure to fire throughout).
        let plain = from;
        // While the rule fires into a chunk whose long windows all burn above the rate, only the short window is judged.
        const longSure = since >= 0 && this.burnsThroughout(slo, from, to - 1, L, need);
        for (let t = from; t < to; t += c) {
          if (since >= 0 && sure > 0 && t >= plain && t + sure <= to) {
            if (this.burnsThroughout(slo, t, t + sure - c, S, need) && (longSure || this.burnsThroughout(slo, t, t + sure - c, L, need))) {
              t += sure - c;
              continue;
            }
            plain = t + sure;
          }
          const firing = this.firesAt(VG, t, S, L, need, longSure);
          if (firing && since < 0) since = t;
          else if (!firing && since >= 0) {
            evaluated.push(since, t);
            since = -1;
          }
        }
      }
      if (since >= 0) evaluated.push(since, stop);
    }
    // Elsewhere the rule does what the baseline does; joined where they meet.
    const firings = unionRanges(subtractRanges(plan.baseline, candidates), evaluated);
    this.firingStart.length = 0;
    this.firingEnd.length = 0;
    for (let i = 0; i < firings.length; i += 2) {
      this.firingStart.push(firings[i]);
      this.firingEnd.push(firings[i + 1]);
    }
  }

  /**
   * Reads, in one loop of independent loads, the baseline sums that mayBurn will read at the edges of fire's
   * chunks (their ends and their ends a long window back), so that their cache misses overlap instead of
   * stalling the chunk loop one by one (as TrialRunner.warm does for the sweep). Reads only.
   */
  private readChunkEdges(VG: Float64Array, candidates: number[], c: number, chunk: number, L: number): void {
    const last = this.c.timeline.steps;
    let ahead = 0;
    let reads = 0;
    for (let i = 0; i < candidates.length && reads < READ_AHEAD_MAX; i += 2) {
      const stop = candidates[i + 1];
      for (let from = Math.max(c, candidates[i]); from < stop && reads < READ_AHEAD_MAX; from += chunk, reads++) {
        const to = Math.min(stop, from + chunk, last);
        ahead += VG[2 * from] + VG[2 * to] + VG[2 * (from > L ? from - L : 0)] + VG[2 * (to > L ? to - L : 0)];
      }
    }
    this.sink += ahead;
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

  /**
   * Counts firings, incidents caught, detection delays and false firings over the horizon. The firings are
   * sorted and disjoint, so each event finds the firings that start while it is under way, and the first
   * firing it is caught by, by binary search.
   */
  private score(plan: AlertPlan, list: EventList, out: AlertOutcome): void {
    const tl = this.c.timeline;
    const starts = this.firingStart;
    const ends = this.firingEnd;
    const count = starts.length;
    // The firings' start and end minutes, searched below by binary search.
    this.startMinute = ensureRoom(this.startMinute, count, 0);
    this.endMinute = ensureRoom(this.endMinute, count, 0);
    const startMinute = this.startMinute;
    const endMinute = this.endMinute;
    for (let f = 0; f < count; f++) {
      startMinute[f] = tl.t0 + starts[f] * tl.stepMinutes;
      endMinute[f] = tl.t0 + ends[f] * tl.stepMinutes;
    }
    // A firing still counts for an event until the rule's next look after it: the short window, or a day for budget-consumed rules.
    const grace = plan.rule.kind === 'burnRate' ? plan.shortSteps * tl.stepMinutes : 1440;
    // underWay[f]: how many more events firing f starts under way in than firing f - 1 (summed up in the count below).
    this.underWay = ensureRoom(this.underWay, count + 1, 0);
    const underWay = this.underWay;
    underWay.fill(0, 0, count + 1);
    out.incidents = 0;
    out.caught = 0;
    for (let i = 0; i < list.count; i++) {
      const kind = list.kind[i];
      if (kind === EventKind.Marker || !list.admitted[i]) continue;
      const s = list.start[i];
      const e = list.end[i] + grace;
      underWay[firstPast(startMinute, count, s, true)]++;
      underWay[firstPast(startMinute, count, e, false)]--;
      if (kind !== EventKind.Incident && kind !== EventKind.Deploy && kind !== EventKind.Scripted) continue;
      if (s < 0) continue;
      out.incidents++;
      // The first firing that ends after the event starts: caught by it when it starts by the event's end (and grace).
      const f = firstPast(endMinute, count, s, false);
      if (f < count && startMinute[f] <= e) {
        out.delays = ensureRoom(out.delays, out.caught + 1);
        out.delays[out.caught++] = Math.max(0, startMinute[f] - s);
      }
    }
    out.firings = 0;
    out.falseFirings = 0;
    let events = 0;
    for (let f = 0; f < count; f++) {
      events += underWay[f];
      if (startMinute[f] < 0) continue;
      out.firings++;
      if (events === 0) out.falseFirings++;
    }
  }
}

/** Gaps between touched blocks longer than this are filled by TypedArray.fill in prepare (a call of fill costs more than a short loop). */
const FILL_FROM = 8;

/**
 * The first of the ascending minutes at[0..count) above m, or at m too when `orAt`
 * (count when none is).
 */
function firstPast(at: Float64Array, count: number, m: number, orAt: boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = at[mid];
    if (x > m || (orAt && x === m)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The last evaluation step of a rule at or before step boundary t. */
function evaluationAtOrBelow(plan: AlertPlan, t: number): number {
  return Math.floor(t / plan.cadence) * plan.cadence;
}

/** The first evaluation step of a rule at or after step boundary t, or the timeline's end (steps + 1) when none is. */
function evaluationAtOrAbove(plan: AlertPlan, t: number, steps: number): number {
  return Math.min(steps + 1, Math.ceil(t / plan.cadence) * plan.cadence);
}

/** Writes the cumulative deltas (v, b) at entries [from, to] of cumV/cumB: steps that add none. A loop, not fill: these ranges are short, and a call of fill costs more than they. */
function holdCumulative(cumV: Float64Array, cumB: Float64Array, from: number, to: number, v: number, b: number): void {
  for (let e = from; e <= to; e++) {
    cumV[e] = v;
    cumB[e] = b;
  }
}

/** Appends [a, b) to a sorted list of ranges, joining it with the last one when they meet. */
function addRange(out: number[], a: number, b: number): void {
  if (out.length > 0 && out[out.length - 1] >= a) out[out.length - 1] = Math.max(out[out.length - 1], b);
  else out.push(a, b);
}

/**
 * How far below a rule's rate a block's highest baseline bad fraction must lie for prepare to take its steps
 * without deltas as below the rate unread: well above the rounding by which blockMaxBad's 1 - good / valid and
 * prepare's (valid - good) / valid of one step can differ (a few 1e-16).
 */
const QUIET_MARGIN = 1e-12;

/** Fewest evaluation steps a run judged at once by burnsThroughout must span (it reads as much as two evaluations). */
const SURE_MIN_EVALUATIONS = 6;
/** burnsThroughout's margin, as a share of the SLO's valid requests over the whole timeline: orders of magnitude above the rounding of its prefix sums (about 1e-16 of them). */
const SURE_MARGIN = 1e-12;

/** Most chunks whose edges readChunkEdges reads ahead for one rule. */
const READ_AHEAD_MAX = 512;

/** Entries of cumV/cumB per touched block: the deltas before it, then one per step boundary in it. */
const ROW = BLOCK_STEPS + 1;
/** Shifts a touched block's ref below 0 (see AlertBacktest.ref); larger than any index into cumV. */
const TOUCHED = 2 ** 30;

/** Union of two sorted lists of ranges (flattened pairs), ranges that touch joined. */
export function unionRanges(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] <= b[j])) {
      addRange(out, a[i], a[i + 1]);
      i += 2;
    } else {
      addRange(out, b[j], b[j + 1]);
      j += 2;
    }
  }
  return out;
}

/** Intersection of two sorted lists of ranges. */
export function intersectRanges(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i], b[j]);
    const hi = Math.min(a[i + 1], b[j + 1]);
    if (hi > lo) out.push(lo, hi);
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return out;
}

/** The parts of sorted ranges a outside sorted ranges b. */
export function subtractRanges(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let lo = a[i];
    const hi = a[i + 1];
    while (j < b.length && b[j + 1] <= lo) j += 2;
    let k = j;
    while (k < b.length && b[k] < hi) {
      if (b[k] > lo) out.push(lo, b[k]);
      lo = Math.max(lo, b[k + 1]);
      k += 2;
    }
    if (hi > lo) out.push(lo, hi);
  }
  return out;
}
