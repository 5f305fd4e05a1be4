import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Histogram, quantileRank } from '../../../simulation/aggregate/histogram';
import type { HistogramKind } from '../../../simulation/aggregate/binning';

function histogramOf(kind: HistogramKind, values: number[]): Histogram {
  const h = new Histogram(kind);
  for (const v of values) h.add(v);
  return h;
}

/** The order statistic of rank ceil(p n) (at least 1): the smallest v with CDF(v) >= p. */
function sortedQuantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length - 1e-9)) - 1];
}

const ps = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];
const slack = 1e-12;

describe('quantileRank', () => {
  it('takes rank ceil(p n), at least 1, and reads 0.07 x 100 as 7', () => {
    expect(quantileRank(0.07, 100)).toBe(7);
    expect(quantileRank(0.05, 20)).toBe(1);
    expect(quantileRank(0.5, 5)).toBe(3);
    expect(quantileRank(0, 5)).toBe(1);
    expect(quantileRank(1, 5)).toBe(5);
    expect(() => quantileRank(1.5, 5)).toThrow(RangeError);
  });
});

describe('Histogram', () => {
  it('finds relative quantiles within 0.1 % of the sorted-array quantile', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e9, noNaN: true })), { minLength: 1, maxLength: 300 }), (values) => {
        const h = histogramOf('relative', values);
        h.quantiles(ps).forEach((q, i) => {
          const exact = sortedQuantile(values, ps[i]);
          expect(Math.abs(q - exact)).toBeLessThanOrEqual(0.001 * exact * (1 + slack));
        });
      }),
    );
  });

  it('finds bad-fraction quantiles within 0.1 % of the sorted-array quantile', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-10, max: 1, noNaN: true })), { minLength: 1, maxLength: 300 }), (values) => {
        const h = histogramOf('badFraction', values);
        h.quantiles(ps).forEach((q, i) => {
          const exact = sortedQuantile(values, ps[i]);
          expect(Math.abs(q - exact)).toBeLessThanOrEqual(0.001 * exact * (1 + slack));
        });
      }),
    );
  });

  it('finds budget quantiles within 0.001 on [-2, 1] and 0.1 % below', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -2, max: 1, noNaN: true }), fc.double({ min: -1e6, max: -2, noNaN: true })), { minLength: 1, maxLength: 300 }), (values) => {
        const h = histogramOf('budget', values);
        h.quantiles(ps).forEach((q, i) => {
          const exact = sortedQuantile(values, ps[i]);
          const tolerance = exact >= -2.001 ? 0.001 : 0.001 * -exact;
          expect(Math.abs(q - exact)).toBeLessThanOrEqual(tolerance * (1 + slack) + slack);
        });
      }),
    );
  });

  it('keeps an SLI of 99.99 apart from 99.98', () => {
    const h = histogramOf('badFraction', [...Array(50).fill(1e-4), ...Array(50).fill(2e-4)]);
    const [low, high] = h.quantiles([0.25, 0.75]);
    // 0.1 % of a bad fraction of 0.01 % is 1e-5 percentage points.
    expect(Math.abs(100 - 100 * low - 99.99)).toBeLessThanOrEqual(1e-5);
    expect(Math.abs(100 - 100 * high - 99.98)).toBeLessThanOrEqual(2e-5);
    expect(h.entries()).toHaveLength(2);
  });

  it('counts from the top: of bad fractions 1..20 %, the 5 % from the top is the largest', () => {
    const h = histogramOf('badFraction', Array.from({ length: 20 }, (_, i) => (i + 1) / 100));
    const [top5, top50] = h.quantilesFromTop([0.05, 0.5]);
    expect(top5).toBeCloseTo(0.2, 3);
    expect(top50).toBeCloseTo(0.11, 4);
    expect(h.quantiles([0.05])[0]).toBeCloseTo(0.01, 5);
  });

  it('gives 1..100 the quantiles 1, 7, 50 and 100 within 0.1 %', () => {
    const h = histogramOf('relative', Array.from({ length: 100 }, (_, i) => i + 1));
    const [q0, q7, q50, q100] = h.quantiles([0, 0.07, 0.5, 1]);
    expect(q0).toBeCloseTo(1, 2);
    expect(Math.abs(q7 / 7 - 1)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(q50 / 50 - 1)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(q100 / 100 - 1)).toBeLessThanOrEqual(0.001);
    expect(h.quantile(0.07)).toBe(q7);
  });

  it('is NaN-valued when empty', () => {
    expect(new Histogram('budget').quantile(0.5)).toBeNaN();
    expect(new Histogram('budget').count).toBe(0);
  });

  it('merges commutatively and associatively to the last bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 1, noNaN: true }), { maxLength: 100 }),
        fc.array(fc.double({ min: -50, max: 1, noNaN: true }), { maxLength: 100 }),
        fc.array(fc.double({ min: -1e6, max: 1, noNaN: true }), { maxLength: 100 }),
        (a, b, c) => {
          const left = histogramOf('budget', a);
          const bc = histogramOf('budget', b);
          left.merge(histogramOf('budget', b));
          left.merge(histogramOf('budget', c));
          bc.merge(histogramOf('budget', c));
          const right = histogramOf('budget', a);
          right.merge(bc);
          const reversed = histogramOf('budget', c);
          reversed.merge(histogramOf('budget', b));
          reversed.merge(histogramOf('budget', a));
          const whole = histogramOf('budget', [...a, ...b, ...c]);
          for (const h of [right, reversed, whole]) expect(JSON.stringify(h)).toBe(JSON.stringify(left));
          expect(left.count).toBe(a.length + b.length + c.length);
          expect(left.quantiles(ps)).toEqual(whole.quantiles(ps));
        },
      ),
    );
  });

  it('refuses to merge another kind', () => {
    expect(() => new Histogram('budget').merge(new Histogram('relative'))).toThrow(/kind/);
  });

  it('round-trips through JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { maxLength: 200 }), (values) => {
        const h = histogramOf('relative', values);
        const back = Histogram.fromJSON('relative', JSON.parse(JSON.stringify(h)));
        expect(back.toJSON()).toEqual(h.toJSON());
        expect(back.count).toBe(values.length);
        expect(back.quantiles(ps)).toEqual(h.quantiles(ps));
      }),
    );
  });

  it('rebuilds from its bins in storage allocated once, and keeps counting after', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 1, noNaN: true }), { maxLength: 300 }), fc.array(fc.double({ min: -1e5, max: 1, noNaN: true }), { maxLength: 50 }), (values, more) => {
        const h = histogramOf('budget', values);
        const bins: number[] = [];
        const counts: number[] = [];
        h.forEachBin((bin, c) => {
          bins.push(bin);
          counts.push(c);
        });
        const back = Histogram.fromBins('budget', bins, counts);
        expect(back.toJSON()).toEqual(h.toJSON());
        expect(back.count).toBe(values.length);
        expect(back.pages).toBe(h.pages);
        expect(back.storageBytes).toBeLessThanOrEqual(h.storageBytes);
        for (const v of more) {
          h.add(v);
          back.add(v);
        }
        expect(back.toJSON()).toEqual(h.toJSON());
        expect(back.quantiles(ps)).toEqual(h.quantiles(ps));
      }),
    );
  });

  it('refuses bins out of order or out of range, and counts that are not 32-bit counts', () => {
    expect(() => Histogram.fromBins('budget', [5, 5], [1, 1])).toThrow(/ascend/);
    expect(() => Histogram.fromBins('budget', [7, 5], [1, 1])).toThrow(/ascend/);
    expect(() => Histogram.fromBins('budget', [9000], [1])).toThrow(/ascend within/);
    expect(() => Histogram.fromBins('budget', [5], [2 ** 32])).toThrow(/count/);
    expect(() => Histogram.fromBins('budget', [5], [0.5])).toThrow(/count/);
  });

  it('writes runs of non-empty bins as [start, length, counts...] segments', () => {
    const h = histogramOf('budget', [1, 1, 0.998, 0.5]);
    const one = 8062;
    expect(h.toJSON()).toEqual([one - 250, 1, 1, one - 1, 2, 1, 2]);
  });

  it('names the path of malformed JSON', () => {
    expect(() => Histogram.fromJSON('budget', {}, 'h')).toThrow('h: expected an array of histogram segments');
    expect(() => Histogram.fromJSON('budget', [5, 2, 1], 'h')).toThrow('h[0]: segment [5, 7) is out of order or out of range');
    expect(() => Histogram.fromJSON('budget', [9000, 1, 1], 'h')).toThrow(/out of range/);
    expect(() => Histogram.fromJSON('budget', [5, 1, -1], 'h')).toThrow('h[2]: expected a bin count');
    expect(() => Histogram.fromJSON('budget', [5, 1, 1, 5, 1, 1], 'h')).toThrow(/out of order/);
  });

  it('holds no storage when empty, one page of 64 counters when clustered, and a 126-entry directory from the second page', () => {
    const h = new Histogram('budget');
    expect(h.storageBytes).toBe(0);
    for (let i = 0; i < 1000; i++) h.add(0.9 + (i % 25) / 500);
    expect(h.pages).toBe(1);
    expect(h.storageBytes).toBe(64 * 4);
    h.add(-0.5);
    expect(h.pages).toBe(2);
    expect(h.storageBytes).toBe(63 * 4 + 2 * 64 * 4);
    expect(h.quantiles([0, 0.5, 1])).toEqual([-0.5, 0.924, 0.948]);
  });

  it('keeps 20 x 1095 empty budget histograms under 300 bytes each', () => {
    const before = process.memoryUsage().heapUsed;
    const all = Array.from({ length: 20 }, () => Array.from({ length: 1095 }, () => new Histogram('budget')));
    const perHistogram = (process.memoryUsage().heapUsed - before) / (20 * 1095);
    expect(all.flat().every((h) => h.storageBytes === 0)).toBe(true);
    expect(perHistogram).toBeLessThan(300);
  });

  it('adds under 500 bytes to each of 20 x 1095 budget histograms whose values share a page', () => {
    const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const all = Array.from({ length: 20 * 1095 }, () => new Histogram('budget'));
    const before = used();
    all.forEach((h, i) => {
      for (let k = 0; k < 20; k++) h.add(0.9 + ((i + k) % 30) / 1000);
    });
    expect((used() - before) / all.length).toBeLessThan(500);
  });
});
