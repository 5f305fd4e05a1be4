import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUDGET_SCALE, BudgetDays } from '../../../simulation/aggregate/budget-days';
import { Histogram } from '../../../simulation/aggregate/histogram';
import { generator } from './fixtures';

/** Trials as rows of per-day budgets. */
type Trials = number[][];

function daysOf(trials: Trials, days: number): BudgetDays {
  const b = new BudgetDays(days);
  for (const row of trials) b.add(Float64Array.from(row));
  return b;
}

/** Day d's values in a plain Histogram, one add at a time: what BudgetDays must match bin for bin. */
function histogramOfDay(trials: Trials, d: number): Histogram {
  const h = new Histogram('budget');
  for (const row of trials) h.add(row[d]);
  return h;
}

/** The exact total of round(max(v, -1e6) x 2^32) over day d, computed independently with BigInt. */
function bigTotal(trials: Trials, d: number): bigint {
  return trials.reduce((t, row) => t + BigInt(Math.round(Math.max(row[d], -1e6) * BUDGET_SCALE)), 0n);
}

function expectSameAsHistograms(b: BudgetDays, trials: Trials, days: number): void {
  for (let d = 0; d < days; d++) {
    expect(b.histogram(d).toJSON()).toEqual(histogramOfDay(trials, d).toJSON());
    expect(b.sums.total(d)).toBe(bigTotal(trials, d));
  }
  expect(b.toJSON()).toEqual(Array.from({ length: days }, (_, d) => histogramOfDay(trials, d).toJSON()));
}

/** Budgets as the engine makes them: a drift from 1, noise, and now and then an incident or a deep overspend. */
function engineLike(count: number, days: number, seed: number): Trials {
  const u = generator(seed);
  return Array.from({ length: count }, () => {
    const burn = 0.01 * (1 + 0.1 * (u() - 0.5));
    const hit = u() < 0.1 ? Math.floor(u() * days) : days;
    const depth = u() < 0.2 ? 50 + 5000 * u() : 0.5 * u();
    return Array.from({ length: days }, (_, d) => 1 - burn * (d + 1) + 0.004 * (u() - 0.5) - (d >= hit ? depth : 0));
  });
}

const budget = fc.oneof(
  fc.double({ min: -2.1, max: 1, noNaN: true }),
  fc.double({ min: -1e7, max: 1.5, noNaN: true }),
  fc.constantFrom(1, 0, -2, -2.001, -2.0011, -1e6, 1.001, -Infinity),
);

