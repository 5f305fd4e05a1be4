import type { Scenario, Service, Slo, StateSli } from '../scenario/types';
import { isStateSli } from '../scenario/types';
import type { Buckets } from '../slo/buckets';
import { type CompiledSlo, sloBadFraction, validShare } from './slo-step';
import { distMean } from '../random/dist';
import { type CapacityModel, capacityModel, instancesFromLaggedDemand } from './capacity';
import { LatencyModel } from './latency-model';
import { StateLimits } from './state-limits';
import { maintenanceCurves } from './maintenance';
import { type Timeline } from './timeline';
import { demandCurve } from './traffic';
import { defaultWorkers } from './queueing';
import { f64, i32 } from './arrays';

/** One service compiled for the step grid: its deterministic curves and per-trial working state. */
export interface CompiledService {
  index: number;
  id: string;
  spec: Service;
  deps: { index: number; impact: number }[];
  hasDependents: boolean;
  /** Deterministic demand (rps) per step. */
  demand: Float64Array;
  stepSeconds: number;
  cap: CapacityModel;
  latency: LatencyModel | null;
  /** Latency thresholds (ms) of this service's latency SLOs, indexed by CompiledSlo.thresholdIndex. */
  thresholds: number[];
  /** The limits of this service's state SLOs (utilization, queue length, concurrency), indexed by CompiledSlo.stateIndex; null without any. */
  states: StateLimits | null;
  maintCover: Float64Array | null;
  maintBad: Float64Array | null;
  /** Baseline (no random event) availability bad fraction per step, maintenance and dependencies included. */
  bad0: Float64Array;
  /** Baseline shed fraction per step; `sheds` false when it is 0 at every step (then trials need not read it). */
  shed0: Float64Array;
  sheds: boolean;
  /** Baseline dependency factor per step: prod over dependencies of (1 - impact x their bad0); `depLoses` false when it is 1 at every step. */
  depKeep0: Float64Array;
  depLoses: boolean;
  /** Indices of the SLOs on this service: all, those counting requests, and by SLI kind. */
  slos: number[];
  requestSlos: number[];
  availabilitySlos: number[];
  latencySlos: number[];
  stateSlos: number[];
  /** Traffic noise compiled to blocks of whole steps, or null without noise. */
  noise: NoiseBlocks | null;
  /** Baseline horizon figures. */
  baseRequests: number;
  baseShedRequests: number;
  basePeak: number;
}

/**
 * What the noise pass needs, per noise block b (steps [b x blockSteps, min(steps, (b + 1) x blockSteps)), middle
 * step mid): the baseline at its middle step, the autoscaler's input there, its horizon requests, and per SLO of
 * the service its baseline valid and bad requests per piece (a block cut at accounting-bucket edges) and bad
 * fraction at the middle step. Compact per-block arrays, so that each trial's pass over every block reads them in
 * order rather than the timeline-long curves at scattered steps.
 */
export interface NoiseBlocks {
  blockSteps: number;
  blocks: number;
  /** Peak and middle step's baseline utilisation of each block. */
  blockPeak: Float64Array;
  midUtilization: Float64Array;
  /** At the middle step: demand, dependency factor, shed and bad fractions (the service's curves there). */
  midDemand: Float64Array;
  midDepKeep: Float64Array;
  midShed: Float64Array;
  midBad: Float64Array;
  /** Demand at the middle step less the autoscaler's reaction (NaN before the timeline), and the block it lies in. */
  lagDemand: Float64Array;
  lagBlock: Int32Array;
  /** Baseline requests and shed requests of the block within the horizon (0 for blocks before it). */
  horizonRequests: Float64Array;
  horizonShed: Float64Array;
  /** Block b's pieces are [pieceStart[b], pieceStart[b + 1]); piece p ends at step pieceEnd[p] (and starts where p - 1 ends, or at its block's start). */
  pieceStart: Int32Array;
  pieceEnd: Int32Array;
  /** Per SLO of the service (in svc.slos order): baseline valid and bad requests of each piece, and bad fraction of each block's middle step. */
  pieceValid: Float64Array[];
  pieceBad: Float64Array[];
  midFraction: Float64Array[];
}

