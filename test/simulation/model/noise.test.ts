import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../../simulation/random/normal';
import { scenario, service, slo } from '../../helpers/make-scenario';
import { compileScenario } from '../../../simulation/model/compile';
import type { NoiseBlocks } from '../../../simulation/model/service';
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

  it('takes, with shedding at baseline too, exactly the share of requests not shed as the SLI', () => {
    // Capacity 80 rps against 100: the baseline sheds 1/5 in every block, and each draw sheds max(0, n - 0.8) / n.
    const s3 = { ...s, services: [{ ...s.services[0], capacity: { instances: 10, rpsPerInstance: 8 } }] };
    eachTrial(s3, 20, (o) => {
      expect(o.services[0].shedFraction).toBeGreaterThan(0.2);
      expect(o.slos[0].attainment).toBeCloseTo(100 * (1 - o.services[0].shedFraction), 9);
    });
  });
});

describe('an alerting SLO under traffic noise', () => {
  it('counts, step by step, what an SLO without rules counts block by block', () => {
    // Noise moves the shed share block by block; the alerting SLO takes that step by step (its rule reads steps),
    // the other by whole block. Same SLO otherwise: same attainment and budget, to rounding.
    const s = {
      ...scenario(
        [service('api', { traffic: { rps: 100, noise: { cv: 0.3, correlationMinutes: 30 } }, capacity: { instances: 10, rpsPerInstance: 9 } })],
        [slo('plain', 'api', { target: 85, window: { kind: 'rolling', days: 3 } }), slo('alerting', 'api', { target: 85, window: { kind: 'rolling', days: 3 } })],
        { horizonDays: 7 },
      ),
      policy: { budget: [], alerts: [{ kind: 'burnRate' as const, name: 'fast', long: 60, short: 5, burnRate: 14.4, severity: 'page' as const, slos: ['alerting'] }], detectByAlerts: false },
    };
    eachTrial(s, 5, (o) => {
      const [plain, alerting] = o.slos;
      expect(plain.attainment).toBeLessThan(95);
      expect(Math.abs(alerting.attainment - plain.attainment)).toBeLessThan(1e-9);
      for (let d = 0; d < plain.budgetRemaining.length; d++) expect(Math.abs(alerting.budgetRemaining[d] - plain.budgetRemaining[d])).toBeLessThan(1e-9);
    });
  });
});

describe('the autoscaler under traffic noise', () => {
  it('sizes a block from the demand it saw a reaction earlier, in the block before', () => {
    // 60-minute blocks, a 45-minute reaction: block b's middle step is sized for block b - 1's draw, so its
    // utilisation is about n_b / n_(b-1), above 1 in some block of every trial (it could not exceed 1 if sized for n_b).
    const s = scenario(
      [service('api', { traffic: { rps: 1000, noise: { cv: 0.3, correlationMinutes: 60 } }, capacity: { instances: 10, rpsPerInstance: 100, autoscale: { min: 1, max: 100, targetUtilization: 1, reaction: 45 } } })],
      [slo('avail', 'api', { target: 90, window: { kind: 'rolling', days: 1 } })],
      { horizonDays: 2 },
    );
    eachTrial(s, 5, (o) => {
      expect(o.services[0].peakUtilization).toBeGreaterThan(1);
      expect(o.services[0].shedFraction).toBeGreaterThan(0);
    });
  });
});

describe('the noise pass\'s per-block arrays', () => {
  // 50-minute blocks straddle the days (the accounting buckets); a 45-minute reaction puts the autoscaler's input
  // of most blocks' middle step in the block before; the baseline sheds at the daily peak; 2 days of warm-up.
  const s = scenario(
    [service('api', {
      traffic: { rps: 100, diurnal: { amplitude: 0.5, peakHour: 14 }, noise: { cv: 0.2, correlationMinutes: 50 } },
      capacity: { instances: 1, rpsPerInstance: 110, autoscale: { min: 1, max: 1, targetUtilization: 0.8, reaction: 45 } },
      baselineErrorFraction: 0.001,
    })],
    [slo('day', 'api', { target: 99, window: { kind: 'rolling', days: 2 } }), slo('month', 'api', { target: 99.5, window: { kind: 'calendar', unit: 'month' } })],
    { horizonDays: 5 },
  );
  const c = compileScenario(s);
  const svc = c.services[0];
  const nb = svc.noise as NoiseBlocks;
  const tl = c.timeline;
  const L = nb.blockSteps;
  const r = svc.cap.reactionSteps;

  it('holds each block\'s middle step, autoscaler input and horizon requests as the curves give them', () => {
    expect(L).toBe(50);
    expect(r).toBe(45);
    let behind = 0;
    for (let b = 0; b < nb.blocks; b++) {
      const k0 = b * L;
      const k1 = Math.min(tl.steps, k0 + L);
      const mid = (k0 + k1 - 1) >> 1;
      expect(nb.midDemand[b]).toBe(svc.demand[mid]);
      expect(nb.midShed[b]).toBe(svc.shed0[mid]);
      expect(nb.midBad[b]).toBe(svc.bad0[mid]);
      expect(nb.midDepKeep[b]).toBe(1);
      if (mid - r >= 0) {
        expect(nb.lagDemand[b]).toBe(svc.demand[mid - r]);
        expect(nb.lagBlock[b]).toBe(Math.floor((mid - r) / L));
        if (nb.lagBlock[b] === b - 1) behind++;
      } else expect(nb.lagDemand[b]).toBeNaN();
      let requests = 0;
      let shed = 0;
      for (let k = Math.max(k0, tl.horizonStep); k < k1; k++) {
        requests += svc.demand[k] * 60;
        shed += svc.demand[k] * 60 * svc.shed0[k];
      }
      expect(Math.abs(nb.horizonRequests[b] - requests)).toBeLessThanOrEqual(1e-9 * Math.max(1, requests));
      expect(Math.abs(nb.horizonShed[b] - shed)).toBeLessThanOrEqual(1e-9 * Math.max(1, requests));
    }
    expect(behind).toBeGreaterThan(nb.blocks / 2);
    expect(nb.horizonShed.some((x) => x > 0)).toBe(true);
  });

  it('cuts blocks at the accounting buckets\' edges and holds each piece\'s baseline requests per SLO', () => {
    let cut = 0;
    for (let b = 0; b < nb.blocks; b++) {
      const k0 = b * L;
      const k1 = Math.min(tl.steps, k0 + L);
      const mid = (k0 + k1 - 1) >> 1;
      const ends = Array.from(nb.pieceEnd.subarray(nb.pieceStart[b], nb.pieceStart[b + 1]));
      const edges = [];
      for (let k = k0 + 1; k < k1; k++) if (c.buckets.ofStep[k] !== c.buckets.ofStep[k - 1]) edges.push(k);
      expect(ends).toEqual([...edges, k1]);
      if (edges.length > 0) cut++;
      svc.slos.forEach((oi, j) => {
        const V = c.slos[oi].validCum as Float64Array;
        const G = c.slos[oi].goodCum;
        const vMid = V[mid + 1] - V[mid];
        expect(nb.midFraction[j][b]).toBe(1 - (G[mid + 1] - G[mid]) / vMid);
        let a = k0;
        ends.forEach((e, q) => {
          const p = nb.pieceStart[b] + q;
          expect(nb.pieceValid[j][p]).toBe(V[e] - V[a]);
          expect(nb.pieceBad[j][p]).toBe(V[e] - V[a] - (G[e] - G[a]));
          a = e;
        });
      });
    }
    expect(cut).toBeGreaterThan(3);
  });
});

