/**
 * The ML section's limits and warm-up spans, and its checks of volume: what the
 * engine needs of the section without its zod schema (ml-schema.ts), so that
 * the worker threads' bundle leaves zod out.
 */
import { formatNumber } from './messages';
import type { MlSpec, TrainingClass } from './ml-schema';

/** Minutes in a day. */
export const DAY = 1440;

/** Most entries the section's lists may hold. */
export const ML_LIMITS = { serving: 100, classes: 100, retries: 50, gpus: 100_000 } as const;

/** Days the GPU pool and the training queue run before `start`, from empty, so that the horizon starts in steady state. */
export const ML_WARMUP_DAYS = 7;

/** Minutes the batch pool runs from empty before its window. */
export const BATCH_WARMUP_MINUTES = DAY;

/** Most random events (jobs, GPU failures, bursts) one ML process may expect in one trial, warm-up included. */
export const ML_EVENT_LIMIT = 1_000_000;

/** The largest weekly factor of a class (its rate's peak relative to perDay). */
function peakFactor(c: TrainingClass): number {
  return c.weekly ? Math.max(1, c.weekly.weekendFactor) : 1;
}

/**
 * Problems of volume that need the horizon: any ML process expecting more than
 * ML_EVENT_LIMIT events in one trial (warm-up included). For the document-level checks.
 */
export function mlVolumeIssues(ml: MlSpec, horizonDays: number): { path: (string | number)[]; message: string }[] {
  const days = horizonDays + ML_WARMUP_DAYS;
  const out: { path: (string | number)[]; message: string }[] = [];
  const limit = formatNumber(ML_EVENT_LIMIT);
  const check = (path: (string | number)[], expected: number, what: string) => {
    if (expected > ML_EVENT_LIMIT) out.push({ path, message: `expects about ${formatNumber(Math.round(expected))} ${what} per trial; at most ${limit} are simulated` });
  };
  const span = `over ${days} days (warm-up included)`;
  if (ml.gpuPool) check(['ml', 'gpuPool', 'failuresPerGpuDay'], ml.gpuPool.gpus * ml.gpuPool.failuresPerGpuDay * days, `GPU failures ${span}`);
  ml.training?.classes.forEach((c, i) => check(['ml', 'training', 'classes', i, 'perDay'], c.perDay * peakFactor(c) * days * (1 + c.retries), `job attempts ${span}`));
  const batch = ml.batchInference;
  if (batch) {
    const minutes = Math.min(batch.window, horizonDays * DAY) + BATCH_WARMUP_MINUTES;
    check(['ml', 'batchInference', 'jobsPerHour'], (batch.jobsPerHour * minutes) / 60, `batch jobs over ${formatNumber(minutes / DAY)} days (window and warm-up)`);
  }
  ml.serving.forEach((m, i) => {
    if (m.traffic.bursts) check(['ml', 'serving', i, 'traffic', 'bursts', 'perWeek'], (m.traffic.bursts.perWeek * days) / 7, `bursts ${span}`);
  });
  return out;
}
