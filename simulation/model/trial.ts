import type { TrialOutcome } from '../aggregate/outcome';
import { Rng } from '../random/prng';
import { sampleDist } from '../random/dist';
import { poissonArrivals } from '../random/poisson';
import { meanOneLognormal } from '../random/mean-one-lognormal';
import { streamId } from '../random/hash';
import { evaluateOccurrences } from '../slo/evaluate';
import type { CompiledScenario } from './compile';
import { EventKind, EventList, pushImpact } from './events';
import { type CompiledService, type StepEffects, type StepOut, depKeepAt, evalStep, newStepOut } from './service';
import { sloBadFraction, validShare } from './slo-step';
import { MINUTES_PER_DAY } from './timeline';

const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const MINUTES_PER_MONTH = 30 * MINUTES_PER_DAY;

/** Per-service random streams, named so that changing one component leaves the others' draws alone. */
interface Streams {
  failures: number[];
  deploys: number;
  bursts: number;
  noise: number;
  scripted: number;
}

/** Reusable per-worker state for running trials of one compiled scenario. */
export class TrialRunner {
  private readonly rng = new Rng([0]);
  private readonly lists: EventList[];
  private readonly streams: Streams[];
  /** Per service: touched step ranges [k0, k1) of the current trial, flattened. */
  private readonly touched: number[][];
  private readonly noise: (Float64Array | null)[];
  private readonly dValid: Float64Array[];
  private readonly dBad: Float64Array[];
  private readonly cumValid: Float64Array;
  private readonly cumBad: Float64Array;
  private readonly out: StepOut;
  private readonly fx: StepEffects = { demand: 0, laggedDemand: undefined, errorFraction: 0, latencyFactor: 1, capacityLoss: 0, depKeep: 1 };
  private readonly arrivals: number[] = [];
  private readonly cuts: number[] = [];
  private dRequests = 0;
  private dShed = 0;
  private peak = 0;

  constructor(private readonly c: CompiledScenario) {
    const n = c.services.length;
    this.lists = Array.from({ length: n }, () => new EventList());
    this.streams = c.services.map((s) => ({
      failures: s.spec.failures.map((f) => streamId(s.id, 'failure', f.name)),
      deploys: streamId(s.id, 'deploys'),
      bursts: streamId(s.id, 'bursts'),
      noise: streamId(s.id, 'noise'),
      scripted: streamId(s.id, 'scripted'),
    }));
    this.touched = Array.from({ length: n }, () => []);
    this.noise = c.services.map((s) => (s.spec.traffic.noise ? new Float64Array(Math.ceil((c.timeline.t1 - c.timeline.t0) / s.spec.traffic.noise.correlationMinutes)) : null));
    this.dValid = c.slos.map(() => new Float64Array(c.buckets.count));
    this.dBad = c.slos.map(() => new Float64Array(c.buckets.count));
    this.cumValid = new Float64Array(c.buckets.count + 1);
    this.cumBad = new Float64Array(c.buckets.count + 1);
    this.out = newStepOut(Math.max(0, ...c.services.map((s) => s.thresholds.length)));
  }

  /** Runs trial i of the scenario and writes what it saw into `outcome`. */
  run(trial: number, outcome: TrialOutcome): void {
    const c = this.c;
    for (let o = 0; o < c.slos.length; o++) {
      this.dValid[o].fill(0);
      this.dBad[o].fill(0);
    }
    for (const si of c.order) {
      const svc = c.services[si];
      this.generate(svc, trial);
      this.sweep(svc);
      const so = outcome.services[si];
      so.requests = svc.baseRequests + this.dRequests;
      so.shedFraction = so.requests > 0 ? (svc.baseShedRequests + this.dShed) / so.requests : 0;
      so.peakUtilization = svc.spec.traffic.noise ? this.peak : Math.max(svc.basePeak, this.peak);
      so.overloaded = so.peakUtilization > 1;
    }
    for (let o = 0; o < c.slos.length; o++) {
      const slo = c.slos[o];
      const dv = this.dValid[o];
      const db = this.dBad[o];
      const cv = this.cumValid;
      const cb = this.cumBad;
      for (let b = 0; b < c.buckets.count; b++) {
        cv[b + 1] = cv[b] + slo.valid0[b] + dv[b];
        cb[b + 1] = cb[b] + slo.bad0[b] + db[b];
      }
      evaluateOccurrences(slo.plan, slo.spec.target, cv, cb, outcome.slos[o]);
    }
    for (const svc of c.services) {
      const t = this.touched[svc.index];
      if (svc.hasDependents) for (let i = 0; i < t.length; i += 2) svc.bad.set(svc.bad0.subarray(t[i], t[i + 1]), t[i]);
      t.length = 0;
    }
  }

