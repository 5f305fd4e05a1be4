import { buildResult } from '../../simulation/aggregate/result';
import type { ResultDocument } from '../../simulation/aggregate/result-types';
import type { TrialOutcome } from '../../simulation/aggregate/outcome';
import { TrialRunner } from '../../simulation/model/trial';
import { compileScenario, createAccumulator, outcomeFor, runTrials } from '../../simulation/run/engine';
import type { Scenario } from '../../simulation/scenario/types';

/** Runs trials [0, trials) of a normalised scenario in-process and builds its result document. */
export function simulate(s: Scenario, trials = s.simulation.trials): ResultDocument {
  const c = compileScenario(s);
  const acc = createAccumulator(c);
  runTrials(c, 0, trials, acc);
  return buildResult(s, acc, { hash: 'test', timing: { ms: 0, trialsPerSecond: 0, workers: 1 } });
}

/** Runs trials one by one, handing each outcome to `see` (arrays are reused: copy what you keep). */
export function eachTrial(s: Scenario, trials: number, see: (o: TrialOutcome, i: number) => void): void {
  const c = compileScenario(s);
  const runner = new TrialRunner(c);
  const out = outcomeFor(c);
  for (let i = 0; i < trials; i++) {
    runner.run(i, out);
    see(out, i);
  }
}
