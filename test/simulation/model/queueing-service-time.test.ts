import { describe, expect, it, vi } from 'vitest';
import type { Dist } from '../../../simulation/scenario/types';
import { ServiceTime, oneMinusExpOver } from '../../../simulation/model/queueing-service-time';
import { lognormalSigma } from '../../../simulation/random/dist';
import { normalCdf } from '../../../simulation/random/normal';

describe('ServiceTime', () => {
  it('scales the mean by the latency factor', () => {
    expect(new ServiceTime({ kind: 'exponential', mean: 20 }, 3).mean).toBe(60);
    expect(new ServiceTime({ kind: 'uniform', min: 10, max: 30 }, 2).mean).toBe(40);
    expect(new ServiceTime({ kind: 'lognormal', median: 1, p90: Math.exp(1.2815515655446004) }, 2).mean).toBeCloseTo(2 * Math.exp(0.5), 13);
  });

  it('has the survival functions e^{-t/m}, (max - t) / (max - min) and 1/2 at a lognormal median', () => {
    expect(new ServiceTime({ kind: 'exponential', mean: 20 }).survival(40)).toBeCloseTo(Math.exp(-2), 15);
    expect(new ServiceTime({ kind: 'uniform', min: 10, max: 30 }).survival(25)).toBeCloseTo(0.25, 15);
    expect(new ServiceTime({ kind: 'lognormal', median: 30, p90: 70 }).survival(30)).toBeCloseTo(0.5, 15);
    expect(new ServiceTime({ kind: 'lognormal', median: 30, p90: 70 }).survival(70)).toBeCloseTo(0.1, 14);
    expect(new ServiceTime({ kind: 'constant', value: 5 }).survival(4.9)).toBe(1);
  });

  it('gives the queueing term mu t e^{-mu t} for an exponential service time when theta equals mu', () => {
    const s = new ServiceTime({ kind: 'exponential', mean: 20 });
    expect(s.queueTerm(80, 0.05)).toBeCloseTo(0.05 * 80 * Math.exp(-4), 15);
  });

  it('gives the queueing term (e^{-theta (t - max)} - e^{-theta (t - min)}) / (theta (max - min)) for a uniform one', () => {
    const s = new ServiceTime({ kind: 'uniform', min: 10, max: 30 });
    const theta = 0.07;
    expect(s.queueTerm(50, theta)).toBeCloseTo((Math.exp(-theta * 20) - Math.exp(-theta * 40)) / (theta * 20), 15);
    expect(s.queueTerm(5, theta)).toBe(0);
  });

  it('tends to P(S <= t) as the wait rate goes to 0 (every waiting request still in time)', () => {
    const s = new ServiceTime({ kind: 'lognormal', median: 30, p90: 70 });
    expect(s.queueTerm(70, 1e-12)).toBeCloseTo(0.9, 9);
  });

  it('treats a lognormal with p90 equal to its median as a constant', () => {
    const s = new ServiceTime({ kind: 'lognormal', median: 30, p90: 30 });
    expect(s.survival(29)).toBe(1);
    expect(s.queueTerm(40, 0.1)).toBeCloseTo(Math.exp(-1), 15);
  });
});

describe('oneMinusExpOver', () => {
  it('is (1 - e^{-x t}) / x, and t in the limit x -> 0', () => {
    expect(oneMinusExpOver(0.5, 2)).toBeCloseTo((1 - Math.exp(-1)) / 0.5, 15);
    expect(oneMinusExpOver(0, 3)).toBe(3);
    expect(oneMinusExpOver(1e-15, 3)).toBeCloseTo(3, 13);
  });
});

