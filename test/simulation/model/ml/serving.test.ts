import { describe, expect, it } from 'vitest';
import { latencyTail } from '../../../../simulation/model/queueing';
import { demandAt } from '../../../../simulation/model/ml/serving-model';
import { ServingTrial } from '../../../../simulation/model/ml/serving-trial';
import { demandCurve } from '../../../../simulation/model/traffic';
import { compile, eachMlTrial, meanAndSe, mlSpec, perTrial, pool, servingModel, trainingClass } from './fixtures';

const lognormal = { kind: 'lognormal' as const, median: 20, p90: 45 };

describe('serving demand and replicas', () => {
  const traffic = { rps: 10000, diurnal: { amplitude: 0.3, peakHour: 14 }, weekly: { weekendFactor: 0.7 }, growth: { monthlyPercent: 2 } };
  const model = servingModel('ranker', { traffic, rpsPerReplica: 400, replicas: undefined, autoscale: { min: 8, max: 40, targetUtilization: 0.7 }, serviceTime: lognormal, workersPerReplica: 8 });
  const c = compile(mlSpec({ gpuPool: pool(64), serving: [model] }), 30);

  it('follows the services demand curve (DESIGN 3.1) step for step', () => {
    const curve = demandCurve(traffic, c.timeline);
    for (let k = 0; k < c.timeline.steps; k++) if (demandAt(c.models[0], c.timeline, k) !== curve[k]) throw new Error(`step ${k}: ${demandAt(c.models[0], c.timeline, k)} vs ${curve[k]}`);
  });

  it('needs clamp(ceil(demand / (rpsPerReplica x targetUtilization)), min, max) GPUs at every step', () => {
    const curve = demandCurve(traffic, c.timeline);
    let i = 0;
    for (let k = 0; k < c.timeline.steps; k++) {
      while (i + 1 < c.needSteps.length && c.needSteps[i + 1] <= k) i++;
      const want = Math.min(40, Math.max(8, Math.ceil(curve[k] / 280 - 1e-12)));
      if (c.needValues[i] !== want) throw new Error(`step ${k}: need ${c.needValues[i]}, expected ${want}`);
    }
    expect(c.maxNeed).toBe(40);
    expect(c.needSteps[0]).toBe(0);
  });
});

describe('serving latency and headroom', () => {
  it('is the M/M/c tail of DESIGN 3.3 with replicas x workersPerReplica servers at constant demand', () => {
    const model = servingModel('m', { traffic: { rps: 900 }, replicas: 4, rpsPerReplica: 300, workersPerReplica: 8, serviceTime: lognormal, latencyThresholdMs: 60 });
    const c = compile(mlSpec({ gpuPool: pool(8), serving: [model] }), 5);
    eachMlTrial(c, 0, 2, (o) => {
      const m = o.models[0];
      expect(m.requests).toBeCloseTo(900 * 60 * 5 * 1440, 0);
      expect(m.good / m.requests).toBeCloseTo(1 - latencyTail(60, 900, 32, lognormal), 5);
      expect(m.minHeadroom).toBeCloseTo(1200 / 900, 12);
    });
  });

  it('sheds demand above replicas x rpsPerReplica: those requests miss the threshold', () => {
    const model = servingModel('m', { traffic: { rps: 300 }, replicas: 2, rpsPerReplica: 100, workersPerReplica: 50, serviceTime: { kind: 'constant', value: 10 } });
    const c = compile(mlSpec({ gpuPool: pool(2), serving: [model] }), 2);
    eachMlTrial(c, 0, 1, (o) => {
      expect(o.models[0].good / o.models[0].requests).toBeCloseTo(2 / 3, 9);
      expect(o.models[0].minHeadroom).toBeCloseTo(2 / 3, 12);
    });
  });
});

describe('GPU shortages', () => {
  const f = 1 / 1000;
  const repair = 100;
  const models = [
    servingModel('first', { traffic: { rps: 150 }, replicas: 2, rpsPerReplica: 100, serviceTime: { kind: 'constant', value: 10 }, workersPerReplica: 10 }),
    servingModel('second', { traffic: { rps: 150 }, replicas: 2, rpsPerReplica: 100, serviceTime: { kind: 'constant', value: 10 }, workersPerReplica: 10 }),
  ];
  const c = compile(mlSpec({ gpuPool: pool(4, { failuresPerGpuDay: f * 1440, repair: { kind: 'constant', value: repair } }), serving: models }), 60);

  it('leave serving short of GPUs a share 1 - (1 / (1 + fR))^4 of the time when it needs all 4', () => {
    const short = perTrial(c, 20, (o) => o.pool.shortageMinutes / (60 * 1440));
    const { mean, se } = meanAndSe(short);
    expect(Math.abs(mean - (1 - (1 / (1 + f * repair)) ** 4))).toBeLessThan(4 * se);
  });

  it('take replicas from the last models first: the first loses service only when 3 of the 4 GPUs are down', () => {
    const base = compile(mlSpec({ gpuPool: pool(4), serving: models }), 60);
    let baseGood = 0;
    eachMlTrial(base, 0, 1, (o) => (baseGood = o.models[0].good));
    // A GPU is down 1/11 of the time: one or two down (first untouched) is 40 times likelier than three or more.
    const lost = [0, 0];
    eachMlTrial(c, 0, 8, (o) => {
      expect(o.pool.failures).toBeGreaterThan(0);
      expect(o.models[0].good).toBeLessThanOrEqual(baseGood + 1e-3);
      for (const i of [0, 1]) lost[i] += baseGood - o.models[i].good;
      expect(o.models[1].minHeadroom).toBeLessThan(1);
    });
    expect(lost[1]).toBeGreaterThan(10 * lost[0]);
    expect(lost[1]).toBeGreaterThan(0.01 * 8 * baseGood);
  });
});

