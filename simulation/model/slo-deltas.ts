import type { SloOutcome } from '../aggregate/outcome';
import { budgetRemaining, evaluateOccurrences, sliPercent } from '../slo/evaluate';
import type { CompiledScenario } from './compile';
import { stepWeight } from './timeline';
import { BLOCK_STEPS, alertReadFrom } from '../slo/alert-plan';
import { type CompiledSlo, type SliceModel, goodBetween, goodStep, sliceBad, sliceRatio0, validStep } from './slo-step';

/**
 * One trial's differences from the baseline, per SLO: valid and bad units per
 * accounting bucket. Occurrence SLOs take them directly; timeslice SLOs collect
 * request deltas per step and turn each touched slice into slice units when it
 * is committed (DESIGN 3.5).
 */
export class SloDeltas {
  readonly dValid: Float64Array[];
  readonly dBad: Float64Array[];
  /**
   * Per SLO that keeps per-step deltas: those of the touched blocks of BLOCK_STEPS steps, packed in the order the
   * blocks were first touched (the block blocks[o][s] at [s * BLOCK_STEPS, (s + 1) * BLOCK_STEPS)), so that the
   * trial's writes, the back-test's reads and the reset stay within one short stretch of memory per SLO.
   */
  private readonly stepValid: (Float64Array | null)[];
  private readonly stepBad: (Float64Array | null)[];
  /** Per slice: 0 untouched, 1 touched, 2 committed (null for single-step slices, which are found from the blocks' written spans). */
  private readonly sliceState: (Uint8Array | null)[];
  private readonly touched: number[][];
  /** Per SLO that keeps per-step deltas: the slot of each block in stepValid/stepBad, -1 while untouched; the touched blocks in slot order. */
  readonly blockSlot: (Int32Array | null)[];
  readonly blocks: number[][];
  /**
   * Per SLO that keeps per-step deltas, per touched block: the first and last step written this trial (any step
   * of the block outside them holds no delta). Valid only while the block is touched.
   */
  readonly blockFirst: (Int32Array | null)[];
  readonly blockLast: (Int32Array | null)[];
  /**
   * Per SLO: touched slices not committed yet; for an SLO whose slices are single steps, touched blocks that may
   * still hold uncommitted slices (its slices are found by walking the blocks' written spans, not listed one by one).
   */
  private readonly pending: number[][];
  /** Per SLO: whether its slices are single steps (one-minute timeslices on a one-minute timeline, or any slice one step long). */
  private readonly stepSlices: boolean[];
  /** Per SLO with single-step slices: the steps before it are committed. */
  private readonly committedTo: Int32Array;
  /** Per SLO: the first step whose per-step deltas are kept (alerting SLOs without timeslices: the first their rules read; earlier steps go to the buckets only). */
  private readonly stepsFrom: Int32Array;
  /**
   * Per SLO: the first step any of its figures reads (see usedFrom); its deltas before it are not kept at all, and
   * the minute that step starts at.
   */
  readonly fromStep: Int32Array;
  readonly fromTime: Float64Array;
  private readonly cumValid: Float64Array;
  private readonly cumBad: Float64Array;
  /**
   * Per SLO, for budgetAt: running sums of valid and bad units (baseline plus deltas) over buckets [0, b), for b up
   * to runTo[o]; those buckets lie before the sweep's position and take no more deltas.
   */
  private readonly runValid: Float64Array[];
  private readonly runBad: Float64Array[];
  private readonly runTo: Int32Array;