describe('ServiceTime.queueTermCurve', () => {
  const lognormals: [string, Dist, number, number][] = [
    ['median 30 ms, p90 70 ms, T = 100 ms', { kind: 'lognormal', median: 30, p90: 70 }, 100, 1],
    ['median 8 ms, p90 20 ms, T = 250 ms, phi = 2', { kind: 'lognormal', median: 8, p90: 20 }, 250, 2],
    ['median 8 ms, p90 120 ms, T = 200 ms', { kind: 'lognormal', median: 8, p90: 120 }, 200, 1],
    ['median 1 ms, p90 2 ms, T = 1 s', { kind: 'lognormal', median: 1, p90: 2 }, 1000, 1],
  ];

  for (const [name, d, t, phi] of lognormals) {
    it(`reads the lognormal queueing term within 1e-9 of its quadrature from theta t = 1e-12 to 1e5: ${name}`, () => {
      const s = new ServiceTime(d, phi);
      const curve = s.queueTermCurve(t);
      let worst = 0;
      // A step of 1/97 in ln theta lands on lattice points (multiples of 1/8), between them and across the Taylor limit.
      for (let lnThetaT = Math.log(1e-12); lnThetaT < Math.log(1e5); lnThetaT += 1 / 97) {
        const lnTheta = lnThetaT - Math.log(t);
        worst = Math.max(worst, Math.abs(curve.at(lnTheta) - s.queueTerm(t, Math.exp(lnTheta))));
      }
      expect(worst).toBeLessThan(1e-9);
    });
  }

  it('tends to P(S <= t) - theta E[t - S; S <= t] for slow waits, with E[S; S <= t] = e^{m + sigma^2 / 2} Phi(zt - sigma)', () => {
    const t = 100;
    const m = Math.log(30);
    const sigma = lognormalSigma(30, 70);
    const zt = (Math.log(t) - m) / sigma;
    const below = normalCdf(zt);
    const meanBelow = Math.exp(m + 0.5 * sigma * sigma) * normalCdf(zt - sigma);
    const curve = new ServiceTime({ kind: 'lognormal', median: 30, p90: 70 }).queueTermCurve(t);
    for (const theta of [1e-9, 1e-8, 1e-7]) {
      // The next term, theta^2 E[(t - S)^2; S <= t] / 2, is below 5e-11.
      expect(curve.at(Math.log(theta))).toBeCloseTo(below - theta * (t * below - meanBelow), 10);
    }
  });

  it('is the closed form mu (e^{-mu t} - e^{-theta t}) / (theta - mu) for an exponential service time', () => {
    const curve = new ServiceTime({ kind: 'exponential', mean: 20 }).queueTermCurve(80);
    for (const theta of [0.01, 0.2, 3]) {
      expect(curve.at(Math.log(theta))).toBeCloseTo((0.05 * (Math.exp(-0.05 * 80) - Math.exp(-theta * 80))) / (theta - 0.05), 14);
    }
  });

  it('is 0 when the threshold is far below the lognormal median', () => {
    const curve = new ServiceTime({ kind: 'lognormal', median: 1000, p90: 1100 }).queueTermCurve(10);
    expect(curve.at(Math.log(1e-6))).toBe(0);
    expect(curve.at(Math.log(0.5))).toBe(0);
  });

  it('answers bit for bit the same whatever was asked of it before, in a fresh module or not', async () => {
    const d: Dist = { kind: 'lognormal', median: 30, p90: 70 };
    const points = Array.from({ length: 400 }, (_, i) => -12 + i * 0.0371);
    vi.resetModules();
    const first = await import('../../../simulation/model/queueing-service-time');
    const fresh = new first.ServiceTime(d, 2).queueTermCurve(150);
    const inOrder = points.map((u) => fresh.at(u));
    vi.resetModules();
    const second = await import('../../../simulation/model/queueing-service-time');
    const curve = new second.ServiceTime(d, 2).queueTermCurve(150);
    expect(curve).not.toBe(fresh);
    // Widen its lattice from far above and far below first, then walk the points backwards.
    curve.at(9);
    curve.at(-40);
    curve.at(-8.5);
    for (let i = points.length - 1; i >= 0; i--) expect(curve.at(points[i])).toBe(inOrder[i]);
  });
});
