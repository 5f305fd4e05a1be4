import { describe, expect, it } from 'vitest';
import { Rng } from '../../../simulation/random/prng';
import { logFactorial, poisson, poissonArrivals } from '../../../simulation/random/poisson';

function within4SE(estimate: number, exact: number, se: number): void {
  expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(4 * se);
}

/** Exact Poisson probability P(N = k), summed in logs independently of the code under test. */
function pmf(mean: number, k: number): number {
  let log = -mean + k * Math.log(mean);
  for (let i = 2; i <= k; i++) log -= Math.log(i);
  return Math.exp(log);
}

describe('logFactorial', () => {
  it('gives ln 10! = ln 3628800 and agrees with a sum of logs past the table', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3628800), 13);
    for (const k of [255, 256, 300, 5000]) {
      let sum = 0;
      for (let i = 2; i <= k; i++) sum += Math.log(i);
      expect(Math.abs(logFactorial(k) - sum) / sum).toBeLessThan(1e-13);
    }
  });
});

describe('poisson', () => {
  const n = 200_000;

  for (const m of [0.3, 4, 9.99, 10, 37.5, 1000, 250_000]) {
    it(`has mean and variance ${m} within 4 SE at mean ${m}`, () => {
      const rng = Rng.forStream(11, 0, Math.round(m * 100));
      let sum = 0;
      let sq = 0;
      let valid = true;
      for (let i = 0; i < n; i++) {
        const k = poisson(rng, m);
        valid &&= Number.isInteger(k) && k >= 0;
        sum += k;
        sq += k * k;
      }
      expect(valid).toBe(true);
      const mean = sum / n;
      const variance = sq / n - mean * mean;
      within4SE(mean, m, Math.sqrt(m / n));
      // Var of the sample variance: (mu4 - sigma^4) / n with mu4 = m (1 + 3m).
      within4SE(variance, m, Math.sqrt((m + 2 * m * m) / n));
    });
  }

  for (const m of [3.2, 15]) {
    it(`puts the exact probability on each count at mean ${m} within 4 SE`, () => {
      const rng = Rng.forStream(12, 0, 0);
      const counts = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const k = poisson(rng, m);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      for (let k = 0; k <= 3 * m; k++) {
        const p = pmf(m, k);
        within4SE((counts.get(k) ?? 0) / n, p, Math.sqrt((p * (1 - p)) / n));
      }
    });
  }

  it('returns 0 for a mean of 0 or less', () => {
    const rng = Rng.forStream(1, 0, 0);
    expect(poisson(rng, 0)).toBe(0);
    expect(poisson(rng, -3)).toBe(0);
  });
});

describe('poissonArrivals', () => {
  it('fills increasing times inside [from, to) and counts rate x length on average, with Poisson variance', () => {
    const rng = Rng.forStream(13, 0, 0);
    const out: number[] = [];
    const rate = 0.02;
    const from = -1440;
    const to = 8640;
    const expected = rate * (to - from);
    const windows = 20_000;
    let sum = 0;
    let sq = 0;
    let ordered = true;
    for (let w = 0; w < windows; w++) {
      const count = poissonArrivals(rng, rate, from, to, out);
      for (let i = 0; i < count; i++) ordered &&= out[i] >= from && out[i] < to && (i === 0 || out[i] > out[i - 1]);
      sum += count;
      sq += count * count;
    }
    expect(ordered).toBe(true);
    const mean = sum / windows;
    within4SE(mean, expected, Math.sqrt(expected / windows));
    within4SE(sq / windows - mean * mean, expected, Math.sqrt((expected + 2 * expected * expected) / windows));
  });

  it('spreads arrivals evenly: each half of the window gets half of them within 4 SE', () => {
    const rng = Rng.forStream(14, 0, 0);
    const out: number[] = [];
    let firstHalf = 0;
    let total = 0;
    for (let w = 0; w < 5000; w++) {
      const count = poissonArrivals(rng, 0.5, 0, 100, out);
      for (let i = 0; i < count; i++) if (out[i] < 50) firstHalf++;
      total += count;
    }
    within4SE(firstHalf / total, 0.5, Math.sqrt(0.25 / total));
  });

  it('keeps earlier arrivals when the window is extended', () => {
    const short: number[] = [];
    const long: number[] = [];
    const a = poissonArrivals(Rng.forStream(15, 2, 3), 0.1, 0, 500, short);
    const b = poissonArrivals(Rng.forStream(15, 2, 3), 0.1, 0, 1000, long);
    expect(b).toBeGreaterThanOrEqual(a);
    expect(long.slice(0, a)).toEqual(short.slice(0, a));
  });

  it('returns no arrivals for a zero rate or an empty window', () => {
    const rng = Rng.forStream(1, 0, 0);
    expect(poissonArrivals(rng, 0, 0, 100, [])).toBe(0);
    expect(poissonArrivals(rng, 1, 100, 100, [])).toBe(0);
  });
});
