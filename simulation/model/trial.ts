import type { TrialOutcome } from '../aggregate/outcome';
import { sampleDist } from '../random/dist';
import { streamId } from '../random/hash';
import { MeanOneLognormal } from '../random/mean-one-lognormal';
import { poissonArrivals } from '../random/poisson';
import { Rng } from '../random/prng';
import type { CompiledScenario } from './compile';
import { DeviationList, dependentRatio } from './deviation';
import { EventKind, EventList, pushImpact, sampleFraction } from './events';
import { instancesFromLaggedDemand } from './capacity';
import { type CompiledService, type StepEffects, type StepOut, evalStep, newStepOut } from './service';
import { AlertBacktest, type AlertObserver } from './alert-backtest';
import { pageDetection } from './page-detection';
import { countPolicyDays, creditSlas, policyStateOf } from './policy-outcome';
import { SloDeltas } from './slo-deltas';
import { ensureRoom } from './arrays';
import { sortByStart } from './event-order';
import { cumBetween, goodBetweenSteps, goodStep, sloBadFraction, validShare } from './slo-step';
import { latencyStepTable, latencyTable, slowedGood } from './latency-tables';
import { MINUTES_PER_DAY, stepWeight } from './timeline';

const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const MINUTES_PER_MONTH = 30 * MINUTES_PER_DAY;
/** Below this, a noise block's change of an SLO's bad fraction is rounding, not shedding or queueing. */
const NOISE_FRACTION_EPSILON = 1e-9;
/** Above this many events a service's stretches lie close together, and the sweep's reads are near-sequential anyway. */
const WARM_MAX_EVENTS = 512;

/** Per-service random streams, named so that changing one component leaves the others' draws alone. */
interface Streams {
  failures: number[];
  deploys: number;
  bursts: number;
  noise: number;
  scripted: number;
}

/**
 * Runs trials of one compiled scenario (DESIGN 3, 6). Each service's random
 * events are swept in time order; where only error fractions change, a stretch
 * costs O(1) per SLO through prefix sums of baseline good requests; where load,
 * capacity or service time change, it is evaluated step by step. Dependents feel
 * their dependencies' deviations as error fractions.
 */
export class TrialRunner {
  private readonly rng = new Rng([0]);
  private readonly lists: EventList[];
  private readonly deviations: DeviationList[];
  private readonly streams: Streams[];
  private readonly noise: (Float64Array | null)[];
  private readonly noiseSamplers: (MeanOneLognormal | null)[];
  /** Per state SLO on a service with traffic noise: each noise block's change of the SLO's bad share at its middle step (0: none). */
  private readonly stateNoise: (Float64Array | null)[];
  private readonly deltas: SloDeltas;
  private readonly alerts: AlertBacktest;
  private readonly detectByAlerts: boolean;
  private readonly out: StepOut;
  /** Per service: whether its deploys follow the budget policy; per horizon day, the deploy factor the policy set. */
  private readonly policyActive: boolean[];
  private readonly dayFactor: Float64Array;
  private readonly policyFactors: number[];
  private readonly policyBelow: number[];
  private readonly fx: StepEffects = { demand: 0, laggedDemand: NaN, errorFraction: 0, latencyFactor: 1, capacityLoss: 0, depKeep: 1 };
  private readonly arrivals: number[] = [];
  private readonly noisy = { states: null as unknown as NonNullable<CompiledService['states']>, instances: 0, admitted: 0 };
  private order = new Int32Array(64);
  private active = new Int32Array(64);
  private varying = new Int32Array(64);
  private scratch = new Int32Array(64);
  private lagBursts = new Int32Array(16);
  /** The first step of the run coverRun found last. */
  private runFirst = 0;
  /**
   * Run scratch, per step of a stretch's run (see coverRun): the step's covered share (runW); for stepwise,
   * requests under the stretch and at baseline, bad fractions with and without maintenance, each threshold's miss
   * fraction (threshold j's at [j x run length]); one SLO's valid and bad deltas at a time (runValid, runBad, or
   * runZero for no valid deltas). errorSteps keeps each step's lost share in runR, latencyOnly each step's
   * instances; the noise pass passes a block's per-step deltas in runValid and runBad.
   */
  private runW = new Float64Array(64);
  private runR = new Float64Array(64);
  private runR0 = new Float64Array(64);
  private runBadAll = new Float64Array(64);
  private runBadNoMaint = new Float64Array(64);
  private runMiss = new Float64Array(64);
  private runValid = new Float64Array(64);
  private runBad = new Float64Array(64);
  /** Zeros, as long as runW (never written). */
  private runZero = new Float64Array(64);
  /** Where stepwise starts looking in list.burstIndex: the bursts before it ended before the autoscaler's look-back at the sweep's last stepwise stretch (reset at each service's sweep). */
  private burstFrom = 0;
  /** Scratch of latencyOnly: per latency SLO of the service, its step table for the stretch's latency factor (see there). */
  private readonly stepTables: (Float64Array | null)[] = [];
  private dRequests = 0;
  private failedDeploys = 0;
  private dShed = 0;
  private peak = 0;
  /**
   * Per service, what warm reads: its baseline curves (curves) and latency tables (tables), indexed by step, and
   * its SLOs' prefix sums (sums), each indexed by its stride times the step.
   */
  private readonly curves: Float64Array[][];
  private readonly sums: { arrays: Float64Array[]; strides: Int32Array }[];
  private readonly tables: Float64Array[][];
  /** What warm read, kept so that its reads are not dropped as unused. */
  private sink = 0;
  /**
   * Per service, the first minute anything the trial reports reads its stretches: the earliest its SLOs read (see
   * SloDeltas.fromTime), its dependents' (they feel its deviations), the horizon's start at the latest (its own
   * figures). Its stretches before it are not evaluated (its events are still drawn, from the same streams).
   */
  private readonly usedFrom: Float64Array;
  /** Per service with traffic noise, the noise block holding usedFrom. */
  private readonly firstBlock: Int32Array;

