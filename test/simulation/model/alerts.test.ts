import { describe, expect, it } from 'vitest';
import type { AlertRule, Scenario } from '../../../simulation/scenario/types';
import { outage, scenario, service, slo } from '../../helpers/make-scenario';
import { eachTrial, simulate } from '../../helpers/run';
import { parseScenarioObject } from '../../../simulation/scenario/parse';

const constant = (value: number) => ({ kind: 'constant' as const, value });
const page: AlertRule = { kind: 'burnRate', name: '14.4x 1h/5m', long: 60, short: 5, burnRate: 14.4, severity: 'page' };
const ticket: AlertRule = { kind: 'burnRate', name: '1x 3d/6h', long: 4320, short: 360, burnRate: 1, severity: 'ticket' };
const withAlerts = (s: Scenario, alerts: AlertRule[], detectByAlerts = false): Scenario => ({ ...s, policy: { budget: [], alerts, detectByAlerts } });

function alertsOfFirstTrial(s: Scenario) {
  let copy: { firings: number; incidents: number; caught: number; falseFirings: number; delays: number[] }[] = [];
  eachTrial(s, 1, (o) => {
    copy = o.slos[0].alerts.map((a) => ({ firings: a.firings, incidents: a.incidents, caught: a.caught, falseFirings: a.falseFirings, delays: [...a.delays.subarray(0, a.caught)] }));
  });
  return copy;
}

describe('alert back-test (DESIGN 3.5)', () => {
  // A 2-hour incident at 10 % errors, 1,000 minutes into the quarter, on a 99.9 % SLO.
  const incident = { at: 1000, duration: 120, errorFraction: constant(0.1), latencyFactor: 1, capacityLoss: 0 };
  const base = scenario([service('api', { scripted: [incident] })], [slo('a', 'api')], { horizonDays: 10 });

  it('pages at the workbook\'s detection time, rounded up to the next evaluation, and stops once the short window is clean', () => {
    const [p] = alertsOfFirstTrial(withAlerts(base, [page]));
    expect(p.incidents).toBe(1);
    expect(p.caught).toBe(1);
    expect(p.firings).toBe(1);
    expect(p.falseFirings).toBe(0);
    // 8.64 minutes, seen at the first whole-minute evaluation after it.
    expect(p.delays[0]).toBe(9);
  });

  it('opens a ticket on a slow 3-day/6-hour rule within one evaluation period of 43.2 minutes', () => {
    const [, t] = alertsOfFirstTrial(withAlerts(base, [page, ticket]));
    expect(t.caught).toBe(1);
    expect(t.firings).toBe(1);
    expect(t.delays[0]).toBeGreaterThanOrEqual(43.2);
    expect(t.delays[0]).toBeLessThanOrEqual(43.2 + 12);
  });

  it('misses an incident too mild to reach the burn rate', () => {
    const mild = scenario([service('api', { scripted: [{ ...incident, errorFraction: constant(0.01) }] })], [slo('a', 'api')], { horizonDays: 10 });
    const [p] = alertsOfFirstTrial(withAlerts(mild, [page]));
    expect(p.incidents).toBe(1);
    expect(p.caught).toBe(0);
    expect(p.firings).toBe(0);
  });

  it('counts firings with nothing under way as false', () => {
    // A baseline at 0.06 % errors burns 0.6x: a 0.5x rule fires from the start with no incident at all.
    const noisy = scenario([service('api', { baselineErrorFraction: 0.0006 })], [slo('a', 'api', { window: { kind: 'calendar', unit: 'month' } })], { horizonDays: 10 });
    const [r] = alertsOfFirstTrial(withAlerts(noisy, [{ kind: 'burnRate', name: 'low', long: 60, short: 5, burnRate: 0.5, severity: 'ticket' }]));
    expect(r.firings).toBe(1);
    expect(r.falseFirings).toBe(1);
  });

  it('fires a budget-consumed rule on the day the consumed share is reached', () => {
    const s = withAlerts(base, [{ kind: 'budgetConsumed', name: '50% consumed', consumed: 10, severity: 'ticket' }]);
    // 12 bad minutes of a 43.2-minute budget: 28 % consumed on day 0.
    const [r] = alertsOfFirstTrial(s);
    expect(r.firings).toBe(1);
    expect(r.caught).toBe(1);
    expect(r.delays[0]).toBe(1440 - 1000);
  });
});

