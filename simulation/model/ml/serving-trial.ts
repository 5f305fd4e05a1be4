/**
 * Serving in one trial: its bursts (DESIGN 3.1, per model, applied to the steps
 * whose start they cover), the GPU need they imply for the training simulation,
 * and the requests, good requests and lowest headroom of each model, where the
 * trial differs from the scenario's base (bursts, GPU shortages) evaluated step
 * by step and everywhere else read from the base.
 */
import type { LatencyModel } from '../latency-model';
import { ensureRoom } from '../arrays';
import { DistSampler } from '../../random/dist';
import { poissonArrivals } from '../../random/poisson';
import { Rng } from '../../random/prng';
import type { CompiledMl } from './compile';
import { MINUTES_PER_WEEK } from './compile';
import type { MlOutcome } from './outcome';
import { RangeList } from './ranges';
import { BLOCK, type CompiledModel, HEADROOM_CAP, type StepServed, SUPER, demandAt, desiredReplicas, latencyOf, serveStep } from './serving-model';
import { ML_STREAMS } from './streams';
import { type NeedStream, integrateNeed } from './need-stream';
import { MINUTES_PER_DAY } from '../timeline';

/** One model's bursts in a trial: step ranges and demand multipliers. */
class Bursts {
  starts = new Int32Array(8);
  ends = new Int32Array(8);
  mult = new Float64Array(8);
  count = 0;

  push(start: number, end: number, mult: number): void {
    if (end <= start) return;
    if (this.count === this.starts.length) {
      this.starts = ensureRoom(this.starts, this.count + 1);
      this.ends = ensureRoom(this.ends, this.count + 1);
      this.mult = ensureRoom(this.mult, this.count + 1);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.mult[this.count] = mult;
    this.count++;
  }

  /** The product of the multipliers of the bursts covering step k. */
  factor(k: number): number {
    let f = 1;
    for (let i = 0; i < this.count; i++) if (this.starts[i] <= k && k < this.ends[i]) f *= this.mult[i];
    return f;
  }
}

export class ServingTrial {
  private readonly models: CompiledModel[];
  private readonly latency: LatencyModel[];
  private readonly bursts: Bursts[];
  private readonly burstStreams: number[];
  private readonly multipliers: (DistSampler | null)[];
  private readonly lengths: (DistSampler | null)[];
  private readonly rng = new Rng([0]);
  private readonly arrivals: number[] = [];
  private readonly burstRanges = new RangeList();
  private readonly deviation = new RangeList();
  private readonly served: StepServed = { requests: 0, good: 0, headroom: 0 };
  private readonly base: NeedStream;
  private readonly trialNeed: NeedStream;
  private readonly dRequests: Float64Array;
  private readonly dGood: Float64Array;
  private readonly minHeadroom: Float64Array;

  constructor(private readonly c: CompiledMl) {
    this.models = c.models;
    this.latency = c.models.map(latencyOf);
    this.bursts = c.models.map(() => new Bursts());
    this.burstStreams = c.models.map((m) => ML_STREAMS.bursts(m.model));
    this.multipliers = c.models.map((m) => (m.bursts ? new DistSampler(m.bursts.multiplier) : null));
    this.lengths = c.models.map((m) => (m.bursts ? new DistSampler(m.bursts.duration) : null));
    this.base = { steps: c.needSteps, values: c.needValues, count: c.needSteps.length, maxNeed: 0, total: 0, perDay: new Float64Array(c.horizonDays) };
    integrateNeed(this.base, c.timeline);
    this.trialNeed = { steps: new Int32Array(64), values: new Int32Array(64), count: 0, maxNeed: 0, total: 0, perDay: new Float64Array(c.horizonDays) };
    const n = c.models.length;
    this.dRequests = new Float64Array(n);
    this.dGood = new Float64Array(n);
    this.minHeadroom = new Float64Array(n);
  }

