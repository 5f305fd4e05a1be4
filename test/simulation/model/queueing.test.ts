import { describe, expect, it } from 'vitest';
import type { Dist } from '../../../simulation/scenario/types';
import { defaultWorkers, erlangB, erlangC, latencyTail, shedFraction, waitChance } from '../../../simulation/model/queueing';
import { Rng } from '../../../simulation/random/prng';
import { erlangCBySum } from '../../helpers/erlang';

/** Erlang B by the full recurrence from B(0) = 1. */
function erlangBFull(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Box-Muller standard normal from two uniforms, independent of the engine's ziggurat. */
function boxMuller(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(rng.nextOpen())) * Math.cos(2 * Math.PI * rng.next());
}

/** P(S + W > T) by a fine midpoint rule over s in [0, T]: P(S > T) + C * int exp(-theta (T - s)) f(s) ds. */
function tailByFineIntegration(T: number, C: number, theta: number, density: (s: number) => number, survivalAtT: number): number {
  // 1e-4 ms cells, so that integer-millisecond breakpoints of a density fall on cell edges.
  const steps = Math.round(T * 10_000);
  const h = T / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const s = (i + 0.5) * h;
    sum += Math.exp(-theta * (T - s)) * density(s);
  }
  return survivalAtT + C * sum * h;
}

describe('erlangC', () => {
  it('gives C(3, 2) = 4/9, C(2, 1.5) = 9/14 and 0.2387 for 55 servers at 48 Erlangs', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 14);
    expect(erlangC(2, 1.5)).toBeCloseTo(9 / 14, 14);
    expect(Math.round(erlangC(55, 48) * 1e4) / 1e4).toBe(0.2387);
  });

  it('equals the textbook sum for small pools at any load below saturation', () => {
    for (const c of [1, 2, 5, 17, 40]) {
      for (const rho of [0.01, 0.3, 0.7, 0.95, 0.999]) {
        expect(erlangC(c, c * rho)).toBeCloseTo(erlangCBySum(c, c * rho), 12);
      }
    }
  });

  it('is rho for a single server (M/M/1)', () => {
    expect(erlangC(1, 0.37)).toBeCloseTo(0.37, 15);
  });

  it('stays finite and equal to the full Erlang B recurrence up to 100000 servers', () => {
    for (const c of [1000, 20_000, 100_000]) {
      for (const rho of [0.5, 0.9, 0.99, 0.9999]) {
        const a = c * rho;
        const b = erlangBFull(c, a);
        expect(Math.abs(erlangB(c, a) - b)).toBeLessThanOrEqual(1e-12 * b + 1e-300);
        const cWait = erlangC(c, a);
        expect(cWait).toBeGreaterThanOrEqual(0);
        expect(cWait).toBeLessThanOrEqual(1);
        expect(cWait).toBeCloseTo(b / (1 - rho * (1 - b)), 10);
      }
    }
  });

  it('agrees with the Halfin-Whitt limit for a large pool in the quality-and-efficiency regime', () => {
    // c = 10000, beta = (1 - rho) sqrt(c) = 1: C -> 1 / (1 + beta Phi(beta) / phi(beta)) = 0.2225 (to about 1/sqrt(c)).
    const c = 10_000;
    const limit = 1 / (1 + (1 * 0.8413447460685429) / 0.24197072451914337);
    expect(Math.abs(erlangC(c, c * (1 - 1 / Math.sqrt(c))) - limit)).toBeLessThan(0.01);
  });

  it('is what waitChance gives, except that waitChance rounds a chance below 1e-25 to 0', () => {
    expect(waitChance(3, 2)).toBeCloseTo(4 / 9, 14);
    expect(waitChance(55, 48)).toBe(erlangC(55, 48));
    // 1000 servers at half load: B = P(X = 1000) / P(X <= 1000) = e^-500 500^1000 / 1000! for X ~ Poisson(500),
    // and C = B / (1 - rho (1 - B)) = 2 B, about 3.3e-86.
    let lnFactorial = 0;
    for (let k = 2; k <= 1000; k++) lnFactorial += Math.log(k);
    const c = 2 * Math.exp(-500 + 1000 * Math.log(500) - lnFactorial);
    expect(erlangC(1000, 500) / c).toBeCloseTo(1, 10);
    expect(waitChance(1000, 500)).toBe(0);
  });

  it('is 1 at or beyond saturation and 0 without load', () => {
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(4, 9)).toBe(1);
    expect(erlangC(4, 0)).toBe(0);
    expect(erlangB(4, 0)).toBe(0);
  });
});