/** What compileService gathers for noiseBlocks as it goes: running sums of baseline requests and shed requests, each block's peak and middle-step utilisation. */
interface NoiseSums {
  blockSteps: number;
  requestCum: Float64Array;
  shedCum: Float64Array;
  blockPeak: Float64Array;
  midUtilization: Float64Array;
}

/** Result of evaluating one step of a service under given perturbations. */
export interface StepOut {
  /** Bad fraction of all requests, maintenance errors included. */
  badAll: number;
  /** Bad fraction outside maintenance. */
  badNoMaint: number;
  shed: number;
  utilization: number;
  /** Latency miss fraction of admitted requests, per threshold. */
  miss: Float64Array;
  /** 1 where a state SLO's limit is exceeded, else 0, per state limit. */
  over: Float64Array;
}

/** Perturbations of one step: demand multiplier, combined error fraction, latency factor, capacity loss. */
export interface StepEffects {
  demand: number;
  /** Demand of step k - reaction, NaN before the timeline. */
  laggedDemand: number;
  errorFraction: number;
  latencyFactor: number;
  capacityLoss: number;
  /** prod over dependencies of (1 - impact x dependency bad fraction). */
  depKeep: number;
}

/** Evaluates one step of a service (DESIGN 3.2-3.4): shedding, queueing, baseline errors, events and dependencies. */
export function evalStep(svc: CompiledService, k: number, fx: StepEffects, out: StepOut): void {
  const cap = svc.cap;
  let shed = 0;
  let utilization = 0;
  let instances = 0;
  if (cap.limited) {
    instances = instancesFromLaggedDemand(cap, fx.laggedDemand) * (1 - fx.capacityLoss);
    const capacity = instances * cap.rpsPerInstance;
    utilization = capacity > 0 ? fx.demand / capacity : fx.demand > 0 ? Infinity : 0;
    shed = fx.demand > capacity ? (capacity > 0 ? 1 - capacity / fx.demand : 1) : 0;
  }
  const keep = (1 - svc.spec.baselineErrorFraction) * (1 - shed) * (1 - fx.errorFraction) * fx.depKeep;
  out.badNoMaint = 1 - keep;
  out.badAll = svc.maintBad ? 1 - keep * (1 - svc.maintBad[k]) : out.badNoMaint;
  out.shed = shed;
  out.utilization = utilization;
  const lat = svc.latency;
  const admitted = fx.demand * (1 - shed);
  if (lat) {
    for (let j = 0; j < svc.thresholds.length; j++) {
      out.miss[j] = cap.limited ? lat.miss(j, instances, fx.latencyFactor, admitted) : lat.missUnqueued(j, fx.latencyFactor);
    }
  }
  const states = svc.states;
  if (states) for (let j = 0; j < states.limits.length; j++) out.over[j] = states.over(j, instances, fx.latencyFactor, admitted);
}

/** Baseline dependency factor of step k: prod (1 - impact x baseline bad of each dependency). */
function depKeepAt(svc: CompiledService, services: CompiledService[], k: number): number {
  let keep = 1;
  for (const d of svc.deps) keep *= 1 - d.impact * services[d.index].bad0[k];
  return keep;
}

