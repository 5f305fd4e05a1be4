/**
 * Serving on the GPU pool (DESIGN 3.7): each model's demand curve (DESIGN 3.1),
 * its autoscaled replicas (DESIGN 3.2, applied at once), the GPUs they need,
 * and per step the requests, those faster than the latency threshold (M/M/c,
 * DESIGN 3.3) and the headroom (capacity / demand). The deterministic base,
 * with every GPU up and no burst, is computed once per scenario; a trial
 * re-evaluates only the steps its bursts and GPU shortages touch.
 *
 * GPUs are handed to the models in the order of `serving`: when fewer GPUs are
 * up than serving needs, the first models keep their replicas and the last
 * lose theirs (each model gets as many whole replicas as the GPUs left allow).
 */
import type { Dist } from '../../scenario/types';
import type { ServingModel } from '../../scenario/ml-schema';
import { f64, i32 } from '../arrays';
import { type CapacityModel, capacityModel, desiredInstances } from '../capacity';
import { LatencyModel } from '../latency-model';
import { defaultWorkers } from '../queueing';
import { distMean } from '../../random/dist';
import { type Timeline, MINUTES_PER_DAY, weekdayOf } from '../timeline';
import { demandCurve } from '../traffic';

/** Steps per block of the headroom range-minimum table, and blocks per superblock. */
export const BLOCK = 16;
export const SUPER = 64;
/** Headroom of a step without demand (and the most any step reports). */
export const HEADROOM_CAP = 1e6;

export interface CompiledModel {
  model: string;
  gpusPerReplica: number;
  rpsPerReplica: number;
  /** Replicas as a function of demand: fixed, or autoscaled with no reaction delay. */
  cap: CapacityModel;
  workersPerReplica: number;
  serviceTime: Dist;
  latencyThresholdMs: number;
  latencyTarget: number;
  rps: number;
  /** The diurnal multiplier by minute of day (1 without diurnal). */
  byMinute: Float64Array;
  /** NaN without a weekly pattern. */
  weekendFactor: number;
  growthPerMinute: number;
  bursts: { perWeek: number; multiplier: Dist; duration: Dist } | null;
  /** Over the horizon, with every GPU up and no burst. */
  baseRequests: number;
  baseGood: number;
  baseMinHeadroom: number;
  /** Minimum base headroom per BLOCK horizon steps, and per SUPER blocks. */
  blockMin: Float64Array;
  superMin: Float64Array;
}

/** What one step of one model serves. */
export interface StepServed {
  requests: number;
  good: number;
  headroom: number;
}

