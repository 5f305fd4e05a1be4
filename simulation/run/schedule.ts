/** How a run's trials are cut into batches (so progress streams) and into shards (`--shard K/N`). */

/** A half-open range of trial indices [from, to). */
export interface TrialRange {
  from: number;
  to: number;
}

/** Trials per batch: small enough for progress to stream, large enough that messaging costs nothing. */
export const BATCH_SIZE = 256;

/** The smallest batch a tapering cut makes (see batchRanges). */
export const MIN_BATCH = 8;

/**
 * Cuts [from, to) into consecutive batches of `size` trials, the last one possibly shorter.
 * For a pool of `workers` (> 0) the batches taper towards the end instead (guided
 * self-scheduling): each takes at most 1 / (2 x workers) of the trials still to
 * cut, and at least MIN_BATCH, so that the workers finish close together rather
 * than one waiting out another's last full batch.
 */
export function batchRanges(from: number, to: number, size: number = BATCH_SIZE, workers = 0): TrialRange[] {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) {
    throw new RangeError(`invalid trial range [${from}, ${to})`);
  }
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`invalid batch size ${size}`);
  if (!Number.isSafeInteger(workers) || workers < 0) throw new RangeError(`invalid worker count ${workers}`);
  const batches: TrialRange[] = [];
  for (let start = from; start < to; ) {
    const left = to - start;
    const n = workers > 0 ? Math.min(size, left, Math.max(MIN_BATCH, Math.ceil(left / (2 * workers)))) : Math.min(size, left);
    batches.push({ from: start, to: start + n });
    start += n;
  }
  return batches;
}

/** The K-th (1-based) of N near-equal consecutive trial ranges covering [0, trials); the first trials mod N shards get one trial more. */
export function shardRange(trials: number, k: number, n: number): TrialRange {
  if (!Number.isSafeInteger(trials) || trials < 1) throw new RangeError(`trials must be a positive integer, got ${trials}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`shard count must be a positive integer, got ${n}`);
  if (!Number.isSafeInteger(k) || k < 1 || k > n) throw new RangeError(`shard ${k}/${n}: K must be between 1 and ${n}`);
  if (n > trials) throw new RangeError(`shard ${k}/${n}: cannot cut ${trials} trials into ${n} shards`);
  const base = Math.floor(trials / n);
  const extra = trials % n;
  const index = k - 1;
  const from = index * base + Math.min(index, extra);
  return { from, to: from + base + (index < extra ? 1 : 0) };
}
