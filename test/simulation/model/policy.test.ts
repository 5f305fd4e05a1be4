import { describe, expect, it } from 'vitest';
import type { Scenario, Sla } from '../../../simulation/scenario/types';
import { outage, scenario, service, slo } from '../../helpers/make-scenario';
import { eachTrial } from '../../helpers/run';
import { policyStateOf } from '../../../simulation/model/policy-outcome';

const constant = (value: number) => ({ kind: 'constant' as const, value });
const scripted = (at: number, duration: number, errorFraction = 1) => ({ at, duration, errorFraction: constant(errorFraction), latencyFactor: 1, capacityLoss: 0 });

function firstTrial(s: Scenario) {
  let copy: { budget: number[]; attainment: number; breached: boolean }[] = [];
  let sla: { credit: number; months: number[] }[] = [];
  let services: { failedDeploys: number; policyDays: number[] }[] = [];
  eachTrial(s, 1, (o) => {
    copy = o.slos.map((x) => ({ budget: [...x.budgetRemaining], attainment: x.attainment, breached: x.breached }));
    sla = o.sla.map((x) => ({ credit: x.credit, months: [...x.monthlyAvailability] }));
    services = o.services.map((x) => ({ failedDeploys: x.failedDeploys, policyDays: [...x.policyDays] }));
  });
  return { slos: copy, sla, services };
}

describe('timeslice budgeting (DESIGN 3.5, as OpenSLO)', () => {
  const day = { kind: 'rolling' as const, days: 1 };

  it('counts a 1-minute slice bad when its good ratio is below the slice target', () => {
    // 10 minutes at 8 % errors: 10 bad slices of 1,440; 99.5 % allows 7.2.
    const s = scenario([service('api', { scripted: [scripted(0, 10, 0.08)] })], [slo('minutes', 'api', { target: 99.5, window: day, budgeting: { kind: 'timeslices', sliceMinutes: 1, sliceTarget: 95 } })], { horizonDays: 2 });
    const { slos } = firstTrial(s);
    expect(slos[0].budget[0]).toBeCloseTo(1 - 10 / 7.2, 10);
    expect(slos[0].budget[1]).toBeCloseTo(1, 12);
    expect(slos[0].breached).toBe(true);
    expect(slos[0].attainment).toBeCloseTo((100 * (2880 - 10)) / 2880, 10);
  });

  it('leaves a slice good when only part of it is hurt enough to stay above the slice target', () => {
    // From 0.5 to 10.5 minutes at 8 %: slices 0 and 10 lose only 4 % (good), slices 1-9 are bad.
    const s = scenario([service('api', { scripted: [scripted(0.5, 10, 0.08)] })], [slo('minutes', 'api', { target: 99.5, window: day, budgeting: { kind: 'timeslices', sliceMinutes: 1, sliceTarget: 95 } })], { horizonDays: 1 });
    expect(firstTrial(s).slos[0].budget[0]).toBeCloseTo(1 - 9 / 7.2, 10);
  });

  it('puts the bad slices of a stretch across midnight into the day each falls in', () => {
    // From 23:55 to 00:05 at 8 %: five bad 1-minute slices on each side of midnight.
    const s = scenario([service('api', { scripted: [scripted(1435, 10, 0.08)] })], [slo('minutes', 'api', { target: 99.5, window: day, budgeting: { kind: 'timeslices', sliceMinutes: 1, sliceTarget: 95 } })], { horizonDays: 2 });
    const { slos } = firstTrial(s);
    expect(slos[0].budget[0]).toBeCloseTo(1 - 5 / 7.2, 10);
    expect(slos[0].budget[1]).toBeCloseTo(1 - 5 / 7.2, 10);
  });

  it('judges 5-minute slices on their whole good ratio', () => {
    // 3 minutes at 100 % errors inside one 5-minute slice: its ratio is 0.4, one bad slice of 288.
    const s = scenario([service('api', { scripted: [scripted(61, 3)] })], [slo('slices', 'api', { target: 99, window: day, budgeting: { kind: 'timeslices', sliceMinutes: 5, sliceTarget: 90 } })], { horizonDays: 1 });
    expect(firstTrial(s).slos[0].budget[0]).toBeCloseTo(1 - 1 / 2.88, 10);
  });

  it('takes the SLI of ratio timeslices as the mean of the slices\' good ratios', () => {
    // 10 slices at ratio 0.9: 1.0 slice of badness against an allowance of 7.2.
    const s = scenario([service('api', { scripted: [scripted(0, 10, 0.1)] })], [slo('ratio', 'api', { target: 99.5, window: day, budgeting: { kind: 'ratioTimeslices', sliceMinutes: 1 } })], { horizonDays: 1 });
    const { slos } = firstTrial(s);
    expect(slos[0].budget[0]).toBeCloseTo(1 - 1 / 7.2, 10);
    expect(slos[0].attainment).toBeCloseTo(100 * (1 - 1 / 1440), 10);
  });

  it('agrees with occurrences budgeting on the baseline when every slice is equally good', () => {
    const s = scenario([service('api', { baselineErrorFraction: 0.001 })], [slo('ratio', 'api', { target: 99, window: day, budgeting: { kind: 'ratioTimeslices', sliceMinutes: 5 } }), slo('occ', 'api', { target: 99, window: day })], { horizonDays: 1 });
    const { slos } = firstTrial(s);
    expect(slos[0].budget[0]).toBeCloseTo(0.9, 10);
    expect(slos[1].budget[0]).toBeCloseTo(0.9, 10);
  });
});

