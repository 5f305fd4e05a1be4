/**
 * The feature store (DESIGN 3.7): a read is served from the cache with the
 * trial's hit ratio h (drawn once per trial from `hitRatio`), else computed.
 * The share of reads within their path's target is
 * h P(cached <= cachedTargetMs) + (1 - h) P(computed <= computedTargetMs).
 */
import { DistSampler } from '../../random/dist';
import { Rng } from '../../random/prng';
import type { CompiledFeatureStore } from './compile';
import type { MlFeatureStoreOutcome } from './outcome';
import { ML_STREAMS } from './streams';

/** Percent of reads within target at hit ratio h. */
export function featureStoreAttainment(fs: CompiledFeatureStore, h: number): number {
  return 100 * (h * fs.cachedWithin + (1 - h) * fs.computedWithin);
}

export class FeatureStoreTrial {
  private readonly rng = new Rng([0]);
  private readonly stream = ML_STREAMS.featureStore();
  private readonly hit: DistSampler;

  constructor(private readonly fs: CompiledFeatureStore, private readonly seed: number) {
    this.hit = new DistSampler(fs.hitRatio);
  }

  /** Draws trial `trial`'s hit ratio and writes its attainment. */
  run(trial: number, out: MlFeatureStoreOutcome): void {
    const drawn = this.hit.sample(this.rng.reseed(this.seed, trial, this.stream));
    const h = drawn < 0 ? 0 : drawn > 1 ? 1 : drawn;
    out.hitRatio = h;
    out.attainment = featureStoreAttainment(this.fs, h);
  }
}