describe('latencyTail with exponential service times', () => {
  const svc: Dist = { kind: 'exponential', mean: 20 };

  it('is the M/M/1 response-time tail exp(-(mu - lambda) T) for one server', () => {
    // mu = 1 / 20 ms = 50 per second.
    for (const [lambda, T] of [
      [30, 100],
      [10, 50],
      [49, 2000],
      [1, 5],
    ]) {
      expect(latencyTail(T, lambda, 1, svc)).toBeCloseTo(Math.exp(-((50 - lambda) / 1000) * T), 13);
    }
  });

  it('matches the M/M/c closed form computed independently at several points', () => {
    // P(S + W > T) = e^{-mu T} + C mu (e^{-mu T} - e^{-theta T}) / (theta - mu), theta = c mu - lambda.
    for (const [c, lambda, T] of [
      [4, 130, 60],
      [8, 300, 30],
      [16, 790, 45],
      [3, 20, 10],
    ]) {
      const mu = 1 / 20;
      const lam = lambda / 1000;
      const theta = c * mu - lam;
      const C = erlangCBySum(c, lam / mu);
      const exact = Math.exp(-mu * T) + (C * mu * (Math.exp(-mu * T) - Math.exp(-theta * T))) / (theta - mu);
      expect(latencyTail(T, lambda, c, svc)).toBeCloseTo(exact, 12);
    }
  });

  it('takes the limit e^{-mu T} (1 + C mu T) when the wait rate equals the service rate', () => {
    // theta = c mu - lambda = mu when lambda = (c - 1) mu: c = 3, mu = 50/s, lambda = 100/s.
    const mu = 1 / 20;
    const T = 80;
    const C = erlangCBySum(3, 2);
    const exact = Math.exp(-mu * T) * (1 + C * mu * T);
    expect(latencyTail(T, 100, 3, svc)).toBeCloseTo(exact, 13);
    expect(latencyTail(T, 100 * (1 + 1e-9), 3, svc)).toBeCloseTo(exact, 8);
    expect(latencyTail(T, 100 * (1 - 1e-9), 3, svc)).toBeCloseTo(exact, 8);
  });

  it('is the service-time tail alone without traffic and 1 once lambda reaches c mu', () => {
    expect(latencyTail(40, 0, 2, svc)).toBeCloseTo(Math.exp(-2), 15);
    expect(latencyTail(40, 100, 2, svc)).toBe(1);
    expect(latencyTail(40, 150, 2, svc)).toBe(1);
  });

  it('is 1 with no server at all', () => {
    expect(latencyTail(40, 0, 0, svc)).toBe(1);
    expect(latencyTail(40, 10, 0.5, svc)).toBe(1);
  });

  it('multiplies the service time by the latency factor phi', () => {
    expect(latencyTail(300, 30, 4, svc, 3)).toBeCloseTo(latencyTail(300, 30, 4, { kind: 'exponential', mean: 60 }), 14);
  });
});

describe('latencyTail with a constant service time', () => {
  const svc: Dist = { kind: 'constant', value: 10 };

  it('is C e^{-theta (T - s)} at and above s, and 1 below it', () => {
    // mu = 100 per second, 2 servers at 150 rps: a = 1.5, C = 9/14, theta = 50/s = 0.05 per ms.
    expect(latencyTail(30, 150, 2, svc)).toBeCloseTo((9 / 14) * Math.exp(-0.05 * 20), 14);
    expect(latencyTail(10, 150, 2, svc)).toBeCloseTo(9 / 14, 14);
    expect(latencyTail(9.99, 150, 2, svc)).toBe(1);
  });
});

