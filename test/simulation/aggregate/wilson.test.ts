import { describe, expect, it } from 'vitest';
import { wilson } from '../../../simulation/aggregate/wilson';

// Published Wilson score intervals (Newcombe 1998, Table I; Brown, Cai & DasGupta 2001), 95 %.
describe('wilson', () => {
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [3, 10, 0.1078, 0.6032],
    [1, 100, 0.0018, 0.0545],
    [99, 100, 0.9455, 0.9982],
  ])('gives %i of %i the interval [%f, %f]', (k, n, lo, hi) => {
    const w = wilson(k, n);
    expect(w.estimate).toBe(k / n);
    expect(w.ci95[0]).toBeCloseTo(lo, 4);
    expect(w.ci95[1]).toBeCloseTo(hi, 4);
  });

  it('pins the interval to 0 with no successes and to 1 with no failures', () => {
    expect(wilson(0, 100).ci95[0]).toBe(0);
    expect(wilson(100, 100).ci95[1]).toBe(1);
  });

  it('says nothing is known from no trials', () => {
    expect(wilson(0, 0)).toEqual({ estimate: 0, ci95: [0, 1] });
  });

  it('narrows with z: z = 1 gives 5 of 10 the interval 0.5 +- 0.5 / sqrt(11)', () => {
    const w = wilson(5, 10, 1);
    expect(w.ci95[0]).toBeCloseTo(0.5 - 0.5 / Math.sqrt(11), 12);
    expect(w.ci95[1]).toBeCloseTo(0.5 + 0.5 / Math.sqrt(11), 12);
  });

  it('refuses more successes than trials', () => {
    expect(() => wilson(3, 2)).toThrow(RangeError);
  });
});