  /**
   * Draws the trial's bursts and returns serving's GPU need through the trial:
   * the base stream when no burst falls in it, else the base with the burst steps recomputed.
   */
  need(trial: number): NeedStream {
    const c = this.c;
    const tl = c.timeline;
    const step = tl.stepMinutes;
    this.burstRanges.clear();
    for (let i = 0; i < this.models.length; i++) {
      const b = this.bursts[i];
      b.count = 0;
      const spec = this.models[i].bursts;
      if (!spec || !(spec.perWeek > 0)) continue;
      const rng = this.rng.reseed(c.seed, trial, this.burstStreams[i]);
      const n = poissonArrivals(rng, spec.perWeek / MINUTES_PER_WEEK, tl.t0, tl.t1, this.arrivals);
      const mult = this.multipliers[i] as DistSampler;
      const len = this.lengths[i] as DistSampler;
      for (let j = 0; j < n; j++) {
        const m = Math.max(0, mult.sample(rng));
        const d = Math.max(0, len.sample(rng));
        const s = this.arrivals[j];
        // The steps whose start lies in [s, s + d).
        const from = Math.ceil((s - tl.t0) / step);
        const to = Math.min(tl.steps, Math.ceil((s + d - tl.t0) / step));
        b.push(from, to, m);
        this.burstRanges.add(from, to);
      }
    }
    if (this.burstRanges.count === 0) return this.base;
    this.burstRanges.normalise(0, tl.steps);
    return this.spliceNeed();
  }

  /**
   * The base need stream with every step of the burst ranges recomputed, and its
   * integrals: the base's plus the bursts' difference, step by step.
   */
  private spliceNeed(): NeedStream {
    const base = this.base;
    const out = this.trialNeed;
    const tl = this.c.timeline;
    const stepMinutes = tl.stepMinutes;
    const stepsPerDay = MINUTES_PER_DAY / stepMinutes;
    out.count = 0;
    out.total = base.total;
    out.perDay.set(base.perDay);
    out.maxNeed = base.maxNeed;
    let bi = 0;
    const r = this.burstRanges;
    for (let i = 0; i < r.count; i++) {
      const a = r.starts[i];
      const b = r.ends[i];
      while (bi < base.count && base.steps[bi] < a) {
        this.emit(base.steps[bi], base.values[bi]);
        bi++;
      }
      // The base value in force at step k is base.values[inForce].
      let inForce = bi < base.count && base.steps[bi] === a ? bi : bi - 1;
      for (let k = a; k < b; k++) {
        while (inForce + 1 < base.count && base.steps[inForce + 1] <= k) inForce++;
        const v = this.needAt(k);
        this.emit(k, v);
        if (v > out.maxNeed) out.maxNeed = v;
        const h = k - tl.horizonStep;
        if (h >= 0 && v !== base.values[inForce]) {
          const add = (v - base.values[inForce]) * stepMinutes;
          out.total += add;
          out.perDay[Math.floor(h / stepsPerDay)] += add;
        }
      }
      // The base value in force at step b, then the base changes after it.
      while (bi < base.count && base.steps[bi] <= b) bi++;
      if (b < tl.steps) this.emit(b, base.values[bi - 1]);
    }
    while (bi < base.count) {
      this.emit(base.steps[bi], base.values[bi]);
      bi++;
    }
    return out;
  }

  /** Appends a change point to the trial's need stream (skipped when the value does not change). */
  private emit(step: number, value: number): void {
    const out = this.trialNeed;
    if (out.count > 0 && out.values[out.count - 1] === value) return;
    out.steps = ensureRoom(out.steps, out.count + 1);
    out.values = ensureRoom(out.values, out.count + 1);
    out.steps[out.count] = step;
    out.values[out.count] = value;
    out.count++;
  }

  /** Serving's GPU need at step k with the trial's bursts. */
  private needAt(k: number): number {
    const tl = this.c.timeline;
    let need = 0;
    for (let i = 0; i < this.models.length; i++) {
      const m = this.models[i];
      need += desiredReplicas(m, demandAt(m, tl, k) * this.bursts[i].factor(k)) * m.gpusPerReplica;
    }
    return need;
  }

