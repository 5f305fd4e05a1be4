/**
 * What one trial of the ML platform hands to the accumulator (DESIGN 3.7). The
 * runner overwrites one of these per trial; its buffers of per-job values grow
 * when a trial needs more room and are then reused.
 */
import type { CompiledMl } from './compile';

/** One training class over the horizon. Jobs count when they arrive in [0, horizon). */
export interface MlClassOutcome {
  arrived: number;
  /** Jobs that succeeded before the horizon's end. */
  completed: number;
  /** Jobs whose last allowed attempt failed before the horizon's end. */
  failed: number;
  /** Jobs retried at least once, and retry attempts, before the horizon's end. */
  retried: number;
  retries: number;
  /** Attempts killed by a GPU failure or by serving taking GPUs back (requeued without using a retry). */
  preempted: number;
  /** Jobs still queued or running at the horizon's end. */
  unfinished: number;
  /** Minutes from arrival to first start of each job that started: waits[0..waitCount). */
  waits: Float64Array;
  waitCount: number;
  waitSum: number;
  /** Minutes from arrival to success of each completed job: turnarounds[0..turnaroundCount). */
  turnarounds: Float64Array;
  turnaroundCount: number;
  turnaroundSum: number;
  /** Jobs that arrived at least a deadline before the horizon's end, and those of them that succeeded within it. */
  deadlineEligible: number;
  deadlineMet: number;
  /** Successes in each week of the horizon (week w: minutes [w, w + 1) x 7 days from start). */
  completedPerWeek: Float64Array;
}

/** The shared GPU pool over the horizon, in GPU-minutes. */
export interface MlPoolOutcome {
  gpuMinutes: number;
  upMinutes: number;
  /** GPUs held by serving replicas (what serving needs, at most what is up). */
  servingMinutes: number;
  /** GPUs up and not needed by serving: what training may use. */
  trainingAvailableMinutes: number;
  /** GPUs held by training jobs. */
  trainingAllocatedMinutes: number;
  /** Minutes (not GPU-minutes) in which fewer GPUs were up than serving needed. */
  shortageMinutes: number;
  /** GPU failures in the horizon. */
  failures: number;
  /** Per horizon day: GPU-minutes available to and allocated by training. */
  dayAvailable: Float64Array;
  dayAllocated: Float64Array;
}

/** One serving model over the horizon. */
export interface MlServingOutcome {
  requests: number;
  /** Requests admitted and faster than the latency threshold. */
  good: number;
  /** Lowest capacity / demand of any step. */
  minHeadroom: number;
}

/** The batch-inference pool over the horizon (jobs arriving in [0, horizon)). */
export interface MlBatchOutcome {
  jobs: number;
  /** Jobs that waited at most queueWaitTargetSeconds. */
  withinTarget: number;
  /** Jobs that started on arrival. */
  zeroWaits: number;
  /** Seconds waited, over every job. */
  waitSum: number;
  /** Seconds waited by each job that waited: waits[0..waitCount). */
  waits: Float64Array;
  waitCount: number;
}

export interface MlFeatureStoreOutcome {
  hitRatio: number;
  /** Percent of reads within their path's target. */
  attainment: number;
}

export interface MlOutcome {
  classes: MlClassOutcome[];
  pool: MlPoolOutcome;
  models: MlServingOutcome[];
  batch: MlBatchOutcome | null;
  featureStore: MlFeatureStoreOutcome | null;
}

/** An ML outcome shaped for a compiled `ml:` section, to be overwritten by every trial. */
export function createMlOutcome(c: CompiledMl): MlOutcome {
  return {
    classes: c.classes.map(() => ({
      arrived: 0,
      completed: 0,
      failed: 0,
      retried: 0,
      retries: 0,
      preempted: 0,
      unfinished: 0,
      waits: new Float64Array(256),
      waitCount: 0,
      waitSum: 0,
      turnarounds: new Float64Array(256),
      turnaroundCount: 0,
      turnaroundSum: 0,
      deadlineEligible: 0,
      deadlineMet: 0,
      completedPerWeek: new Float64Array(c.weeks),
    })),
    pool: {
      gpuMinutes: 0,
      upMinutes: 0,
      servingMinutes: 0,
      trainingAvailableMinutes: 0,
      trainingAllocatedMinutes: 0,
      shortageMinutes: 0,
      failures: 0,
      dayAvailable: new Float64Array(c.horizonDays),
      dayAllocated: new Float64Array(c.horizonDays),
    },
    models: c.models.map(() => ({ requests: 0, good: 0, minHeadroom: 0 })),
    batch: c.batch ? { jobs: 0, withinTarget: 0, zeroWaits: 0, waitSum: 0, waits: new Float64Array(256), waitCount: 0 } : null,
    featureStore: c.featureStore ? { hitRatio: 0, attainment: 0 } : null,
  };
}
