import { describe, expect, it } from 'vitest';
import { Accumulator } from '../../../simulation/aggregate/accumulator';
import { createTrialOutcome } from '../../../simulation/aggregate/outcome';
import { buildResult, stripTiming } from '../../../simulation/aggregate/result';
import type { ResultDocument } from '../../../simulation/aggregate/result-types';
import { randomOutcome, scenarioFixture } from './fixtures';

const meta = { hash: 'sha256:abc', timing: { ms: 1500, trialsPerSecond: 6.67, workers: 2 } };

/** Ten trials (SLO 1 untouched): trial t burns 0.02 t + 0.1 d of budget by day d; SLO 0 is breached in trials 0-2 and exhausts on days 12, 40, 75 in trials 0-2. */
function tenTrials(): ResultDocument {
  const scenario = scenarioFixture(3);
  const acc = Accumulator.forScenario(scenario);
  const o = createTrialOutcome(2, 2, 3);
  o.slos[1].budgetRemaining.fill(1);
  for (let t = 0; t < 10; t++) {
    const slo = o.slos[0];
    slo.breached = t < 3;
    slo.exhaustionDay = [12, 40, 75][t] ?? -1;
    for (let d = 0; d < 3; d++) slo.budgetRemaining[d] = 1 - 0.1 * d - 0.02 * t;
    slo.attainment = t === 4 ? 99.0 : 99.9;
    slo.worstWindow = t < 5 ? 99.5 : 99.8;
    const api = o.services[0];
    api.requests = 1e10 + t * 1e6;
    api.peakUtilization = 0.5 + 0.1 * t;
    api.overloaded = api.peakUtilization > 1;
    api.shedFraction = api.overloaded ? 0.001 : 0;
    acc.add(o);
  }
  return buildResult(scenario, acc, meta);
}