describe('SLA credits (DESIGN 3.6)', () => {
  const tiers: Sla['credits'] = [
    { below: 99, percent: 25 },
    { below: 98, percent: 50 },
    { below: 95, percent: 100 },
  ];
  const sla = (excludeMaintenance = false): Sla => ({ id: 'api-sla', service: 'api', monthlyAvailability: 99.9, monthlyFee: 20000, credits: tiers, excludeMaintenance });
  // January 2027 has 44,640 minutes: 1 % of it is 446.4 minutes.
  const withOutage = (minutes: number) => {
    const s = scenario([service('api', { scripted: [scripted(24 * 60, minutes)] })], [slo('a', 'api')], { horizonDays: 59 });
    return { ...s, sla: [sla()] };
  };

  it('credits nothing for a month just above 99 %, 25 % just below it', () => {
    expect(firstTrial(withOutage(440)).sla[0].credit).toBe(0);
    expect(firstTrial(withOutage(450)).sla[0].credit).toBe(5000);
  });

  it('takes the lowest tier the month falls under', () => {
    expect(firstTrial(withOutage(0.021 * 44640)).sla[0].credit).toBe(10000); // 97.9 %
    expect(firstTrial(withOutage(0.051 * 44640)).sla[0].credit).toBe(20000); // 94.9 %
  });

  it('judges each calendar month on its own: January hurt, February whole', () => {
    const { sla: out } = firstTrial(withOutage(669.6));
    expect(out[0].months.length).toBe(2);
    expect(out[0].months[0]).toBeCloseTo(98.5, 10);
    expect(out[0].months[1]).toBe(100);
  });

  it('leaves maintenance out of the SLA month when asked', () => {
    const maintenance = [{ weekday: 'sun' as const, start: 120, duration: 240, errorFraction: 1 }];
    const base = scenario([service('api', { maintenance })], [slo('a', 'api')], { horizonDays: 31 });
    expect(firstTrial({ ...base, sla: [sla(false)] }).sla[0].credit).toBe(10000); // 5 Sundays x 4 h = 2.7 % down: 97.3 %
    expect(firstTrial({ ...base, sla: [sla(true)] }).sla[0].credit).toBe(0);
  });
});

