import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalPdf, normalQuantile, normalSurvival } from '../../../simulation/random/normal';

/** Tabulated values of the standard normal distribution function (Abramowitz and Stegun 26.2, to 16 digits). */
const TABLE: [number, number][] = [
  [-10, 7.619853024160527e-24],
  [-5, 2.866515718791939e-7],
  [-3, 1.3498980316300946e-3],
  [-1.96, 2.4997895148220435e-2],
  [-1, 0.15865525393145707],
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [1.2815515655446004, 0.9],
  [2, 0.9772498680518208],
];

describe('normalCdf', () => {
  it('matches tabulated values to 1e-14 relative, tails included', () => {
    for (const [x, p] of TABLE) expect(Math.abs(normalCdf(x) - p) / p).toBeLessThan(1e-14);
  });

  it('has an upper tail accurate in relative terms where 1 - cdf would round to 0', () => {
    expect(Math.abs(normalSurvival(10) / 7.619853024160527e-24 - 1)).toBeLessThan(1e-14);
    expect(normalSurvival(-1) + normalSurvival(1)).toBeCloseTo(1, 15);
  });

  it('gives erfc(0) = 1, erfc(1) = 0.157299207050285 and erfc(-x) = 2 - erfc(x)', () => {
    expect(erfc(0)).toBeCloseTo(1, 15);
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 15);
    expect(erfc(-0.7)).toBeCloseTo(2 - erfc(0.7), 15);
  });

  it('has the density 1 / sqrt(2 pi) at 0', () => {
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
  });
});

describe('normalQuantile', () => {
  it('inverts the tabulated values to 1e-13', () => {
    for (const [x, p] of TABLE.filter(([x]) => x !== -10)) expect(normalQuantile(p)).toBeCloseTo(x, 13);
  });

  it('gives the 97.5th percentile 1.959963984540054 and the 1e-10 quantile -6.361340902404056', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
  });

  it('is the inverse of normalCdf across (0, 1), far tails included', () => {
    for (const p of [1e-300, 1e-50, 1e-12, 0.001, 0.02, 0.3, 0.5, 0.77, 0.999, 1 - 1e-12]) {
      const x = normalQuantile(p);
      expect(Math.abs(normalCdf(x) - p) / Math.min(p, 1 - p)).toBeLessThan(1e-9);
    }
  });

  it('is infinite at 0 and 1 and undefined outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});
