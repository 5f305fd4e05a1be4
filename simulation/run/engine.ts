/**
 * The engine's entry points: compile a scenario once, run any range of trials
 * into a mergeable accumulator. Trial i depends only on (scenario, seed, i), so
 * any split of the trials over workers or shards merges to the same result.
 */
import { Accumulator, shapeOf } from '../aggregate/accumulator';
import { type TrialOutcome, createTrialOutcome } from '../aggregate/outcome';
import { type CompiledScenario, compileScenario } from '../model/compile';
import { withSharedArrays } from '../model/arrays';
import { LatencyModel } from '../model/latency-model';
import { type StateLimit, StateLimits } from '../model/state-limits';
import { TrialRunner } from '../model/trial';
import { createMlOutcome, MlTrialRunner } from '../model/ml';
import type { Dist, Scenario } from '../scenario/types';

export { compileScenario };
export type { CompiledScenario };

/** A compiled scenario as it crosses to a worker (structured clone): the latency models and state limits as their parameters. */
export type PortableScenario = Omit<CompiledScenario, 'services'> & {
  services: (Omit<CompiledScenario['services'][number], 'latency' | 'states'> & {
    latency: { serviceTime: Dist; workersPerInstance: number; thresholds: number[] } | null;
    states: { limits: StateLimit[]; meanServiceMs: number; workersPerInstance: number } | null;
  })[];
};

/** Compiles a scenario with its curves on SharedArrayBuffers, so that every worker thread reads one copy. */
export function compileShared(s: Scenario): CompiledScenario {
  return withSharedArrays(() => compileScenario(s));
}

/** The compiled scenario in a form a worker can receive (its latency tables are rebuilt there, lazily). */
export function toPortable(c: CompiledScenario): PortableScenario {
  return {
    ...c,
    services: c.services.map((svc) => ({
      ...svc,
      latency: svc.latency ? { serviceTime: svc.latency.serviceTime, workersPerInstance: svc.latency.workersPerInstance, thresholds: svc.latency.thresholds } : null,
      states: svc.states ? { limits: svc.states.limits, meanServiceMs: svc.states.meanServiceMs, workersPerInstance: svc.states.workersPerInstance } : null,
    })),
  };
}

/** Rebuilds a compiled scenario received from another thread. */
export function fromPortable(p: PortableScenario): CompiledScenario {
  return {
    ...p,
    services: p.services.map((svc) => ({
      ...svc,
      latency: svc.latency ? new LatencyModel(svc.latency.serviceTime, svc.latency.workersPerInstance, svc.latency.thresholds) : null,
      states: svc.states ? new StateLimits(svc.states.limits, svc.states.meanServiceMs, svc.states.workersPerInstance) : null,
    })),
  };
}

const runners = new WeakMap<CompiledScenario, TrialRunner>();
const mlRunners = new WeakMap<CompiledScenario, MlTrialRunner>();
const outcomes = new WeakMap<CompiledScenario, TrialOutcome>();

/** A trial outcome shaped for a compiled scenario, to be overwritten by every trial. */
export function outcomeFor(c: CompiledScenario): TrialOutcome {
  const outcome = createTrialOutcome(c.sloCount, c.services.length, c.timeline.horizonDays, {
    policyStates: c.policyStates.length,
    slaMonths: c.slos.slice(c.sloCount).map((o) => o.plan.windowStart.length),
    alertRules: c.scenario.policy.alerts.length,
  });
  if (c.ml) outcome.ml = createMlOutcome(c.ml);
  return outcome;
}

/** An empty accumulator shaped for a compiled scenario. */
export function createAccumulator(c: CompiledScenario): Accumulator {
  return new Accumulator(shapeOf(c.scenario));
}

/**
 * Runs trials [from, to) of a compiled scenario into `acc`, or the first of them until `more` (asked after each
 * trial) says no; returns the index after the last trial run.
 */
export function runTrials(c: CompiledScenario, from: number, to: number, acc: Accumulator, more?: () => boolean): number {
  let runner = runners.get(c);
  if (!runner) {
    runner = new TrialRunner(c);
    runners.set(c, runner);
  }
  let ml = mlRunners.get(c);
  if (!ml && c.ml) {
    ml = new MlTrialRunner(c.ml);
    mlRunners.set(c, ml);
  }
  // One outcome per compiled scenario, overwritten by every trial: a caller that runs a few trials at a time allocates nothing.
  let outcome = outcomes.get(c);
  if (!outcome) {
    outcome = outcomeFor(c);
    outcomes.set(c, outcome);
  }
  for (let i = from; i < to; i++) {
    runner.run(i, outcome);
    if (ml && outcome.ml) ml.run(i, outcome.ml);
    acc.add(outcome);
    if (more && !more()) return i + 1;
  }
  return to;
}
