/** The ML platform model (DESIGN 3.7): compile an `ml:` section once, run trials into outcomes. */
export { compileMl, mlTimeline, type CompiledMl, type CompiledClass, type CompiledFeatureStore } from './compile';
export { createMlOutcome, type MlOutcome, type MlClassOutcome, type MlPoolOutcome, type MlServingOutcome, type MlBatchOutcome, type MlFeatureStoreOutcome } from './outcome';
export { MlTrialRunner } from './runner';
export { ML_STREAMS } from './streams';