describe('detection by alerts', () => {
  it('ends an incident at its first page plus repair instead of its sampled detection plus repair', () => {
    // Incidents at 10 % errors, detected after 60 minutes unless paged first (8.64 minutes), repaired in 10.
    const failing = scenario([service('api', { failures: [outage('o', 2, 10, { errorFraction: constant(0.1), detect: constant(60) })] })], [slo('a', 'api')], { horizonDays: 30 });
    const slow: number[] = [];
    const fast: number[] = [];
    eachTrial(withAlerts(failing, [page], false), 200, (o) => slow.push(100 - o.slos[0].attainment));
    eachTrial(withAlerts(failing, [page], true), 200, (o) => fast.push(100 - o.slos[0].attainment));
    const sum = (x: number[]) => x.reduce((a, b) => a + b, 0);
    expect(sum(slow)).toBeGreaterThan(0);
    expect(sum(fast) / sum(slow)).toBeCloseTo(18.64 / 70, 2);
  });
});

describe('alerts in the result document', () => {
  it('reports firings, recall, detection delay and false firings per rule on every SLO', async () => {
    const { simulate } = await import('../../helpers/run');
    const incident = { at: 1000, duration: 120, errorFraction: constant(0.1), latencyFactor: 1, capacityLoss: 0 };
    const s = withAlerts(scenario([service('api', { scripted: [incident] })], [slo('a', 'api')], { horizonDays: 10, trials: 20 }), [page, ticket]);
    const doc = simulate(s);
    const [p, t] = doc.slos[0].alerts;
    // Quantiles come from histograms accurate to 0.1 % (DESIGN 3.8).
    const near = (x: number, v: number) => expect(Math.abs(x / v - 1)).toBeLessThanOrEqual(0.001 + 1e-12);
    expect({ rule: p.rule, severity: p.severity, firingsMean: p.firingsMean, recall: p.recall, falseFiringsMean: p.falseFiringsMean }).toEqual({ rule: '14.4x 1h/5m', severity: 'page', firingsMean: 1, recall: 1, falseFiringsMean: 0 });
    near(p.firingsP95, 1);
    near(p.detectionMinutesP50, 9);
    near(p.detectionMinutesP90, 9);
    expect(t.rule).toBe('1x 3d/6h');
    expect(t.recall).toBe(1);
    expect(Math.abs(t.detectionMinutesP50 / 48 - 1)).toBeLessThan(0.2);
  });
});

describe('rules that name their SLOs', () => {
  it('back-test only the SLOs they watch, and the result lists a rule only under those', () => {
    const incident = { at: 1000, duration: 120, errorFraction: constant(0.1), latencyFactor: 1, capacityLoss: 0 };
    const s = withAlerts(
      scenario([service('api', { scripted: [incident] })], [slo('a', 'api'), slo('b', 'api', { target: 99.5 })], { horizonDays: 10, trials: 2 }),
      [{ ...page, slos: ['b'] }, ticket],
    );
    const doc = simulate(s);
    expect(doc.slos[0].alerts.map((a) => a.rule)).toEqual(['1x 3d/6h']);
    expect(doc.slos[1].alerts.map((a) => a.rule)).toEqual(['14.4x 1h/5m', '1x 3d/6h']);
    // On the 99.5 % SLO, 10 % errors burn at 20x: the 14.4x rule pages after 0.005 / 0.1 x 60 x 14.4 = 43.2 minutes, seen at minute 44.
    expect(doc.slos[1].alerts[0].recall).toBe(1);
    expect(Math.abs(doc.slos[1].alerts[0].detectionMinutesP50 / 44 - 1)).toBeLessThanOrEqual(0.001 + 1e-12);
  });

  it('is refused when it names an SLO that does not exist, with a did-you-mean', () => {
    const read = parseScenarioObject({
      apiVersion: 'budgetcast/v1', kind: 'Scenario', metadata: { name: 't' }, simulation: { start: '2027-01-01T00:00:00Z' },
      services: [{ id: 'api', traffic: { rps: 1 } }],
      slos: [{ id: 'api-availability', service: 'api', sli: 'availability', target: 99.9, window: { rolling: '30d' } }],
      policy: { alerts: [{ long: '1h', short: '5m', burnRate: 14.4, severity: 'page', slos: ['api-availabilty'] }] },
    });
    expect(read.ok ? [] : read.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(["policy.alerts[0].slos[0]: no SLO 'api-availabilty' is defined; did you mean 'api-availability'?"]);
  });
});
