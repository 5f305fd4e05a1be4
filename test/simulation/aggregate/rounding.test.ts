import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfUp } from '../../../simulation/aggregate/rounding';

describe('roundHalfUp', () => {
  it('rounds ties toward +infinity, as Math.round does', () => {
    expect([2.5, -2.5, 0.5, -0.5, -1.5, 1000.5, -1000.5].map(roundHalfUp)).toEqual([3, -2, 1, 0, -1, 1001, -1000]);
  });

  it('keeps the largest double below 0.5, whose x + 0.5 rounds up to 1, at 0', () => {
    expect(roundHalfUp(0.49999999999999994)).toBe(0);
    expect(roundHalfUp(-0.49999999999999994)).toBe(0);
    expect(roundHalfUp(2 ** 52 - 0.5)).toBe(2 ** 52);
    expect(roundHalfUp(2 ** 52)).toBe(2 ** 52);
  });

  it('equals Math.round below 2^52 in magnitude', () => {
    const same = (x: number): void => {
      expect(roundHalfUp(x) === Math.round(x)).toBe(true);
    };
    fc.assert(fc.property(fc.double({ min: -(2 ** 52), max: 2 ** 52, noNaN: true }), same), { numRuns: 2000 });
    fc.assert(fc.property(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), fc.constantFrom(0.5, 0.5 - 2 ** -30, 0.5 + 2 ** -30, 2 ** -53), (k, f) => same(k + f)));
    fc.assert(
      fc.property(fc.double({ min: -2.5, max: 1.5, noNaN: true }), (b) => {
        same(b * 500);
        same(b * 2 ** 32);
      }),
    );
  });

  it('passes NaN and infinities through', () => {
    expect(roundHalfUp(NaN)).toBeNaN();
    expect(roundHalfUp(Infinity)).toBe(Infinity);
    expect(roundHalfUp(-Infinity)).toBe(-Infinity);
  });
});
