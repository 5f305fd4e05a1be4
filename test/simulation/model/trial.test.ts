import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrialRunner } from '../../../simulation/model/trial';
import { compileScenario, outcomeFor } from '../../../simulation/run/engine';
import { parseScenarioText } from '../../../simulation/scenario/parse';
import type { Scenario } from '../../../simulation/scenario/types';
import type { TrialOutcome } from '../../../simulation/aggregate/outcome';
import { outage, scenario, service, slo } from '../../helpers/make-scenario';
import { eachTrial, simulate } from '../../helpers/run';
import { mmcTail } from '../../helpers/erlang';

const constant = (value: number) => ({ kind: 'constant' as const, value });
const scripted = (at: number, duration: number, errorFraction = 1, over = {}) => ({ at, duration, errorFraction: constant(errorFraction), latencyFactor: 1, capacityLoss: 0, ...over });

/** Runs one trial and returns its outcome's first SLO and service, copied. */
function oneTrial(s: Parameters<typeof simulate>[0]) {
  let first: { budget: number[]; attainment: number; worst: number; breached: boolean; exhaustion: number; shed: number; peak: number; requests: number }[] = [];
  eachTrial(s, 1, (o) => {
    first = o.slos.map((x, i) => ({
      budget: [...x.budgetRemaining],
      attainment: x.attainment,
      worst: x.worstWindow,
      breached: x.breached,
      exhaustion: x.exhaustionDay,
      shed: o.services[Math.min(i, o.services.length - 1)].shedFraction,
      peak: o.services[Math.min(i, o.services.length - 1)].peakUtilization,
      requests: o.services[Math.min(i, o.services.length - 1)].requests,
    }));
  });
  return first;
}

describe('the seed documents\' budget arithmetic', () => {
  it('gives 99.9 % over 30 days a budget of 43.2 minutes: 10 minutes down leaves 33.2', () => {
    const s = scenario([service('api', { scripted: [scripted(0, 10)] })], [slo('avail', 'api')], { horizonDays: 40 });
    const [o] = oneTrial(s);
    expect(o.budget[0]).toBeCloseTo(33.2 / 43.2, 12);
    expect(o.budget[29]).toBeCloseTo(33.2 / 43.2, 12);
    expect(o.budget[30]).toBeCloseTo(1, 12);
    expect(o.breached).toBe(false);
  });

  it('counts the covered fraction of steps an event only partly covers', () => {
    for (const stepMinutes of [1, 5, 15]) {
      const s = scenario([service('api', { scripted: [scripted(7.25, 10)] })], [slo('avail', 'api')], { horizonDays: 2, stepMinutes });
      expect(oneTrial(s)[0].budget[0]).toBeCloseTo(33.2 / 43.2, 12);
    }
  });

  it('sees warm-up incidents in rolling windows: an outage a day before start is in day 0\'s window', () => {
    const s = scenario([service('api', { scripted: [scripted(-1440, 43.2)] })], [slo('avail', 'api')], { horizonDays: 30 });
    const [o] = oneTrial(s);
    expect(o.budget[0]).toBeCloseTo(0, 12);
    expect(o.exhaustion).toBe(0);
    expect(o.budget[28]).toBeCloseTo(0, 12);
    expect(o.budget[29]).toBeCloseTo(1, 12);
  });

  it('breaches when a window\'s SLI drops below target, not at exactly the target', () => {
    const at = scenario([service('api', { scripted: [scripted(0, 43.2)] })], [slo('avail', 'api')], { horizonDays: 5 });
    expect(oneTrial(at)[0].breached).toBe(false);
    const over = scenario([service('api', { scripted: [scripted(0, 43.3)] })], [slo('avail', 'api')], { horizonDays: 5 });
    expect(oneTrial(over)[0].breached).toBe(true);
    expect(oneTrial(over)[0].worst).toBeCloseTo(100 * (1 - 43.3 / 43200), 10);
  });
});

