import { describe, expect, it } from 'vitest';
import { describesMl, type MlSpec, parseMl } from '../../../simulation/scenario/ml-schema';
import { ML_EVENT_LIMIT, ML_LIMITS, mlVolumeIssues } from '../../../simulation/scenario/ml-limits';
import type { Doc } from './fixtures';
import { exampleDocument } from './fixtures';

/** The example's ml section as plain data, to vary. */
const example = (): Doc => exampleDocument('ml-platform.yaml').ml as Doc;

function valid(input: unknown): MlSpec {
  const r = parseMl(input);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.ml;
}

function issues(input: unknown): string[] {
  const r = parseMl(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

/** The example with one change made by `edit`. */
function after(edit: (ml: Doc) => void): Doc {
  const ml = example();
  edit(ml);
  return ml;
}

describe('the ml section of examples/ml-platform.yaml', () => {
  const ml = valid(example());

  it('reads durations as minutes and distributions in their normal form', () => {
    expect(ml.gpuPool).toEqual({ gpus: 64, failuresPerGpuDay: 0.002, repair: { kind: 'lognormal', median: 240, p90: 720 } });
    expect(ml.training?.classes[0]).toMatchObject({ name: 'standard', gpus: 1, duration: { kind: 'lognormal', median: 60, p90: 180 }, deadline: 240, retries: 2, priority: 0 });
    expect(ml.training?.classes[1]).toMatchObject({ name: 'deep-learning', gpus: 8, deadline: 1440, priority: 1 });
    expect(ml.batchInference).toMatchObject({ jobsPerHour: 40, duration: { kind: 'exponential', mean: 2 }, gpus: 4, queueWaitTargetSeconds: 10 });
    expect(ml.serving[0].autoscale).toEqual({ min: 8, max: 40, targetUtilization: 0.7 });
  });

  it('fills the defaults: 80 % utilisation, targets of 95 %, a one-day batch window, no retries, priority 0, certain success', () => {
    const bare = valid({
      gpuPool: { gpus: 8 },
      training: { classes: [{ name: 'a', perDay: 1, gpus: 1, duration: '1h' }] },
      batchInference: { jobsPerHour: 1, duration: 5, gpus: 1, queueWaitTargetSeconds: 10 },
    });
    expect(bare.utilizationTarget).toBe(80);
    expect(bare.serving).toEqual([]);
    expect(bare.gpuPool).toEqual({ gpus: 8, failuresPerGpuDay: 0 });
    expect(bare.training?.classes[0]).toEqual({ name: 'a', perDay: 1, gpus: 1, duration: { kind: 'constant', value: 60 }, successProbability: 1, retries: 0, priority: 0, successTarget: 95, deadlineTarget: 95 });
    expect(bare.batchInference?.window).toBe(1440);
    expect(bare.batchInference?.waitTarget).toBe(95);
  });

  it('reads its own output back unchanged', () => {
    expect(valid(structuredClone(ml))).toEqual(ml);
  });

  it('passes traceability keys through', () => {
    const trace = { source: '004 §Model Training Pipeline', assumed: true, reason: 'a guess' };
    const traced = valid(after((m) => Object.assign(m.training.classes[0], trace)));
    expect(traced.training?.classes[0]).toMatchObject(trace);
  });
});

describe('errors', () => {
  it.each([
    ['gpuPool.gpus', (m: Doc) => (m.gpuPool.gpus = 0), 'must be a whole number between 1 and 100,000, got 0'],
    ['gpuPool.gpus', (m: Doc) => (m.gpuPool.gpus = 2.5), 'must be a whole number between 1 and 100,000, got 2.5'],
    ['gpuPool.failuresPerGpuDay', (m: Doc) => (m.gpuPool.failuresPerGpuDay = -1), 'must be a number between 0 and 100, got -1'],
    ['gpuPool.repair', (m: Doc) => delete m.gpuPool.repair, 'is required when failuresPerGpuDay is above 0 (how long a failed GPU stays down)'],
    ['utilizationTarget', (m: Doc) => (m.utilizationTarget = 120), 'must be a number between 0 and 100, got 120'],
    ['training.classes[0].gpus', (m: Doc) => (m.training.classes[0].gpus = 0), 'must be a whole number between 1 and 100,000, got 0'],
    ['training.classes[0].successProbability', (m: Doc) => (m.training.classes[0].successProbability = 1.5), 'must be a number between 0 and 1, got 1.5'],
    ['training.classes[0].retries', (m: Doc) => (m.training.classes[0].retries = 51), `must be a whole number between 0 and ${ML_LIMITS.retries}, got 51`],
    ['training.classes[0].deadline', (m: Doc) => (m.training.classes[0].deadline = '4 hours please'), "must be a duration such as 90s, 5m, 2h, 30d, 1h30m or PT15M, got '4 hours please'"],
    ['training.classes[0].duration', (m: Doc) => (m.training.classes[0].duration = 0), 'must be a duration greater than 0 and at most 366d, got 0'],
    ['training.classes[0].successTarget', (m: Doc) => (m.training.classes[0].successTarget = 0), 'must be a number greater than 0 and at most 100, got 0'],
    ['training.classes[0].priority', (m: Doc) => (m.training.classes[0].priority = 0.5), 'must be a whole number between -1000 and 1000, got 0.5'],
    ['serving[0].rpsPerReplica', (m: Doc) => (m.serving[0].rpsPerReplica = 0), 'must be a number greater than 0 and at most 1,000,000,000, got 0'],
    ['serving[0].autoscale.max', (m: Doc) => (m.serving[0].autoscale.max = 4), 'must be at least autoscale min (8), got 4'],
    ['serving[0].autoscale.targetUtilization', (m: Doc) => (m.serving[0].autoscale.targetUtilization = 0), 'must be a number greater than 0 and at most 1, got 0'],
    ['serving[0].traffic.noise', (m: Doc) => (m.serving[0].traffic.noise = { cv: 0.1, correlationMinutes: 15 }), 'is not modelled for ML serving (its demand is the deterministic curve times bursts); remove it'],
    ['serving[0].replicas', (m: Doc) => (m.serving[0].replicas = 8), 'give either replicas (a fixed count) or autoscale, not both'],
    ['serving[0].latencyThresholdMs', (m: Doc) => (m.serving[0].latencyThresholdMs = -5), 'must be a number greater than 0 and at most 3,600,000, got -5'],
    ['batchInference.window', (m: Doc) => (m.batchInference.window = '30s'), 'must be a duration between 1h and 1095d, got \'30s\''],
    ['batchInference.queueWaitTargetSeconds', (m: Doc) => (m.batchInference.queueWaitTargetSeconds = '10s'), "must be a number, got '10s'"],
    ['featureStore.hitRatio', (m: Doc) => (m.featureStore.hitRatio = { min: 0.5, max: 1.5 }), 'must be a number between 0 and 1, got 1.5'],
    ['featureStore.target', (m: Doc) => delete m.featureStore.target, 'is required'],
  ])('rejects a bad %s', (path, edit, message) => {
    const found = issues(after(edit));
    expect(found).toContain(`ml.${path.replace(/^featureStore\.hitRatio$/, 'featureStore.hitRatio.max')}: ${message}`);
    expect(found).toHaveLength(1);
  });

  it('guesses misspelt keys', () => {
    expect(issues(after((m) => {
      m.training.classes[0].gpu = m.training.classes[0].gpus;
      delete m.training.classes[0].gpus;
      m.batchInferance = m.batchInference;
      delete m.batchInference;
    }))).toEqual([
      'ml.training.classes[0].gpus: is required',
      "ml.training.classes[0]: unknown key 'gpu'; did you mean 'gpus'?",
      "ml: unknown key 'batchInferance'; did you mean 'batchInference'?",
    ]);
  });

  it('takes an empty section as no ML platform (as DESIGN section 2 writes `ml: {}`), and refuses what is not a mapping', () => {
    expect(issues({})).toEqual([]);
    expect(issues({ serving: [] })).toEqual([]);
    expect(describesMl({})).toBe(false);
    expect(describesMl({ serving: [] })).toBe(false);
    expect(describesMl({ featureStore: {} })).toBe(true);
    expect(issues('yes')).toEqual(["ml: must be an object (a mapping of keys to values), got 'yes'"]);
  });

  it('puts training and serving on a GPU pool, and every job within it', () => {
    expect(issues(after((m) => delete m.gpuPool))).toEqual([
      'ml.serving: needs gpuPool (serving replicas run on its GPUs)',
      'ml.training: needs gpuPool (training jobs run on its GPUs)',
    ]);
    expect(issues(after((m) => (m.training.classes[1].gpus = 65)))).toEqual([
      'ml.training.classes[1].gpus: needs 65 GPUs per job but gpuPool has only 64; such a job could never start',
    ]);
  });

  it('asks serving for replicas or autoscaling', () => {
    expect(issues(after((m) => delete m.serving[0].autoscale))).toEqual(['ml.serving[0]: needs replicas (a fixed count) or autoscale {min, max, targetUtilization}']);
    expect(valid(after((m) => {
      delete m.serving[0].autoscale;
      m.serving[0].replicas = 12;
    })).serving[0].replicas).toBe(12);
  });

  it('rejects repeated class and model names, naming the first', () => {
    expect(issues(after((m) => {
      m.training.classes[1].name = 'standard';
      m.serving.push({ ...m.serving[0] });
    }))).toEqual([
      "ml.serving[1].model: duplicate serving model 'ranker' (serving[0] has it too)",
      "ml.training.classes[1].name: duplicate training class name 'standard' (classes[0] has it too)",
    ]);
  });

  it('reports every problem at once, each with its path', () => {
    expect(issues(after((m) => {
      m.gpuPool.gpus = -1;
      m.training.classes[0].gpus = 0;
      m.training.classes[1].perDay = 'often';
      m.batchInference.gpus = 0;
      m.featureStore.cachedTargetMs = 0;
    }))).toEqual([
      'ml.gpuPool.gpus: must be a whole number between 1 and 100,000, got -1',
      'ml.training.classes[0].gpus: must be a whole number between 1 and 100,000, got 0',
      "ml.training.classes[1].perDay: must be a number, got 'often'",
      'ml.batchInference.gpus: must be a whole number between 1 and 100,000, got 0',
      'ml.featureStore.cachedTargetMs: must be a number greater than 0 and at most 3,600,000, got 0',
    ]);
  });

  it(`holds at most ${ML_LIMITS.classes} classes and ${ML_LIMITS.serving} models`, () => {
    const many = Array.from({ length: ML_LIMITS.classes + 1 }, (_, i) => ({ name: `c${i}`, perDay: 1, gpus: 1, duration: 5 }));
    expect(issues(after((m) => (m.training.classes = many)))).toEqual([`ml.training.classes: must have at most ${ML_LIMITS.classes} entries, got ${ML_LIMITS.classes + 1}`]);
  });
});

describe('volume', () => {
  it(`refuses processes that expect more than ${ML_EVENT_LIMIT.toLocaleString('en')} events in a trial, given the horizon`, () => {
    const ml = valid(after((m) => {
      m.training.classes[0].perDay = 20000;
      m.batchInference.jobsPerHour = 1e6;
    }));
    expect(mlVolumeIssues(ml, 90).map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'ml.training.classes.0.perDay: expects about 5,820,000 job attempts over 97 days (warm-up included) per trial; at most 1,000,000 are simulated',
      'ml.batchInference.jobsPerHour: expects about 48,000,000 batch jobs over 2 days (window and warm-up) per trial; at most 1,000,000 are simulated',
    ]);
    expect(mlVolumeIssues(valid(example()), 1095)).toEqual([]);
  });
});
