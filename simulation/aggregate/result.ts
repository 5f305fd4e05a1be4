/** The result document `budgetcast/result@1` (DESIGN 4) from a scenario and its accumulated trials. */
import type { Scenario } from '../scenario/types';
import type { Accumulator } from './accumulator';
import type { ResultDocument } from './result-types';
import { frameOfScenario, summarise, type Timing } from './summarise';

export { mergeParts, mergeResultParts } from './merge-parts';
export type { MergedParts, MergeOptions, MergedResult } from './merge-parts';
export { round10, type Timing } from './summarise';

export interface ResultMeta {
  /** Canonical hash of the scenario as run. */
  hash: string;
  timing: Timing;
  /** For a shard: its trial range [from, to) of totalTrials; the document then carries `partial`. */
  shard?: { from: number; to: number; totalTrials: number };
}

/** The result document of the trials accumulated in `acc` for `scenario`. */
export function buildResult(scenario: Scenario, acc: Accumulator, meta: ResultMeta): ResultDocument {
  const doc = summarise(frameOfScenario(scenario, meta.hash), acc, meta.timing);
  if (meta.shard !== undefined) {
    const { from, to, totalTrials } = meta.shard;
    if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && to >= from && totalTrials >= to)) {
      throw new Error(`result: shard range [${from}, ${to}) of ${totalTrials} trials is invalid`);
    }
    if (to - from !== acc.trials) throw new Error(`result: shard range [${from}, ${to}) holds ${to - from} trials, the accumulator ${acc.trials}`);
    doc.partial = { from, to, totalTrials, state: acc.toJSON() };
  }
  return doc;
}

/** The document without its timing, the one field allowed to differ between identical runs. */
export function stripTiming(doc: ResultDocument): Omit<ResultDocument, 'timing'> {
  const { timing: _timing, ...rest } = doc;
  return rest;
}
