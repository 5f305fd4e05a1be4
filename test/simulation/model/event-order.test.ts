import { describe, expect, it } from 'vitest';
import { sortByStart } from '../../../simulation/model/event-order';
import { Rng } from '../../../simulation/random/prng';

/** The order the sweep used before: the typed array's sort with a comparator. */
function reference(order: Int32Array, n: number, starts: number[]): number[] {
  return Array.from(order.subarray(0, n)).sort((a, b) => starts[a] - starts[b] || a - b);
}

describe('event order of the sweep', () => {
  it('sorts by start, ties by index, exactly as the comparator sort does, at every length and with many ties', () => {
    const rng = new Rng([3]);
    for (let n = 0; n <= 300; n += n < 40 ? 1 : 13) {
      for (const spread of [3, 50, 1e6]) {
        // Starts from a few values (many ties) to nearly all distinct, some fractional, in sorted runs as the event lists are.
        const starts: number[] = [];
        for (let i = 0; i < n; i++) starts.push(rng.next() < 0.3 && i > 0 ? starts[i - 1] + Math.floor(rng.next() * 4) : Math.floor(rng.next() * spread) + (rng.next() < 0.2 ? 0.5 : 0));
        const order = new Int32Array(n + 5);
        for (let i = 0; i < n; i++) order[i] = i;
        // A shuffled copy too: the sort must not depend on its input order.
        const shuffled = order.slice();
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(rng.next() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const want = reference(order, n, starts);
        expect(Array.from(sortByStart(order, new Int32Array(n + 5), n, starts).subarray(0, n))).toEqual(want);
        expect(Array.from(sortByStart(shuffled, new Int32Array(n), n, starts).subarray(0, n))).toEqual(want);
      }
    }
  });
});