describe('bursts', () => {
  const minutes = 10;
  const mult = 3;
  const model = servingModel('m', {
    traffic: { rps: 100, bursts: { perWeek: 2, multiplier: { kind: 'constant', value: mult }, duration: { kind: 'constant', value: minutes } } },
    replicas: undefined,
    autoscale: { min: 1, max: 10, targetUtilization: 0.5 },
    rpsPerReplica: 100,
  });
  const c = compile(mlSpec({ gpuPool: pool(6), serving: [model], training: { classes: [trainingClass('a', { perDay: 300, duration: { kind: 'exponential', mean: 60 } })] } }), 70);

  it(`add (multiplier - 1) x demand for their duration: ${minutes} minutes x ${mult - 1} x 100 rps each, perWeek x 10 weeks of them on average`, () => {
    const flat = compile(mlSpec({ gpuPool: pool(6), serving: [{ ...model, traffic: { rps: 100 } }] }), 70);
    let base = 0;
    eachMlTrial(flat, 0, 1, (o) => (base = o.models[0].requests));
    const bursts = perTrial(c, 200, (o) => (o.models[0].requests - base) / (minutes * (mult - 1) * 100 * 60));
    const { mean, se } = meanAndSe(bursts);
    expect(Math.abs(mean - 2 * 10)).toBeLessThan(4 * se);
  });

  it('raise serving need (2 replicas -> 6) and so take GPUs back from training', () => {
    const trial = new ServingTrial(c);
    const need = trial.need(3);
    expect(need.maxNeed).toBe(6);
    expect(c.maxNeed).toBe(2);
    const killed = perTrial(c, 20, (o) => o.classes[0].preempted);
    expect(meanAndSe(killed).mean).toBeGreaterThan(5);
  });

  it('lower the headroom to about replicas x rpsPerReplica / (multiplier x demand) at worst', () => {
    eachMlTrial(c, 0, 5, (o) => {
      // 300 rps wants 6 replicas (600 rps) but only 6 GPUs exist and training does not matter: headroom 2.
      expect(o.models[0].minHeadroom).toBeCloseTo(2, 12);
    });
  });
});

describe('the need stream of a trial with bursts', () => {
  const model = servingModel('m', {
    traffic: { rps: 300, diurnal: { amplitude: 0.5, peakHour: 10 }, bursts: { perWeek: 10, multiplier: { kind: 'uniform', min: 0.5, max: 3 }, duration: { kind: 'uniform', min: 5, max: 300 } } },
    replicas: undefined,
    autoscale: { min: 1, max: 30, targetUtilization: 0.6 },
  });
  const c = compile(mlSpec({ gpuPool: pool(40), serving: [model] }), 9, 3, 5);

  it('changes value at every change point, and integrates to its own step function, day by day', () => {
    const trial = new ServingTrial(c);
    for (const i of [0, 1, 2, 3]) {
      const s = trial.need(i);
      const tl = c.timeline;
      const perDay = new Float64Array(9);
      let value = 0;
      let max = 0;
      for (let j = 0, k = 0; k < tl.steps; k++) {
        while (j < s.count && s.steps[j] <= k) value = s.values[j++];
        if (value > max) max = value;
        if (k >= tl.horizonStep) perDay[Math.floor((k - tl.horizonStep) / (1440 / 5))] += value * 5;
      }
      for (let j = 1; j < s.count; j++) {
        expect(s.steps[j]).toBeGreaterThan(s.steps[j - 1]);
        expect(s.values[j]).not.toBe(s.values[j - 1]);
      }
      expect(s.maxNeed).toBe(max);
      for (let d = 0; d < 9; d++) expect(s.perDay[d]).toBeCloseTo(perDay[d], 6);
      expect(s.total).toBeCloseTo(perDay.reduce((a, b) => a + b, 0), 6);
      expect(s.count).toBeGreaterThan(c.needSteps.length / 2);
    }
  });
});
