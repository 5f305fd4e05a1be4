/**
 * Runs trials of a compiled `ml:` section (DESIGN 3.7, 3.8): trial i draws only
 * from the ML streams seeded by (seed, i), so any split of the trials gives the
 * same outcomes. Serving's bursts set its GPU need; the training simulation runs
 * the shared pool under that need; serving is then corrected where bursts or GPU
 * shortages touched it; the batch pool and the feature store are independent.
 */
import { BatchSim } from './batch-sim';
import type { CompiledMl } from './compile';
import { FeatureStoreTrial } from './feature-store';
import type { MlOutcome } from './outcome';
import { ServingTrial } from './serving-trial';
import { TrainingSim } from './training-sim';

export class MlTrialRunner {
  private readonly training: TrainingSim;
  private readonly serving: ServingTrial;
  private readonly batch: BatchSim | null;
  private readonly featureStore: FeatureStoreTrial | null;

  constructor(readonly compiled: CompiledMl) {
    this.training = new TrainingSim(compiled);
    this.serving = new ServingTrial(compiled);
    this.batch = compiled.batch ? new BatchSim(compiled.batch, compiled.timeline, compiled.seed) : null;
    this.featureStore = compiled.featureStore ? new FeatureStoreTrial(compiled.featureStore, compiled.seed) : null;
  }

  /** Runs trial `trial` and writes what it saw into `out` (from createMlOutcome of the same compiled section). */
  run(trial: number, out: MlOutcome): void {
    const need = this.serving.need(trial);
    const tr = this.training;
    tr.run(trial, need, out);
    this.serving.evaluate(
      { starts: tr.shortStarts, ends: tr.shortEnds, count: tr.shortCount },
      { times: tr.upTimes, values: tr.upValues, count: tr.upCount },
      out,
    );
    if (this.batch && out.batch) this.batch.run(trial, out.batch);
    if (this.featureStore && out.featureStore) this.featureStore.run(trial, out.featureStore);
  }
}
