import { describe, expect, it } from 'vitest';
import { integrate } from '../../../simulation/model/queueing-integrate';

describe('integrate', () => {
  it('integrates polynomials up to degree 22 exactly on one Kronrod panel', () => {
    for (let k = 0; k <= 22; k++) {
      const exact = (1 - (-1) ** (k + 1)) / (k + 1);
      expect(integrate((x) => x ** k, -1, 1, 1)).toBeCloseTo(exact, 13);
    }
  });

  it('integrates e^x over [0, 1] to e - 1 and the standard normal density over [-8, 8] to 1', () => {
    expect(integrate(Math.exp, 0, 1, 1e-12)).toBeCloseTo(Math.E - 1, 14);
    const density = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    expect(integrate(density, -8, 8, 1e-12)).toBeCloseTo(1, 13);
  });

  it('resolves a sharp spike by subdividing: 1000 e^{-1000 x} over [0, 1] is 1 - e^-1000', () => {
    expect(integrate((x) => 1000 * Math.exp(-1000 * x), 0, 1, 1e-10)).toBeCloseTo(1, 10);
  });

  it('is 0 over an empty or reversed interval', () => {
    expect(integrate(() => 1, 2, 2, 1e-9)).toBe(0);
    expect(integrate(() => 1, 3, 2, 1e-9)).toBe(0);
  });
});
