/**
 * Compiles a scenario's `ml:` section once (DESIGN 3.7): the ML timeline (the
 * horizon plus ML_WARMUP_DAYS of warm-up, on the scenario's step), the base
 * serving curves and GPU need, and the parameters of the training classes, the
 * batch pool and the feature store. The result is plain data and typed arrays,
 * so it can be structured-cloned to a worker.
 */
import type { BatchInference, MlSpec } from '../../scenario/ml-schema';
import { ML_WARMUP_DAYS, mlVolumeIssues } from '../../scenario/ml-limits';
import type { Dist } from '../../scenario/types';
import { distCdf } from '../../random/dist';
import { type Timeline, MINUTES_PER_DAY } from '../timeline';
import { type CompiledModel, compileServing } from './serving-model';

export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

export interface CompiledClass {
  name: string;
  perDay: number;
  /** 1 without a weekly pattern. */
  weekendFactor: number;
  gpus: number;
  duration: Dist;
  successProbability: number;
  retries: number;
  /** Minutes; NaN without a deadline. */
  deadline: number;
  priority: number;
  successTarget: number;
  deadlineTarget: number;
}

export interface CompiledFeatureStore {
  hitRatio: Dist;
  /** P(cached read <= cachedTargetMs) and P(computed read <= computedTargetMs). */
  cachedWithin: number;
  computedWithin: number;
  target: number;
}

export interface CompiledMl {
  spec: MlSpec;
  seed: number;
  /** The ML timeline: t0 = -ML_WARMUP_DAYS days, t1 = the horizon's end, the scenario's step. */
  timeline: Timeline;
  horizonDays: number;
  /** Calendar weeks of the horizon from start (the last may be partial). */
  weeks: number;
  /** GPUs of the shared pool (0 without gpuPool). */
  gpus: number;
  failuresPerGpuMinute: number;
  repair: Dist | null;
  models: CompiledModel[];
  /** Step from which serving needs needValues[i] GPUs (no burst, every GPU up). */
  needSteps: Int32Array;
  needValues: Int32Array;
  maxNeed: number;
  classes: CompiledClass[];
  /** Most attempts a job of any class can make (retries + 1). */
  maxAttempts: number;
  batch: BatchInference | null;
  featureStore: CompiledFeatureStore | null;
}

/** The ML timeline of a scenario timeline: the same start, step and horizon, with the ML warm-up. */
export function mlTimeline(tl: Timeline): Timeline {
  const t0 = -ML_WARMUP_DAYS * MINUTES_PER_DAY;
  const t1 = tl.horizonDays * MINUTES_PER_DAY;
  return {
    startEpochMinutes: tl.startEpochMinutes,
    stepMinutes: tl.stepMinutes,
    warmupDays: ML_WARMUP_DAYS,
    horizonDays: tl.horizonDays,
    t0,
    t1,
    steps: Math.round((t1 - t0) / tl.stepMinutes),
    horizonStep: Math.round(-t0 / tl.stepMinutes),
  };
}

/** Compiles an `ml:` section for a scenario timeline (buildTimeline) and seed; throws when a process would exceed ML_EVENT_LIMIT events a trial. */
export function compileMl(spec: MlSpec, scenarioTimeline: Timeline, seed: number): CompiledMl {
  const volume = mlVolumeIssues(spec, scenarioTimeline.horizonDays);
  if (volume.length > 0) throw new Error(`${volume[0].path.join('.')}: ${volume[0].message}`);
  const tl = mlTimeline(scenarioTimeline);
  const pool = spec.gpuPool;
  const gpus = pool ? pool.gpus : 0;
  const serving = compileServing(spec.serving, tl, gpus);
  const classes = (spec.training?.classes ?? []).map((c) => ({
    name: c.name,
    perDay: c.perDay,
    weekendFactor: c.weekly ? c.weekly.weekendFactor : 1,
    gpus: c.gpus,
    duration: c.duration,
    successProbability: c.successProbability,
    retries: c.retries,
    deadline: c.deadline ?? NaN,
    priority: c.priority,
    successTarget: c.successTarget,
    deadlineTarget: c.deadlineTarget,
  }));
  const fs = spec.featureStore;
  return {
    spec,
    seed,
    timeline: tl,
    horizonDays: tl.horizonDays,
    weeks: Math.ceil(tl.horizonDays / 7),
    gpus,
    failuresPerGpuMinute: pool && pool.repair ? pool.failuresPerGpuDay / MINUTES_PER_DAY : 0,
    repair: pool?.repair ?? null,
    models: serving.models,
    needSteps: serving.needSteps,
    needValues: serving.needValues,
    maxNeed: serving.maxNeed,
    classes,
    maxAttempts: classes.reduce((a, c) => Math.max(a, c.retries + 1), 1),
    batch: spec.batchInference ?? null,
    featureStore: fs
      ? { hitRatio: fs.hitRatio, cachedWithin: distCdf(fs.cachedMs, fs.cachedTargetMs), computedWithin: distCdf(fs.computedMs, fs.computedTargetMs), target: fs.target }
      : null,
  };
}
