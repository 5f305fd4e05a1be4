/**
 * The random streams of the ML platform (DESIGN 3.8): trial i's ML draws come
 * only from generators seeded by (seed, i, streamId('ml', ...component)), one
 * stream per component, so changing one component never shifts another's draws.
 * A training class's arrivals and its jobs' attempts (durations and outcomes)
 * have separate streams, so a what-if on the GPU count or on the arrival rate
 * keeps every job's own work unchanged (common random numbers).
 */
import { streamId } from '../../random/hash';

export const ML_STREAMS = {
  gpuFailures: () => streamId('ml', 'gpu'),
  classArrivals: (name: string) => streamId('ml', 'training', name, 'arrivals'),
  classJobs: (name: string) => streamId('ml', 'training', name, 'jobs'),
  batchArrivals: () => streamId('ml', 'batch', 'arrivals'),
  batchDurations: () => streamId('ml', 'batch', 'durations'),
  featureStore: () => streamId('ml', 'featureStore'),
  bursts: (model: string) => streamId('ml', 'serving', model, 'bursts'),
} as const;
