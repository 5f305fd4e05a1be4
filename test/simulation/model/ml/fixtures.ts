/** Hand-made `ml:` sections, compiled on a plain scenario's timeline, and statistics of their trials. */
import { type CompiledMl, compileMl } from '../../../../simulation/model/ml/compile';
import { type MlOutcome, createMlOutcome } from '../../../../simulation/model/ml/outcome';
import { MlTrialRunner } from '../../../../simulation/model/ml/runner';
import { buildTimeline } from '../../../../simulation/model/timeline';
import type { BatchInference, MlSpec, ServingModel, TrainingClass } from '../../../../simulation/scenario/ml-schema';
import { scenario, service } from '../../../helpers/make-scenario';

/** A normalised `ml:` section: nothing but what is given. */
export function mlSpec(over: Partial<MlSpec> = {}): MlSpec {
  return { utilizationTarget: 80, serving: [], ...over };
}

/** A normalised training class: one GPU, ten-minute exponential jobs that always succeed, no deadline. */
export function trainingClass(name: string, over: Partial<TrainingClass> = {}): TrainingClass {
  return {
    name,
    perDay: 100,
    gpus: 1,
    duration: { kind: 'exponential', mean: 10 },
    successProbability: 1,
    retries: 0,
    priority: 0,
    successTarget: 95,
    deadlineTarget: 95,
    ...over,
  };
}

/** A normalised serving model with a fixed replica count and constant traffic. */
export function servingModel(model: string, over: Partial<ServingModel> = {}): ServingModel {
  return {
    model,
    traffic: { rps: 100 },
    gpusPerReplica: 1,
    rpsPerReplica: 100,
    serviceTime: { kind: 'exponential', mean: 20 },
    workersPerReplica: 4,
    replicas: 2,
    latencyThresholdMs: 100,
    latencyTarget: 95,
    ...over,
  };
}

/** A normalised batch pool judged over the whole horizon. */
export function batchPool(over: Partial<BatchInference> = {}): BatchInference {
  return { jobsPerHour: 12, duration: { kind: 'exponential', mean: 10 }, gpus: 3, queueWaitTargetSeconds: 60, waitTarget: 95, window: 1095 * 1440, ...over };
}

/** A pool of `gpus` GPUs that never fail. */
export const pool = (gpus: number, over: Partial<NonNullable<MlSpec['gpuPool']>> = {}) => ({ gpus, failuresPerGpuDay: 0, ...over });

/** Compiles an `ml:` section on a scenario starting 2027-01-01 (a Friday) with the given horizon. */
export function compile(spec: MlSpec, horizonDays = 30, seed = 1, stepMinutes = 1): CompiledMl {
  const s = scenario([service('api')], [], { horizonDays, seed, stepMinutes });
  return compileMl(spec, buildTimeline(s), seed);
}

/** Runs trials [from, to), handing each outcome to `see` (the outcome is reused: copy what you keep). */
export function eachMlTrial(c: CompiledMl, from: number, to: number, see: (o: MlOutcome, trial: number) => void): void {
  const runner = new MlTrialRunner(c);
  const out = createMlOutcome(c);
  for (let i = from; i < to; i++) {
    runner.run(i, out);
    see(out, i);
  }
}

/** One number per trial. */
export function perTrial(c: CompiledMl, trials: number, value: (o: MlOutcome) => number): number[] {
  const out: number[] = [];
  eachMlTrial(c, 0, trials, (o) => out.push(value(o)));
  return out;
}

/** The mean of independent values and its standard error. */
export function meanAndSe(values: readonly number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

/** Erlang C: the probability that an arrival waits, c servers offered a Erlangs (by the recurrence of Erlang B). */
export function erlangCReference(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b / (1 - (a / c) * (1 - b));
}