describe('latencyTail with lognormal and uniform service times', () => {
  interface Case {
    name: string;
    d: Dist;
    mean: number;
    c: number;
    lambda: number;
    T: number;
    density: (s: number) => number;
    survival: (t: number) => number;
    draw: (rng: Rng) => number;
  }
  const cases: Case[] = [];
  {
    const median = 30;
    const sigma = Math.log(70 / 30) / 1.2815515655446004;
    const mean = median * Math.exp((sigma * sigma) / 2);
    const density = (s: number): number => Math.exp(-((Math.log(s / median) / sigma) ** 2) / 2) / (s * sigma * Math.sqrt(2 * Math.PI));
    const survival = (t: number): number => 0.5 * (1 - erf(Math.log(t / median) / (sigma * Math.SQRT2)));
    const draw = (rng: Rng): number => median * Math.exp(sigma * boxMuller(rng));
    for (const [c, rho, T] of [
      [1, 0.6, 100],
      [8, 0.85, 80],
      [64, 0.95, 60],
    ]) {
      const d: Dist = { kind: 'lognormal', median, p90: 70 };
      cases.push({ name: `lognormal 30/70 ms, c = ${c}, rho = ${rho}, T = ${T}`, d, mean, c, lambda: (rho * c * 1000) / mean, T, density, survival, draw });
    }
  }
  {
    const [lo, hi] = [10, 50];
    const density = (s: number): number => (s >= lo && s <= hi ? 1 / (hi - lo) : 0);
    const survival = (t: number): number => Math.min(1, Math.max(0, (hi - t) / (hi - lo)));
    const draw = (rng: Rng): number => lo + (hi - lo) * rng.next();
    for (const [c, rho, T] of [
      [1, 0.5, 60],
      [4, 0.9, 45],
      [32, 0.97, 70],
    ]) {
      const d: Dist = { kind: 'uniform', min: lo, max: hi };
      cases.push({ name: `uniform 10-50 ms, c = ${c}, rho = ${rho}, T = ${T}`, d, mean: 30, c, lambda: (rho * c * 1000) / 30, T, density, survival, draw });
    }
  }

  for (const k of cases) {
    const a = (k.lambda * k.mean) / 1000;
    const C = erlangCBySum(k.c, a);
    const theta = (k.c - a) / k.mean;

    it(`agrees with a fine numerical integration to 1e-5: ${k.name}`, () => {
      const exact = tailByFineIntegration(k.T, C, theta, k.density, k.survival(k.T));
      expect(Math.abs(latencyTail(k.T, k.lambda, k.c, k.d) - exact)).toBeLessThan(1e-5);
    });

    it(`agrees with a brute-force Monte Carlo within 4 SE: ${k.name}`, () => {
      const rng = Rng.forStream(99, 0, k.c);
      const n = 200_000;
      let slow = 0;
      for (let i = 0; i < n; i++) {
        const s = k.draw(rng);
        const w = rng.next() < C ? -Math.log(rng.nextOpen()) / theta : 0;
        if (s + w > k.T) slow++;
      }
      const p = latencyTail(k.T, k.lambda, k.c, k.d);
      expect(Math.abs(slow / n - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / n));
    });
  }

  it('scales a lognormal service time by phi like scaling its median and p90', () => {
    const scaled = latencyTail(200, 40, 6, { kind: 'lognormal', median: 60, p90: 140 });
    expect(latencyTail(200, 40, 6, { kind: 'lognormal', median: 30, p90: 70 }, 2)).toBeCloseTo(scaled, 12);
  });

  it('is 1 for an overloaded lognormal queue', () => {
    expect(latencyTail(1e6, 1000, 10, { kind: 'lognormal', median: 30, p90: 70 })).toBe(1);
  });
});

describe('defaultWorkers', () => {
  it('is ceil(rpsPerInstance x mean service time in seconds): 250 rps at 30 ms needs 8', () => {
    expect(defaultWorkers(250, 30)).toBe(8);
    expect(defaultWorkers(100, 30)).toBe(3);
    expect(defaultWorkers(0.1 * 3, 10_000)).toBe(3);
    expect(defaultWorkers(1, 1)).toBe(1);
  });
});

describe('shedFraction', () => {
  it('loses 1/6 of a demand of 1200 on a capacity of 1000', () => {
    expect(shedFraction(1200, 1000)).toBeCloseTo(1 / 6, 15);
  });

  it('sheds nothing below capacity or without demand, everything without capacity', () => {
    expect(shedFraction(800, 1000)).toBe(0);
    expect(shedFraction(0, 1000)).toBe(0);
    expect(shedFraction(0, 0)).toBe(0);
    expect(shedFraction(5, 0)).toBe(1);
  });
});

/** erf by its Maclaurin series (accurate to rounding for the |x| < 2 these tests use). */
function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