  constructor(private readonly c: CompiledScenario) {
    const steps = c.timeline.steps;
    this.dValid = c.slos.map(() => new Float64Array(c.buckets.count));
    this.dBad = c.slos.map(() => new Float64Array(c.buckets.count));
    const stepwise = (o: CompiledSlo) => o.slices !== null || o.alerts.length > 0;
    const blockCount = Math.ceil(steps / BLOCK_STEPS);
    this.stepValid = c.slos.map((o) => (stepwise(o) ? new Float64Array(blockCount * BLOCK_STEPS) : null));
    this.stepBad = c.slos.map((o) => (stepwise(o) ? new Float64Array(blockCount * BLOCK_STEPS) : null));
    this.stepsFrom = Int32Array.from(c.slos, (o) => (o.slices || o.alerts.length === 0 ? 0 : Math.min(steps, alertReadFrom(o.alerts, c.timeline.horizonStep))));
    this.fromStep = Int32Array.from(c.slos, (o) => usedFrom(c, o));
    this.fromTime = Float64Array.from(this.fromStep, (k) => c.timeline.t0 + k * c.timeline.stepMinutes);
    this.blockSlot = c.slos.map((o) => (stepwise(o) ? new Int32Array(blockCount).fill(-1) : null));
    this.blockFirst = c.slos.map((o) => (stepwise(o) ? new Int32Array(blockCount) : null));
    this.blockLast = c.slos.map((o) => (stepwise(o) ? new Int32Array(blockCount) : null));
    this.blocks = c.slos.map(() => []);
    this.sliceState = c.slos.map((o) => (o.slices && o.slices.sliceSteps !== 1 ? new Uint8Array(o.slices.count) : null));
    this.touched = c.slos.map(() => []);
    this.pending = c.slos.map(() => []);
    this.stepSlices = c.slos.map((o) => o.slices !== null && o.slices.sliceSteps === 1);
    this.committedTo = new Int32Array(c.slos.length);
    this.cumValid = new Float64Array(c.buckets.count + 1);
    this.cumBad = new Float64Array(c.buckets.count + 1);
    this.runValid = c.slos.map(() => new Float64Array(c.buckets.count + 1));
    this.runBad = c.slos.map(() => new Float64Array(c.buckets.count + 1));
    this.runTo = new Int32Array(c.slos.length);
  }

  /** Forgets the previous trial. */
  reset(): void {
    for (let o = 0; o < this.c.slos.length; o++) {
      this.dValid[o].fill(0);
      this.dBad[o].fill(0);
      const state = this.sliceState[o];
      if (state) for (const i of this.touched[o]) state[i] = 0;
      this.committedTo[o] = 0;
      this.runTo[o] = 0;
      const slot = this.blockSlot[o];
      if (slot) this.clearBlocks(o, slot);
      this.blocks[o].length = 0;
      this.touched[o].length = 0;
      this.pending[o].length = 0;
    }
  }

  /** Zeroes the step deltas of the touched blocks (slots 0 to blocks.length - 1, one stretch of memory) and frees their slots. */
  private clearBlocks(o: number, slot: Int32Array): void {
    const blocks = this.blocks[o];
    for (let s = 0; s < blocks.length; s++) slot[blocks[s]] = -1;
    (this.stepValid[o] as Float64Array).fill(0, 0, blocks.length * BLOCK_STEPS);
    (this.stepBad[o] as Float64Array).fill(0, 0, blocks.length * BLOCK_STEPS);
  }

  /** Whether SLO o keeps deltas of any step before `end` (a run ending there that it would drop whole need not be computed). */
  keeps(o: number, end: number): boolean {
    return end > this.fromStep[o];
  }

  /** Adds valid and bad requests at step k. */
  addStep(o: number, k: number, dValid: number, dBad: number): void {
    if (k < this.fromStep[o]) return;
    const sv = this.stepValid[o];
    if (this.c.slos[o].slices === null) {
      const b = this.c.buckets.ofStep[k];
      this.dValid[o][b] += dValid;
      this.dBad[o][b] += dBad;
      if (sv === null || k < this.stepsFrom[o]) return;
    }
    const at = this.touch(o, k);
    (sv as Float64Array)[at] += dValid;
    (this.stepBad[o] as Float64Array)[at] += dBad;
  }

  /**
   * addStep for the run of steps k0 + q, q in [0, n), in that order, with dValid[q] and dBad[q]: the same sums
   * (each bucket, step and slice takes its additions in the same order), each block found once.
   */
  addRun(o: number, k0: number, n: number, dValid: Float64Array, dBad: Float64Array): void {
    const sv = this.stepValid[o];
    // Steps before fromStep are left out (their entries of dValid and dBad need not even be set).
    if (!this.keeps(o, k0 + n)) return;
    const q0 = this.fromStep[o] - k0;
    let q = q0 > 0 ? q0 : 0;
    if (this.c.slos[o].slices === null) {
      const ofStep = this.c.buckets.ofStep;
      const bucketValid = this.dValid[o];
      const bucketBad = this.dBad[o];
      for (let i = q; i < n; i++) {
        const b = ofStep[k0 + i];
        bucketValid[b] += dValid[i];
        bucketBad[b] += dBad[i];
      }
      if (sv === null) return;
      const from = this.stepsFrom[o];
      if (k0 + q < from) q = from - k0;
    }
    const stepValid = sv as Float64Array;
    const stepBad = this.stepBad[o] as Float64Array;
    const slices = this.sliceState[o] !== null;
    while (q < n) {
      const k = k0 + q;
      const j = Math.floor(k / BLOCK_STEPS);
      const end = Math.min(n, (j + 1) * BLOCK_STEPS - k0);
      // Step k0 + q's deltas are kept at at + q.
      const at = this.touchBlock(o, j) - j * BLOCK_STEPS + k0;
      this.widenSpan(o, j, k, k0 + end - 1);
      for (; q < end; q++) {
        if (slices) this.touchSlice(o, k0 + q);
        stepValid[at + q] += dValid[q];
        stepBad[at + q] += dBad[q];
      }
    }
  }

