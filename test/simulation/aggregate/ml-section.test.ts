import { describe, expect, it } from 'vitest';
import { ML_SECTION, type MlResult, MlSection, type MlShape, checkMlShape, mlShapeOf } from '../../../simulation/aggregate/ml-section';
import type { AccumulatorShape } from '../../../simulation/aggregate/section';
import type { ResultDocument } from '../../../simulation/aggregate/result-types';
import { createTrialOutcome } from '../../../simulation/aggregate/outcome';
import { createMlOutcome, type MlOutcome } from '../../../simulation/model/ml/outcome';
import type { MlSpec } from '../../../simulation/scenario/ml-schema';
import { batchPool, compile, eachMlTrial, mlSpec, pool, servingModel, trainingClass } from '../model/ml/fixtures';

/** Every part of the ML model, small enough to run a few hundred trials quickly. */
const spec: MlSpec = mlSpec({
  gpuPool: pool(24, { failuresPerGpuDay: 0.05, repair: { kind: 'lognormal', median: 120, p90: 480 } }),
  serving: [servingModel('ranker', {
    traffic: { rps: 800, diurnal: { amplitude: 0.4, peakHour: 14 }, bursts: { perWeek: 2, multiplier: { kind: 'uniform', min: 1.2, max: 2 }, duration: { kind: 'constant', value: 20 } } },
    replicas: undefined,
    autoscale: { min: 2, max: 12, targetUtilization: 0.7 },
    rpsPerReplica: 100,
  })],
  training: { classes: [
    trainingClass('standard', { perDay: 60, duration: { kind: 'lognormal', median: 60, p90: 180 }, successProbability: 0.9, retries: 2, deadline: 240 }),
    trainingClass('deep', { perDay: 2, gpus: 6, duration: { kind: 'lognormal', median: 600, p90: 1200 }, priority: 1, successProbability: 0.8, retries: 1, deadline: 1440 }),
  ] },
  batchInference: batchPool({ jobsPerHour: 30, duration: { kind: 'exponential', mean: 4 }, gpus: 3, queueWaitTargetSeconds: 10, window: 1440 }),
  featureStore: { hitRatio: { kind: 'uniform', min: 0.8, max: 0.95 }, cachedMs: { kind: 'lognormal', median: 12, p90: 30 }, computedMs: { kind: 'lognormal', median: 90, p90: 180 }, cachedTargetMs: 50, computedTargetMs: 200, target: 97 },
});
const DAYS = 21;
const c = compile(spec, DAYS);
const shape = (s: MlSpec = spec, days = DAYS): AccumulatorShape => ({ sloCount: 0, serviceCount: 0, horizonDays: days, ml: mlShapeOf(s, days) }) as AccumulatorShape;

/** A section holding trials [from, to) of the compiled spec. */
function sectionOf(from: number, to: number): MlSection {
  const s = ML_SECTION.create(shape());
  eachMlTrial(c, from, to, (o) => s.addMl(o));
  return s;
}

function report(s: MlSection, trials: number): MlResult {
  const doc = { ml: undefined } as unknown as ResultDocument;
  ML_SECTION.report?.(s, doc, trials);
  return doc.ml as MlResult;
}

