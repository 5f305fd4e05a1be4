/**
 * The batch-inference pool (DESIGN 3.7): a dedicated pool of `gpus` GPUs, one
 * job per GPU, fed by a Poisson stream of jobs and served first come, first
 * served (M/G/c), simulated job by job from empty BATCH_WARMUP_MINUTES before
 * start and judged over its `window` from start (at most the horizon). The
 * pool shares nothing with the rest of the platform and its load is constant,
 * so its waits are stationary: the window sets only what one trial judges (a
 * day: the odds that a day meets the target). With FIFO service a job starts on
 * the GPU that frees first, so the GPUs' free times (a min-heap) are the whole
 * state (Kiefer and Wolfowitz).
 */
import type { BatchInference } from '../../scenario/ml-schema';
import { BATCH_WARMUP_MINUTES } from '../../scenario/ml-limits';
import { DistSampler } from '../../random/dist';
import { Rng } from '../../random/prng';
import type { Timeline } from '../timeline';
import { type MlBatchOutcome } from './outcome';
import { ensureRoom } from '../arrays';
import { ML_STREAMS } from './streams';
import { unitExponential } from './exponential';

export class BatchSim {
  private readonly free: Float64Array;
  private readonly arrivalRng = new Rng([0]);
  private readonly durationRng = new Rng([0]);
  private readonly arrivalStream = ML_STREAMS.batchArrivals();
  private readonly durationStream = ML_STREAMS.batchDurations();
  private readonly duration: DistSampler;
  /** The mean of an exponential duration (sampled by the ziggurat), NaN for other kinds. */
  private readonly exponentialMean: number;
  private readonly meanGap: number;
  private readonly targetMinutes: number;

  constructor(private readonly spec: BatchInference, private readonly tl: Timeline, private readonly seed: number) {
    this.free = new Float64Array(spec.gpus);
    this.duration = new DistSampler(spec.duration);
    this.exponentialMean = spec.duration.kind === 'exponential' ? spec.duration.mean : NaN;
    this.meanGap = spec.jobsPerHour > 0 ? 60 / spec.jobsPerHour : Infinity;
    this.targetMinutes = spec.queueWaitTargetSeconds / 60;
  }

  /** Simulates trial `trial` of the batch pool into `out`. */
  run(trial: number, out: MlBatchOutcome): void {
    out.jobs = out.withinTarget = out.zeroWaits = out.waitSum = out.waitCount = 0;
    if (!(this.meanGap < Infinity)) return;
    const arrivals = this.arrivalRng.reseed(this.seed, trial, this.arrivalStream);
    const durations = this.durationRng.reseed(this.seed, trial, this.durationStream);
    const free = this.free;
    const c = free.length;
    const end = Math.min(this.tl.t1, this.spec.window);
    const target = this.targetMinutes;
    const duration = this.duration;
    const meanGap = this.meanGap;
    const expMean = this.exponentialMean;
    const exponential = expMean === expMean;
    free.fill(-BATCH_WARMUP_MINUTES);
    let t = -BATCH_WARMUP_MINUTES;
    let jobs = 0;
    let within = 0;
    let zero = 0;
    let waitSum = 0;
    let waits = out.waits;
    let waitCount = 0;
    for (;;) {
      t += meanGap * unitExponential(arrivals);
      if (t >= end) break;
      const s = exponential ? expMean * unitExponential(durations) : duration.sample(durations);
      // free[0] is the earliest free time (a binary min-heap).
      const first = free[0];
      const begin = first > t ? first : t;
      siftDown(free, c, begin + (s > 0 ? s : 0));
      if (t < 0) continue;
      jobs++;
      const wait = begin - t;
      if (wait <= target) within++;
      if (wait === 0) {
        zero++;
        continue;
      }
      const seconds = wait * 60;
      waitSum += seconds;
      if (waitCount === waits.length) waits = ensureRoom(waits, waitCount + 1, waitCount);
      waits[waitCount++] = seconds;
    }
    out.jobs = jobs;
    out.withinTarget = within;
    out.zeroWaits = zero;
    out.waitSum = waitSum;
    out.waits = waits;
    out.waitCount = waitCount;
  }
}

/** Replaces the root of the min-heap heap[0..n) by v and restores the heap. */
function siftDown(heap: Float64Array, n: number, v: number): void {
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && heap[child + 1] < heap[child]) child++;
    if (heap[child] >= v) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = v;
}
