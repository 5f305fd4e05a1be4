import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileMl } from '../../../../simulation/model/ml/compile';
import { type MlOutcome, createMlOutcome } from '../../../../simulation/model/ml/outcome';
import { MlTrialRunner } from '../../../../simulation/model/ml/runner';
import { ML_STREAMS } from '../../../../simulation/model/ml/streams';
import { buildTimeline } from '../../../../simulation/model/timeline';
import { parseMl } from '../../../../simulation/scenario/ml-schema';
import { parseScenarioText } from '../../../../simulation/scenario/parse';
import { streamId } from '../../../../simulation/random/hash';

const file = fileURLToPath(new URL('../../../../scenarios/examples/ml-platform.yaml', import.meta.url));

/** The example scenario's ml section, compiled. */
function example(seed?: number) {
  const parsed = parseScenarioText(readFileSync(file, 'utf8'), 'ml-platform.yaml');
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  const ml = parseMl(parsed.scenario.ml);
  if (!ml.ok) throw new Error(ml.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return compileMl(ml.ml, buildTimeline(parsed.scenario), seed ?? parsed.scenario.simulation.seed);
}

/** A plain copy of an outcome's numbers (buffers only up to their counts: past them they hold stale values). */
function snapshot(o: MlOutcome): string {
  return JSON.stringify({
    classes: o.classes.map((k) => ({ ...k, waits: Array.from(k.waits.subarray(0, k.waitCount)), turnarounds: Array.from(k.turnarounds.subarray(0, k.turnaroundCount)), completedPerWeek: Array.from(k.completedPerWeek) })),
    pool: { ...o.pool, dayAvailable: Array.from(o.pool.dayAvailable), dayAllocated: Array.from(o.pool.dayAllocated) },
    models: o.models,
    batch: o.batch && { ...o.batch, waits: Array.from(o.batch.waits.subarray(0, o.batch.waitCount)) },
    featureStore: o.featureStore,
  });
}

describe('the ML trial runner on examples/ml-platform.yaml', () => {
  const c = example();

  it('gives trial i the same outcome whatever ran before it, and in another runner', () => {
    const a = new MlTrialRunner(c);
    const b = new MlTrialRunner(c);
    const oa = createMlOutcome(c);
    const ob = createMlOutcome(c);
    a.run(7, oa);
    const first = snapshot(oa);
    for (const i of [3, 1, 12]) b.run(i, ob);
    b.run(7, ob);
    expect(snapshot(ob)).toBe(first);
    a.run(2, oa);
    a.run(7, oa);
    expect(snapshot(oa)).toBe(first);
  });

  it('gives other trials and other seeds other outcomes', () => {
    const r = new MlTrialRunner(c);
    const o = createMlOutcome(c);
    r.run(7, o);
    const seven = snapshot(o);
    r.run(8, o);
    expect(snapshot(o)).not.toBe(seven);
    const other = example(2);
    const r2 = new MlTrialRunner(other);
    const o2 = createMlOutcome(other);
    r2.run(7, o2);
    expect(snapshot(o2)).not.toBe(seven);
  });

  it('produces a plausible quarter: jobs arrive and finish, serving is served, the batch pool and feature store are judged', () => {
    const r = new MlTrialRunner(c);
    const o = createMlOutcome(c);
    r.run(0, o);
    const [standard, deep] = o.classes;
    // About 30 a weekday and 9 a weekend day for 90 days (64 weekdays, 26 weekend days); 3 a day of the deep class.
    expect(standard.arrived).toBeGreaterThan(1900);
    expect(standard.arrived).toBeLessThan(2400);
    expect(deep.arrived).toBeGreaterThan(200);
    expect(deep.arrived).toBeLessThan(340);
    expect(standard.completed + standard.failed + standard.unfinished).toBe(standard.arrived);
    expect(o.pool.trainingAllocatedMinutes).toBeLessThanOrEqual(o.pool.trainingAvailableMinutes);
    expect(o.models[0].good).toBeLessThanOrEqual(o.models[0].requests);
    expect(o.batch?.jobs).toBeGreaterThan(800);
    expect(o.featureStore?.attainment).toBeGreaterThan(90);
  });

  it('names its random streams after the ml section and its components', () => {
    expect(ML_STREAMS.gpuFailures()).toBe(streamId('ml', 'gpu'));
    expect(ML_STREAMS.classArrivals('standard')).toBe(streamId('ml', 'training', 'standard', 'arrivals'));
    expect(new Set([ML_STREAMS.gpuFailures(), ML_STREAMS.classArrivals('a'), ML_STREAMS.classJobs('a'), ML_STREAMS.batchArrivals(), ML_STREAMS.batchDurations(), ML_STREAMS.featureStore(), ML_STREAMS.bursts('a')]).size).toBe(7);
  });
});

describe('compiling', () => {
  it('refuses a section whose processes would exceed the event limit in a trial', () => {
    const c = () => compileMl({ utilizationTarget: 80, serving: [], batchInference: { jobsPerHour: 1e6, duration: { kind: 'constant', value: 1 }, gpus: 1, queueWaitTargetSeconds: 1, waitTarget: 95, window: 1440 } }, buildTimeline(JSON.parse(JSON.stringify(minimal()))), 1);
    expect(c).toThrow(/ml.batchInference.jobsPerHour: expects about 48,000,000 batch jobs/);
  });
});

function minimal() {
  return { simulation: { start: '2027-01-01T00:00:00Z', horizonDays: 90, stepMinutes: 1, trials: 1, seed: 1 }, slos: [] };
}
