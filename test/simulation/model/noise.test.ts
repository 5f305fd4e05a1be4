import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../../simulation/random/normal';
import { scenario, service, slo } from '../../helpers/make-scenario';
import { eachTrial, simulate } from '../../helpers/run';

describe('traffic noise (DESIGN 3.1)', () => {
  // Demand 100 rps held by mean-one lognormal blocks of 60 minutes (cv 0.3) on a fixed capacity of 150 rps.
  const cv = 0.3;
  const K = 1.5;
  const s = scenario(
    [service('api', { traffic: { rps: 100, noise: { cv, correlationMinutes: 60 } }, capacity: { instances: 10, rpsPerInstance: 15 } })],
    [slo('avail', 'api', { target: 99, window: { kind: 'calendar', unit: 'quarter' } })],
    { horizonDays: 30, trials: 200 },
  );
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  // E[max(0, n - K)] for a mean-one lognormal n: the share of requests shed.
  const d1 = (sigma * sigma / 2 - Math.log(K)) / sigma;
  const shedExact = normalCdf(d1) - K * normalCdf(d1 - sigma);

  it('sheds the lognormal excess over capacity, E[max(0, n - 1.5)] of requests', () => {
    const shed: number[] = [];
    const attained: number[] = [];
    eachTrial(s, 200, (o) => {
      shed.push(o.services[0].shedFraction);
      attained.push(o.slos[0].attainment);
    });
    const mean = shed.reduce((a, b) => a + b, 0) / shed.length;
    const sd = Math.sqrt(shed.reduce((a, b) => a + (b - mean) ** 2, 0) / (shed.length - 1));
    expect(Math.abs(mean - shedExact)).toBeLessThan(4 * (sd / Math.sqrt(shed.length)) + 1e-9);
    // With no other failure, the SLI is exactly the share of requests not shed.
    attained.forEach((a, i) => expect(a).toBeCloseTo(100 * (1 - shed[i]), 9));
  });

  it('keeps the mean number of requests and overloads as often as some block exceeds capacity', () => {
    // Capacity 240 rps: a block overloads with probability about 1/1000, some block of 720 in about half the trials.
    const K2 = 2.4;
    const s2 = { ...s, services: [{ ...s.services[0], capacity: { instances: 10, rpsPerInstance: 24 } }] };
    const doc = simulate(s2, 400);
    const svc = doc.services[0];
    const blocks = 30 * 24;
    const pBlock = 1 - normalCdf((Math.log(K2) + (sigma * sigma) / 2) / sigma);
    const pAny = 1 - (1 - pBlock) ** blocks;
    expect(pAny).toBeGreaterThan(0.2);
    expect(pAny).toBeLessThan(0.8);
    expect(Math.abs(svc.overloadProbability - pAny)).toBeLessThan(4 * Math.sqrt((pAny * (1 - pAny)) / 400));
    // Requests: 100 rps x 30 days, times the mean of 720 mean-one draws (sd cv / sqrt(720) per trial).
    const expected = 100 * 86400 * 30;
    expect(Math.abs(svc.requestsMean / expected - 1)).toBeLessThan((4 * cv) / Math.sqrt(720 * 400));
  });
});