  /** Samples one service's random events for a trial (DESIGN 3.1, 3.4). */
  private generate(svc: CompiledService, trial: number): void {
    const { t0, t1, stepMinutes } = this.c.timeline;
    const seed = this.c.seed;
    const rng = this.rng;
    const list = this.lists[svc.index];
    const st = this.streams[svc.index];
    const spec = svc.spec;
    const arr = this.arrivals;
    list.clear();
    spec.failures.forEach((f, j) => {
      rng.reseed(seed, trial, st.failures[j]);
      const n = poissonArrivals(rng, f.perMonth / MINUTES_PER_MONTH, t0, t1, arr);
      for (let i = 0; i < n; i++) {
        const detect = Math.max(0, sampleDist(rng, f.detect));
        const repair = Math.max(0, sampleDist(rng, f.repair));
        pushImpact(list, rng, arr[i], detect + repair, t0, t1, EventKind.Incident, f, j, detect);
      }
    });
    if (spec.deploys && spec.deploys.perWeek > 0 && spec.deploys.failureProbability > 0) {
      const d = spec.deploys;
      rng.reseed(seed, trial, st.deploys);
      const n = poissonArrivals(rng, (d.perWeek * d.failureProbability) / MINUTES_PER_WEEK, t0, t1, arr);
      for (let i = 0; i < n; i++) {
        const rollback = Math.max(0, sampleDist(rng, d.rollback));
        pushImpact(list, rng, arr[i], rollback, t0, t1, EventKind.Deploy, d.impact);
      }
    }
    if (spec.scripted.length > 0) {
      rng.reseed(seed, trial, st.scripted);
      for (const e of spec.scripted) pushImpact(list, rng, e.at, e.duration, t0, t1, EventKind.Scripted, e);
    }
    const bursts = spec.traffic.bursts;
    const lagMinutes = svc.cap.reactionSteps * stepMinutes;
    if (bursts && bursts.perWeek > 0) {
      rng.reseed(seed, trial, st.bursts);
      const n = poissonArrivals(rng, bursts.perWeek / MINUTES_PER_WEEK, t0, t1, arr);
      for (let i = 0; i < n; i++) {
        const mult = Math.max(0, sampleDist(rng, bursts.multiplier));
        const dur = Math.max(0, sampleDist(rng, bursts.duration));
        list.push(arr[i], arr[i] + dur, t0, t1, EventKind.Burst, 0, 1, 0, mult);
        if (svc.cap.autoscale && lagMinutes > 0) list.push(arr[i] + dur, arr[i] + dur + lagMinutes, t0, t1, EventKind.Marker, 0, 1, 0, 1);
      }
    }
    const noise = spec.traffic.noise;
    const blocks = this.noise[svc.index];
    if (noise && blocks) {
      rng.reseed(seed, trial, st.noise);
      for (let b = 0; b < blocks.length; b++) blocks[b] = meanOneLognormal(rng, noise.cv);
      list.push(t0, t1, t0, t1, EventKind.Marker, 0, 1, 0, 1);
    }
    for (const d of svc.deps) {
      const t = this.touched[d.index];
      for (let i = 0; i < t.length; i += 2) list.push(t0 + t[i] * stepMinutes, t0 + t[i + 1] * stepMinutes, t0, t1, EventKind.Marker, 0, 1, 0, 1);
    }
  }

  /** Demand multiplier of bursts active at minute t. */
  private burstFactorAt(list: EventList, t: number): number {
    let m = 1;
    for (let i = 0; i < list.count; i++) if (list.kind[i] === EventKind.Burst && list.start[i] <= t && t < list.end[i]) m *= list.demandFactor[i];
    return m;
  }