  /** Adds valid and bad requests to the bucket of step k only (occurrence accounting; alerts do not see them). */
  addBucket(o: number, k: number, dValid: number, dBad: number): void {
    if (k < this.fromStep[o]) return;
    const b = this.c.buckets.ofStep[k];
    this.dValid[o][b] += dValid;
    this.dBad[o][b] += dBad;
  }

  /** Turns `lost` of the baseline good requests between minutes x and y bad. */
  loseGood(o: number, x: number, y: number, lost: number): void {
    const used = this.fromTime[o];
    if (y <= used) return;
    if (x < used) x = used;
    const c = this.c;
    const tl = c.timeline;
    const slo = c.slos[o];
    if (slo.slices === null) {
      const buckets = c.buckets;
      let a = x;
      while (a < y) {
        const b = buckets.ofStep[Math.min(tl.steps - 1, Math.floor((a - tl.t0) / tl.stepMinutes))];
        const bucketEnd = tl.t0 + buckets.startStep[b + 1] * tl.stepMinutes;
        const e = bucketEnd < y ? bucketEnd : y;
        this.dBad[o][b] += lost * goodBetween(slo, tl.t0, tl.stepMinutes, a, e);
        a = e;
      }
      if (this.stepValid[o] === null) return;
      const from = tl.t0 + this.stepsFrom[o] * tl.stepMinutes;
      if (y <= from) return;
      this.loseGoodSteps(o, x > from ? x : from, y, lost);
      return;
    }
    const m = slo.slices;
    const state = this.sliceState[o];
    if (m && slo.alerts.length === 0) {
      // Slices the stretch covers whole, and nothing else has touched, are judged at once from their baseline good ratio.
      // Nothing else can touch them later (a service's stretches do not overlap), so they are neither marked nor committed.
      const span = m.sliceSteps * tl.stepMinutes;
      const first = Math.ceil((x - tl.t0) / span);
      const last = Math.min(m.count, Math.floor((y - tl.t0) / span));
      if (last > first) {
        this.loseGoodSteps(o, x, tl.t0 + first * span, lost);
        const target = m.sliceTarget;
        const keep = 1 - lost;
        const dBad = this.dBad[o];
        const buckets = c.buckets;
        // Single-step timeslices: when the loss turns every good slice bad, or none, the slices of a run that
        // nothing else touched are counted at once from the baseline's running count of good ones.
        const all = m.goodCount.length === 0 ? -1 : keep * m.maxGoodRatio < target ? 1 : keep * m.minGoodRatio >= target ? 0 : -1;
        for (let i = first; i < last; ) {
          const b = buckets.ofStep[i * m.sliceSteps];
          const end = Math.min(last, Math.ceil(buckets.startStep[b + 1] / m.sliceSteps));
          let change = 0;
          if (all >= 0 && this.spanFree(o, i, end)) {
            if (all === 1) change = m.goodCount[end] - m.goodCount[i];
            i = end;
          }
          for (; i < end; i++) {
            if (state !== null ? state[i] !== 0 : this.inSpan(o, i)) {
              this.loseGoodSteps(o, tl.t0 + i * span, tl.t0 + (i + 1) * span, lost);
              continue;
            }
            const r = sliceRatio0(slo, m, i);
            if (target !== target) change += lost * r;
            else if (r >= target && r * keep < target) change += 1;
          }
          dBad[b] += change;
        }
        this.loseGoodSteps(o, tl.t0 + last * span, y, lost);
        return;
      }
    }
    this.loseGoodSteps(o, x, y, lost);
  }