describe('capacity', () => {
  it('sheds 1/6 of a demand of 1,200 on a capacity of 1,000', () => {
    const s = scenario([service('api', { traffic: { rps: 1200 }, capacity: { instances: 4, rpsPerInstance: 250 } })], [slo('avail', 'api', { target: 80 })], { horizonDays: 3 });
    const [o] = oneTrial(s);
    expect(o.shed).toBeCloseTo(1 / 6, 12);
    expect(o.attainment).toBeCloseTo(100 * (5 / 6), 10);
    expect(o.peak).toBeCloseTo(1.2, 12);
  });

  it('autoscales to ceil(demand / (rpsPerInstance x targetUtilization)) instances', () => {
    const s = scenario([service('api', { traffic: { rps: 1000 }, capacity: { instances: 2, rpsPerInstance: 100, autoscale: { min: 2, max: 40, targetUtilization: 0.6, reaction: 5 } } })], [slo('avail', 'api')], { horizonDays: 2 });
    // ceil(1000 / 60) = 17 instances: utilisation 1000 / 1700.
    expect(oneTrial(s)[0].peak).toBeCloseTo(1000 / 1700, 12);
  });

  it('removes capacity during an event with a capacity loss', () => {
    const s = scenario([service('api', { traffic: { rps: 700 }, capacity: { instances: 10, rpsPerInstance: 100 }, scripted: [scripted(0, 60, 0, { capacityLoss: 0.5 })] })], [slo('avail', 'api', { target: 90 })], { horizonDays: 1 });
    const [o] = oneTrial(s);
    // For 60 of 1440 minutes, capacity 500 against demand 700: 2/7 shed.
    expect(o.shed).toBeCloseTo((60 / 1440) * (2 / 7), 12);
    expect(o.peak).toBeCloseTo(1.4, 12);
  });
});

