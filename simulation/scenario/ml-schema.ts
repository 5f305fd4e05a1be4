/**
 * The schema of the ML platform section (`ml:`, DESIGN 3.7): a GPU pool shared by
 * serving replicas and training jobs, a dedicated batch-inference pool and a
 * feature store. Every object is strict, every number bounded; durations are
 * minutes, latencies milliseconds, targets percent.
 */
import type { z } from 'zod';
import { distribution } from './distribution';
import type { CheckContext } from './fields';
import { anyList, checkDistinct, duration, fraction, idString, int, isPlainObject, list, num, obj, trace, whenValid } from './fields';
import { distinctIssues, formatNumber, issueMessage } from './messages';
import { TrafficSchema } from './traffic-schema';
import type { Dist, ScenarioIssue, Traffic } from './types';
import { DAY, ML_LIMITS } from './ml-limits';

const YEAR = 366 * DAY;
const MAX_MS = 3_600_000;

/** A target in percent: greater than 0, at most 100. */
const percent = () => num({ min: 0, max: 100, minExclusive: true });

const GpuPoolSchema = obj({
  gpus: int(1, ML_LIMITS.gpus),
  failuresPerGpuDay: num({ min: 0, max: 100 }).default(0),
  repair: distribution({ min: 0, max: YEAR, time: true }).optional(),
  ...trace(),
}).superRefine((p, ctx) => {
  if (p.failuresPerGpuDay > 0 && p.repair === undefined) {
    ctx.addIssue({ code: 'custom', path: ['repair'], message: 'is required when failuresPerGpuDay is above 0 (how long a failed GPU stays down)' });
  }
}, whenValid('failuresPerGpuDay', 'repair'));

/** Serving traffic is the services' traffic block; noise is not modelled (serving demand is deterministic apart from bursts). */
const ServingTrafficSchema = TrafficSchema.superRefine((t, ctx) => {
  if (t.noise !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['noise'], message: 'is not modelled for ML serving (its demand is the deterministic curve times bursts); remove it' });
  }
});

const AutoscaleSchema = obj({
  min: int(0, 1e6),
  max: int(0, 1e6),
  targetUtilization: num({ min: 0, max: 1, minExclusive: true }),
  ...trace(),
}).superRefine((a, ctx) => {
  if (a.max < a.min) ctx.addIssue({ code: 'custom', path: ['max'], message: `must be at least autoscale min (${a.min}), got ${a.max}` });
}, whenValid('min', 'max'));

const ServingSchema = obj({
  model: idString(),
  traffic: ServingTrafficSchema,
  gpusPerReplica: int(1, ML_LIMITS.gpus),
  rpsPerReplica: num({ min: 0, max: 1e9, minExclusive: true }),
  /** Milliseconds at no load. */
  serviceTime: distribution({ min: 0, max: MAX_MS, minExclusive: true }),
  workersPerReplica: int(1, 100000).optional(),
  /** A fixed replica count (instead of autoscale). */
  replicas: int(0, 1e6).optional(),
  autoscale: AutoscaleSchema.optional(),
  latencyThresholdMs: num({ min: 0, max: MAX_MS, minExclusive: true }),
  latencyTarget: percent().default(95),
  ...trace(),
}).superRefine((m, ctx) => {
  if (m.replicas !== undefined && m.autoscale !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['replicas'], message: 'give either replicas (a fixed count) or autoscale, not both' });
  } else if (m.replicas === undefined && m.autoscale === undefined) {
    ctx.addIssue({ code: 'custom', path: [], message: 'needs replicas (a fixed count) or autoscale {min, max, targetUtilization}' });
  }
}, whenValid('replicas', 'autoscale'));