  /** `loseGood` step by step, into the per-step deltas: each block's slot found once. */
  private loseGoodSteps(o: number, x: number, y: number, lost: number): void {
    if (!(y > x)) return;
    const tl = this.c.timeline;
    const step = tl.stepMinutes;
    const sb = this.stepBad[o] as Float64Array;
    const slo = this.c.slos[o];
    const slices = this.sliceState[o] !== null;
    const kEnd = Math.ceil((y - tl.t0) / step);
    const kTo = Math.min(tl.steps, kEnd);
    let k = Math.floor((x - tl.t0) / step);
    const kFirst = k;
    const kLast = kEnd - 1;
    const whole = Number.isInteger(tl.t0) && Number.isInteger(step);
    while (k < kTo) {
      const j = Math.floor(k / BLOCK_STEPS);
      const blockEnd = Math.min(kTo, (j + 1) * BLOCK_STEPS);
      // The block's written span takes in [k, blockEnd) (a step of weight 0 there is written nothing, which is no matter).
      const from = k;
      // Where step k's deltas are kept is at + k (at may be negative); found at the block's first step written.
      let at = 0;
      let touched = false;
      for (; k < blockEnd; k++) {
        // A step strictly inside (x, y) has weight 1, exactly so when step boundaries are whole minutes.
        const w = k > kFirst && k < kLast && whole ? 1 : stepWeight(tl.t0, step, k, x, y);
        if (w <= 0) continue;
        if (!touched) {
          at = this.touchBlock(o, j) - j * BLOCK_STEPS;
          touched = true;
        }
        if (slices) this.touchSlice(o, k);
        sb[at + k] += w * lost * goodStep(slo, k);
      }
      if (touched) this.widenSpan(o, j, from, blockEnd - 1);
    }
  }

  /** Marks step k (its block, and its slice) touched; returns where its deltas are kept in stepValid/stepBad. */
  private touch(o: number, k: number): number {
    const j = Math.floor(k / BLOCK_STEPS);
    const s = this.touchBlock(o, j);
    this.widenSpan(o, j, k, k);
    this.touchSlice(o, k);
    return s + (k - j * BLOCK_STEPS);
  }

  /** Widens touched block j's written span to take in steps [first, last]. */
  private widenSpan(o: number, j: number, first: number, last: number): void {
    const lo = this.blockFirst[o] as Int32Array;
    const hi = this.blockLast[o] as Int32Array;
    if (first < lo[j]) lo[j] = first;
    if (last > hi[j]) hi[j] = last;
  }

  /** Marks block j touched (giving it the next slot); returns where its first step's deltas are kept. */
  private touchBlock(o: number, j: number): number {
    const slot = this.blockSlot[o] as Int32Array;
    let s = slot[j];
    if (s < 0) {
      s = this.blocks[o].length;
      slot[j] = s;
      this.blocks[o].push(j);
      if (this.stepSlices[o]) this.pending[o].push(j);
      (this.blockFirst[o] as Int32Array)[j] = 0x7fffffff;
      (this.blockLast[o] as Int32Array)[j] = -1;
    }
    return s * BLOCK_STEPS;
  }

  /** Whether no step of [a, e) lies in the written span of a touched block (see inSpan). */
  private spanFree(o: number, a: number, e: number): boolean {
    const slot = this.blockSlot[o] as Int32Array;
    const lo = this.blockFirst[o] as Int32Array;
    const hi = this.blockLast[o] as Int32Array;
    for (let j = Math.floor(a / BLOCK_STEPS); j * BLOCK_STEPS < e; j++) if (slot[j] >= 0 && lo[j] < e && hi[j] >= a) return false;
    return true;
  }

  /** Whether step k lies in the written span of a touched block (for single-step slices, what marks a slice touched). */
  private inSpan(o: number, k: number): boolean {
    const j = Math.floor(k / BLOCK_STEPS);
    return (this.blockSlot[o] as Int32Array)[j] >= 0 && k >= (this.blockFirst[o] as Int32Array)[j] && k <= (this.blockLast[o] as Int32Array)[j];
  }

  /** Marks the slice of step k touched and pending (timeslice SLOs with slices of several steps; nothing otherwise). */
  private touchSlice(o: number, k: number): void {
    const m = this.c.slos[o].slices;
    const state = this.sliceState[o];
    if (m && state) {
      const i = Math.floor(k / m.sliceSteps);
      if (state[i] === 0) {
        state[i] = 1;
        this.touched[o].push(i);
        this.pending[o].push(i);
      }
    }
  }

  /** Where the deltas of step k are kept in stepValid/stepBad, or -1 when its block is untouched (they are 0). */
  private stepAt(o: number, k: number): number {
    const j = Math.floor(k / BLOCK_STEPS);
    const s = (this.blockSlot[o] as Int32Array)[j];
    return s < 0 ? -1 : s * BLOCK_STEPS + (k - j * BLOCK_STEPS);
  }

