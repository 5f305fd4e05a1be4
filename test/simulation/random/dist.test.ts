import { describe, expect, it } from 'vitest';
import type { Dist } from '../../../simulation/scenario/types';
import { Rng } from '../../../simulation/random/prng';
import { Z90, compileDist, distCdf, distMean, distQuantile, lognormalSigma, sampleDist } from '../../../simulation/random/dist';

const N = 400_000;

function within4SE(estimate: number, exact: number, se: number): void {
  expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(4 * se);
}

function draw(d: Dist, seed: number, n = N): Float64Array {
  const rng = Rng.forStream(seed, 0, 0);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = sampleDist(rng, d);
  return xs;
}

const mean = (xs: Float64Array): number => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('lognormal from median and p90', () => {
  const d: Dist = { kind: 'lognormal', median: 30, p90: 70 };
  const sigma = Math.log(70 / 30) / 1.2815515655446004;

  it('has sigma = ln(p90 / median) / 1.2815515655446004', () => {
    expect(Z90).toBe(1.2815515655446004);
    expect(lognormalSigma(30, 70)).toBeCloseTo(sigma, 15);
  });

  it('has mean median x exp(sigma^2 / 2), which is e^(1/2) for median 1 and sigma 1', () => {
    expect(distMean({ kind: 'lognormal', median: 1, p90: Math.exp(1.2815515655446004) })).toBeCloseTo(Math.exp(0.5), 14);
    expect(distMean(d)).toBeCloseTo(30 * Math.exp(0.5 * sigma * sigma), 12);
  });

  it('returns its median and p90 as its 50th and 90th percentiles', () => {
    expect(distQuantile(d, 0.5)).toBeCloseTo(30, 12);
    expect(distQuantile(d, 0.9)).toBeCloseTo(70, 12);
    expect(distCdf(d, 70)).toBeCloseTo(0.9, 14);
  });

  it('samples a 90th percentile equal to p90 within 4 SE of a sample quantile', () => {
    const xs = draw(d, 1).sort();
    const p = 0.9;
    const q = xs[Math.floor(p * N)];
    // Density at p90: phi(Z90) / (p90 sigma).
    const density = Math.exp(-0.5 * Z90 * Z90) / Math.sqrt(2 * Math.PI) / (70 * sigma);
    within4SE(q, 70, Math.sqrt((p * (1 - p)) / N) / density);
    const below = xs.filter((x) => x <= 70).length / N;
    within4SE(below, 0.9, Math.sqrt(0.09 / N));
  });

  it('samples the mean median x exp(sigma^2 / 2) within 4 SE', () => {
    const m = 30 * Math.exp(0.5 * sigma * sigma);
    const variance = (Math.exp(sigma * sigma) - 1) * m * m;
    within4SE(mean(draw(d, 2)), m, Math.sqrt(variance / N));
  });
});

describe('exponential by its mean', () => {
  const d: Dist = { kind: 'exponential', mean: 4 };

  it('has mean 4, median 4 ln 2 and distribution function 1 - e^(-x/4)', () => {
    expect(distMean(d)).toBe(4);
    expect(distQuantile(d, 0.5)).toBeCloseTo(4 * Math.LN2, 14);
    expect(distCdf(d, 4)).toBeCloseTo(1 - Math.exp(-1), 14);
  });

  it('samples mean 4 and P(X > 8) = e^-2 within 4 SE', () => {
    const xs = draw(d, 3);
    within4SE(mean(xs), 4, 4 / Math.sqrt(N));
    const p = Math.exp(-2);
    within4SE(xs.filter((x) => x > 8).length / N, p, Math.sqrt((p * (1 - p)) / N));
  });
});

describe('uniform by its bounds', () => {
  const d: Dist = { kind: 'uniform', min: 0.02, max: 0.2 };

  it('has mean 0.11 and quantiles on the straight line from min to max', () => {
    expect(distMean(d)).toBeCloseTo(0.11, 15);
    expect(distQuantile(d, 0.25)).toBeCloseTo(0.065, 15);
    expect(distCdf(d, 0.065)).toBeCloseTo(0.25, 14);
  });

  it('samples inside [min, max) with mean 0.11 and variance (0.18)^2 / 12 within 4 SE', () => {
    const xs = draw(d, 4);
    expect(Math.min(...xs.subarray(0, 10_000))).toBeGreaterThanOrEqual(0.02);
    expect(Math.max(...xs.subarray(0, 10_000))).toBeLessThan(0.2);
    const width = 0.18;
    within4SE(mean(xs), 0.11, Math.sqrt((width * width) / 12 / N));
    const sq = xs.reduce((s, x) => s + (x - 0.11) ** 2, 0) / N;
    within4SE(sq, (width * width) / 12, Math.sqrt(width ** 4 / 180 / N));
  });
});

describe('constant', () => {
  it('always samples its value, which is its mean and every quantile', () => {
    const d: Dist = { kind: 'constant', value: 3 };
    const rng = Rng.forStream(1, 1, 1);
    expect([sampleDist(rng, d), sampleDist(rng, d)]).toEqual([3, 3]);
    expect(distMean(d)).toBe(3);
    expect(distQuantile(d, 0.99)).toBe(3);
  });
});

describe('compileDist', () => {
  const dists: Dist[] = [
    { kind: 'lognormal', median: 4, p90: 10 },
    { kind: 'exponential', mean: 7 },
    { kind: 'uniform', min: 1, max: 2 },
    { kind: 'constant', value: 0.3 },
  ];

  it('draws exactly the numbers sampleDist draws from the same generator state', () => {
    for (const d of dists) {
      const a = Rng.forStream(5, 6, 7);
      const b = Rng.forStream(5, 6, 7);
      const sampler = compileDist(d);
      let same = true;
      for (let i = 0; i < 1000; i++) same &&= sampler.sample(a) === sampleDist(b, d);
      expect(same).toBe(true);
    }
  });

  it('writes with sampleInto exactly the numbers sample returns, where it is told', () => {
    for (const d of dists) {
      const a = Rng.forStream(5, 6, 7);
      const b = Rng.forStream(5, 6, 7);
      const sampler = compileDist(d);
      const out = new Float64Array(1002);
      for (let i = 0; i < 1000; i++) sampler.sampleInto(a, out, i + 1);
      const expected = Float64Array.from({ length: 1002 }, (_, i) => (i === 0 || i === 1001 ? 0 : sampler.sample(b)));
      expect(out).toEqual(expected);
    }
  });
});
