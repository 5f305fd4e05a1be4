/** Merges batch accumulators as they come and builds the result so far: the aggregator worker's logic, testable without a worker. */
import { Accumulator, type AccumulatorJSON } from '../../../simulation/aggregate/accumulator';
import { buildResult, type Timing } from '../../../simulation/aggregate/result';
import type { ResultDocument } from '../../../simulation/aggregate/result-types';
import type { Scenario } from '../../../simulation/scenario/types';

export function createAggregator() {
  let scenario: Scenario | null = null;
  let hash = '';
  let acc: Accumulator | null = null;
  return {
    /** Starts over for a run of `s` (its hash goes into the result). */
    reset(s: Scenario, scenarioHash: string): void {
      scenario = s;
      hash = scenarioHash;
      acc = null;
    },
    /** Merges one batch's accumulator. */
    add(json: AccumulatorJSON): void {
      const part = Accumulator.fromJSON(json);
      if (acc === null) acc = part;
      else acc.merge(part);
    },
    /** Trials merged so far. */
    trials(): number {
      return acc === null ? 0 : acc.trials;
    },
    /** The result document of the trials merged so far, or null before the first batch. */
    result(timing: Timing): ResultDocument | null {
      return scenario === null || acc === null ? null : buildResult(scenario, acc, { hash, timing });
    },
  };
}

export type AggregatorApi = ReturnType<typeof createAggregator>;
