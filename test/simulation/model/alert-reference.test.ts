import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AlertOutcome } from '../../../simulation/aggregate/outcome';
import type { CompiledScenario } from '../../../simulation/model/compile';
import { EventKind, type EventList } from '../../../simulation/model/events';
import { TrialRunner } from '../../../simulation/model/trial';
import type { AlertPlan } from '../../../simulation/slo/alert-plan';
import { compileScenario, outcomeFor } from '../../../simulation/run/engine';
import { parseScenarioText } from '../../../simulation/scenario/parse';
import type { Scenario } from '../../../simulation/scenario/types';
import { scenario, service, slo } from '../../helpers/make-scenario';

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

/** Scores firings plainly: every firing against every event (the back-test finds them by binary search). */
function plainScore(c: CompiledScenario, plan: AlertPlan, starts: readonly number[], ends: readonly number[], list: EventList): Omit<AlertOutcome, 'delays'> & { delays: number[] } {
  const tl = c.timeline;
  const minute = (t: number) => tl.t0 + t * tl.stepMinutes;
  const grace = plan.rule.kind === 'burnRate' ? plan.shortSteps * tl.stepMinutes : 1440;
  const out = { firings: 0, falseFirings: 0, incidents: 0, caught: 0, delays: [] as number[] };
  for (let f = 0; f < starts.length; f++) {
    const start = minute(starts[f]);
    if (start < 0) continue;
    out.firings++;
    let underWay = false;
    for (let i = 0; i < list.count; i++) {
      if (list.kind[i] !== EventKind.Marker && list.admitted[i] && list.start[i] <= start && start <= list.end[i] + grace) underWay = true;
    }
    if (!underWay) out.falseFirings++;
  }
  for (let i = 0; i < list.count; i++) {
    const kind = list.kind[i];
    if (kind !== EventKind.Incident && kind !== EventKind.Deploy && kind !== EventKind.Scripted) continue;
    if (!list.admitted[i] || list.start[i] < 0) continue;
    out.incidents++;
    for (let f = 0; f < starts.length; f++) {
      if (minute(starts[f]) <= list.end[i] + grace && minute(ends[f]) > list.start[i]) {
        out.caught++;
        out.delays.push(Math.max(0, minute(starts[f]) - list.start[i]));
        break;
      }
    }
  }
  return out;
}

/** Runs trials of a scenario and requires every rule's scores to equal plainScore's; returns what they added up to. */
function compareScores(scenario: Scenario, trials: number) {
  const c = compileScenario(scenario);
  const runner = new TrialRunner(c);
  const out = outcomeFor(c);
  let expected: { o: number; r: number; score: ReturnType<typeof plainScore> }[] = [];
  runner.observeAlerts((o, r, starts, ends, _deltas, events) => expected.push({ o, r, score: plainScore(c, c.slos[o].alerts[r], starts, ends, events) }));
  const total = { firings: 0, falseFirings: 0, caught: 0, missed: 0, rules: new Set<string>() };
  for (let trial = 0; trial < trials; trial++) {
    expected = [];
    runner.run(trial, out);
    for (const { o, r, score } of expected) {
      const got = out.slos[o].alerts[r];
      expect({ ...got, delays: [...got.delays.subarray(0, got.caught)] }, `trial ${trial} SLO ${c.slos[o].spec.id} rule ${r}`).toEqual(score);
      total.firings += score.firings;
      total.falseFirings += score.falseFirings;
      total.caught += score.caught;
      total.missed += score.incidents - score.caught;
      if (score.caught > 0) total.rules.add(c.slos[o].alerts[r].rule.kind);
    }
  }
  return total;
}

const consumed = { kind: 'budgetConsumed' as const, name: 'consumed 2%', consumed: 2, severity: 'ticket' as const };

describe('alert scoring against a plain count over every firing and event', () => {
  it('counts the same firings, false firings, incidents, catches and delays on the policy benchmark', () => {
    const s = load('scenarios/bench/bench-5-services-policy.yaml');
    // A budget-consumed rule too: judged once a day, with a day's grace.
    const total = compareScores({ ...s, policy: { ...s.policy, alerts: [...s.policy.alerts, consumed] } }, 12);
    // The comparison has teeth: firings both true and false, incidents both caught and missed, by both kinds of rule.
    expect(total.firings).toBeGreaterThan(1000);
    expect(total.falseFirings).toBeGreaterThan(500);
    expect(total.caught).toBeGreaterThan(500);
    expect(total.missed).toBeGreaterThan(500);
    expect(total.rules.size).toBe(2);
  });

  it('does so where firings start or end on the very minute an event starts or its grace ends (scripted events on whole minutes)', () => {
    // Outages of whole minutes, each after a gap of 0 to 60 minutes: a 5-minute rule's firing ends 5 minutes after
    // an outage does, so the next outage often starts at a firing's end or within its grace.
    const gaps = [0, 1, 4, 5, 6, 30, 60];
    const scripted = [];
    let at = 600;
    for (let i = 0; i < 140; i++) {
      const duration = 3 + ((i * 7) % 25);
      scripted.push({ at, duration, errorFraction: { kind: 'constant' as const, value: [1, 0.3, 0.05][i % 3] }, latencyFactor: 1, capacityLoss: 0 });
      at += duration + gaps[i % gaps.length];
    }
    const s = scenario([service('api', { scripted })], [slo('a', 'api', { target: 99 })], { horizonDays: 10 });
    const bench = load('scenarios/bench/bench-5-services-policy.yaml').policy;
    const total = compareScores({ ...s, policy: { ...bench, budget: [], alerts: [...bench.alerts, consumed] } }, 1);
    expect(total.caught).toBeGreaterThan(400);
    expect(total.missed).toBeGreaterThan(40);
  });

  it('does so where a firing starts on the very minute an event starts or its grace ends (baseline firings in maintenance)', () => {
    // Maintenance at 50 % errors pages every day with nothing under way. A first run finds those firings' starts;
    // then harmless events (a millionth of requests failing for a minute) start at some and end a grace before others.
    const maintenance = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((weekday, i) => ({ weekday, start: 120 + 37 * i, duration: 30, errorFraction: 0.5 }));
    const quiet = scenario([service('api', { maintenance })], [slo('a', 'api', { target: 99 })], { horizonDays: 10 });
    const policy = { budget: [], alerts: load('scenarios/bench/bench-5-services-policy.yaml').policy.alerts.slice(0, 1), detectByAlerts: false };
    const c = compileScenario({ ...quiet, policy });
    const starts: number[] = [];
    const runner = new TrialRunner(c);
    runner.observeAlerts((_o, _r, firing) => starts.push(...firing.map((t) => c.timeline.t0 + t * c.timeline.stepMinutes).filter((m) => m >= 0)));
    runner.run(0, outcomeFor(c));
    const grace = c.slos[0].alerts[0].shortSteps * c.timeline.stepMinutes;
    const harmless = { errorFraction: { kind: 'constant' as const, value: 1e-6 }, latencyFactor: 1, capacityLoss: 0 };
    const scripted = starts.map((m, i) => (i % 3 === 0 ? { at: m, duration: 1, ...harmless } : { at: m - grace - 1, duration: 1, ...harmless }));
    const total = compareScores({ ...quiet, services: [service('api', { maintenance, scripted })], policy }, 1);
    expect(starts.length).toBeGreaterThan(8);
    expect(total.firings).toBe(starts.length);
    expect(total.falseFirings).toBeLessThan(starts.length);
  });
});