  constructor(private readonly c: CompiledScenario) {
    this.lists = c.services.map(() => new EventList());
    this.deviations = c.services.map(() => new DeviationList(c.timeline.steps));
    this.streams = c.services.map((s) => ({
      failures: s.spec.failures.map((f) => streamId(s.id, 'failure', f.name)),
      deploys: streamId(s.id, 'deploys'),
      bursts: streamId(s.id, 'bursts'),
      noise: streamId(s.id, 'noise'),
      scripted: streamId(s.id, 'scripted'),
    }));
    this.noise = c.services.map((s) => (s.noise ? new Float64Array(s.noise.blocks) : null));
    this.noiseSamplers = c.services.map((s) => (s.spec.traffic.noise ? new MeanOneLognormal(s.spec.traffic.noise.cv) : null));
    this.stateNoise = c.slos.map((o) => (o.stateIndex >= 0 && c.services[o.service].noise ? new Float64Array((c.services[o.service].noise as NonNullable<CompiledService['noise']>).blocks) : null));
    this.deltas = new SloDeltas(c);
    this.usedFrom = new Float64Array(c.services.length).fill(0);
    c.slos.forEach((o, oi) => (this.usedFrom[o.service] = Math.min(this.usedFrom[o.service], this.deltas.fromTime[oi])));
    for (let i = c.order.length - 1; i >= 0; i--) {
      const s = c.services[c.order[i]];
      for (const d of s.deps) this.usedFrom[d.index] = Math.min(this.usedFrom[d.index], this.usedFrom[s.index]);
    }
    this.firstBlock = Int32Array.from(c.services, (s) => (s.noise ? Math.floor(Math.floor((this.usedFrom[s.index] - c.timeline.t0) / c.timeline.stepMinutes) / s.noise.blockSteps) : 0));
    this.detectByAlerts = c.scenario.policy.detectByAlerts;
    this.alerts = new AlertBacktest(c);
    const budget = c.scenario.policy.budget;
    this.policyFactors = [1, ...budget.map((b) => b.deployFactor)];
    this.policyBelow = budget.map((b) => b.below);
    this.policyActive = c.services.map((s) => budget.length > 0 && !!s.spec.deploys && s.slos.some((o) => o < c.sloCount));
    this.dayFactor = new Float64Array(c.timeline.horizonDays + 1).fill(1);
    this.curves = c.services.map((s) => {
      const own: (Float64Array | null)[] = [s.demand, s.bad0, s.sheds ? s.shed0 : null, s.depLoses ? s.depKeep0 : null, s.maintCover, s.maintBad, s.hasDependents ? this.deviations[s.index].stepRatio : null];
      return own.filter((a): a is Float64Array => a !== null);
    });
    // Where the service's SLOs' sums are read (see goodStep): each array once, with its stride; and the valid
    // requests' running sums of the non-alerting SLOs that keep them.
    this.sums = c.services.map((s) => {
      const arrays: Float64Array[] = [];
      const strides: number[] = [];
      for (const oi of s.slos) {
        const o = c.slos[oi];
        if (!arrays.includes(o.goodData)) {
          arrays.push(o.goodData);
          strides.push(o.goodStride);
        }
        if (o.alertCum === null && o.validCum !== null) {
          arrays.push(o.validCum);
          strides.push(1);
        }
      }
      return { arrays, strides: Int32Array.from(strides) };
    });
    this.tables = c.services.map((s) => s.slos.flatMap((oi) => [...c.slos[oi].phiGood, ...c.slos[oi].phiStep]));
    this.out = newStepOut(Math.max(0, ...c.services.map((s) => s.thresholds.length)), Math.max(0, ...c.services.map((s) => (s.states ? s.states.limits.length : 0))));
  }

  /** Hands every alert rule's firing intervals to `observer` (tests only). */
  observeAlerts(observer: AlertObserver | null): void {
    this.alerts.observe = observer;
  }

  /** Runs trial i of the scenario and writes what it saw into `outcome`. */
  run(trial: number, outcome: TrialOutcome): void {
    const c = this.c;
    this.deltas.reset();
    for (const si of c.order) {
      const svc = c.services[si];
      this.generate(svc, trial);
      this.deviations[svc.index].clear();
      this.dRequests = 0;
      this.dShed = 0;
      this.peak = 0;
      if (svc.noise) this.noisePass(svc);
      this.failedDeploys = 0;
      const list = this.lists[si];
      if (list.count <= WARM_MAX_EVENTS) this.warm(svc, list, list.count);
      this.sweep(svc);
      // The service's stretches are all accounted: its SLOs' touched slices are committed while their deltas are in cache.
      for (const o of svc.slos) this.deltas.commitBefore(o, c.timeline.steps);
      const so = outcome.services[si];
      so.failedDeploys = this.failedDeploys;
      so.requests = svc.baseRequests + this.dRequests;
      so.shedFraction = so.requests > 0 ? (svc.baseShedRequests + this.dShed) / so.requests : 0;
      so.peakUtilization = svc.spec.traffic.noise ? this.peak : Math.max(svc.basePeak, this.peak);
      so.overloaded = so.peakUtilization > 1;
    }
    for (let o = 0; o < c.sloCount; o++) {
      this.deltas.evaluate(o, outcome.slos[o]);
      if (c.slos[o].alerts.length > 0) this.alerts.run(o, this.deltas, this.lists[c.slos[o].service], outcome.slos[o]);
    }
    countPolicyDays(c, this.policyBelow, outcome);
    creditSlas(c, outcome, (i, out) => this.deltas.windowSlis(c.sloCount + i, out));
  }

