import { describe, expect, it } from 'vitest';
import { Rng } from '../../../simulation/random/prng';
import { MeanOneLognormal, meanOneLognormal } from '../../../simulation/random/mean-one-lognormal';

const N = 400_000;

function within4SE(estimate: number, exact: number, se: number): void {
  expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(4 * se);
}

describe('meanOneLognormal', () => {
  for (const cv of [0.05, 0.3, 1]) {
    it(`has mean 1 and coefficient of variation ${cv} within 4 SE`, () => {
      const rng = Rng.forStream(21, 0, Math.round(cv * 100));
      let sum = 0;
      let sq = 0;
      let positive = true;
      for (let i = 0; i < N; i++) {
        const x = meanOneLognormal(rng, cv);
        positive &&= x > 0;
        sum += x;
        sq += (x - 1) * (x - 1);
      }
      expect(positive).toBe(true);
      within4SE(sum / N, 1, cv / Math.sqrt(N));
      // Raw moments of the mean-one lognormal: E[X^k] = (1 + cv^2)^(k (k - 1) / 2).
      const g = 1 + cv * cv;
      const mu4 = g ** 6 - 4 * g ** 3 + 6 * g - 3;
      const seVariance = Math.sqrt((mu4 - cv ** 4) / N);
      // Delta method: sd = sqrt(variance), d sd = d variance / (2 cv).
      within4SE(Math.sqrt(sq / N), cv, seVariance / (2 * cv));
    });
  }

  it('is exactly 1 without noise', () => {
    expect(meanOneLognormal(Rng.forStream(1, 0, 0), 0)).toBe(1);
    expect(new MeanOneLognormal(0).sample(Rng.forStream(1, 0, 0))).toBe(1);
  });

  it('draws the same numbers through the precomputed sampler', () => {
    const a = Rng.forStream(3, 1, 4);
    const b = Rng.forStream(3, 1, 4);
    const sampler = new MeanOneLognormal(0.2);
    let same = true;
    for (let i = 0; i < 1000; i++) same &&= sampler.sample(a) === meanOneLognormal(b, 0.2);
    expect(same).toBe(true);
  });
});