describe('merging (DESIGN 3.8)', () => {
  const N = 60;
  const whole = sectionOf(0, N);
  const text = JSON.stringify(whole.toJSON());

  it('gives the same JSON when the trials are split in two ranges and merged in either order', () => {
    const a = sectionOf(0, 23);
    a.merge(sectionOf(23, N));
    expect(JSON.stringify(a.toJSON())).toBe(text);
    const b = sectionOf(23, N);
    b.merge(sectionOf(0, 23));
    expect(JSON.stringify(b.toJSON())).toBe(text);
  });

  it('gives the same result document after a round trip through JSON', () => {
    const back = MlSection.fromJSON(JSON.parse(text), shape(), 'ml');
    expect(JSON.stringify(back.toJSON())).toBe(text);
    expect(JSON.stringify(report(back, N))).toBe(JSON.stringify(report(whole, N)));
  });

  it('reads the ml part of a trial outcome', () => {
    const s = ML_SECTION.create(shape());
    eachMlTrial(c, 0, N, (o) => s.add({ ...createTrialOutcome(0, 0, DAYS), ml: o } as never));
    expect(JSON.stringify(s.toJSON())).toBe(text);
    expect(() => s.add(createTrialOutcome(0, 0, DAYS))).toThrow(/no ml part/);
  });

  it('rejects malformed JSON with the path of the problem', () => {
    const json = JSON.parse(text);
    json.classes[1].weeks[2].n = -1;
    expect(() => MlSection.fromJSON(json, shape(), 'accumulator.sections.ml')).toThrow('accumulator.sections.ml.classes[1].weeks[2].n: expected a non-negative integer');
    const short = JSON.parse(text);
    short.days.pop();
    expect(() => MlSection.fromJSON(short, shape(), 'ml')).toThrow(`ml.days: expected ${DAYS} entries, got ${DAYS - 1}`);
  });
});

describe('the ml result of a real run', () => {
  const N = 40;
  const r = report(sectionOf(0, N), N);

  it('reports every part, judged against its targets', () => {
    expect(r.trials).toBe(N);
    expect(r.training?.classes.map((k) => k.name)).toEqual(['standard', 'deep']);
    expect(r.training?.utilizationByDay.day).toHaveLength(DAYS);
    expect(r.training?.classes[0].completedPerWeek.week).toEqual([0, 1, 2]);
    expect(r.serving[0].model).toBe('ranker');
    expect(r.batchInference?.windowMinutes).toBe(1440);
    expect(r.featureStore?.target).toBe(97);
    for (const k of r.training?.classes ?? []) {
      expect(k.successRate.mean).toBeGreaterThan(90);
      expect(k.successRate.p5).toBeLessThanOrEqual(k.successRate.p95);
      expect(k.waitMinutes.p50).toBeLessThanOrEqual(k.waitMinutes.p99);
      expect(k.deadline?.probabilityMeetsTarget).toBeGreaterThanOrEqual(0);
    }
    const u = r.training?.utilization;
    expect(u && u.mean > 0 && u.mean < 100).toBe(true);
  });

  it('says what the pool gave training and serving', () => {
    const p = r.gpuPool;
    expect(p?.gpus).toBe(24);
    expect(p && p.availability.mean > 90 && p.availability.mean < 100).toBe(true);
    expect(p && p.failures.mean > 0).toBe(true);
  });
});

/** Outcomes with hand-set numbers: trial i gets values[i]. */
function handMade(values: { completed: number; failed: number; alloc: number; avail: number; good: number; requests: number; headroom: number; within: number; jobs: number; attainment: number }[]): MlResult {
  const s = ML_SECTION.create(shape());
  const o: MlOutcome = createMlOutcome(c);
  for (const v of values) {
    eachMlTrial(c, 0, 1, (real) => Object.assign(o, real));
    o.classes[0].completed = v.completed;
    o.classes[0].failed = v.failed;
    o.pool.trainingAllocatedMinutes = v.alloc;
    o.pool.trainingAvailableMinutes = v.avail;
    o.models[0].good = v.good;
    o.models[0].requests = v.requests;
    o.models[0].minHeadroom = v.headroom;
    if (o.batch) Object.assign(o.batch, { withinTarget: v.within, jobs: v.jobs });
    if (o.featureStore) o.featureStore.attainment = v.attainment;
    s.addMl(o);
  }
  return report(s, values.length);
}

