import { describe, expect, it } from 'vitest';
import { unitExponential } from '../../../../simulation/model/ml/exponential';
import { Rng } from '../../../../simulation/random/prng';

describe('the ziggurat exponential', () => {
  const n = 400_000;
  const rng = new Rng([2027]);
  const xs = Float64Array.from({ length: n }, () => unitExponential(rng));

  it('has mean 1 and variance 1', () => {
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean - 1)).toBeLessThan(4 / Math.sqrt(n));
    // Var of the sample variance of Exp(1) is (mu4 - 1) / n = 8 / n.
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(8 / n));
  });

  it.each([0.01, 0.1, 0.5, 1, 2, 4, 7.7, 9])('puts e^-%s of its mass beyond %s (through the base layer and the tail)', (x) => {
    const p = Math.exp(-x);
    let beyond = 0;
    for (const v of xs) if (v > x) beyond++;
    expect(Math.abs(beyond / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n) + 1 / n);
  });

  it('is never negative and repeats for a seed', () => {
    expect(Math.min(...xs.subarray(0, 10000))).toBeGreaterThanOrEqual(0);
    const a = new Rng([5]);
    const b = new Rng([5]);
    for (let i = 0; i < 1000; i++) expect(unitExponential(a)).toBe(unitExponential(b));
  });
});
