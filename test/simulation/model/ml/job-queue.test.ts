import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../../../simulation/model/ml/job-queue';

type Op = { kind: 'back' | 'front'; cls: number } | { kind: 'pop' };

describe('the training queue', () => {
  it('serves the highest priority first, first come first served within it, killed jobs at the very front of their line', () => {
    const priorities = [0, 2, 0, -1];
    const op = fc.oneof(
      fc.record({ kind: fc.constantFrom<'back' | 'front'>('back', 'front'), cls: fc.integer({ min: 0, max: 3 }) }),
      fc.constant<Op>({ kind: 'pop' }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
      const queue = new JobQueue(priorities);
      // The model: one list per priority level, highest first.
      const lines = new Map<number, number[]>([[2, []], [0, []], [-1, []]]);
      let job = 0;
      for (const o of ops) {
        if (o.kind === 'pop') {
          const line = [...lines.values()].find((l) => l.length > 0);
          expect(queue.head).toBe(line ? line[0] : -1);
          if (line) {
            queue.pop();
            line.shift();
          }
          continue;
        }
        const line = lines.get(priorities[o.cls]) as number[];
        if (o.kind === 'back') {
          queue.pushBack(job, o.cls);
          line.push(job);
        } else {
          queue.pushFront(job, o.cls);
          line.unshift(job);
        }
        job++;
        // The head is kept as jobs come, not only found when one leaves.
        expect(queue.head).toBe(([...lines.values()].find((l) => l.length > 0) as number[])[0]);
      }
      expect(queue.size).toBe([...lines.values()].reduce((a, l) => a + l.length, 0));
    }));
  });

  it('grows past its first buffer and empties on clear', () => {
    const queue = new JobQueue([0]);
    for (let j = 0; j < 1000; j++) {
      if (j % 3 === 0) queue.pushFront(j, 0);
      else queue.pushBack(j, 0);
    }
    expect(queue.size).toBe(1000);
    expect(queue.head).toBe(999);
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.head).toBe(-1);
  });
});