describe('failures and dependencies', () => {
  it('combines a dependency in series: bad = 1 - (1 - own)(1 - impact x dependency)', () => {
    const s = scenario(
      [service('db', { baselineErrorFraction: 0.002 }), service('api', { baselineErrorFraction: 0.001, dependsOn: [{ service: 'db', impact: 1 }] }), service('web', { dependsOn: [{ service: 'api', impact: 0.5 }] })],
      [slo('api', 'api', { target: 99 }), slo('web', 'web', { target: 99 })],
      { horizonDays: 2 },
    );
    const [api, web] = oneTrial(s);
    expect(api.attainment).toBeCloseTo(100 * 0.999 * 0.998, 10);
    expect(web.attainment).toBeCloseTo(100 * (1 - 0.5 * (1 - 0.999 * 0.998)), 10);
  });

  it('propagates a dependency\'s incident to its dependents for exactly its duration', () => {
    const s = scenario(
      [service('db', { scripted: [scripted(100, 30)] }), service('api', { dependsOn: [{ service: 'db', impact: 0.5 }] })],
      [slo('api', 'api', { window: { kind: 'rolling', days: 1 } })],
      { horizonDays: 2 },
    );
    const [api] = oneTrial(s);
    expect(api.budget[0]).toBeCloseTo(1 - (0.5 * 30) / (0.001 * 1440), 10);
    expect(api.budget[1]).toBeCloseTo(1, 12);
  });

  it('passes a dependency\'s step-varying shedding on to its dependents, transitively', () => {
    const s = scenario(
      [
        service('db', { traffic: { rps: 700 }, capacity: { instances: 10, rpsPerInstance: 100 }, scripted: [scripted(30.5, 60, 0, { capacityLoss: 0.5 })] }),
        service('api', { dependsOn: [{ service: 'db', impact: 0.5 }] }),
        service('web', { dependsOn: [{ service: 'api', impact: 1 }] }),
      ],
      [slo('api', 'api', { window: { kind: 'rolling', days: 1 } }), slo('web', 'web', { window: { kind: 'rolling', days: 1 } })],
      { horizonDays: 1 },
    );
    const [api, web] = oneTrial(s);
    // db sheds 2/7 for 60 minutes; api fails half of that; web all of api's failures.
    const badMinutes = 60 * 0.5 * (2 / 7);
    expect(api.budget[0]).toBeCloseTo(1 - badMinutes / 1.44, 10);
    expect(web.budget[0]).toBeCloseTo(1 - badMinutes / 1.44, 10);
  });

  it('counts a step the dependent\'s own events cut in two once, its two parts by their shares', () => {
    // As above, with api's sweep cut at minutes 50.25 and 60.75 by an event that changes nothing: the steps cut
    // there take the dependency's losses in two parts that must add up to one step's.
    const s = scenario(
      [
        service('db', { traffic: { rps: 700 }, capacity: { instances: 10, rpsPerInstance: 100 }, scripted: [scripted(30.5, 60, 0, { capacityLoss: 0.5 })] }),
        service('api', { dependsOn: [{ service: 'db', impact: 0.5 }], scripted: [scripted(50.25, 10.5, 0)] }),
      ],
      [slo('api', 'api', { window: { kind: 'rolling', days: 1 } })],
      { horizonDays: 1 },
    );
    const [api] = oneTrial(s);
    expect(api.budget[0]).toBeCloseTo(1 - (60 * 0.5 * (2 / 7)) / 1.44, 10);
  });

  it('combines overlapping events as independent failures', () => {
    const s = scenario([service('api', { scripted: [scripted(0, 20, 0.5), scripted(10, 20, 0.5)] })], [slo('avail', 'api', { window: { kind: 'rolling', days: 1 } })], { horizonDays: 1 });
    // 10 min at 0.5, 10 min at 1 - 0.25 = 0.75, 10 min at 0.5: 17.5 bad minutes of a 1.44-minute budget.
    expect(oneTrial(s)[0].budget[0]).toBeCloseTo(1 - 17.5 / 1.44, 10);
  });

  it('matches a compound-Poisson breach probability within 4 standard errors', () => {
    // One outage class, 1 a month for a 90-day quarter (mean 3), exponential lengths of mean 30 minutes:
    // breached iff total downtime exceeds 0.1 % of 129,600 minutes = 129.6 minutes.
    const trials = 20000;
    const s = scenario(
      [service('api', { failures: [outage('outage', 1, 0, { repair: { kind: 'exponential', mean: 30 } })] })],
      [slo('q', 'api', { window: { kind: 'calendar', unit: 'quarter' } })],
      { horizonDays: 90, trials },
    );
    const doc = simulate(s);
    const mean = 3;
    const x = 129.6 / 30;
    let exact = 0;
    let pn = Math.exp(-mean);
    for (let n = 1; n < 60; n++) {
      pn *= mean / n;
      // P(Gamma(n, 1) > x) = sum_{k<n} e^-x x^k / k!
      let term = Math.exp(-x);
      let tail = 0;
      for (let k = 0; k < n; k++) {
        tail += term;
        term *= x / (k + 1);
      }
      exact += pn * tail;
    }
    const p = doc.slos[0].breachProbability.estimate;
    const se = Math.sqrt((exact * (1 - exact)) / trials);
    expect(Math.abs(p - exact)).toBeLessThan(4 * se);
    expect(exact).toBeGreaterThan(0.1);
  });
});