/** The demand (rps) of a model at step k: exactly `demandCurve`'s value, computed alone. */
export function demandAt(m: CompiledModel, tl: Timeline, k: number): number {
  const t = tl.t0 + k * tl.stepMinutes;
  const epoch = tl.startEpochMinutes + t;
  let d = m.rps * m.byMinute[((epoch % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY];
  if (m.weekendFactor === m.weekendFactor) {
    const wd = weekdayOf(epoch);
    if (wd === 0 || wd === 6) d *= m.weekendFactor;
  }
  if (m.growthPerMinute !== 0) d *= Math.exp(m.growthPerMinute * t);
  return d;
}

/** Replicas the model asks for at a demand. */
export function desiredReplicas(m: CompiledModel, demand: number): number {
  return desiredInstances(m.cap, demand);
}

/**
 * Requests of one step at `demand` rps served by `replicas` replicas: demand above
 * replicas x rpsPerReplica is shed (counts as slow), the rest queue in M/M/c with
 * replicas x workersPerReplica servers.
 */
export function serveStep(m: CompiledModel, latency: LatencyModel, demand: number, replicas: number, stepSeconds: number, out: StepServed): void {
  const capacity = replicas * m.rpsPerReplica;
  const admitted = demand < capacity ? demand : capacity;
  out.requests = demand * stepSeconds;
  out.good = admitted > 0 ? admitted * stepSeconds * (1 - latency.miss(0, replicas, 1, admitted)) : 0;
  const h = demand > 0 ? capacity / demand : HEADROOM_CAP;
  out.headroom = h < HEADROOM_CAP ? h : HEADROOM_CAP;
}

/** The latency model of a serving model (tables built on first use). */
export function latencyOf(m: CompiledModel): LatencyModel {
  return new LatencyModel(m.serviceTime, m.workersPerReplica, [m.latencyThresholdMs]);
}

function describeModel(spec: ServingModel): CompiledModel {
  const a = spec.autoscale;
  const tr = spec.traffic;
  const byMinute = new Float64Array(MINUTES_PER_DAY).fill(1);
  if (tr.diurnal) for (let i = 0; i < MINUTES_PER_DAY; i++) byMinute[i] = 1 + tr.diurnal.amplitude * Math.cos((2 * Math.PI * (i / 60 - tr.diurnal.peakHour)) / 24);
  return {
    model: spec.model,
    gpusPerReplica: spec.gpusPerReplica,
    rpsPerReplica: spec.rpsPerReplica,
    cap: capacityModel(
      { instances: spec.replicas ?? a?.min ?? 0, rpsPerInstance: spec.rpsPerReplica, autoscale: a ? { ...a, reaction: 0 } : undefined },
      1,
    ),
    workersPerReplica: spec.workersPerReplica ?? defaultWorkers(spec.rpsPerReplica, distMean(spec.serviceTime)),
    serviceTime: spec.serviceTime,
    latencyThresholdMs: spec.latencyThresholdMs,
    latencyTarget: spec.latencyTarget,
    rps: tr.rps,
    byMinute,
    weekendFactor: tr.weekly ? tr.weekly.weekendFactor : NaN,
    growthPerMinute: tr.growth ? Math.log(1 + tr.growth.monthlyPercent / 100) / (30 * MINUTES_PER_DAY) : 0,
    bursts: tr.bursts ? { perWeek: tr.bursts.perWeek, multiplier: tr.bursts.multiplier, duration: tr.bursts.duration } : null,
    baseRequests: 0,
    baseGood: 0,
    baseMinHeadroom: HEADROOM_CAP,
    blockMin: new Float64Array(0),
    superMin: new Float64Array(0),
  };
}

/** The base serving of a scenario: its models, and the steps at which serving's GPU need changes. */
export interface CompiledServing {
  models: CompiledModel[];
  /** Step index from which serving needs needValues[i] GPUs, ascending, starting at step 0. */
  needSteps: Int32Array;
  needValues: Int32Array;
  /** The most GPUs serving needs at any step (no burst). */
  maxNeed: number;
}

/**
 * Compiles serving on the ML timeline `tl` with `gpus` GPUs all up: demand curves,
 * replicas, GPU need, and the base requests, good requests and headroom of the horizon.
 */
export function compileServing(specs: readonly ServingModel[], tl: Timeline, gpus: number): CompiledServing {
  const steps = tl.steps;
  const horizonSteps = steps - tl.horizonStep;
  const stepSeconds = tl.stepMinutes * 60;
  const need = new Int32Array(steps);
  const used = new Int32Array(steps);
  const served: StepServed = { requests: 0, good: 0, headroom: 0 };
  const models = specs.map((spec) => {
    const m = describeModel(spec);
    const latency = latencyOf(m);
    const demand = demandCurve(spec.traffic, tl);
    const blocks = Math.ceil(horizonSteps / BLOCK);
    const blockMin = f64(blocks).fill(HEADROOM_CAP);
    const superMin = f64(Math.ceil(blocks / SUPER)).fill(HEADROOM_CAP);
    let requests = 0;
    let good = 0;
    for (let k = 0; k < steps; k++) {
      const d = demand[k];
      const want = desiredReplicas(m, d);
      need[k] += want * m.gpusPerReplica;
      const fit = Math.floor((gpus - used[k]) / m.gpusPerReplica);
      const replicas = want < fit ? want : fit > 0 ? fit : 0;
      used[k] += replicas * m.gpusPerReplica;
      if (k < tl.horizonStep) continue;
      serveStep(m, latency, d, replicas, stepSeconds, served);
      requests += served.requests;
      good += served.good;
      const b = ((k - tl.horizonStep) / BLOCK) | 0;
      if (served.headroom < blockMin[b]) blockMin[b] = served.headroom;
    }
    for (let b = 0; b < blockMin.length; b++) {
      const s = (b / SUPER) | 0;
      if (blockMin[b] < superMin[s]) superMin[s] = blockMin[b];
    }
    m.baseRequests = requests;
    m.baseGood = good;
    m.blockMin = blockMin;
    m.superMin = superMin;
    m.baseMinHeadroom = superMin.reduce((x, y) => (y < x ? y : x), HEADROOM_CAP);
    return m;
  });
  let changes = 0;
  let maxNeed = 0;
  for (let k = 0; k < steps; k++) {
    if (k === 0 || need[k] !== need[k - 1]) changes++;
    if (need[k] > maxNeed) maxNeed = need[k];
  }
  const needSteps = i32(changes);
  const needValues = i32(changes);
  for (let k = 0, j = 0; k < steps; k++) {
    if (k === 0 || need[k] !== need[k - 1]) {
      needSteps[j] = k;
      needValues[j] = need[k];
      j++;
    }
  }
  return { models, needSteps, needValues, maxNeed };
}