describe('budget policy (DESIGN 3.6)', () => {
  const deploys = { perWeek: 70, failureProbability: 0.2, impact: { errorFraction: constant(0.5), latencyFactor: 1, capacityLoss: 0 }, rollback: constant(20) };
  const build = (budget: Scenario['policy']['budget']): Scenario => {
    const s = scenario([service('api', { baselineErrorFraction: 0.0001, deploys, failures: [outage('o', 2, 30)] })], [slo('a', 'api', { window: { kind: 'rolling', days: 7 } })], { horizonDays: 30 });
    return { ...s, policy: { budget, alerts: [], detectByAlerts: false } };
  };

  it('freezes deploys from the day after the service\'s worst SLO crosses the threshold', () => {
    // Below 100 % budget left from day 0 (baseline errors), so every day after day 0 is frozen: only day 0 deploys fail.
    const s = build([{ below: 100, deployFactor: 0, state: 'freeze' }]);
    const failed: number[] = [];
    const frozenDays: number[] = [];
    eachTrial(s, 300, (o) => {
      failed.push(o.services[0].failedDeploys);
      frozenDays.push(o.services[0].policyDays[1]);
    });
    const mean = failed.reduce((a, b) => a + b, 0) / failed.length;
    // Failed deploys arrive at 70 x 0.2 / 7 = 2 a day: Poisson(2) on day 0 alone.
    expect(Math.abs(mean - 2)).toBeLessThan(4 * Math.sqrt(2 / 300));
    expect(frozenDays.every((d) => d === 30)).toBe(true);
  });

  it('lowers the number of failed deploys compared with no policy, trial by trial', () => {
    const none = build([]);
    const policy = build([{ below: 50, deployFactor: 0.5, state: 'caution' }, { below: 25, deployFactor: 0, state: 'freeze' }]);
    const without: number[] = [];
    eachTrial(none, 200, (o) => without.push(o.services[0].failedDeploys));
    let fewer = 0;
    let caution = 0;
    eachTrial(policy, 200, (o, i) => {
      expect(o.services[0].failedDeploys).toBeLessThanOrEqual(without[i]);
      if (o.services[0].failedDeploys < without[i]) fewer++;
      caution += o.services[0].policyDays[1] + o.services[0].policyDays[2];
      expect(o.services[0].policyDays.reduce((a, b) => a + b, 0)).toBe(30);
    });
    expect(fewer).toBeGreaterThan(50);
    expect(caution).toBeGreaterThan(0);
  });
});

describe('policy and SLA in the result document', () => {
  it('reports expected credit, credit probability, monthly availability and days per policy state', async () => {
    const { simulate } = await import('../../helpers/run');
    const s = scenario([service('api', { failures: [outage('long', 1, 600)] })], [slo('a', 'api')], { horizonDays: 31, trials: 400 });
    const doc = simulate({
      ...s,
      policy: { budget: [{ below: 50, deployFactor: 0.5, state: 'caution' }, { below: 0.0001, deployFactor: 0, state: 'freeze' }], alerts: [], detectByAlerts: false },
      sla: [{ id: 'gold', service: 'api', monthlyAvailability: 99.9, monthlyFee: 1000, credits: [{ below: 99, percent: 10 }], excludeMaintenance: false }],
    });
    // A 10-hour outage (1.34 % of January) arrives in January with probability 1 - e^(-31/30): credit 100 then.
    const p = 1 - Math.exp(-31 / 30);
    const sla = doc.sla[0];
    expect(Math.abs(sla.creditProbability - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 400));
    expect(sla.expectedCredit).toBeCloseTo(100 * sla.creditProbability, 9);
    expect(sla.monthlyAvailability.p95).toBe(100);
    const days = doc.slos[0].policyDays;
    expect(Object.keys(days)).toEqual(['normal', 'caution', 'freeze']);
    expect(days.normal + days.caution + days.freeze).toBeCloseTo(31, 9);
    expect(days.freeze).toBeGreaterThan(0);
    expect(doc.services[0].policy?.probability.freeze).toBeGreaterThan(0.3);
  });
});

describe('a threshold at 0 % budget', () => {
  it('is crossed once the budget is spent exactly, and not a moment before', () => {
    const below = [50, 25, 0];
    expect(policyStateOf(below, 0.6)).toBe(0);
    expect(policyStateOf(below, 0.3)).toBe(1);
    expect(policyStateOf(below, 0.1)).toBe(2);
    expect(policyStateOf(below, 1e-9)).toBe(2);
    expect(policyStateOf(below, 0)).toBe(3);
    expect(policyStateOf(below, -0.5)).toBe(3);
  });
});
