import { describe, expect, it } from 'vitest';
import { criticalLoad, meanInSystem, meanQueueLength, StateLimits, stateMeasure } from '../../../simulation/model/state-limits';
import { parseScenarioObject } from '../../../simulation/scenario/parse';
import { normalSurvival } from '../../../simulation/random/normal';
import { outage, scenario, service, slo } from '../../helpers/make-scenario';
import { eachTrial, simulate } from '../../helpers/run';
import type { Service, Slo } from '../../../simulation/scenario/types';

describe('queue measures of an M/M/c queue', () => {
  it('M/M/1 at load 0.5 has 0.5 waiting and 1 in the system (rho^2 / (1 - rho), rho / (1 - rho))', () => {
    expect(meanQueueLength(1, 0.5)).toBeCloseTo(0.5, 12);
    expect(meanInSystem(1, 0.5)).toBeCloseTo(1, 12);
  });

  it('M/M/2 offered 1 Erlang has 1/3 waiting (Erlang C = 1/3, Lq = C a / (c - a))', () => {
    expect(meanQueueLength(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('an unstable queue has unbounded length, an idle one none', () => {
    expect(meanQueueLength(3, 3)).toBe(Infinity);
    expect(meanQueueLength(3, 0)).toBe(0);
  });

  it('utilization is the percent of servers busy; concurrency per instance divides by instances', () => {
    expect(stateMeasure({ sli: 'utilization', limit: 80, perInstance: false }, 10, 7, 5)).toBeCloseTo(70, 12);
    expect(stateMeasure({ sli: 'concurrency', limit: 1, perInstance: true }, 2, 1, 1)).toBeCloseTo((1 / 3 + 1) / 2, 12);
  });
});

describe('critical loads', () => {
  it('80 % of 10 servers is 8 Erlangs', () => {
    expect(criticalLoad({ sli: 'utilization', limit: 80, perInstance: false }, 10, 10)).toBe(8);
  });

  it('M/M/1 holds one waiting request on average at rho = (sqrt 5 - 1) / 2', () => {
    expect(criticalLoad({ sli: 'queueLength', limit: 1, perInstance: false }, 1, 1)).toBeCloseTo((Math.sqrt(5) - 1) / 2, 9);
  });

  it('M/M/1 holds four requests in flight at rho = 0.8', () => {
    expect(criticalLoad({ sli: 'concurrency', limit: 4, perInstance: false }, 1, 1)).toBeCloseTo(0.8, 9);
  });

  it('at the critical load the measure equals the limit, for many server counts', () => {
    for (const n of [1, 4, 16, 64, 256]) {
      for (const s of [{ sli: 'queueLength' as const, limit: 100, perInstance: false }, { sli: 'concurrency' as const, limit: n * 2, perInstance: true }]) {
        const a = criticalLoad(s, n, 4);
        expect(stateMeasure(s, n, a, 4)).toBeCloseTo(s.limit, 4);
      }
    }
  });

  it('a step is over the limit just above the critical rate and within it just below', () => {
    const limits = new StateLimits([{ sli: 'utilization', limit: 80, perInstance: false }], 100, 10);
    // 2 instances x 10 workers = 20 servers; 80 % is 16 Erlangs = 160 rps at 100 ms.
    expect(limits.over(0, 2, 1, 159.9)).toBe(0);
    expect(limits.over(0, 2, 1, 160.1)).toBe(1);
    // Doubling the service time halves the rate that fits.
    expect(limits.over(0, 2, 2, 80.1)).toBe(1);
    expect(limits.over(0, 0, 1, 1)).toBe(1);
  });
});

/** A database-like service at 100 rps, 100 ms per request, 15 workers on one instance: 10 of 15 busy on average. */
function pool(over: Partial<Service> = {}): Service {
  return service('db', {
    traffic: { rps: 100 },
    capacity: { instances: 1, rpsPerInstance: 200 },
    latency: { serviceTime: { kind: 'constant', value: 100 }, workersPerInstance: 15 },
    ...over,
  });
}
const poolSlo = (over: Partial<Slo> = {}): Slo => slo('pool', 'db', { sli: 'utilization', limit: 80, target: 99, window: { kind: 'calendar', unit: 'month' }, ...over });

describe('state SLOs in a simulation', () => {
  it('count the minutes over the limit of a diurnal curve: over 80 % busy when cos > 0.4, acos(0.4) / pi of the day', () => {
    const s = scenario([pool({ traffic: { rps: 100, diurnal: { amplitude: 0.5, peakHour: 12 } } })], [poolSlo()], { trials: 1 });
    const r = simulate(s);
    const expected = 100 * (1 - Math.acos(0.4) / Math.PI);
    // One minute of rounding at each of the two crossings a day.
    expect(Math.abs(r.slos[0].attainment.p50 - expected)).toBeLessThan((100 * 2) / 1440);
  });

  it('a capacity loss that pushes the pool over its limit costs exactly its minutes; an error-only outage costs nothing', () => {
    const s = scenario([pool({
      scripted: [
        { at: 600, duration: 60, errorFraction: { kind: 'constant', value: 0 }, latencyFactor: 1, capacityLoss: 0.5 },
        { at: 3000, duration: 120, errorFraction: { kind: 'constant', value: 0 }, latencyFactor: 1.5, capacityLoss: 0 },
        { at: 6000, duration: 240, errorFraction: { kind: 'constant', value: 1 }, latencyFactor: 1, capacityLoss: 0 },
      ],
    })], [poolSlo()], { trials: 1 });
    const r = simulate(s);
    // Half the instance is 7.5 workers (rounded to 8), 10 Erlangs > 6.4; 1.5x slower is 15 Erlangs of 15: unstable.
    expect(r.slos[0].attainment.mean).toBeCloseTo(100 * (1 - 180 / (30 * 1440)), 6);
  });

  it('a queue-length SLO with Poisson outages of capacity matches the compound-Poisson expectation', () => {
    const failures = [outage('half-down', 4, 30, { errorFraction: { kind: 'constant', value: 0 }, capacityLoss: 0.5 })];
    const s = scenario([pool({ failures })], [poolSlo({ sli: 'queueLength', limit: 5 })], { trials: 400 });
    const r = simulate(s);
    // Each incident puts 10 Erlangs on 8 servers (unstable): 30 bad minutes, 4 per 30 days on average.
    const expectedBad = (4 * 30) / (30 * 1440);
    const trials = 400;
    const se = Math.sqrt(4 * 30 * 30) / (30 * 1440) / Math.sqrt(trials);
    expect(Math.abs(100 - r.slos[0].attainment.mean - 100 * expectedBad)).toBeLessThan(100 * 4 * se);
  });

  it('traffic noise puts a block over the limit when its draw exceeds limit / load (lognormal tail)', () => {
    const cv = 0.3;
    const s = scenario([pool({ traffic: { rps: 100, noise: { cv, correlationMinutes: 15 } } })], [poolSlo()], { trials: 100 });
    const r = simulate(s);
    // Over 80 % busy when the draw n makes 10 n > 12 Erlangs: P(n > 1.2) for a mean-one lognormal.
    const sigma = Math.sqrt(Math.log(1 + cv * cv));
    const z = (Math.log(1.2) + (sigma * sigma) / 2) / sigma;
    const p = normalSurvival(z);
    const blocks = 100 * (30 * 1440) / 15;
    const se = Math.sqrt((p * (1 - p)) / blocks);
    expect(Math.abs((100 - r.slos[0].attainment.mean) / 100 - p)).toBeLessThan(4 * se);
  });

  it('counts a minute once when traffic noise and an event both push it over the limit', () => {
    // 90 % of the capacity lost for the whole month leaves 2 workers for 10 Erlangs: over 80 % busy unless a draw falls below 0.16
    // (probability about 1e-9 at cv 0.3), so every minute is over, and counted once.
    const lossAllMonth = { at: 0, duration: 30 * 1440, errorFraction: { kind: 'constant' as const, value: 0 }, latencyFactor: 1, capacityLoss: 0.9 };
    const s = scenario([pool({ traffic: { rps: 100, noise: { cv: 0.3, correlationMinutes: 15 } }, scripted: [lossAllMonth] })], [poolSlo()], { trials: 20 });
    const seen: number[] = [];
    eachTrial(s, 20, (o) => seen.push(o.slos[0].attainment));
    expect(seen).toEqual(new Array(20).fill(0));
  });

  it('reads a slowdown at the noisy load: a block whose draw pushes the slowed pool over the limit is bad, one whose draw keeps it under is good', () => {
    // 1.1x slower for the whole month: 11 Erlangs of 15 (73 %) at the mean load; over 80 % when the draw exceeds 12 / 11.
    const slow = { at: 0, duration: 30 * 1440, errorFraction: { kind: 'constant' as const, value: 0 }, latencyFactor: 1.1, capacityLoss: 0 };
    const cv = 0.3;
    const s = scenario([pool({ traffic: { rps: 100, noise: { cv, correlationMinutes: 15 } }, scripted: [slow] })], [poolSlo()], { trials: 100 });
    const r = simulate(s);
    const sigma = Math.sqrt(Math.log(1 + cv * cv));
    const p = normalSurvival((Math.log(12 / 11) + (sigma * sigma) / 2) / sigma);
    const blocks = (100 * 30 * 1440) / 15;
    const se = Math.sqrt((p * (1 - p)) / blocks);
    expect(Math.abs((100 - r.slos[0].attainment.mean) / 100 - p)).toBeLessThan(4 * se);
  });

  it('the schema asks for a limit, rejects one on a request SLI, and needs the service queue', () => {
    const doc = {
      apiVersion: 'budgetcast/v1', kind: 'Scenario', metadata: { name: 't' }, simulation: { start: '2027-01-01T00:00:00Z' },
      services: [{ id: 'a', traffic: { rps: 1 } }],
      slos: [
        { id: 'u', service: 'a', sli: 'utilization', target: 99, window: { rolling: '1d' } },
        { id: 'v', service: 'a', sli: 'availability', limit: 3, target: 99, window: { rolling: '1d' } },
        { id: 'w', service: 'a', sli: 'queueLength', limit: 3, perInstance: true, target: 99, window: { rolling: '1d' } },
      ],
    };
    const read = parseScenarioObject(doc);
    expect(read.ok).toBe(false);
    const lines = read.ok ? [] : read.issues.map((i) => `${i.path}: ${i.message}`);
    expect(lines).toContain('slos[0].limit: is required for a utilization SLI (percent of the workers busy)');
    expect(lines).toContain("slos[1].limit: applies only to the utilization, queueLength and concurrency SLIs (this SLO's sli is availability)");
    expect(lines).toContain("slos[2].perInstance: applies only to a concurrency SLI (this SLO's sli is queueLength)");
    expect(lines).toContain("slos[2].sli: is queueLength, which needs the queue of service 'a': add a latency model (services[0].latency) and a capacity (services[0].capacity)");
  });
});
