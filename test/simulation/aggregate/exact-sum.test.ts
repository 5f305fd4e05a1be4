import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSums } from '../../../simulation/aggregate/exact-sum';

/** The exact total of round(v x scale), computed independently with BigInt. */
function bigTotal(values: number[], scale: number, limit: number): bigint {
  return values.reduce((t, v) => t + BigInt(Math.round(Math.max(-limit, Math.min(limit, v)) * scale)), 0n);
}

function sumsOf(values: number[], scale: number): ExactSums {
  const s = new ExactSums(1, scale);
  for (const v of values) s.add(0, v);
  return s;
}

describe('ExactSums', () => {
  it('sums ten times 0.1 at scale 2^20 to ten times round(0.1 x 2^20)', () => {
    const s = sumsOf(Array(10).fill(0.1), 2 ** 20);
    expect(s.total(0)).toBe(1048580n);
    expect(s.sum(0)).toBe(1048580 / 2 ** 20);
    expect(s.mean(0, 10)).toBe(104858 / 2 ** 20);
  });

  it('keeps slots apart', () => {
    const s = new ExactSums(3, 4);
    s.add(0, 1);
    s.add(2, -2.5);
    s.add(2, 0.25);
    expect(s.toJSON()).toEqual(['4', '0', '-9']);
    expect(s.mean(2, 2)).toBe(-1.125);
  });

  it('carries past 2^52 without losing a unit', () => {
    const s = new ExactSums(1, 1);
    for (let i = 0; i < 5; i++) s.add(0, 2 ** 52);
    s.add(0, 1);
    expect(s.total(0)).toBe(5n * 2n ** 52n + 1n);
    s.add(0, -(2 ** 52));
    expect(s.total(0)).toBe(4n * 2n ** 52n + 1n);
  });

  it('clamps |v| beyond 2^52 / scale and says where that is', () => {
    const s = new ExactSums(1, 2 ** 32);
    expect(s.limit).toBe(2 ** 20);
    s.add(0, -1e9);
    s.add(0, Infinity);
    s.add(0, -Infinity);
    expect(s.sum(0)).toBe(-(2 ** 20));
  });

  it('refuses NaN and scales that are not powers of two', () => {
    expect(() => new ExactSums(1, 2).add(0, NaN)).toThrow(/NaN/);
    expect(() => new ExactSums(1, 3)).toThrow(/power of two/);
    expect(() => new ExactSums(-1, 2)).toThrow(/slots/);
  });

  it('gives the BigInt total of the quantised values, whatever the order and split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2e6, max: 2e6, noNaN: true }), { maxLength: 200 }),
        fc.nat(),
        fc.nat(),
        (values, cut, rotate) => {
          const scale = 2 ** 32;
          const whole = sumsOf(values, scale);
          const k = values.length === 0 ? 0 : cut % (values.length + 1);
          const r = values.length === 0 ? 0 : rotate % values.length;
          const rotated = [...values.slice(r), ...values.slice(0, r)];
          const a = sumsOf(rotated.slice(0, k).reverse(), scale);
          const b = sumsOf(rotated.slice(k), scale);
          b.merge(a);
          expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(whole.toJSON()));
          expect(b.sum(0)).toBe(whole.sum(0));
          expect(whole.total(0)).toBe(bigTotal(values, scale, 2 ** 20));
        },
      ),
    );
  });

  it('sums large totals that overflow one limb exactly, in any merge order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 2 ** 52, noNaN: true }), { minLength: 3, maxLength: 60 }), (values) => {
        const third = Math.floor(values.length / 3);
        const parts = [values.slice(0, third), values.slice(third, 2 * third), values.slice(2 * third)].map((v) => sumsOf(v, 1));
        const left = sumsOf([], 1);
        left.merge(parts[0]);
        left.merge(parts[1]);
        left.merge(parts[2]);
        const right = sumsOf([], 1);
        right.merge(parts[2]);
        right.merge(parts[0]);
        right.merge(parts[1]);
        expect(left.toJSON()).toEqual(right.toJSON());
        expect(left.total(0)).toBe(bigTotal(values, 1, 2 ** 52));
      }),
    );
  });

  it('round-trips through JSON, negative totals and carries included', () => {
    const s = new ExactSums(3, 2 ** 10);
    for (let i = 0; i < 4000; i++) s.add(0, -(2 ** 41));
    s.add(1, 0.5);
    const back = ExactSums.fromJSON(JSON.parse(JSON.stringify(s)), 3, 2 ** 10);
    expect(back.toJSON()).toEqual(s.toJSON());
    expect(back.total(0)).toBe(-4000n * 2n ** 51n);
    back.add(0, 2 ** 41);
    expect(back.total(0)).toBe(-3999n * 2n ** 51n);
  });

  it('adds already quantised integers exactly, carrying past 2^52, and refuses anything else', () => {
    const s = new ExactSums(2, 2 ** 32);
    for (let i = 0; i < 3; i++) s.addQuantised(0, 2 ** 52);
    s.addQuantised(0, -7);
    s.add(0, 1);
    s.addQuantised(1, -(2 ** 52));
    s.addQuantised(1, -(2 ** 52));
    expect(s.total(0)).toBe(3n * 2n ** 52n - 7n + 2n ** 32n);
    expect(s.total(1)).toBe(-(2n ** 53n));
    expect(() => s.addQuantised(0, 0.5)).toThrow(/not an integer/);
    expect(() => s.addQuantised(0, 2 ** 53)).toThrow(/within 2\^52/);
    expect(() => s.addQuantised(0, NaN)).toThrow(/NaN/);
  });

  it('names the path of malformed JSON', () => {
    expect(() => ExactSums.fromJSON(['1', 'x'], 2, 1, 'a.b')).toThrow('a.b[1]: expected a decimal integer string');
    expect(() => ExactSums.fromJSON(['1'], 2, 1, 'a.b')).toThrow('a.b: expected an array of 2 decimal strings');
  });

  it('refuses to merge sums of another shape', () => {
    expect(() => new ExactSums(2, 1).merge(new ExactSums(3, 1))).toThrow(/shape mismatch/);
    expect(() => new ExactSums(2, 1).merge(new ExactSums(2, 2))).toThrow(/shape mismatch/);
  });
});