/** Compiles a service's deterministic curves; dependencies must be compiled first (topological order). */
export function compileService(s: Scenario, index: number, tl: Timeline, buckets: Buckets, services: CompiledService[], slos: Slo[], compiledSlos: CompiledSlo[]): CompiledService {
  const spec = s.services[index];
  const cap = capacityModel(spec.capacity, tl.stepMinutes);
  const thresholds = [...new Set(slos.filter((o) => o.service === spec.id && o.sli === 'latency').map((o) => o.thresholdMs as number))];
  let latency: LatencyModel | null = null;
  if (spec.latency) {
    const meanMs = distMean(spec.latency.serviceTime);
    const workers = spec.latency.workersPerInstance ?? (cap.limited ? defaultWorkers(cap.rpsPerInstance, meanMs) : 1);
    latency = new LatencyModel(spec.latency.serviceTime, workers, thresholds);
  }
  const stateSpecs = slos.filter((o) => o.service === spec.id && isStateSli(o.sli));
  const states = stateSpecs.length > 0 && latency
    ? new StateLimits(stateSpecs.map((o) => ({ sli: o.sli as StateSli, limit: o.limit as number, perInstance: o.perInstance === true })), distMean(latency.serviceTime), latency.workersPerInstance)
    : null;
  const maint = maintenanceCurves(spec.maintenance, tl);
  const svc: CompiledService = {
    index,
    id: spec.id,
    spec,
    deps: spec.dependsOn.map((d) => ({ index: s.services.findIndex((x) => x.id === d.service), impact: d.impact })),
    hasDependents: s.services.some((x) => x.dependsOn.some((d) => d.service === spec.id)),
    demand: demandCurve(spec.traffic, tl),
    stepSeconds: tl.stepMinutes * 60,
    cap,
    latency,
    thresholds,
    states,
    maintCover: maint ? maint.cover : null,
    maintBad: maint ? maint.bad : null,
    bad0: f64(tl.steps),
    shed0: f64(tl.steps),
    sheds: false,
    depKeep0: f64(tl.steps),
    depLoses: false,
    slos: [],
    requestSlos: [],
    availabilitySlos: [],
    latencySlos: [],
    stateSlos: [],
    noise: null,
    baseRequests: 0,
    baseShedRequests: 0,
    basePeak: 0,
  };
  const mine = compiledSlos.filter((o) => o.service === index);
  svc.slos = mine.map((o) => o.index);
  svc.availabilitySlos = mine.filter((o) => o.spec.sli === 'availability').map((o) => o.index);
  svc.latencySlos = mine.filter((o) => o.spec.sli === 'latency').map((o) => o.index);
  svc.stateSlos = mine.filter((o) => isStateSli(o.spec.sli)).map((o) => o.index);
  svc.requestSlos = mine.filter((o) => !isStateSli(o.spec.sli)).map((o) => o.index);
  for (const o of mine) if (o.spec.sli === 'latency') o.thresholdIndex = thresholds.indexOf(o.spec.thresholdMs as number);
  svc.stateSlos.forEach((oi, j) => { compiledSlos[oi].stateIndex = j; });
  let noise: NoiseSums | null = null;
  if (spec.traffic.noise) {
    const blockSteps = Math.max(1, Math.round(spec.traffic.noise.correlationMinutes / tl.stepMinutes));
    const blocks = Math.ceil(tl.steps / blockSteps);
    // The running sums live through the compile only: the noise blocks keep each block's share of them.
    noise = { blockSteps, requestCum: new Float64Array(tl.steps + 1), shedCum: new Float64Array(tl.steps + 1), blockPeak: f64(blocks), midUtilization: f64(blocks) };
  }
  const out = newStepOut(thresholds.length, states ? states.limits.length : 0);
  const fx: StepEffects = { demand: 0, laggedDemand: NaN, errorFraction: 0, latencyFactor: 1, capacityLoss: 0, depKeep: 1 };
  const r = cap.reactionSteps;
  for (let k = 0; k < tl.steps; k++) {
    fx.demand = svc.demand[k];
    fx.laggedDemand = k - r >= 0 ? svc.demand[k - r] : NaN;
    fx.depKeep = depKeepAt(svc, services, k);
    svc.depKeep0[k] = fx.depKeep;
    evalStep(svc, k, fx, out);
    svc.bad0[k] = out.badAll;
    svc.shed0[k] = out.shed;
    if (out.shed !== 0) svc.sheds = true;
    if (fx.depKeep !== 1) svc.depLoses = true;
    const req = svc.demand[k] * svc.stepSeconds;
    for (const o of mine) {
      const valid = (o.stateIndex < 0 ? req : tl.stepMinutes) * validShare(o, svc, k);
      const bad = valid * sloBadFraction(o, out);
      o.goodCum[k + 1] = o.goodCum[k] + (valid - bad);
      if (o.validCum) o.validCum[k + 1] = o.validCum[k] + valid;
      o.valid0[buckets.ofStep[k]] += valid;
      o.bad0[buckets.ofStep[k]] += bad;
    }
    if (noise) {
      noise.requestCum[k + 1] = noise.requestCum[k] + req;
      noise.shedCum[k + 1] = noise.shedCum[k] + req * out.shed;
      const b = Math.floor(k / noise.blockSteps);
      if (out.utilization > noise.blockPeak[b]) noise.blockPeak[b] = out.utilization;
      if (k === (b * noise.blockSteps + Math.min(tl.steps, (b + 1) * noise.blockSteps) - 1) >> 1) noise.midUtilization[b] = out.utilization;
    }
    if (k >= tl.horizonStep) {
      svc.baseRequests += req;
      svc.baseShedRequests += req * out.shed;
      if (out.utilization > svc.basePeak) svc.basePeak = out.utilization;
    }
  }
  if (noise) svc.noise = noiseBlocks(svc, mine, tl, buckets, noise);
  return svc;
}