  /** Samples one service's random events for a trial (DESIGN 3.1, 3.4), and adds its dependencies' deviations. */
  private generate(svc: CompiledService, trial: number): void {
    const { t0, t1, stepMinutes } = this.c.timeline;
    const seed = this.c.seed;
    const rng = this.rng;
    const list = this.lists[svc.index];
    const st = this.streams[svc.index];
    const spec = svc.spec;
    const arr = this.arrivals;
    list.clear();
    for (let j = 0; j < spec.failures.length; j++) {
      const f = spec.failures[j];
      rng.reseed(seed, trial, st.failures[j]);
      const n = poissonArrivals(rng, f.perMonth / MINUTES_PER_MONTH, t0, t1, arr);
      for (let i = 0; i < n; i++) {
        const sampled = Math.max(0, sampleDist(rng, f.detect));
        const repair = Math.max(0, sampleDist(rng, f.repair));
        const fraction = sampleFraction(rng, f.errorFraction);
        const detect = this.detectByAlerts ? Math.min(sampled, pageDetection(this.c, svc, arr[i], fraction)) : sampled;
        list.push(arr[i], arr[i] + detect + repair, t0, t1, EventKind.Incident, fraction, f.latencyFactor, f.capacityLoss, 1, j);
      }
    }
    const d = spec.deploys;
    if (d && d.perWeek > 0 && d.failureProbability > 0) {
      rng.reseed(seed, trial, st.deploys);
      const n = poissonArrivals(rng, (d.perWeek * d.failureProbability) / MINUTES_PER_WEEK, t0, t1, arr);
      for (let i = 0; i < n; i++) {
        const rollback = Math.max(0, sampleDist(rng, d.rollback));
        pushImpact(list, rng, arr[i], rollback, t0, t1, EventKind.Deploy, d.impact);
        // Drawn whether or not a policy is set, so that variants with and without one share their draws.
        const keep = rng.next();
        if (list.count > 0 && list.kind[list.count - 1] === EventKind.Deploy && list.start[list.count - 1] === Math.max(arr[i], t0)) list.keepDraw[list.count - 1] = keep;
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
    const blocks = this.noise[svc.index];
    const sampler = this.noiseSamplers[svc.index];
    if (blocks && sampler) {
      rng.reseed(seed, trial, st.noise);
      for (let b = 0; b < blocks.length; b++) blocks[b] = sampler.sample(rng);
    }
    for (const dep of svc.deps) {
      const dev = this.deviations[dep.index];
      const depBad0 = this.c.services[dep.index].bad0;
      if (dev.count <= WARM_MAX_EVENTS) {
        // The dependency's baseline at every deviation's start, read ahead in one loop of independent loads (see warm).
        let ahead = 0;
        for (let i = 0; i < dev.count; i++) ahead += depBad0[Math.min(depBad0.length - 1, Math.floor((dev.start[i] - t0) / stepMinutes))];
        this.sink += ahead;
      }
      for (let i = 0; i < dev.count; i++) {
        if (Number.isNaN(dev.ratio[i])) {
          list.pushDependencySteps(dev.start[i], dev.end[i], dep.index, dep.impact);
          continue;
        }
        const k = Math.min(depBad0.length - 1, Math.floor((dev.start[i] - t0) / stepMinutes));
        const r = dependentRatio(dev.ratio[i], dep.impact, depBad0[k]);
        if (r !== 1) list.push(dev.start[i], dev.end[i], t0, t1, EventKind.Dependency, 1 - r, 1, 0, 1);
      }
    }
  }

  /** Demand multiplier, at minute t, of the bursts lagBursts[0..n). */
  private burstFactorAt(list: EventList, t: number, n: number): number {
    let m = 1;
    for (let j = 0; j < n; j++) {
      const i = this.lagBursts[j];
      if (list.start[i] <= t && t < list.end[i]) m *= list.demandFactor[i];
    }
    return m;
  }

  /**
   * Sweeps a service's events in time order, handing each stretch with a
   * constant set of active events to `segment`. With a budget policy the sweep
   * stops at every horizon day's end, judges the service's SLOs, and admits the
   * next day's failed deploys with the probability the policy's state allows.
   */
  private sweep(svc: CompiledService): void {
    const list = this.lists[svc.index];
    const n = list.count;
    if (n === 0) return;
    if (this.order.length < n) {
      this.order = new Int32Array(2 * n);
      this.active = new Int32Array(2 * n);
      this.varying = new Int32Array(2 * n);
      this.scratch = new Int32Array(2 * n);
    }
    const order = this.order;
    for (let i = 0; i < n; i++) order[i] = i;
    this.burstFrom = 0;
    const starts = list.start;
    const sorted = sortByStart(order, this.scratch, n, starts);
    const active = this.active;
    const policy = this.policyActive[svc.index];
    const lastBoundary = (this.c.timeline.horizonDays - 1) * MINUTES_PER_DAY;
    const used = this.usedFrom[svc.index];
    let boundary = policy ? MINUTES_PER_DAY : Infinity;
    if (policy) this.dayFactor.fill(1);
    let na = 0;
    let next = 0;
    let t = starts[sorted[0]];
    while (next < n || na > 0) {
      if (na === 0) {
        const ns = starts[sorted[next]];
        while (boundary <= ns) boundary = this.dayEnd(svc, boundary, lastBoundary);
        if (ns > t) t = ns;
      }
      while (next < n && starts[sorted[next]] <= t) {
        const i = sorted[next++];
        if (this.admit(list, i, policy)) active[na++] = i;
      }
      let y = next < n ? starts[sorted[next]] : Infinity;
      for (let a = 0; a < na; a++) if (list.end[active[a]] < y) y = list.end[active[a]];
      if (y > boundary) y = boundary;
      if (y > t && na > 0 && y > used) this.segment(svc, list, active, na, t > used ? t : used, y);
      t = y;
      if (t === boundary) boundary = this.dayEnd(svc, boundary, lastBoundary);
      let w = 0;
      for (let a = 0; a < na; a++) if (list.end[active[a]] > t) active[w++] = active[a];
      na = w;
    }
  }

  /**
   * Reads, at each event's first and last step, the per-step curves the service's stretches will read there: the
   * SLOs' prefix sums for every event, the baseline curves for events evaluated step by step (bursts, the
   * autoscaler's lag, capacity loss, step-varying dependencies), the latency tables for events with a latency
   * factor. All are independent loads in one loop, so their cache misses overlap instead of stalling the sweep
   * one by one (the compiled curves are larger than the processor's cache). Reads only: the trial is unchanged.
   */
  private warm(svc: CompiledService, list: EventList, n: number): void {
    const tl = this.c.timeline;
    const curves = this.curves[svc.index];
    const sums = this.sums[svc.index];
    const tables = this.tables[svc.index];
    const sumArrays = sums.arrays;
    const strides = sums.strides;
    const ofStep = this.c.buckets.ofStep;
    const last = tl.steps - 1;
    const used = this.usedFrom[svc.index];
    let s = 0;
    for (let i = 0; i < n; i++) {
      // Stretches that end before anything reads the service are not evaluated (see usedFrom).
      if (list.end[i] <= used) continue;
      let a = Math.floor((list.start[i] - tl.t0) / tl.stepMinutes);
      let e = Math.floor((list.end[i] - tl.t0) / tl.stepMinutes);
      a = a < 0 ? 0 : a > last ? last : a;
      e = e < 0 ? 0 : e > last ? last : e;
      s += ofStep[a] + ofStep[e];
      for (let j = 0; j < sumArrays.length; j++) s += sumArrays[j][strides[j] * a] + sumArrays[j][strides[j] * e];
      const kind = list.kind[i];
      if (kind === EventKind.Burst || kind === EventKind.Marker || kind === EventKind.DependencySteps || list.capacityLoss[i] !== 0) s += readAt(curves, a, e);
      if (list.latencyFactor[i] !== 1) s += readAt(tables, a, e);
    }
    this.sink += s;
  }

  /** Whether event i takes place: a failed deploy only with the probability its day's policy state allows. */
  private admit(list: EventList, i: number, policy: boolean): boolean {
    if (list.kind[i] !== EventKind.Deploy) return true;
    const start = list.start[i];
    if (policy) {
      const day = Math.floor(start / MINUTES_PER_DAY);
      if (day >= 1 && day < this.dayFactor.length && !(list.keepDraw[i] < this.dayFactor[day])) {
        list.admitted[i] = false;
        return false;
      }
    }
    if (start >= 0) this.failedDeploys++;
    return true;
  }

  /** At the end of horizon day (boundary / 1440 - 1): sets the next day's deploy factor from the service's worst SLO; returns the next boundary. */
  private dayEnd(svc: CompiledService, boundary: number, lastBoundary: number): number {
    const c = this.c;
    const day = Math.round(boundary / MINUTES_PER_DAY) - 1;
    const k = c.timeline.horizonStep + Math.round(boundary / c.timeline.stepMinutes);
    let worst = Infinity;
    for (const o of svc.slos) {
      if (o >= c.sloCount) continue;
      this.deltas.commitBefore(o, k);
      worst = Math.min(worst, this.deltas.budgetAt(o, day));
    }
    this.dayFactor[day + 1] = this.policyFactors[policyStateOf(this.policyBelow, worst)];
    return boundary + MINUTES_PER_DAY > lastBoundary + MINUTES_PER_DAY ? Infinity : boundary + MINUTES_PER_DAY;
  }

  /** Accounts for [x, y), during which the events active[0..na) are under way. */
  private segment(svc: CompiledService, list: EventList, active: Int32Array, na: number, x: number, y: number): void {
    let keep = 1;
    let phi = 1;
    let capKeep = 1;
    let mult = 1;
    let slow = false;
    let varying = 0;
    for (let a = 0; a < na; a++) {
      const i = active[a];
      const kind = list.kind[i];
      if (kind === EventKind.DependencySteps) {
        this.varying[varying++] = i;
        continue;
      }
      keep *= 1 - list.errorFraction[i];
      phi *= list.latencyFactor[i];
      capKeep *= 1 - list.capacityLoss[i];
      mult *= list.demandFactor[i];
      if (kind === EventKind.Marker) slow = true;
    }
    // A latency factor changes nothing but latency SLIs and the queue's state.
    const latency = phi !== 1 && (svc.thresholds.length > 0 || svc.stateSlos.length > 0);
    if (slow || capKeep !== 1 || mult !== 1 || (latency && varying > 0)) this.stepwise(svc, list, x, y, keep, phi, 1 - capKeep, mult, varying);
    else if (varying > 0) this.errorSteps(svc, list, x, y, keep, varying);
    else if (latency) this.latencyOnly(svc, x, y, keep, phi);
    else if (keep !== 1) this.errorsOnly(svc, x, y, keep, svc.requestSlos);
  }

  /**
   * A stretch where service time is multiplied but load and capacity stay at
   * their baseline: availability SLOs as in `errorsOnly`; latency and state SLOs
   * step by step, their queue read at the baseline load with the slower service.
   */
  private latencyOnly(svc: CompiledService, x: number, y: number, keep: number, phi: number): void {
    this.errorsOnly(svc, x, y, keep, svc.availabilitySlos);
    const c = this.c;
    const tl = c.timeline;
    const step = tl.stepMinutes;
    // Each latency SLO with a running-sum table for phi: one sum per accounting bucket (marked SUMMED). The
    // others go step by step: from their step table for phi, or (null) from their queue at each step.
    const states = svc.states;
    const slos = svc.latencySlos;
    const stepTables = this.stepTables;
    let stepped = states !== null;
    let queued = states !== null;
    for (let j = 0; j < slos.length; j++) {
      const oi = slos[j];
      const o = c.slos[oi];
      const T = latencyTable(o, phi);
      if (!T) {
        stepTables[j] = latencyStepTable(o, phi);
        stepped = true;
        if (stepTables[j] === null) queued = true;
        continue;
      }
      stepTables[j] = SUMMED;
      for (let a = x; a < y; ) {
        const k = Math.min(tl.steps - 1, Math.floor((a - tl.t0) / step));
        const bucketEnd = tl.t0 + c.buckets.startStep[c.buckets.ofStep[k] + 1] * step;
        const e = bucketEnd < y ? bucketEnd : y;
        const u = (a - tl.t0) / step;
        const v = (e - tl.t0) / step;
        this.deltas.addBucket(oi, k, 0, goodBetweenSteps(o, u, v) - keep * cumBetween(T, u, v));
        a = e;
      }
    }
    if (!stepped) return;
    const cap = svc.cap;
    const r = cap.reactionSteps;
    // As stepwise: the steps that overlap [x, y), each step's weight and instances (and state SLOs), then each
    // stepped SLO's deltas over the run.
    const n = this.coverRun(x, y, 0);
    const first = this.runFirst;
    const runW = this.runW;
    const runInstances = this.runR;
    for (let i = 0; i < n; i++) {
      const k = first + i;
      const w = runW[i];
      let instances = 0;
      if (queued && cap.limited) instances = instancesFromLaggedDemand(cap, k - r >= 0 ? svc.demand[k - r] : NaN);
      runInstances[i] = instances;
      if (!states) continue;
      const admitted = svc.demand[k] * (svc.sheds ? 1 - svc.shed0[k] : 1);
      const noisy = this.noiseAt(svc, k, 1, k - r >= 0 ? svc.demand[k - r] : NaN, 0);
      for (const oi of svc.stateSlos) {
        const o = c.slos[oi];
        const over = noisy ? noisy.states.over(o.stateIndex, noisy.instances, phi, noisy.admitted) : states.over(o.stateIndex, instances, phi, admitted);
        this.stateStep(svc, oi, k, w, over);
      }
    }
    const bad = this.runBad;
    for (let j = 0; j < slos.length; j++) {
      const P = stepTables[j];
      const oi = slos[j];
      if (P === SUMMED || !this.deltas.keeps(oi, first + n)) continue;
      const o = c.slos[oi];
      for (let i = 0; i < n; i++) {
        const k = first + i;
        const good0 = goodStep(o, k);
        bad[i] = runW[i] * (good0 - keep * (P !== null ? P[k] : slowedGood(svc, o, k, phi, runInstances[i])));
      }
      this.deltas.addRun(oi, first, n, this.runZero, bad);
    }
  }

  /** The product, at step k, of the dependent ratios of the step-varying dependency deviations varying[0..n). */
  private varyingRatio(list: EventList, k: number, n: number): number {
    let r = 1;
    for (let v = 0; v < n; v++) {
      const i = this.varying[v];
      const d = list.source[i];
      r *= dependentRatio(this.deviations[d].stepRatio[k], list.impact[i], this.c.services[d].bad0[k]);
    }
    return r;
  }

  /** A stretch where only error fractions change, some of them step by step: each step loses (1 - keep) of its baseline good requests. */
  private errorSteps(svc: CompiledService, list: EventList, x: number, y: number, keep: number, varying: number): void {
    const c = this.c;
    const tl = c.timeline;
    const step = tl.stepMinutes;
    const t0 = tl.t0;
    const kFrom = Math.floor((x - t0) / step);
    const kTo = Math.min(tl.steps, Math.ceil((y - t0) / step));
    const dev = svc.hasDependents ? this.deviations[svc.index] : null;
    // As stepwise: the steps that overlap [x, y), each step's lost share, then each SLO's deltas over the run.
    const n = this.coverRun(x, y, 0);
    const first = this.runFirst;
    const lost = this.runR;
    for (let i = 0; i < n; i++) {
      const k = first + i;
      const w = this.runW[i];
      const ratio = keep * this.varyingRatio(list, k, varying);
      lost[i] = w * (1 - ratio);
      if (dev) dev.stepRatio[k] -= lost[i];
    }
    const bad = this.runBad;
    for (const oi of svc.requestSlos) {
      if (!this.deltas.keeps(oi, first + n)) continue;
      const o = c.slos[oi];
      for (let i = 0; i < n; i++) bad[i] = lost[i] * goodStep(o, first + i);
      this.deltas.addRun(oi, first, n, this.runZero, bad);
    }
    if (dev) dev.markSteps(kFrom, kTo, t0, step);
  }

  /** A stretch where only error fractions change: every SLO loses (1 - keep) of its baseline good requests. */
  private errorsOnly(svc: CompiledService, x: number, y: number, keep: number, slos: number[]): void {
    for (const oi of slos) this.deltas.loseGood(oi, x, y, 1 - keep);
    if (svc.hasDependents && keep !== 1) this.deviations[svc.index].push(x, y, keep);
  }

  /** A stretch where load, capacity or service time change: evaluated step by step. */
  private stepwise(svc: CompiledService, list: EventList, x: number, y: number, keep: number, phi: number, loss: number, mult: number, varying: number): void {
    const c = this.c;
    const tl = c.timeline;
    const step = tl.stepMinutes;
    const kFrom = Math.floor((x - tl.t0) / step);
    const kTo = Math.min(tl.steps, Math.ceil((y - tl.t0) / step));
    const fx = this.fx;
    const out = this.out;
    fx.laggedDemand = NaN;
    const r = svc.cap.reactionSteps;
    const sec = svc.stepSeconds;
    const dev = svc.hasDependents ? this.deviations[svc.index] : null;
    fx.latencyFactor = phi;
    fx.capacityLoss = loss;
    const t0 = tl.t0;
    const demand = svc.demand;
    const autoscale = svc.cap.autoscale;
    const horizonStep = tl.horizonStep;
    const sheds = svc.sheds;
    const depLoses = svc.depLoses;
    // Bursts that the autoscaler, lagging r steps, sees during [x, y).
    let nLag = 0;
    if (autoscale) {
      this.lagBursts = ensureRoom(this.lagBursts, list.bursts, 0);
      const lagX = x - (r + 1) * step;
      const lagY = y - r * step;
      // The bursts are listed in time order, and the sweep's stretches come in time order: those before
      // burstFrom ended before an earlier stretch's lagX, so before this one's.
      let j = this.burstFrom;
      while (j < list.bursts && list.end[list.burstIndex[j]] <= lagX) j++;
      this.burstFrom = j;
      for (; j < list.bursts; j++) {
        const i = list.burstIndex[j];
        if (list.start[i] >= lagY) break;
        if (list.end[i] > lagX) this.lagBursts[nLag++] = i;
      }
    }
    // The steps that overlap [x, y) (coverRun): the service's own figures first, step by step; then each request
    // SLO's deltas over the whole run (SloDeltas.addRun): the same numbers, summed in the same order, as a
    // step-by-step loop over the SLOs would give.
    const thresholds = svc.thresholds.length;
    const n = this.coverRun(x, y, thresholds);
    const first = this.runFirst;
    const runW = this.runW;
    const runR = this.runR;
    const runR0 = this.runR0;
    const runBadAll = this.runBadAll;
    const runBadNoMaint = this.runBadNoMaint;
    const runMiss = this.runMiss;
    for (let i = 0; i < n; i++) {
      const k = first + i;
      const w = runW[i];
      const base = demand[k];
      fx.demand = base * mult;
      if (autoscale) {
        const kl = k - r;
        if (kl < 0) fx.laggedDemand = NaN;
        else {
          const tLag = t0 + kl * step;
          fx.laggedDemand = demand[kl] * this.burstFactorAt(list, tLag, nLag);
        }
      }
      fx.depKeep = depLoses ? svc.depKeep0[k] : 1;
      fx.errorFraction = varying > 0 ? 1 - keep * this.varyingRatio(list, k, varying) : 1 - keep;
      evalStep(svc, k, fx, out);
      // State SLOs read the step at its noisy load (once a step, whatever their number).
      if (svc.stateSlos.length > 0) {
        const noisy = this.noiseAt(svc, k, mult, fx.laggedDemand, loss);
        for (const oi of svc.stateSlos) {
          const si = c.slos[oi].stateIndex;
          this.stateStep(svc, oi, k, w, noisy ? noisy.states.over(si, noisy.instances, phi, noisy.admitted) : out.over[si]);
        }
      }
      const R = fx.demand * sec;
      const R0 = base * sec;
      runR[i] = R;
      runR0[i] = R0;
      runBadAll[i] = out.badAll;
      runBadNoMaint[i] = out.badNoMaint;
      for (let j = 0; j < thresholds; j++) runMiss[j * n + i] = out.miss[j];
      if (dev) {
        const keep0 = 1 - svc.bad0[k];
        if (keep0 > 0) dev.stepRatio[k] -= w * (1 - (1 - out.badAll) / keep0);
      }
      if (k >= horizonStep) {
        this.dRequests += w * (R - R0);
        this.dShed += w * (R * out.shed - (sheds ? R0 * svc.shed0[k] : 0));
        if (out.utilization > this.peak) this.peak = out.utilization;
      }
    }
    const runValid = this.runValid;
    const runBad = this.runBad;
    for (const oi of svc.requestSlos) {
      if (!this.deltas.keeps(oi, first + n)) continue;
      const o = c.slos[oi];
      const failedOf = o.exclude ? runBadNoMaint : runBadAll;
      const missAt = o.thresholdIndex < 0 ? -1 : o.thresholdIndex * n;
      for (let i = 0; i < n; i++) {
        const k = first + i;
        const share = validShare(o, svc, k);
        const failed = failedOf[i];
        // As sloBadFraction, from the step's figures kept above.
        const fraction = missAt < 0 ? failed : 1 - (1 - failed) * (1 - runMiss[missAt + i]);
        const w = runW[i];
        const R = runR[i];
        const valid0 = runR0[i] * share;
        const bad0 = valid0 - goodStep(o, k);
        runValid[i] = w * (R - runR0[i]) * share;
        runBad[i] = w * (R * share * fraction - bad0);
      }
      this.deltas.addRun(oi, first, n, runValid, runBad);
    }
    if (dev) dev.markSteps(kFrom, kTo, t0, step);
  }

  /**
   * The run of steps that stretch [x, y) (y > x) covers some of: from floor((x - t0) / step) to ceil((y - t0) /
   * step) (within the timeline), less the ends that rounding leaves uncovered. Returns its length and leaves its
   * first step in runFirst, the run scratch grown to it (`thresholds` miss fractions a step), and each step's
   * covered share in runW.
   */
  private coverRun(x: number, y: number, thresholds: number): number {
    const tl = this.c.timeline;
    const t0 = tl.t0;
    const step = tl.stepMinutes;
    let first = Math.floor((x - t0) / step);
    let last = Math.min(tl.steps, Math.ceil((y - t0) / step));
    while (first < last && stepWeight(t0, step, first, x, y) <= 0) first++;
    while (last > first && stepWeight(t0, step, last - 1, x, y) <= 0) last--;
    this.runFirst = first;
    const n = last - first;
    this.growRun(n, thresholds);
    const runW = this.runW;
    // A step strictly inside the run has weight 1, exactly so when step boundaries are whole minutes.
    const whole = Number.isInteger(t0) && Number.isInteger(step);
    for (let i = 0; i < n; i++) runW[i] = whole && i > 0 && i < n - 1 ? 1 : stepWeight(t0, step, first + i, x, y);
    return n;
  }

  /** Makes the run scratch (see runW) hold n steps and `thresholds` miss fractions per step. */
  private growRun(n: number, thresholds: number): void {
    if (n > this.runW.length) {
      const size = Math.max(n, 2 * this.runW.length);
      this.runW = new Float64Array(size);
      this.runR = new Float64Array(size);
      this.runR0 = new Float64Array(size);
      this.runBadAll = new Float64Array(size);
      this.runBadNoMaint = new Float64Array(size);
      this.runValid = new Float64Array(size);
      this.runBad = new Float64Array(size);
      this.runZero = new Float64Array(size);
    }
    if (n * thresholds > this.runMiss.length) this.runMiss = new Float64Array(Math.max(n * thresholds, 2 * this.runMiss.length));
  }

  /**
   * Traffic noise (DESIGN 3.1), block by block: each block's demand is scaled by
   * its draw; request counts scale exactly (prefix sums), while shedding,
   * autoscaling and queueing are evaluated at the block's middle step and their
   * change applied to the whole block. Noise and the trial's events add their
   * differences from the baseline (their cross term, zero on average, is dropped).
   */
  private noisePass(svc: CompiledService): void {
    const c = this.c;
    const tl = c.timeline;
    const nb = svc.noise as NonNullable<CompiledService['noise']>;
    const draws = this.noise[svc.index] as Float64Array;
    const fx = this.fx;
    const out = this.out;
    const L = nb.blockSteps;
    const dev = svc.hasDependents ? this.deviations[svc.index] : null;
    fx.errorFraction = 0;
    fx.latencyFactor = 1;
    fx.capacityLoss = 0;
    let peak = 0;
    const slos = svc.slos;
    const fromStep = this.deltas.fromStep;
    // Blocks that end before anything reads the service are skipped (see usedFrom).
    for (let b = this.firstBlock[svc.index]; b < nb.blocks; b++) {
      const n = draws[b];
      const k0 = b * L;
      const k1 = Math.min(tl.steps, k0 + L);
      const mid = (k0 + k1 - 1) >> 1;
      fx.demand = nb.midDemand[b] * n;
      const lag = nb.lagDemand[b];
      fx.laggedDemand = lag === lag ? lag * draws[nb.lagBlock[b]] : NaN;
      fx.depKeep = nb.midDepKeep[b];
      evalStep(svc, mid, fx, out);
      let a = k0;
      for (let p = nb.pieceStart[b]; p < nb.pieceStart[b + 1]; p++) {
        const e = nb.pieceEnd[p];
        for (let j = 0; j < slos.length; j++) {
          const oi = slos[j];
          if (e <= fromStep[oi]) continue;
          const o = c.slos[oi];
          const db = sloBadFraction(o, out) - nb.midFraction[j][b];
          if (o.stateIndex >= 0) {
            // A state SLO's minutes do not scale with demand: the block's steps move by the middle step's change, within [0, 1].
            const nd = this.stateNoise[oi];
            if (nd) nd[b] = db;
            if (db !== 0) this.noiseState(oi, a, e, db);
            continue;
          }
          if ((o.slices || o.alerts.length > 0) && Math.abs(db) > NOISE_FRACTION_EPSILON) {
            // Where noise changes the bad fraction, timeslice and alerting SLOs need it step by step: each step takes its share.
            const V = o.validCum as Float64Array;
            const G = o.goodCum;
            this.growRun(e - a, 0);
            const runValid = this.runValid;
            const runBad = this.runBad;
            for (let k = a; k < e; k++) {
              const v = V[k + 1] - V[k];
              const g = G[k + 1] - G[k];
              runValid[k - a] = (n - 1) * v;
              runBad[k - a] = n * (v - g + v * db) - (v - g);
            }
            this.deltas.addRun(oi, a, e - a, runValid, runBad);
          } else if (!o.slices) {
            // Otherwise noise only scales the block's requests: its bad fraction, slices and burn rates stay as they were.
            const v0 = nb.pieceValid[j][p];
            const bad0 = nb.pieceBad[j][p];
            this.deltas.addBucket(oi, a, (n - 1) * v0, n * (bad0 + v0 * db) - bad0);
          }
        }
        a = e;
      }
      if (k1 > tl.horizonStep) {
        const req0 = nb.horizonRequests[b];
        const shed0 = nb.horizonShed[b];
        this.dRequests += (n - 1) * req0;
        this.dShed += n * (shed0 + req0 * (out.shed - nb.midShed[b])) - shed0;
        const u0 = nb.midUtilization[b];
        const cand = nb.blockPeak[b] * (u0 > 0 ? out.utilization / u0 : n);
        if (cand > peak) peak = cand;
      }
      if (dev) {
        const keep0 = 1 - nb.midBad[b];
        const ratio = keep0 > 0 ? (1 - out.badAll) / keep0 : 1;
        if (Math.abs(ratio - 1) > 1e-12) dev.push(tl.t0 + k0 * tl.stepMinutes, tl.t0 + k1 * tl.stepMinutes, ratio);
      }
    }
    if (peak > this.peak) this.peak = peak;
  }

  /**
   * Step k of a service with traffic noise under an event (demand multiplier
   * `mult`, autoscaler input `lagged`, capacity loss): the instances and admitted
   * load with the step's noise draw applied, for state SLOs, whose 0/1 verdict
   * cannot take the noise and the event as separate differences. Null without noise.
   */
  private noiseAt(svc: CompiledService, k: number, mult: number, lagged: number, loss: number): { states: NonNullable<CompiledService['states']>; instances: number; admitted: number } | null {
    const nb = svc.noise;
    const states = svc.states;
    if (!nb || !states || !svc.cap.limited) return null;
    const draws = this.noise[svc.index] as Float64Array;
    const kl = k - svc.cap.reactionSteps;
    const demand = svc.demand[k] * mult * draws[Math.floor(k / nb.blockSteps)];
    const laggedNoisy = kl >= 0 && lagged === lagged ? lagged * draws[Math.floor(kl / nb.blockSteps)] : lagged;
    const instances = instancesFromLaggedDemand(svc.cap, laggedNoisy) * (1 - loss);
    const capacity = instances * svc.cap.rpsPerInstance;
    const admitted = demand > capacity ? capacity : demand;
    this.noisy.states = states;
    this.noisy.instances = instances;
    this.noisy.admitted = admitted;
    return this.noisy;
  }

  /**
   * Sets state SLO oi's step k, for the covered share w, to `over` (1 or 0) of its
   * valid minutes, replacing what the baseline and the noise pass left there.
   */
  private stateStep(svc: CompiledService, oi: number, k: number, w: number, over: number): void {
    const o = this.c.slos[oi];
    const v = this.c.timeline.stepMinutes * validShare(o, svc, k);
    const b0 = v - goodStep(o, k);
    const nd = this.stateNoise[oi];
    const nb = svc.noise;
    const current = nd && nb ? Math.min(v, Math.max(0, b0 + v * nd[Math.floor(k / nb.blockSteps)])) : b0;
    const change = w * (v * over - current);
    if (change !== 0) this.deltas.addStep(oi, k, 0, change);
  }

  /** Moves the bad share of state SLO oi's steps [a, e) by db (the noise block's change at its middle step), keeping each step's bad time within its valid time. */
  private noiseState(oi: number, a: number, e: number, db: number): void {
    const o = this.c.slos[oi];
    const V = o.validCum as Float64Array;
    const G = o.goodCum;
    if (!o.slices && o.alerts.length === 0) {
      // Each step's bad time moves within [0, its valid time]; the bucket takes their sum.
      let change = 0;
      for (let k = a; k < e; k++) {
        const v = V[k + 1] - V[k];
        const b0 = v - (G[k + 1] - G[k]);
        change += Math.min(v, Math.max(0, b0 + v * db)) - b0;
      }
      if (change !== 0) this.deltas.addBucket(oi, a, 0, change);
      return;
    }
    for (let k = a; k < e; k++) {
      const v = V[k + 1] - V[k];
      const b0 = v - (G[k + 1] - G[k]);
      const b = Math.min(v, Math.max(0, b0 + v * db));
      if (b !== b0) this.deltas.addStep(oi, k, 0, b - b0);
    }
  }
}

/** latencyOnly's mark for an SLO whose running-sum table already took the stretch. */
const SUMMED = new Float64Array(0);

/** The sum of every array's values at indices a and e (what warm reads ahead). */
function readAt(arrays: Float64Array[], a: number, e: number): number {
  let s = 0;
  for (let j = 0; j < arrays.length; j++) s += arrays[j][a] + arrays[j][e];
  return s;
}