describe('the ml result of hand-made trials', () => {
  const trials = [
    { completed: 90, failed: 10, alloc: 50, avail: 100, good: 99, requests: 100, headroom: 1.5, within: 95, jobs: 100, attainment: 98 },
    { completed: 99, failed: 1, alloc: 85, avail: 100, good: 90, requests: 100, headroom: 0.8, within: 90, jobs: 100, attainment: 96 },
    { completed: 96, failed: 4, alloc: 90, avail: 100, good: 96, requests: 100, headroom: 2, within: 99, jobs: 100, attainment: 97 },
    { completed: 80, failed: 20, alloc: 70, avail: 100, good: 100, requests: 100, headroom: 1.2, within: 96, jobs: 100, attainment: 99.5 },
  ];
  const r = handMade(trials);

  it('gives the success rate as a spread over trials and the share of trials at or above the 95 % target', () => {
    const k = r.training?.classes[0];
    expect(k?.completed.mean).toBe(91.25);
    expect(k?.successRate.mean).toBeCloseTo(91.25, 9);
    expect(k?.successRate.p50).toBeCloseTo(90, 1);
    expect(k?.successRate.p95).toBeCloseTo(99, 1);
    expect(k?.successRate.p5).toBeCloseTo(80, 1);
    expect(k?.successRate.probabilityMeetsTarget).toBe(0.5);
  });

  it('gives utilisation in percent with the probability of reaching the 80 % target', () => {
    const u = r.training?.utilization;
    expect(u?.mean).toBeCloseTo(73.75, 6);
    expect(u?.p50).toBeCloseTo(70, 1);
    expect(u?.probabilityMeetsTarget).toBe(0.5);
  });

  it('gives serving attainment against its target and the probability of running out of headroom', () => {
    const m = r.serving[0];
    expect(m.attainment.mean).toBeCloseTo(96.25, 9);
    expect(m.probabilityMeetsTarget).toBe(0.75);
    expect(m.headroom.mean).toBeCloseTo(1.375, 6);
    expect(m.headroom.p5).toBeCloseTo(0.8, 3);
    expect(m.overloadProbability).toBe(0.25);
  });

  it('gives the batch share within target and the feature store attainment against theirs', () => {
    expect(r.batchInference?.withinTarget.mean).toBeCloseTo(95, 9);
    expect(r.batchInference?.probabilityMeetsTarget).toBe(0.75);
    expect(r.featureStore?.attainment.mean).toBeCloseTo(97.625, 9);
    expect(r.featureStore?.probabilityMeetsTarget).toBe(0.75);
  });
});

describe('the ML shape', () => {
  it('reads back what it writes', () => {
    const s: MlShape = mlShapeOf(spec, DAYS);
    expect(checkMlShape(JSON.parse(JSON.stringify(s)), 'shape.ml')).toEqual(s);
    expect(s.classes.map((k) => k.deadlineMinutes)).toEqual([240, 1440]);
    expect(s.batch?.windowMinutes).toBe(1440);
  });

  it('cuts the batch window to the horizon', () => {
    expect(mlShapeOf(mlSpec({ batchInference: batchPool({ window: 100 * 1440 }) }), 7).batch?.windowMinutes).toBe(7 * 1440);
  });

  it('names what is wrong', () => {
    const s = JSON.parse(JSON.stringify(mlShapeOf(spec, DAYS)));
    s.classes[0].successTarget = 'high';
    expect(() => checkMlShape(s, 'shape.ml')).toThrow('shape.ml.classes[0].successTarget: expected a number');
  });
});

describe('a scenario without ml', () => {
  it('adds nothing, writes null and reports nothing', () => {
    const s = ML_SECTION.create({ sloCount: 0, serviceCount: 0, horizonDays: 30 });
    s.add(createTrialOutcome(0, 0, 30));
    expect(s.toJSON()).toBeNull();
    expect(MlSection.fromJSON(null, { sloCount: 0, serviceCount: 0, horizonDays: 30 }, 'ml').toJSON()).toBeNull();
    const doc = {} as ResultDocument;
    ML_SECTION.report?.(s, doc, 1);
    expect(doc.ml).toBeUndefined();
  });

  it('serving alone has no training result but a pool result', () => {
    const only = mlSpec({ gpuPool: pool(4), serving: [servingModel('m')] });
    const s = ML_SECTION.create(shape(only, 3));
    eachMlTrial(compile(only, 3), 0, 3, (o) => s.addMl(o));
    const r = report(s, 3);
    expect(r.training).toBeNull();
    expect(r.gpuPool?.shortage.probability).toBe(0);
    expect(r.serving[0].headroom.mean).toBeCloseTo(2, 3);
  });
});
