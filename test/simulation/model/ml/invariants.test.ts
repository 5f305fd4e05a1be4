import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ML_SECTION, mlShapeOf } from '../../../../simulation/aggregate/ml-section';
import type { AccumulatorShape } from '../../../../simulation/aggregate/section';
import type { MlSpec } from '../../../../simulation/scenario/ml-schema';
import { batchPool, compile, eachMlTrial, mlSpec, pool, servingModel, trainingClass } from './fixtures';

const dist = fc.oneof(
  fc.double({ min: 1, max: 600, noNaN: true }).map((value) => ({ kind: 'constant' as const, value })),
  fc.double({ min: 1, max: 600, noNaN: true }).map((mean) => ({ kind: 'exponential' as const, mean })),
  fc.tuple(fc.double({ min: 1, max: 300, noNaN: true }), fc.double({ min: 1, max: 4, noNaN: true })).map(([median, k]) => ({ kind: 'lognormal' as const, median, p90: median * k })),
);

const spec: fc.Arbitrary<{ spec: MlSpec; days: number; step: number }> = fc.record({
  gpus: fc.integer({ min: 1, max: 24 }),
  failures: fc.constantFrom(0, 0.05, 2),
  classes: fc.array(fc.record({ perDay: fc.constantFrom(0, 5, 60, 400), gpus: fc.integer({ min: 1, max: 4 }), duration: dist, p: fc.constantFrom(0, 0.5, 1), retries: fc.integer({ min: 0, max: 3 }), priority: fc.integer({ min: 0, max: 2 }), weekend: fc.constantFrom(0, 0.5, 2) }), { maxLength: 3 }),
  serving: fc.option(fc.record({ replicas: fc.integer({ min: 0, max: 6 }), scaled: fc.boolean(), bursts: fc.boolean() }), { nil: undefined }),
  batch: fc.boolean(),
  days: fc.integer({ min: 1, max: 10 }),
  step: fc.constantFrom(1, 5, 60),
}).map((r) => ({
  days: r.days,
  step: r.step,
  spec: mlSpec({
    gpuPool: pool(Math.max(r.gpus, 4), r.failures > 0 ? { failuresPerGpuDay: r.failures, repair: { kind: 'exponential', mean: 120 } } : {}),
    training: r.classes.length > 0 ? { classes: r.classes.map((k, i) => trainingClass(`c${i}`, { perDay: k.perDay, gpus: k.gpus, duration: k.duration, successProbability: k.p, retries: k.retries, priority: k.priority, weekly: { weekendFactor: k.weekend }, deadline: 240 })) } : undefined,
    serving: r.serving ? [servingModel('m', {
      traffic: { rps: 200, diurnal: { amplitude: 0.5, peakHour: 12 }, ...(r.serving.bursts ? { bursts: { perWeek: 20, multiplier: { kind: 'constant' as const, value: 2 }, duration: { kind: 'constant' as const, value: 30 } } } : {}) },
      replicas: r.serving.scaled ? undefined : r.serving.replicas,
      autoscale: r.serving.scaled ? { min: 0, max: r.serving.replicas, targetUtilization: 0.8 } : undefined,
    })] : [],
    batchInference: r.batch ? batchPool({ jobsPerHour: 20, window: 2 * 1440 }) : undefined,
  }),
}));

describe('any ML platform', () => {
  it('keeps its books: every job is finished or still there, training never holds what serving needs, shares stay shares', () => {
    fc.assert(fc.property(spec, ({ spec: s, days, step }) => {
      const c = compile(s, days, 7, step);
      const section = ML_SECTION.create({ sloCount: 0, serviceCount: 0, horizonDays: days, ml: mlShapeOf(s, days) } as AccumulatorShape);
      eachMlTrial(c, 0, 3, (o) => {
        for (const k of o.classes) {
          expect(k.completed + k.failed + k.unfinished).toBe(k.arrived);
          expect(k.waitCount).toBeLessThanOrEqual(k.arrived);
          expect(k.turnaroundCount).toBe(k.completed);
          expect(k.deadlineMet).toBeLessThanOrEqual(k.deadlineEligible);
          expect(k.retried).toBeLessThanOrEqual(k.retries);
          for (let i = 0; i < k.waitCount; i++) expect(k.waits[i]).toBeGreaterThanOrEqual(0);
        }
        const p = o.pool;
        expect(p.upMinutes).toBeLessThanOrEqual(p.gpuMinutes + 1e-6);
        expect(p.trainingAllocatedMinutes).toBeLessThanOrEqual(p.trainingAvailableMinutes + 1e-6);
        expect(p.servingMinutes + p.trainingAvailableMinutes).toBeCloseTo(p.upMinutes, 4);
        for (let d = 0; d < days; d++) expect(p.dayAllocated[d]).toBeLessThanOrEqual(p.dayAvailable[d] + 1e-6);
        for (const m of o.models) {
          expect(m.good).toBeLessThanOrEqual(m.requests * (1 + 1e-12));
          expect(m.good).toBeGreaterThanOrEqual(0);
        }
        if (o.batch) expect(o.batch.zeroWaits + o.batch.waitCount).toBe(o.batch.jobs);
        section.addMl(o);
      });
      expect(JSON.stringify(section.result(3))).not.toContain('undefined');
    }), { numRuns: 40 });
  });

  it('works without a GPU pool (feature store and batch only)', () => {
    const c = compile(mlSpec({ batchInference: batchPool(), featureStore: { hitRatio: { kind: 'constant', value: 0.5 }, cachedMs: { kind: 'constant', value: 10 }, computedMs: { kind: 'constant', value: 100 }, cachedTargetMs: 50, computedTargetMs: 50, target: 60 } }), 3);
    eachMlTrial(c, 0, 2, (o) => {
      expect(o.classes).toEqual([]);
      expect(o.models).toEqual([]);
      expect(o.pool.gpuMinutes).toBe(0);
      expect(o.featureStore?.attainment).toBe(50);
    });
  });
});
