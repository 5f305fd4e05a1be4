import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrialRunner } from '../../../simulation/model/trial';
import { compileScenario, outcomeFor } from '../../../simulation/run/engine';
import { parseScenarioText } from '../../../simulation/scenario/parse';
import type { Scenario } from '../../../simulation/scenario/types';

/**
 * The alert back-test evaluates a rule only where a trial can differ from the
 * baseline, and reads the rest from the compiled baseline. Here every burn-rate
 * rule of every SLO is evaluated plainly instead, at each of its evaluation
 * steps over the whole timeline, from the trial's full prefix sums (baseline
 * plus the trial's per-step deltas), and the two must fire at the same steps,
 * with every firing starting and ending at an evaluation step. The back-test
 * judges from the last evaluation step before the horizon's start on (nothing
 * earlier is scored), and so does the comparison.
 */

function load(file: string): Scenario {
  const read = parseScenarioText(readFileSync(file, 'utf8'), file);
  if (!read.ok) throw new Error(`${file} does not parse`);
  return read.scenario;
}

interface Tally {
  /** Evaluation steps compared, and those at which the rule fires. */
  points: number;
  firing: number;
  /** Firing steps that differ from the baseline's at the same step. */
  unlikeBaseline: number;
  /** Firing intervals that start or end between evaluation steps. */
  unaligned: string[];
  /** Disagreements where neither window's burn rate is within 1e-9 of the rule's (rounding of the two sums may split a tie). */
  mismatches: string[];
}

function compare(s: Scenario, trials: number): Tally {
  const c = compileScenario(s);
  const runner = new TrialRunner(c);
  const out = outcomeFor(c);
  const tally: Tally = { points: 0, firing: 0, unlikeBaseline: 0, unaligned: [], mismatches: [] };
  const steps = c.timeline.steps;
  const cv = new Float64Array(steps + 1);
  const cb = new Float64Array(steps + 1);
  let trial = 0;
  runner.observeAlerts((o, r, starts, ends, deltas) => {
    const slo = c.slos[o];
    const plan = slo.alerts[r];
    if (plan.rule.kind !== 'burnRate') return;
    const rate = plan.rule.burnRate;
    const V = slo.validCum as Float64Array;
    const G = slo.goodCum;
    for (let k = 0; k < steps; k++) {
      cv[k + 1] = cv[k] + deltas.valid[k];
      cb[k + 1] = cb[k] + deltas.bad[k];
    }
    const allowed = 1 - slo.spec.target / 100;
    const burn = (t: number, lookback: number, trialToo: boolean) => {
      const a = Math.max(0, t - lookback);
      const valid = V[t] - V[a] + (trialToo ? cv[t] - cv[a] : 0);
      const bad = V[t] - V[a] - (G[t] - G[a]) + (trialToo ? cb[t] - cb[a] : 0);
      return valid > 0 ? bad / valid / allowed : 0;
    };
    const within = (t: number, as: readonly number[], bs: readonly number[]) => {
      for (let i = 0; i < as.length; i++) if (as[i] <= t && t < bs[i]) return true;
      return false;
    };
    const baseStarts = plan.baseline.filter((_, i) => i % 2 === 0);
    const baseEnds = plan.baseline.filter((_, i) => i % 2 === 1);
    const aligned = (t: number) => t % plan.cadence === 0 || t === steps + 1;
    for (let i = 0; i < starts.length; i++) {
      if ((!aligned(starts[i]) || !aligned(ends[i])) && tally.unaligned.length < 5) tally.unaligned.push(`trial ${trial} SLO ${slo.spec.id} rule ${r}: [${starts[i]}, ${ends[i]}) with cadence ${plan.cadence}`);
    }
    const judged = Math.max(plan.cadence, Math.ceil(c.timeline.horizonStep / plan.cadence) * plan.cadence - plan.cadence);
    for (let t = judged; t <= steps; t += plan.cadence) {
      const short = burn(t, plan.shortSteps, true);
      const long = burn(t, plan.longSteps, true);
      const expected = short > rate && long > rate;
      const got = within(t, starts, ends);
      tally.points++;
      if (expected) tally.firing++;
      if (expected !== within(t, baseStarts, baseEnds)) tally.unlikeBaseline++;
      const tie = Math.abs(short / rate - 1) < 1e-9 || Math.abs(long / rate - 1) < 1e-9;
      if (got !== expected && !tie && tally.mismatches.length < 5) {
        tally.mismatches.push(`trial ${trial} SLO ${slo.spec.id} rule ${r} step ${t}: back-test ${got ? 'fires' : 'quiet'}, plain evaluation ${expected ? 'fires' : 'quiet'} (short ${short.toFixed(3)}x, long ${long.toFixed(3)}x, rate ${rate}x)`);
      }
    }
  });
  for (; trial < trials; trial++) runner.run(trial, out);
  return tally;
}

describe('alert back-test against a plain evaluation of every rule at every evaluation step', () => {
  it('fires exactly where the plain evaluation does on the policy benchmark (8 SLOs, 3 rules each, incidents, bursts, deploys, dependencies, timeslices)', () => {
    const t = compare(load('scenarios/bench/bench-5-services-policy.yaml'), 12);
    expect(t.mismatches).toEqual([]);
    // A firing lasts from the evaluation that first sees it to the first that no longer does.
    expect(t.unaligned).toEqual([]);
    // The comparison has teeth: the trials fire, and often where the baseline does not.
    expect(t.firing).toBeGreaterThan(1000);
    expect(t.unlikeBaseline).toBeGreaterThan(1000);
  });

  it('does so too with traffic noise and a rule evaluated every fourth step', () => {
    const noisy = load('scenarios/bench/bench-5-services-noise.yaml');
    const policy = load('scenarios/bench/bench-5-services-policy.yaml').policy;
    const alerts = [...policy.alerts, { kind: 'burnRate' as const, name: '2x 2d/2h', long: 2880, short: 120, burnRate: 2, severity: 'ticket' as const }];
    const s: Scenario = { ...noisy, simulation: { ...noisy.simulation, horizonDays: 30 }, policy: { ...policy, alerts } };
    const c = compileScenario(s);
    expect(c.slos[0].alerts[3].cadence).toBe(4);
    const t = compare(s, 6);
    expect(t.mismatches).toEqual([]);
    // A firing lasts from the evaluation that first sees it to the first that no longer does.
    expect(t.unaligned).toEqual([]);
    expect(t.firing).toBeGreaterThan(500);
    expect(t.unlikeBaseline).toBeGreaterThan(500);
  });
});