describe('latency', () => {
  it('slows service by its latency factor during an event, queueing included', () => {
    // c = 4 servers, mean service 50 ms (mu 20/s), lambda 25/s; for 60 of 1440 minutes the service takes twice as long.
    const s = scenario(
      [service('api', { traffic: { rps: 25 }, capacity: { instances: 1, rpsPerInstance: 100 }, latency: { serviceTime: { kind: 'exponential', mean: 50 }, workersPerInstance: 4 }, scripted: [scripted(100, 60, 0, { latencyFactor: 2 })] })],
      [slo('lat', 'api', { sli: 'latency', thresholdMs: 200, target: 90, window: { kind: 'rolling', days: 1 } })],
      { horizonDays: 1 },
    );
    const expected = (60 / 1440) * mmcTail(4, 10, 25, 0.2) + (1380 / 1440) * mmcTail(4, 20, 25, 0.2);
    expect(oneTrial(s)[0].attainment).toBeCloseTo(100 * (1 - expected), 3);
  });

  it('reads each latency SLO\'s own threshold in a stretch evaluated step by step', () => {
    // 2 instances of 4 servers at mu 20/s, lambda 25/s; a capacity loss of half leaves 4 servers for 60 of 1440 minutes.
    const s = scenario(
      [service('api', { traffic: { rps: 25 }, capacity: { instances: 2, rpsPerInstance: 100 }, latency: { serviceTime: { kind: 'exponential', mean: 50 }, workersPerInstance: 4 }, scripted: [scripted(100, 60, 0, { capacityLoss: 0.5 })] })],
      [slo('fast', 'api', { sli: 'latency', thresholdMs: 100, target: 80, window: { kind: 'rolling', days: 1 } }), slo('slow', 'api', { sli: 'latency', thresholdMs: 200, target: 80, window: { kind: 'rolling', days: 1 } })],
      { horizonDays: 1 },
    );
    const [fast, slow] = oneTrial(s);
    for (const [o, t] of [[fast, 0.1], [slow, 0.2]] as const) {
      const expected = (60 / 1440) * mmcTail(4, 20, 25, t) + (1380 / 1440) * mmcTail(8, 20, 25, t);
      expect(o.attainment).toBeCloseTo(100 * (1 - expected), 3);
    }
  });

  it('matches the M/M/c response-time tail for exponential service times', () => {
    // c = 4 servers at mu = 20/s (mean 50 ms), lambda = 50/s: theta = c mu - lambda = 30/s, T = 100 ms.
    const s = scenario(
      [service('api', { traffic: { rps: 50 }, capacity: { instances: 1, rpsPerInstance: 100 }, latency: { serviceTime: { kind: 'exponential', mean: 50 }, workersPerInstance: 4 } })],
      [slo('lat', 'api', { sli: 'latency', thresholdMs: 100, target: 90 })],
      { horizonDays: 1 },
    );
    const tail = mmcTail(4, 20, 50, 0.1);
    expect(oneTrial(s)[0].attainment).toBeCloseTo(100 * (1 - tail), 3);
  });

  it('counts a failed request as bad for a latency SLI too', () => {
    const s = scenario(
      [service('api', { baselineErrorFraction: 0.01, latency: { serviceTime: { kind: 'constant', value: 10 } } })],
      [slo('lat', 'api', { sli: 'latency', thresholdMs: 100, target: 90 })],
      { horizonDays: 1 },
    );
    expect(oneTrial(s)[0].attainment).toBeCloseTo(99, 10);
  });
});