  /**
   * Writes each model's requests, good requests and lowest headroom over the horizon:
   * the base, corrected step by step over the bursts and the shortages
   * (continuous intervals with up[i] GPUs from upTimes[i] on).
   */
  evaluate(
    shortage: { starts: Float64Array; ends: Float64Array; count: number },
    up: { times: Float64Array; values: Int32Array; count: number },
    out: MlOutcome,
  ): void {
    const c = this.c;
    const tl = c.timeline;
    const n = this.models.length;
    if (n === 0) return;
    const step = tl.stepMinutes;
    const dev = this.deviation;
    dev.clear();
    dev.addAll(this.burstRanges);
    for (let i = 0; i < shortage.count; i++) dev.add(Math.ceil((shortage.starts[i] - tl.t0) / step), Math.ceil((shortage.ends[i] - tl.t0) / step));
    dev.normalise(tl.horizonStep, tl.steps);
    this.dRequests.fill(0);
    this.dGood.fill(0);
    this.minHeadroom.fill(Infinity);
    const stepSeconds = step * 60;
    const served = this.served;
    let ui = 0;
    for (let r = 0; r < dev.count; r++) {
      for (let k = dev.starts[r]; k < dev.ends[r]; k++) {
        const t = tl.t0 + k * step;
        while (ui + 1 < up.count && up.times[ui + 1] <= t) ui++;
        let leftBase = c.gpus;
        let leftTrial = up.values[ui];
        for (let i = 0; i < n; i++) {
          const m = this.models[i];
          const latency = this.latency[i];
          const g = m.gpusPerReplica;
          const d = demandAt(m, tl, k);
          const wantBase = desiredReplicas(m, d);
          const fitBase = Math.floor(leftBase / g);
          const replicasBase = wantBase < fitBase ? wantBase : fitBase;
          leftBase -= replicasBase * g;
          serveStep(m, latency, d, replicasBase, stepSeconds, served);
          this.dRequests[i] -= served.requests;
          this.dGood[i] -= served.good;
          const dt = d * this.bursts[i].factor(k);
          const want = desiredReplicas(m, dt);
          const fit = Math.floor(leftTrial / g);
          const replicas = want < fit ? want : fit;
          leftTrial -= replicas * g;
          serveStep(m, latency, dt, replicas, stepSeconds, served);
          this.dRequests[i] += served.requests;
          this.dGood[i] += served.good;
          if (served.headroom < this.minHeadroom[i]) this.minHeadroom[i] = served.headroom;
        }
      }
    }
    this.baseMinOutside(dev);
    for (let i = 0; i < n; i++) {
      const m = this.models[i];
      const o = out.models[i];
      o.requests = m.baseRequests + this.dRequests[i];
      o.good = m.baseGood + this.dGood[i];
      o.minHeadroom = Math.min(this.minHeadroom[i], HEADROOM_CAP);
    }
  }

  /** Lowers minHeadroom[i] to the base headroom's minimum over the horizon steps outside the deviation ranges. */
  private baseMinOutside(dev: RangeList): void {
    const tl = this.c.timeline;
    let from = tl.horizonStep;
    for (let r = 0; r <= dev.count; r++) {
      const to = r < dev.count ? dev.starts[r] : tl.steps;
      if (to > from) this.baseMin(from - tl.horizonStep, to - tl.horizonStep);
      if (r < dev.count) from = dev.ends[r];
    }
  }

  /** Lowers minHeadroom[i] to the base minimum over horizon steps [a, b). */
  private baseMin(a: number, b: number): void {
    while (a < b && a % BLOCK !== 0) this.baseStep(a++);
    while (b > a && b % BLOCK !== 0) this.baseStep(--b);
    let ba = a / BLOCK;
    let bb = b / BLOCK;
    const n = this.models.length;
    const min = this.minHeadroom;
    while (ba < bb && ba % SUPER !== 0) {
      for (let i = 0; i < n; i++) if (this.models[i].blockMin[ba] < min[i]) min[i] = this.models[i].blockMin[ba];
      ba++;
    }
    while (bb > ba && bb % SUPER !== 0) {
      bb--;
      for (let i = 0; i < n; i++) if (this.models[i].blockMin[bb] < min[i]) min[i] = this.models[i].blockMin[bb];
    }
    for (let s = ba / SUPER; s < bb / SUPER; s++) {
      for (let i = 0; i < n; i++) if (this.models[i].superMin[s] < min[i]) min[i] = this.models[i].superMin[s];
    }
  }

  /** Lowers minHeadroom[i] to the base headroom of horizon step h. */
  private baseStep(h: number): void {
    const tl = this.c.timeline;
    const k = h + tl.horizonStep;
    let left = this.c.gpus;
    for (let i = 0; i < this.models.length; i++) {
      const m = this.models[i];
      const d = demandAt(m, tl, k);
      const want = desiredReplicas(m, d);
      const fit = Math.floor(left / m.gpusPerReplica);
      const replicas = want < fit ? want : fit;
      left -= replicas * m.gpusPerReplica;
      const h = d > 0 ? (replicas * m.rpsPerReplica) / d : HEADROOM_CAP;
      if (h < this.minHeadroom[i]) this.minHeadroom[i] = h;
    }
  }
}
