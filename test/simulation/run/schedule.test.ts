import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BATCH_SIZE, MIN_BATCH, batchRanges, shardRange } from '../../../simulation/run/schedule';

describe('batchRanges', () => {
  it('cuts 1,000 trials into three full batches of 256 and a last one of 232', () => {
    expect(batchRanges(0, 1000)).toEqual([
      { from: 0, to: 256 },
      { from: 256, to: 512 },
      { from: 512, to: 768 },
      { from: 768, to: 1000 },
    ]);
    expect(BATCH_SIZE).toBe(256);
  });

  it('starts at the range start, not at zero, so a shard keeps its own trial numbers', () => {
    expect(batchRanges(334, 667, 100)).toEqual([
      { from: 334, to: 434 },
      { from: 434, to: 534 },
      { from: 534, to: 634 },
      { from: 634, to: 667 },
    ]);
  });

  it('for a pool, tapers the batches near the end: each takes at most a quarter of what is left for two workers, and at least 8', () => {
    const sizes = batchRanges(0, 2000, 256, 2).map((b) => b.to - b.from);
    // 2000 - 4 x 256 = 976 left: ceil(976 / 4) = 244, then ceil(732 / 4) = 183, ... down to MIN_BATCH and the rest.
    expect(sizes).toEqual([256, 256, 256, 256, 244, 183, 138, 103, 77, 58, 44, 33, 24, 18, 14, 10, 8, 8, 8, 6]);
    expect(MIN_BATCH).toBe(8);
    expect(batchRanges(100, 110, 256, 4)).toEqual([{ from: 100, to: 108 }, { from: 108, to: 110 }]);
  });

  it('for a pool, covers any range exactly once, in order, with batches that never grow', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(20000), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 16 }), (from, length, size, workers) => {
        const batches = batchRanges(from, from + length, size, workers);
        let cursor = from;
        let last = Infinity;
        for (const batch of batches) {
          const n = batch.to - batch.from;
          expect(batch.from).toBe(cursor);
          expect(n).toBeGreaterThan(0);
          expect(n).toBeLessThanOrEqual(Math.min(size, last));
          // Once a batch is below the batch size, it is at most what is left over twice the workers (or MIN_BATCH).
          if (n < size) expect(n).toBeLessThanOrEqual(Math.max(MIN_BATCH, Math.ceil((from + length - cursor) / (2 * workers))));
          last = n;
          cursor = batch.to;
        }
        expect(cursor).toBe(from + length);
      }),
    );
  });

  it('gives no batch for an empty range', () => {
    expect(batchRanges(5, 5)).toEqual([]);
  });

  it('covers any range exactly once, in order, with batches of at most the batch size', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), fc.integer({ min: 1, max: 600 }), (from, length, size) => {
        const batches = batchRanges(from, from + length, size);
        let cursor = from;
        for (const batch of batches) {
          expect(batch.from).toBe(cursor);
          expect(batch.to - batch.from).toBeGreaterThan(0);
          expect(batch.to - batch.from).toBeLessThanOrEqual(size);
          cursor = batch.to;
        }
        expect(cursor).toBe(from + length);
        expect(batches.length).toBe(Math.ceil(length / size));
      }),
    );
  });

  it('rejects a reversed range and a batch size below one', () => {
    expect(() => batchRanges(10, 5)).toThrow(RangeError);
    expect(() => batchRanges(0, 10, 0)).toThrow(RangeError);
    expect(() => batchRanges(-1, 10)).toThrow(RangeError);
  });
});

describe('shardRange', () => {
  it('cuts 10 trials into 3 shards of 4, 3 and 3 trials', () => {
    expect(shardRange(10, 1, 3)).toEqual({ from: 0, to: 4 });
    expect(shardRange(10, 2, 3)).toEqual({ from: 4, to: 7 });
    expect(shardRange(10, 3, 3)).toEqual({ from: 7, to: 10 });
  });

  it('gives the whole run to shard 1/1', () => {
    expect(shardRange(12345, 1, 1)).toEqual({ from: 0, to: 12345 });
  });

  it('gives one trial to each shard when there are as many shards as trials', () => {
    expect(shardRange(4, 3, 4)).toEqual({ from: 2, to: 3 });
  });

  it('covers [0, trials) with N consecutive shards whose sizes differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 64 }), (trials, wanted) => {
        const n = Math.min(wanted, trials);
        let cursor = 0;
        const sizes: number[] = [];
        for (let k = 1; k <= n; k++) {
          const shard = shardRange(trials, k, n);
          expect(shard.from).toBe(cursor);
          sizes.push(shard.to - shard.from);
          cursor = shard.to;
        }
        expect(cursor).toBe(trials);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Math.min(...sizes)).toBe(Math.floor(trials / n));
      }),
    );
  });

  it('rejects K outside 1..N, N below one and more shards than trials', () => {
    expect(() => shardRange(10, 0, 3)).toThrow(RangeError);
    expect(() => shardRange(10, 4, 3)).toThrow(RangeError);
    expect(() => shardRange(10, 1, 0)).toThrow(RangeError);
    expect(() => shardRange(3, 1, 4)).toThrow(RangeError);
    expect(() => shardRange(0, 1, 1)).toThrow(RangeError);
    expect(() => shardRange(10, 1.5, 3)).toThrow(RangeError);
  });
});