describe('buildResult', () => {
  const doc = tenTrials();
  const slo = doc.slos[0];

  it('fills the header from the scenario and the run', () => {
    expect(doc).toMatchObject({
      schema: 'budgetcast/result@1',
      scenario: { name: 'fixture', title: 'Fixture', hash: 'sha256:abc' },
      seed: 7,
      trials: 10,
      horizonDays: 3,
      start: '2027-01-01T00:00:00Z',
      sla: [],
      timing: meta.timing,
    });
    expect(doc.partial).toBeUndefined();
  });

  it('describes each SLO as the scenario does', () => {
    expect(doc.slos[0]).toMatchObject({ id: 'api-availability', service: 'api', sli: 'availability', target: 99.9, window: { kind: 'rolling', days: 30 }, budgeting: 'occurrences' });
    expect(doc.slos[1]).toMatchObject({ id: 'api-latency', sli: 'latency', thresholdMs: 100, target: 95, window: { kind: 'calendar', unit: 'month' }, budgeting: 'timeslices' });
    expect('thresholdMs' in doc.slos[0]).toBe(false);
  });

  it('gives 3 breaches in 10 trials the estimate 0.3 and the Wilson interval [0.1078, 0.6032]', () => {
    expect(slo.breachProbability.estimate).toBe(0.3);
    expect(slo.breachProbability.ci95[0]).toBeCloseTo(0.1078, 4);
    expect(slo.breachProbability.ci95[1]).toBeCloseTo(0.6032, 4);
    expect(doc.slos[1].breachProbability).toEqual({ estimate: 0, ci95: [0, expect.closeTo(0.2775, 4)] });
  });

  it('averages attainment exactly and takes its percentiles from the low end', () => {
    // Nine trials at 99.9 and one at 99.0: mean 100 - (9 x 0.1 + 1) / 10 = 99.81; p5 is the lowest, 99.0.
    expect(slo.attainment.mean).toBeCloseTo(99.81, 9);
    expect(Math.abs(slo.attainment.p5 - 99.0)).toBeLessThanOrEqual(0.001 * 1);
    expect(Math.abs(slo.attainment.p50 - 99.9)).toBeLessThanOrEqual(0.001 * 0.1);
    expect(Math.abs(slo.attainment.p95 - 99.9)).toBeLessThanOrEqual(0.001 * 0.1);
  });

  it('summarises the worst window the same way', () => {
    // Five trials at 99.5, five at 99.8: mean 99.65, the median (rank 5) 99.5.
    expect(slo.worstWindow.mean).toBeCloseTo(99.65, 9);
    expect(Math.abs(slo.worstWindow.p50 - 99.5)).toBeLessThanOrEqual(0.001 * 0.5);
    expect(Math.abs(slo.worstWindow.p95 - 99.8)).toBeLessThanOrEqual(0.001 * 0.2);
  });

  it('gives an untouched SLO 100 % and a full budget every day', () => {
    expect(doc.slos[1].attainment).toEqual({ mean: 100, p5: 100, p50: 100, p95: 100 });
    expect(doc.slos[1].budgetRemaining.p5).toEqual([1, 1, 1]);
    expect(doc.slos[1].budgetRemaining.mean).toEqual([1, 1, 1]);
  });

  it('gives the budget per day: mean 1 - 0.1 d - 0.09 and order statistics of trials 9, 7, 5, 2, 0', () => {
    const b = slo.budgetRemaining;
    expect(b.day).toEqual([0, 1, 2]);
    const at = (d: number, t: number): number => 1 - 0.1 * d - 0.02 * t;
    for (let d = 0; d < 3; d++) {
      expect(b.mean[d]).toBeCloseTo(1 - 0.1 * d - 0.09, 9);
      expect(b.p5[d]).toBeCloseTo(at(d, 9), 9);
      expect(b.p25[d]).toBeCloseTo(at(d, 7), 9);
      expect(b.p50[d]).toBeCloseTo(at(d, 5), 9);
      expect(b.p75[d]).toBeCloseTo(at(d, 2), 9);
      expect(b.p95[d]).toBeCloseTo(at(d, 0), 9);
    }
  });

  it('gives exhaustion its probability and the median and p90 day among exhausting trials', () => {
    expect(slo.exhaustion).toMatchObject({ probability: 0.3, dayP50: 40, dayP90: 75 });
    expect(doc.slos[1].exhaustion).toEqual({ probability: 0, dayP50: null, dayP90: null, byDay: [0, 0, 0] });
  });

  it('gives the probability of a first exhaustion on each day, summing to the exhaustion probability', () => {
    const scenario = scenarioFixture(5);
    const acc = Accumulator.forScenario(scenario);
    const o = createTrialOutcome(2, 2, 5);
    // Eight trials: exhausted on day 1 twice, on day 4 once, never in the others.
    for (const day of [1, -1, 4, 1, -1, -1, -1, -1]) {
      o.slos[0].exhaustionDay = day;
      acc.add(o);
    }
    expect(buildResult(scenario, acc, meta).slos[0].exhaustion).toEqual({ probability: 0.375, dayP50: 1, dayP90: 4, byDay: [0, 0.25, 0, 0, 0.125] });
  });

  it('leaves alerts to a later layer and reports mean days per policy state (outcomes here count none)', () => {
    expect(slo.alerts).toEqual([]);
    expect(slo.policyDays).toEqual({ normal: 0 });
  });

  it('summarises services: requests, peak utilisation, overload and shedding', () => {
    const api = doc.services[0];
    expect(api.id).toBe('api');
    expect(api.requestsMean).toBe(1e10 + 4.5e6);
    // Peaks 0.5 .. 1.4: mean 0.95, median (rank 5) 0.9, p95 (rank 10) 1.4; four trials above 1.
    expect(api.peakUtilization.mean).toBeCloseTo(0.95, 9);
    expect(Math.abs(api.peakUtilization.p50 / 0.9 - 1)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(api.peakUtilization.p95 / 1.4 - 1)).toBeLessThanOrEqual(0.001);
    expect(api.overloadProbability).toBe(0.4);
    expect(api.shedFraction.mean).toBeCloseTo(0.0004, 15);
    expect(doc.services[1]).toEqual({ id: 'db', requestsMean: 0, peakUtilization: { mean: 0, p50: 0, p95: 0 }, overloadProbability: 0, shedFraction: { mean: 0 }, policy: { days: { normal: 0 }, probability: { normal: 0 }, failedDeploysMean: 0 } });
  });

  it('rounds every number to at most 10 significant digits', () => {
    const acc = Accumulator.forScenario(scenarioFixture(4));
    for (let i = 0; i < 30; i++) acc.add(randomOutcome(i, 2, 2, 4));
    const numbers: number[] = [];
    JSON.stringify(buildResult(scenarioFixture(4), acc, meta), (_k, v: unknown) => (typeof v === 'number' && numbers.push(v), v));
    expect(numbers.length).toBeGreaterThan(50);
    for (const x of numbers) expect(Number(x.toPrecision(10))).toBe(x);
  });

  it('strips only the timing', () => {
    const stripped = stripTiming(doc);
    expect('timing' in stripped).toBe(false);
    expect({ ...stripped, timing: doc.timing }).toEqual(doc);
  });

  it('refuses an accumulator that does not fit the scenario', () => {
    expect(() => buildResult(scenarioFixture(4), Accumulator.forScenario(scenarioFixture(3)), meta)).toThrow(/does not fit the scenario/);
  });

  it('reports a shard with its range and state, and checks the range holds its trials', () => {
    const acc = Accumulator.forScenario(scenarioFixture(3));
    for (let i = 0; i < 4; i++) acc.add(randomOutcome(i, 2, 2, 3));
    const part = buildResult(scenarioFixture(3), acc, { ...meta, shard: { from: 4, to: 8, totalTrials: 12 } });
    expect(part.trials).toBe(4);
    expect(part.partial).toMatchObject({ from: 4, to: 8, totalTrials: 12, state: { format: 'budgetcast/accumulator@1', trials: 4 } });
    expect(() => buildResult(scenarioFixture(3), acc, { ...meta, shard: { from: 4, to: 9, totalTrials: 12 } })).toThrow(/holds 5 trials, the accumulator 4/);
  });

  it('says nothing is known about a breach from no trials', () => {
    const empty = buildResult(scenarioFixture(3), Accumulator.forScenario(scenarioFixture(3)), meta);
    expect(empty.trials).toBe(0);
    expect(empty.slos[0].breachProbability).toEqual({ estimate: 0, ci95: [0, 1] });
  });
});
