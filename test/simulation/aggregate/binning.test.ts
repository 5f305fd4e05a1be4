import { describe, expect, it } from 'vitest';
import { BUDGET_LINEAR, binningOf, budgetIndex, type HistogramKind } from '../../../simulation/aggregate/binning';

const kinds: HistogramKind[] = ['badFraction', 'budget', 'relative'];

describe('binningOf', () => {
  it.each(kinds)('gives %s representatives that increase with the bin and fall in their own bin', (kind) => {
    const b = binningOf(kind);
    for (let bin = 0; bin < b.bins; bin++) {
      if (bin > 0) expect(b.value(bin)).toBeGreaterThan(b.value(bin - 1));
      expect(b.index(b.value(bin))).toBe(bin);
    }
  });

  it('keeps exact zero apart from the smallest bad fraction', () => {
    const b = binningOf('badFraction');
    expect(b.index(0)).toBe(0);
    expect(b.value(0)).toBe(0);
    expect(b.index(1e-15)).toBe(1);
    expect(b.index(2 ** -40)).toBe(1);
  });

  it('represents budgets 1, 0 and -2 exactly and on [-2, 1] to within 0.001', () => {
    const b = binningOf('budget');
    for (const v of [1, 0, -2, 0.5, -1.25]) expect(b.value(b.index(v))).toBe(v);
    for (let v = -2; v <= 1; v += 0.0007) expect(Math.abs(b.value(b.index(v)) - v)).toBeLessThanOrEqual(0.001 + 1e-12);
  });

  it('bins j / 500 at j + zeroBin on the linear range, for callers that bin inline', () => {
    const { perUnit, low, high, zeroBin, bins } = BUDGET_LINEAR;
    expect([perUnit, low, high]).toEqual([500, -1000, 500]);
    expect(bins).toBe(binningOf('budget').bins);
    expect(zeroBin + high).toBe(bins - 1);
    for (let j = low; j <= high; j++) expect(budgetIndex(j / perUnit)).toBe(j + zeroBin);
    expect(budgetIndex((low - 0.5) / perUnit)).toBe(low + zeroBin);
    expect(budgetIndex((low - 0.51) / perUnit)).toBeLessThan(low + zeroBin);
  });

  it('holds budgets below -2 to 0.1 % and clamps them at -1e6', () => {
    const b = binningOf('budget');
    for (const v of [-2.0011, -3, -17.5, -1234, -999_999]) expect(Math.abs(b.value(b.index(v)) / v - 1)).toBeLessThanOrEqual(0.001);
    expect(b.index(-5e6)).toBe(b.index(-1e6));
    expect(b.index(-Infinity)).toBe(0);
    expect(b.index(7)).toBe(b.index(1));
  });

  it('counts negative relative quantities as zero and clamps beyond 2^40', () => {
    const b = binningOf('relative');
    expect(b.index(-3)).toBe(0);
    expect(b.index(2 ** 41)).toBe(b.bins - 1);
  });

  it.each(kinds)('refuses NaN in %s', (kind) => {
    expect(() => binningOf(kind).index(NaN)).toThrow(/NaN/);
  });

  it('refuses an unknown kind', () => {
    expect(() => binningOf('toString' as HistogramKind)).toThrow(/unknown histogram kind/);
  });
});