const TrainingClassSchema = obj({
  name: idString(),
  perDay: num({ min: 0, max: 1e6 }),
  weekly: obj({ weekendFactor: num({ min: 0, max: 10 }), ...trace() }).optional(),
  gpus: int(1, ML_LIMITS.gpus),
  duration: distribution({ min: 0, max: YEAR, minExclusive: true, time: true }),
  successProbability: fraction().default(1),
  retries: int(0, ML_LIMITS.retries).default(0),
  /** Turnaround (first arrival to final success) the class promises. */
  deadline: duration({ min: 0, max: 1095 * DAY, minExclusive: true }).optional(),
  priority: int(-1000, 1000).default(0),
  successTarget: percent().default(95),
  deadlineTarget: percent().default(95),
  ...trace(),
});

const TrainingSchema = obj({
  classes: list(TrainingClassSchema, ML_LIMITS.classes, 1)
    .superRefine((classes, ctx) => checkDistinct(classes, ctx, 'classes', 'name', (v) => `training class name '${v}'`), anyList),
  ...trace(),
});

const BatchSchema = obj({
  jobsPerHour: num({ min: 0, max: 1e6 }),
  duration: distribution({ min: 0, max: 30 * DAY, time: true }),
  gpus: int(1, ML_LIMITS.gpus),
  queueWaitTargetSeconds: num({ min: 0, max: 30 * 86400 }),
  waitTarget: percent().default(95),
  /** The stretch of the horizon each trial simulates and judges the pool over (from start; at most the horizon). */
  window: duration({ min: 60, max: 1095 * DAY }).default(DAY),
  ...trace(),
});

const FeatureStoreSchema = obj({
  hitRatio: distribution({ min: 0, max: 1 }),
  cachedMs: distribution({ min: 0, max: MAX_MS, minExclusive: true }),
  computedMs: distribution({ min: 0, max: MAX_MS, minExclusive: true }),
  cachedTargetMs: num({ min: 0, max: MAX_MS, minExclusive: true }),
  computedTargetMs: num({ min: 0, max: MAX_MS, minExclusive: true }),
  target: percent(),
  ...trace(),
});

const SECTIONS = ['gpuPool', 'serving', 'training', 'batchInference', 'featureStore'] as const;

/** Whether an `ml:` section describes anything; `ml: {}` (as in DESIGN's example) stands for no ML platform. */
export function describesMl(ml: { gpuPool?: unknown; serving?: unknown[]; training?: unknown; batchInference?: unknown; featureStore?: unknown }): boolean {
  return ml.gpuPool !== undefined || (ml.serving?.length ?? 0) > 0 || ml.training !== undefined || ml.batchInference !== undefined || ml.featureStore !== undefined;
}

/** Checks across the sub-sections: GPU users need the pool, jobs fit in it. */
function crossChecks(ml: Record<string, unknown>, ctx: CheckContext): void {
  const poolGpusFailed = ctx.issues.some((i) => i.code !== 'unrecognized_keys' && i.path?.[0] === 'gpuPool' && (i.path.length === 1 || i.path[1] === 'gpus'));
  const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const present = (k: (typeof SECTIONS)[number]) => (k === 'serving' ? Array.isArray(ml.serving) && ml.serving.length > 0 : ml[k] !== undefined);
  if (!SECTIONS.some(present)) return;
  const pool = ml.gpuPool;
  const hasPool = pool !== undefined;
  if (!hasPool && present('serving')) add(['serving'], 'needs gpuPool (serving replicas run on its GPUs)');
  if (!hasPool && ml.training !== undefined) add(['training'], 'needs gpuPool (training jobs run on its GPUs)');
  const gpus = isPlainObject(pool) && !poolGpusFailed && typeof pool.gpus === 'number' ? pool.gpus : undefined;
  const classes = isPlainObject(ml.training) && Array.isArray(ml.training.classes) ? ml.training.classes : [];
  if (gpus === undefined) return;
  classes.forEach((c, i) => {
    if (!isPlainObject(c) || typeof c.gpus !== 'number' || !Number.isInteger(c.gpus)) return;
    if (c.gpus > gpus) add(['training', 'classes', i, 'gpus'], `needs ${formatNumber(c.gpus)} GPUs per job but gpuPool has only ${formatNumber(gpus)}; such a job could never start`);
  });
}