  private commitSlice(o: number, i: number): void {
    const slo = this.c.slos[o];
    const m = slo.slices;
    const state = this.sliceState[o];
    if (!m || !state || state[i] !== 1) return;
    state[i] = 2;
    const sv = this.stepValid[o] as Float64Array;
    const sb = this.stepBad[o] as Float64Array;
    const a = i * m.sliceSteps;
    const e = Math.min(this.c.timeline.steps, a + m.sliceSteps);
    let dv = 0;
    let db = 0;
    for (let k = a; k < e; k++) {
      const at = this.stepAt(o, k);
      if (at < 0) continue;
      dv += sv[at];
      db += sb[at];
    }
    addSliceChange(this.dValid[o], this.dBad[o], this.c.buckets.ofStep[a], m, m.valid0[i], m.good0[i], dv, db);
  }

  /** Commits every slice that ends at or before step k (the trial will not touch them again). */
  commitBefore(o: number, k: number): void {
    const m = this.c.slos[o].slices;
    if (!m) return;
    if (this.stepSlices[o]) {
      this.commitStepSlices(o, m, k);
      return;
    }
    const last = Math.floor(k / m.sliceSteps);
    const pending = this.pending[o];
    let kept = 0;
    for (let p = 0; p < pending.length; p++) {
      const i = pending[p];
      if (i < last) this.commitSlice(o, i);
      else pending[kept++] = i;
    }
    pending.length = kept;
  }

  /** Commits every touched slice. */
  commitAll(o: number): void {
    const m = this.c.slos[o].slices;
    if (m && this.stepSlices[o]) this.commitStepSlices(o, m, this.c.timeline.steps);
    else for (const i of this.touched[o]) this.commitSlice(o, i);
  }

  /**
   * commitBefore for an SLO whose slices are single steps: walks the written spans of its pending blocks, in
   * memory order, committing each written step from the last commit's k up to k; a block stays pending while
   * steps from k on remain in it.
   */
  private commitStepSlices(o: number, m: SliceModel, k: number): void {
    const from = this.committedTo[o];
    if (k <= from) return;
    const sv = this.stepValid[o] as Float64Array;
    const sb = this.stepBad[o] as Float64Array;
    const slot = this.blockSlot[o] as Int32Array;
    const lo = this.blockFirst[o] as Int32Array;
    const hi = this.blockLast[o] as Int32Array;
    const ofStep = this.c.buckets.ofStep;
    const dValid = this.dValid[o];
    const dBad = this.dBad[o];
    const pending = this.pending[o];
    // A slice's baseline is read where the sweep has just read the same steps' good requests (goodData, alertCum).
    const slo = this.c.slos[o];
    let kept = 0;
    for (let p = 0; p < pending.length; p++) {
      const j = pending[p];
      const at = slot[j] * BLOCK_STEPS - j * BLOCK_STEPS;
      const e = hi[j] < k ? hi[j] : k - 1;
      // A step of the span that was not written holds no delta, and its slice does not change.
      for (let i = lo[j] > from ? lo[j] : from; i <= e; i++) {
        const dv = sv[at + i];
        const db = sb[at + i];
        if (dv === 0 && db === 0) continue;
        addSliceChange(dValid, dBad, ofStep[i], m, validStep(slo, i), goodStep(slo, i), dv, db);
      }
      if ((j + 1) * BLOCK_STEPS > k) pending[kept++] = j;
    }
    pending.length = kept;
    this.committedTo[o] = k;
  }

  /**
   * The per-step request deltas of SLO o as kept (block blocks[o][s] at [s * BLOCK_STEPS, (s + 1) * BLOCK_STEPS)),
   * or null when it keeps none.
   */
  stepsOf(o: number): { valid: Float64Array; bad: Float64Array } | null {
    const v = this.stepValid[o];
    const b = this.stepBad[o];
    return v && b ? { valid: v, bad: b } : null;
  }

  /** The per-step request deltas of SLO o, one entry per step (fresh arrays; for observers). */
  stepArrays(o: number): { valid: Float64Array; bad: Float64Array } {
    const steps = this.c.timeline.steps;
    const valid = new Float64Array(steps);
    const bad = new Float64Array(steps);
    const sv = this.stepValid[o];
    const sb = this.stepBad[o];
    if (sv && sb) {
      for (let k = 0; k < steps; k++) {
        const at = this.stepAt(o, k);
        if (at < 0) continue;
        valid[k] = sv[at];
        bad[k] = sb[at];
      }
    }
    return { valid, bad };
  }