  /** Evaluates, step by step, the time a service's events cover, and accumulates the differences from its baseline. */
  private sweep(svc: CompiledService): void {
    this.dRequests = 0;
    this.dShed = 0;
    this.peak = 0;
    const list = this.lists[svc.index];
    if (list.count === 0) return;
    const cuts = this.cuts;
    cuts.length = 0;
    for (let i = 0; i < list.count; i++) cuts.push(list.start[i], list.end[i]);
    cuts.sort((a, b) => a - b);
    for (let ci = 0; ci + 1 < cuts.length; ci++) {
      const x = cuts[ci];
      const y = cuts[ci + 1];
      if (!(y > x)) continue;
      let active = false;
      let keep = 1;
      let phi = 1;
      let capKeep = 1;
      let mult = 1;
      for (let i = 0; i < list.count; i++) {
        if (list.start[i] <= x && list.end[i] >= y) {
          active = true;
          keep *= 1 - list.errorFraction[i];
          phi *= list.latencyFactor[i];
          capKeep *= 1 - list.capacityLoss[i];
          mult *= list.demandFactor[i];
        }
      }
      if (active) this.segment(svc, list, x, y, 1 - keep, phi, 1 - capKeep, mult);
    }
  }

  private segment(svc: CompiledService, list: EventList, x: number, y: number, errorFraction: number, phi: number, loss: number, mult: number): void {
    const c = this.c;
    const tl = c.timeline;
    const step = tl.stepMinutes;
    const kFrom = Math.floor((x - tl.t0) / step);
    const kTo = Math.min(tl.steps, Math.ceil((y - tl.t0) / step));
    const fx = this.fx;
    const out = this.out;
    const noise = this.noise[svc.index];
    const corr = svc.spec.traffic.noise ? svc.spec.traffic.noise.correlationMinutes : 1;
    const r = svc.cap.reactionSteps;
    const sec = svc.stepSeconds;
    fx.errorFraction = errorFraction;
    fx.latencyFactor = phi;
    fx.capacityLoss = loss;
    for (let k = kFrom; k < kTo; k++) {
      const s0 = tl.t0 + k * step;
      const w = (Math.min(y, s0 + step) - Math.max(x, s0)) / step;
      if (w <= 0) continue;
      const nz = noise ? noise[Math.floor((s0 - tl.t0) / corr)] : 1;
      const base = svc.demand[k];
      fx.demand = base * mult * nz;
      if (svc.cap.autoscale) {
        const kl = k - r;
        if (kl < 0) fx.laggedDemand = undefined;
        else {
          const tl0 = tl.t0 + kl * step;
          fx.laggedDemand = svc.demand[kl] * this.burstFactorAt(list, tl0) * (noise ? noise[Math.floor((tl0 - tl.t0) / corr)] : 1);
        }
      } else fx.laggedDemand = undefined;
      fx.depKeep = svc.deps.length > 0 ? depKeepAt(svc, c.services, k) : 1;
      evalStep(svc, k, fx, out);
      const R = fx.demand * sec;
      const R0 = base * sec;
      const b = c.buckets.ofStep[k];
      for (const oi of svc.slos) {
        const o = c.slos[oi];
        const share = validShare(o, svc, k);
        const valid = R * share;
        this.dValid[oi][b] += w * (valid - R0 * share);
        this.dBad[oi][b] += w * (valid * sloBadFraction(o, out) - o.stepBad0[k]);
      }
      if (svc.hasDependents) svc.bad[k] += w * (out.badAll - svc.bad0[k]);
      if (k >= tl.horizonStep) {
        this.dRequests += w * (R - R0);
        this.dShed += w * (R * out.shed - R0 * svc.shed0[k]);
        if (out.utilization > this.peak) this.peak = out.utilization;
      }
    }
    const t = this.touched[svc.index];
    if (t.length > 0 && t[t.length - 1] >= kFrom) t[t.length - 1] = Math.max(t[t.length - 1], kTo);
    else t.push(kFrom, kTo);
  }
}