/** The `ml:` section of a scenario. */
export const MlSchema = obj({
  gpuPool: GpuPoolSchema.optional(),
  /** Percent of the GPUs left for training that training should keep allocated (the seed's "GPU utilization > 80 % during training"). */
  utilizationTarget: num({ min: 0, max: 100 }).default(80),
  serving: list(ServingSchema, ML_LIMITS.serving)
    .superRefine((models, ctx) => checkDistinct(models, ctx, 'serving', 'model', (v) => `serving model '${v}'`), anyList)
    .default(() => []),
  training: TrainingSchema.optional(),
  batchInference: BatchSchema.optional(),
  featureStore: FeatureStoreSchema.optional(),
  ...trace(),
}).superRefine((ml, ctx) => crossChecks(ml, ctx), { when: (payload) => isPlainObject(payload.value) });

export interface GpuPool {
  gpus: number;
  failuresPerGpuDay: number;
  /** Minutes a failed GPU stays down; required when failuresPerGpuDay > 0. */
  repair?: Dist;
}

export interface ServingModel {
  model: string;
  /** As a service's traffic (DESIGN 3.1), without noise. */
  traffic: Traffic;
  gpusPerReplica: number;
  rpsPerReplica: number;
  /** Milliseconds at no load. */
  serviceTime: Dist;
  /** M/M/c servers per replica; when absent, ceil(rpsPerReplica x mean service time in seconds). */
  workersPerReplica?: number;
  /** A fixed replica count; exactly one of `replicas` and `autoscale` is given. */
  replicas?: number;
  autoscale?: { min: number; max: number; targetUtilization: number };
  latencyThresholdMs: number;
  /** Percent of requests that must be faster than the threshold. */
  latencyTarget: number;
}

export interface TrainingClass {
  name: string;
  perDay: number;
  weekly?: { weekendFactor: number };
  gpus: number;
  /** Minutes of one attempt. */
  duration: Dist;
  successProbability: number;
  retries: number;
  /** Minutes from first arrival to final success; no deadline result without it. */
  deadline?: number;
  priority: number;
  /** Percent of finished jobs that must succeed. */
  successTarget: number;
  /** Percent of jobs that must succeed within the deadline. */
  deadlineTarget: number;
}

export interface BatchInference {
  jobsPerHour: number;
  /** Minutes of one job on one GPU. */
  duration: Dist;
  /** GPUs of the dedicated batch pool, one job each. */
  gpus: number;
  queueWaitTargetSeconds: number;
  /** Percent of jobs that must wait at most queueWaitTargetSeconds. */
  waitTarget: number;
  /** Minutes from start that each trial simulates and judges (the pool is stationary: a day tells the daily odds). */
  window: number;
}

export interface FeatureStore {
  /** Share of reads served from the cache, drawn once per trial. */
  hitRatio: Dist;
  cachedMs: Dist;
  computedMs: Dist;
  cachedTargetMs: number;
  computedTargetMs: number;
  /** Percent of reads that must meet their path's target. */
  target: number;
}

/** The normalised `ml:` section. */
export interface MlSpec {
  gpuPool?: GpuPool;
  utilizationTarget: number;
  serving: ServingModel[];
  training?: { classes: TrainingClass[] };
  batchInference?: BatchInference;
  featureStore?: FeatureStore;
}

const _check: (x: z.output<typeof MlSchema>) => MlSpec = (x) => x;
void _check;

export type MlParseResult = { ok: true; ml: MlSpec } | { ok: false; issues: ScenarioIssue[] };

/** Validates and normalises an `ml:` section on its own; issue paths start with `ml`. Never throws. */
export function parseMl(input: unknown): MlParseResult {
  const result = MlSchema.safeParse(input, { error: issueMessage });
  if (result.success) return { ok: true, ml: result.data };
  return { ok: false, issues: distinctIssues(result.error.issues, ['ml']) };
}