describe('windows and maintenance', () => {
  it('judges a calendar month on its own, with the budget of the whole month\'s requests', () => {
    // January has 31 days: 99.9 % allows 44.64 minutes. A 30-minute outage on Jan 10 leaves 14.64.
    const s = scenario([service('api', { scripted: [scripted(9 * 1440, 30)] })], [slo('m', 'api', { window: { kind: 'calendar', unit: 'month' } })], { horizonDays: 59 });
    const [o] = oneTrial(s);
    expect(o.budget[8]).toBeCloseTo(1, 12);
    expect(o.budget[9]).toBeCloseTo(14.64 / 44.64, 10);
    expect(o.budget[30]).toBeCloseTo(14.64 / 44.64, 10);
    expect(o.budget[31]).toBeCloseTo(1, 12); // February starts untouched
    expect(o.attainment).toBeCloseTo(100 * (1 - 30 / (59 * 1440)), 10);
    expect(o.breached).toBe(false);
  });

  it('excludes maintenance windows exactly when asked', () => {
    // Sundays 02:00-04:00 with every request failing; 28 days from a Friday hold 4 Sundays.
    const maintenance = [{ weekday: 'sun' as const, start: 120, duration: 120, errorFraction: 1 }];
    const s = scenario(
      [service('api', { maintenance })],
      [slo('with', 'api', { target: 90, window: { kind: 'calendar', unit: 'quarter' } }), slo('without', 'api', { target: 90, window: { kind: 'calendar', unit: 'quarter' }, excludeMaintenance: true })],
      { horizonDays: 28 },
    );
    const [withM, withoutM] = oneTrial(s);
    expect(withM.attainment).toBeCloseTo(100 * (1 - (4 * 120) / (28 * 1440)), 10);
    expect(withoutM.attainment).toBe(100);
  });

  it('excludes the maintenance share of a step an event evaluates step by step, and only that share', () => {
    // 5-minute steps; maintenance Sunday 02:02-04:02 (minutes 3002-3122) fails half the requests; a capacity loss
    // of half over minutes 2990-3050 sheds 2/7 of 700 rps. Step 600, [3000, 3005), is 3/5 maintenance: the
    // excluding SLO counts its other 2/5, with the shedding alone (not the maintenance's errors) as bad.
    const maintenance = [{ weekday: 'sun' as const, start: 122, duration: 120, errorFraction: 0.5 }];
    const s = scenario(
      [service('api', { traffic: { rps: 700 }, capacity: { instances: 10, rpsPerInstance: 100 }, maintenance, scripted: [scripted(2990, 60, 0, { capacityLoss: 0.5 })] })],
      [slo('with', 'api', { target: 90, window: { kind: 'calendar', unit: 'quarter' } }), slo('without', 'api', { target: 90, window: { kind: 'calendar', unit: 'quarter' }, excludeMaintenance: true })],
      { horizonDays: 7, stepMinutes: 5 },
    );
    const [withM, withoutM] = oneTrial(s);
    // Excluded: steps 598 and 599 whole, 2/5 of step 600; the 2,016 steps less 24 steps' worth of maintenance.
    expect(withoutM.attainment).toBeCloseTo(100 * (1 - ((2 + 0.4) * (2 / 7)) / (2016 - 24)), 10);
    // Counted: maintenance alone on 24 steps' worth less the event's 9.6 (3/5 of step 600, steps 601-609); the event
    // alone on steps 598, 599 and 2/5 of 600; both (1 - (5/7) x 1/2 = 9/14 bad) on the 9.6.
    expect(withM.attainment).toBeCloseTo(100 * (1 - ((24 - 9.6) * 0.5 + 2.4 * (2 / 7) + 9.6 * (9 / 14)) / 2016), 10);
  });
});

describe('a runner\'s trials', () => {
  // A runner keeps scratch state between trials and between the services of a trial (cursors, running sums,
  // touched blocks); none of it may leak. Trial 5 run after trials 0 to 4 must come out as when run alone.
  const load = (file: string): Scenario => {
    const read = parseScenarioText(readFileSync(file, 'utf8'), file);
    if (!read.ok) throw new Error(`${file} does not parse`);
    return { ...read.scenario, simulation: { ...read.scenario.simulation, horizonDays: 30 } };
  };
  it.each(['scenarios/bench/bench-5-services-policy.yaml', 'scenarios/bench/bench-5-services-noise.yaml', 'scenarios/mahavishnu.yaml'])('do not depend on the trials run before them (%s)', (file) => {
    const c = compileScenario(load(file));
    const after = new TrialRunner(c);
    const out = outcomeFor(c);
    for (let i = 0; i < 5; i++) after.run(i, out);
    after.run(5, out);
    const alone = outcomeFor(c);
    new TrialRunner(c).run(5, alone);
    // An alert's delays are a buffer whose first `caught` entries hold this trial's.
    const meant = (o: TrialOutcome) => ({ ...o, slos: o.slos.map((x) => ({ ...x, alerts: x.alerts.map((a) => ({ ...a, delays: Array.from(a.delays.subarray(0, a.caught)) })) })) });
    expect(meant(out)).toEqual(meant(alone));
    // The trial is not quiet: its services saw bursts or incidents.
    expect(alone.slos.some((o) => o.budgetRemaining.some((b) => b < 0.99))).toBe(true);
  });
});