describe('BudgetDays', () => {
  it('holds, day by day, the histogram and exact sum that one Histogram and one sum per day would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((days) => fc.tuple(fc.constant(days), fc.array(fc.array(budget, { minLength: days, maxLength: days }), { maxLength: 60 }))), ([days, trials]) => {
        expectSameAsHistograms(daysOf(trials, days), trials, days);
      }),
    );
  });

  it('matches per-day histograms on engine-like budgets, windows widening, moving and spilling over', () => {
    const trials = engineLike(3000, 12, 5);
    expectSameAsHistograms(daysOf(trials, 12), trials, 12);
  });

  it('moves a window away from a first value that was an outlier', () => {
    // 500 values on bin centres 0.900, 0.902, ..., 0.938, 25 each, after -500 and 0.3.
    const trials: Trials = [[-500], [0.3], ...Array.from({ length: 500 }, (_, i) => [0.9 + (2 * (i % 20)) / 1000])];
    const b = daysOf(trials, 1);
    expectSameAsHistograms(b, trials, 1);
    const [lowest, median, highest] = b.histogram(0).quantiles([0, 0.5, 1]);
    expect(Math.abs(lowest / -500 - 1)).toBeLessThanOrEqual(0.001);
    // Rank 251 of 502 is the 249th of the cluster: the tenth value, 0.918.
    expect([median, highest]).toEqual([0.918, 0.938]);
  });

  it('merges to the same state however the trials are split and in whatever order', () => {
    const trials = engineLike(400, 5, 9);
    const whole = JSON.stringify(daysOf(trials, 5));
    const wholeSums = daysOf(trials, 5).sums.toJSON();
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 399 }), { maxLength: 5 }), fc.boolean(), (cuts, reverse) => {
        const edges = [0, ...[...cuts].sort((a, b) => a - b), 400];
        const parts = edges.slice(1).map((to, k) => daysOf(trials.slice(edges[k], to), 5));
        if (reverse) parts.reverse();
        const merged = new BudgetDays(5);
        for (const p of parts) merged.merge(p);
        expect(JSON.stringify(merged)).toBe(whole);
        expect(merged.sums.toJSON()).toEqual(wholeSums);
      }),
      { numRuns: 25 },
    );
  });

  it('merges parts whose windows lie too far apart for one window, directly and through JSON', () => {
    // One part's day 0 clusters near -5000 (its window moves there), the other's near 1; day 1 spreads widely in both.
    const u = generator(17);
    const deep: Trials = Array.from({ length: 300 }, () => [-5000 * (1 + 0.2 * u()), -2 + 3 * u()]);
    const shallow: Trials = Array.from({ length: 300 }, () => [0.9 + 0.1 * u(), -2.5 + 3.5 * u()]);
    const all = [...deep, ...shallow];
    for (const [a, b] of [[deep, shallow], [shallow, deep]]) {
      const merged = daysOf(a, 2);
      merged.merge(daysOf(b, 2));
      expectSameAsHistograms(merged, all, 2);
      const decoded = BudgetDays.fromJSON(JSON.parse(JSON.stringify(daysOf(a, 2))), 2, 'a');
      decoded.merge(BudgetDays.fromJSON(JSON.parse(JSON.stringify(daysOf(b, 2))), 2, 'b'));
      expect(decoded.toJSON()).toEqual(daysOf(all, 2).toJSON());
    }
  });

  it('round-trips its histograms through JSON and keeps adding identically', () => {
    const trials = engineLike(300, 4, 3);
    const back = BudgetDays.fromJSON(JSON.parse(JSON.stringify(daysOf(trials.slice(0, 200), 4))), 4, 'b');
    for (const row of trials.slice(200)) back.add(Float64Array.from(row));
    expect(back.toJSON()).toEqual(daysOf(trials, 4).toJSON());
  });

  it('hands its histograms to another thread as they lie in memory, overflows too, and keeps adding and merging identically', () => {
    // Day 0 clusters, day 1 spreads over more than one window can hold (an overflow), day 2 is deep.
    const u = generator(23);
    const trials: Trials = Array.from({ length: 400 }, () => [0.9 + 0.1 * u(), -2.5 + 3.5 * u(), -5000 * (1 + 0.2 * u())]);
    const part = daysOf(trials.slice(0, 250), 3);
    const transfer = structuredClone(part.toTransfer());
    expect(transfer.overflow[1]).not.toBeNull();
    const back = BudgetDays.fromJSON(transfer, 3, 'b');
    // It keeps the counters it is handed (a whole buffer) rather than copying them.
    expect((back as unknown as { counts: Uint32Array }).counts).toBe(transfer.counts);
    expect(back.toJSON()).toEqual(part.toJSON());
    for (const row of trials.slice(250, 320)) back.add(Float64Array.from(row));
    back.merge(BudgetDays.fromJSON(structuredClone(daysOf(trials.slice(320), 3).toTransfer()), 3, 'c'));
    expect(back.toJSON()).toEqual(daysOf(trials, 3).toJSON());
  });

  it('names the path of a malformed transfer', () => {
    const t = daysOf([[0.5, 0.2]], 2).toTransfer();
    expect(() => BudgetDays.fromJSON({ ...t, meta: new Int32Array(3) }, 2, 'b')).toThrow('b: expected histogram segments, or the counters, day table and checks of 2 days');
    const meta = t.meta.slice();
    meta[3] = t.counts.length;
    expect(() => BudgetDays.fromJSON({ ...t, meta }, 2, 'b')).toThrow("b.meta: day 0's window lies outside its counters");
    expect(() => BudgetDays.fromJSON({ ...t, overflow: [null, [9000, 1, 1]] }, 2, 'b')).toThrow('b.overflow[1][0]: segment [9000, 9001) is out of order or out of range');
  });

  it('sums exactly past the point where its pending sums are folded (2^18 trials)', () => {
    const b = new BudgetDays(2);
    const n = 3 * 2 ** 18 + 7;
    const row = Float64Array.of(-2.0009765625 + 2 ** -40, 0.7);
    for (let i = 0; i < n; i++) b.add(row);
    expect(b.sums.total(0)).toBe(BigInt(n) * BigInt(Math.round(row[0] * 2 ** 32)));
    expect(b.sums.total(1)).toBe(BigInt(n) * BigInt(Math.round(0.7 * 2 ** 32)));
    expect(b.histogram(1).count).toBe(n);
  });

  it('counts budgets above 1 as 1 in the histogram and as themselves in the sum', () => {
    const b = daysOf([[1.25], [1]], 1);
    expect(b.histogram(0).entries()).toEqual([[1, 2]]);
    expect(b.sums.sum(0)).toBe(2.25);
  });

  it('refuses NaN, rows of another length and merges of another horizon', () => {
    expect(() => new BudgetDays(2).add(Float64Array.of(0.5, NaN))).toThrow(/NaN/);
    expect(() => new BudgetDays(2).add(Float64Array.of(0.5))).toThrow(/1 values for 2 days/);
    expect(() => new BudgetDays(2).merge(new BudgetDays(3))).toThrow(/3 days into 2/);
    expect(() => new BudgetDays(2).histogram(2)).toThrow(/day 2/);
  });

  it('names the path of malformed JSON', () => {
    expect(() => BudgetDays.fromJSON([[], []], 3, 'b')).toThrow('b: expected 3 entries, got 2');
    expect(() => BudgetDays.fromJSON([[], [9000, 1, 1]], 2, 'b')).toThrow('b[1][0]: segment [9000, 9001) is out of order or out of range');
  });

  it('keeps 20 x 1095 days of clustered budgets under 400 bytes a day', () => {
    const days = new Array<BudgetDays>(20);
    const row = new Float64Array(1095);
    for (let s = 0; s < 20; s++) {
      days[s] = new BudgetDays(1095);
      for (let t = 0; t < 30; t++) {
        for (let d = 0; d < 1095; d++) row[d] = 1 - 0.0007 * d + 0.00004 * (((t * 7 + d) % 23) - 11);
        days[s].add(row);
      }
    }
    const perDay = days.reduce((bytes, b) => bytes + b.storageBytes, 0) / (20 * 1095);
    expect(perDay).toBeLessThan(400);
  });

  it('keeps days whose budgets spread over the whole range within the storage of per-day histograms plus a third', () => {
    const trials = engineLike(2000, 30, 11);
    const b = daysOf(trials, 30);
    let histogramBytes = 0;
    for (let d = 0; d < 30; d++) histogramBytes += histogramOfDay(trials, d).storageBytes;
    expect(b.storageBytes).toBeLessThan((4 / 3) * histogramBytes);
  });
});
