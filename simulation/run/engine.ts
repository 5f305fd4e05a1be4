/**
 * The engine's entry points: compile a scenario once, run any range of trials
 * into a mergeable accumulator. Trial i depends only on (scenario, seed, i), so
 * any split of the trials over workers or shards merges to the same result.
 */
import { Accumulator, shapeOf } from '../aggregate/accumulator';
import { type TrialOutcome, createTrialOutcome } from '../aggregate/outcome';
import { type CompiledScenario, compileScenario } from '../model/compile';
import { TrialRunner } from '../model/trial';

export { compileScenario };
export type { CompiledScenario };

const runners = new WeakMap<CompiledScenario, TrialRunner>();

/** A trial outcome shaped for a compiled scenario, to be overwritten by every trial. */
export function outcomeFor(c: CompiledScenario): TrialOutcome {
  return createTrialOutcome(c.sloCount, c.services.length, c.timeline.horizonDays, {
    policyStates: c.policyStates.length,
    slaMonths: c.slos.slice(c.sloCount).map((o) => o.plan.windowStart.length),
    alertRules: c.scenario.policy.alerts.length,
  });
}

/** An empty accumulator shaped for a compiled scenario. */
export function createAccumulator(c: CompiledScenario): Accumulator {
  return new Accumulator(shapeOf(c.scenario));
}

/** Runs trials [from, to) of a compiled scenario into `acc`; `onTrial` hears the count done so far. */
export function runTrials(c: CompiledScenario, from: number, to: number, acc: Accumulator, onTrial?: (doneSoFar: number) => void): void {
  let runner = runners.get(c);
  if (!runner) {
    runner = new TrialRunner(c);
    runners.set(c, runner);
  }
  const outcome = outcomeFor(c);
  for (let i = from; i < to; i++) {
    runner.run(i, outcome);
    acc.add(outcome);
    if (onTrial) onTrial(i - from + 1);
  }
}
