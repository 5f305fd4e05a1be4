import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../../../simulation/model/ml/event-heap';

describe('the event heap', () => {
  it('pops events by time, then by payload, whatever order they were pushed in', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -1, max: 50 })), { maxLength: 300 }), (events) => {
      const heap = new EventHeap(2);
      for (const [t, p] of events) heap.push(t, p);
      const out: [number, number][] = [];
      while (heap.size > 0) {
        out.push([heap.topTime, heap.topPayload]);
        heap.pop();
      }
      const sorted = [...events].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(out).toEqual(sorted);
      expect(heap.topTime).toBe(Infinity);
    }));
  });

  it('interleaves pushes and pops like a sorted list', () => {
    fc.assert(fc.property(fc.array(fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined }), { maxLength: 300 }), (ops) => {
      const heap = new EventHeap(1);
      const list: number[] = [];
      ops.forEach((op, i) => {
        if (op === undefined) {
          if (list.length === 0) return;
          list.sort((a, b) => a - b);
          expect(heap.topTime).toBe(list.shift());
          heap.pop();
        } else {
          heap.push(op, i);
          list.push(op);
        }
      });
      expect(heap.size).toBe(list.length);
    }));
  });

  it('takes the time of pushFrom from the array slot it is given, as push takes it', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -1, max: 50 })), { maxLength: 100 }), (events) => {
      const pushed = new EventHeap(2);
      const from = new EventHeap(2);
      const at = new Float64Array(events.length + 1).fill(-1);
      events.forEach(([t, p], k) => {
        pushed.push(t, p);
        at[k] = t;
        from.pushFrom(at, k, p);
      });
      while (pushed.size > 0) {
        expect([from.topTime, from.topPayload]).toEqual([pushed.topTime, pushed.topPayload]);
        pushed.pop();
        from.pop();
      }
      expect(from.size).toBe(0);
    }));
  });
});