/** The noise pass's per-block arrays (see NoiseBlocks), from the service's compiled curves and its SLOs' running sums. */
function noiseBlocks(
  svc: CompiledService,
  slos: CompiledSlo[],
  tl: Timeline,
  buckets: Buckets,
  sums: NoiseSums,
): NoiseBlocks {
  const L = sums.blockSteps;
  const blocks = sums.blockPeak.length;
  const r = svc.cap.reactionSteps;
  const midDemand = f64(blocks);
  const midDepKeep = f64(blocks);
  const midShed = f64(blocks);
  const midBad = f64(blocks);
  const lagDemand = f64(blocks);
  const lagBlock = i32(blocks);
  const horizonRequests = f64(blocks);
  const horizonShed = f64(blocks);
  const pieceStart = i32(blocks + 1);
  const ends: number[] = [];
  const midFraction = slos.map(() => f64(blocks));
  for (let b = 0; b < blocks; b++) {
    const k0 = b * L;
    const k1 = Math.min(tl.steps, k0 + L);
    const mid = (k0 + k1 - 1) >> 1;
    const kl = mid - r;
    midDemand[b] = svc.demand[mid];
    midDepKeep[b] = svc.depKeep0[mid];
    midShed[b] = svc.shed0[mid];
    midBad[b] = svc.bad0[mid];
    lagDemand[b] = kl >= 0 ? svc.demand[kl] : NaN;
    lagBlock[b] = kl >= 0 ? Math.floor(kl / L) : 0;
    if (k1 > tl.horizonStep) {
      const a = Math.max(k0, tl.horizonStep);
      horizonRequests[b] = sums.requestCum[k1] - sums.requestCum[a];
      horizonShed[b] = sums.shedCum[k1] - sums.shedCum[a];
    }
    pieceStart[b] = ends.length;
    for (let a = k0; a < k1; ) {
      const e = Math.min(k1, buckets.startStep[buckets.ofStep[a] + 1]);
      ends.push(e);
      a = e;
    }
    slos.forEach((o, j) => {
      const V = o.validCum as Float64Array;
      const G = o.goodCum;
      const vMid = V[mid + 1] - V[mid];
      midFraction[j][b] = vMid > 0 ? 1 - (G[mid + 1] - G[mid]) / vMid : 0;
    });
  }
  pieceStart[blocks] = ends.length;
  const pieceEnd = i32(ends.length);
  pieceEnd.set(ends);
  const pieceValid = slos.map(() => f64(ends.length));
  const pieceBad = slos.map(() => f64(ends.length));
  slos.forEach((o, j) => {
    const V = o.validCum as Float64Array;
    const G = o.goodCum;
    for (let b = 0; b < blocks; b++) {
      let a = b * L;
      for (let p = pieceStart[b]; p < pieceStart[b + 1]; p++) {
        const e = pieceEnd[p];
        const v0 = V[e] - V[a];
        pieceValid[j][p] = v0;
        pieceBad[j][p] = v0 - (G[e] - G[a]);
        a = e;
      }
    }
  });
  return { blockSteps: L, blocks, blockPeak: sums.blockPeak, midUtilization: sums.midUtilization, midDemand, midDepKeep, midShed, midBad, lagDemand, lagBlock, horizonRequests, horizonShed, pieceStart, pieceEnd, pieceValid, pieceBad, midFraction };
}

/** Scratch output for evalStep. */
export function newStepOut(thresholds: number, stateLimits: number): StepOut {
  return { badAll: 0, badNoMaint: 0, shed: 0, utilization: 0, miss: new Float64Array(thresholds), over: new Float64Array(stateLimits) };
}