  /**
   * Budget remaining of an SLO at the end of horizon day i, from what is accounted so far. Called day by day as
   * the SLO's service is swept: the buckets up to the day's end take no more deltas, so their sums are running
   * sums, extended as the days pass.
   */
  budgetAt(o: number, day: number): number {
    const slo = this.c.slos[o];
    const p = slo.plan;
    const allowed = 1 - slo.spec.target / 100;
    const dv = this.dValid[o];
    const db = this.dBad[o];
    const end = p.dayEnd[day];
    const rv = this.runValid[o];
    const rb = this.runBad[o];
    for (let b = this.runTo[o]; b < end; b++) {
      rv[b + 1] = rv[b] + slo.valid0[b] + dv[b];
      rb[b + 1] = rb[b] + slo.bad0[b] + db[b];
    }
    if (end > this.runTo[o]) this.runTo[o] = end;
    const start = p.dayStart[day];
    let valid = rv[end] - rv[start];
    const bad = rb[end] - rb[start];
    if (p.kind === 'calendar') {
      const w = p.dayWindow[day];
      for (let b = end; b < p.windowEnd[w]; b++) valid += slo.valid0[b] + dv[b];
    }
    return budgetRemaining(bad, valid, allowed);
  }

  /** Cumulative valid and bad units per bucket boundary of an SLO. */
  private cumulate(o: number): void {
    const slo: CompiledSlo = this.c.slos[o];
    const dv = this.dValid[o];
    const db = this.dBad[o];
    const cv = this.cumValid;
    const cb = this.cumBad;
    for (let b = 0; b < this.c.buckets.count; b++) {
      cv[b + 1] = cv[b] + slo.valid0[b] + dv[b];
      cb[b + 1] = cb[b] + slo.bad0[b] + db[b];
    }
  }

  /** Evaluates an SLO's windows for the trial (DESIGN 3.5). */
  evaluate(o: number, out: SloOutcome): void {
    this.commitAll(o);
    this.cumulate(o);
    evaluateOccurrences(this.c.slos[o].plan, this.c.slos[o].spec.target, this.cumValid, this.cumBad, out);
  }

  /** Availability (percent) of each calendar window of a calendar SLO, written into `out`. */
  windowSlis(o: number, out: Float64Array): void {
    this.commitAll(o);
    this.cumulate(o);
    const p = this.c.slos[o].plan;
    for (let w = 0; w < p.windowStart.length && w < out.length; w++) {
      const s = p.windowStart[w];
      const e = p.windowEnd[w];
      out[w] = sliPercent(this.cumBad[e] - this.cumBad[s], this.cumValid[e] - this.cumValid[s]);
    }
  }
}

/** Adds to bucket b the change in slice units (valid slices, bad slices) that a slice's deltas dv, db make to its baseline valid0, good0. */
function addSliceChange(dValid: Float64Array, dBad: Float64Array, b: number, m: SliceModel, valid0: number, good0: number, dv: number, db: number): void {
  const valid = valid0 + dv;
  const good = good0 + dv - db;
  dValid[b] += (valid > 0 ? 1 : 0) - (valid0 > 0 ? 1 : 0);
  dBad[b] += sliceBad(m, valid, good) - sliceBad(m, valid0, good0);
}

/**
 * The first step any of SLO o's figures reads: the first accounting bucket of its window plan (the rolling window
 * reported on the horizon's first day; the horizon's start for calendar windows), or, if earlier, the first step
 * its burn-rate rules read; for timeslices, the start of the slice holding that step. Deltas before it change
 * nothing the trial reports (during the warm-up, for windows shorter than it, or calendar windows).
 */
function usedFrom(c: CompiledScenario, o: CompiledSlo): number {
  const plan = o.plan;
  let bucket = plan.horizonStart;
  for (const b of plan.dayStart) if (b < bucket) bucket = b;
  for (const b of plan.windowStart) if (b < bucket) bucket = b;
  let k = c.buckets.startStep[bucket];
  if (o.alerts.length > 0) k = Math.min(k, alertReadFrom(o.alerts, c.timeline.horizonStep));
  if (o.slices) k = Math.floor(k / o.slices.sliceSteps) * o.slices.sliceSteps;
  return Math.max(0, Math.min(c.timeline.steps, k));
}
