import { describe, expect, it } from 'vitest';
import { createMlOutcome } from '../../../../simulation/model/ml/outcome';
import { ServingTrial } from '../../../../simulation/model/ml/serving-trial';
import { TrainingSim } from '../../../../simulation/model/ml/training-sim';
import { compile, eachMlTrial, erlangCReference, meanAndSe, mlSpec, perTrial, pool, servingModel, trainingClass } from './fixtures';

/**
 * Ciw's M/M/3 example: arrivals at 0.2 and service at 0.1 per time unit on 3 servers wait 4.444 time units
 * on average (Erlang C). Here a time unit is a minute: 288 jobs a day of 10-minute exponential work on 3 GPUs.
 */
const mm3 = mlSpec({ gpuPool: pool(3), training: { classes: [trainingClass('jobs', { perDay: 0.2 * 1440, duration: { kind: 'exponential', mean: 10 } })] } });

describe('the training queue with exponential jobs and no failures is M/M/c', () => {
  const c = compile(mm3, 60);
  const trials = 24;
  const waits = perTrial(c, trials, (o) => o.classes[0].waitSum / o.classes[0].waitCount);

  it('waits 4.444 minutes on average, as Erlang C says for arrival 0.2, service 0.1, c = 3', () => {
    const exact = erlangCReference(3, 2) / (3 * 0.1 - 0.2);
    expect(exact).toBeCloseTo(4.444, 3);
    const { mean, se } = meanAndSe(waits);
    expect(Math.abs(mean - exact)).toBeLessThan(4 * se);
    expect(se).toBeLessThan(0.1);
  });

  it('makes C(3, 2) = 44.4 % of the jobs wait at all', () => {
    const shares = perTrial(c, trials, (o) => {
      const w = o.classes[0];
      let waited = 0;
      for (let i = 0; i < w.waitCount; i++) if (w.waits[i] > 0) waited++;
      return waited / w.waitCount;
    });
    const { mean, se } = meanAndSe(shares);
    expect(Math.abs(mean - erlangCReference(3, 2))).toBeLessThan(4 * se);
  });

  it('keeps the GPUs busy offered load / capacity = 0.2 x 10 / 3 = 66.7 % of the time', () => {
    const utilization = perTrial(c, trials, (o) => o.pool.trainingAllocatedMinutes / o.pool.trainingAvailableMinutes);
    const { mean, se } = meanAndSe(utilization);
    expect(Math.abs(mean - 2 / 3)).toBeLessThan(4 * se);
    const daily = perTrial(c, trials, (o) => o.pool.dayAllocated[10] / o.pool.dayAvailable[10]);
    expect(Math.abs(meanAndSe(daily).mean - 2 / 3)).toBeLessThan(4 * meanAndSe(daily).se);
  });

  it('counts every GPU-minute of the horizon as available to training when nothing fails and nothing serves', () => {
    eachMlTrial(c, 0, 1, (o) => {
      expect(o.pool.gpuMinutes).toBe(3 * 60 * 1440);
      expect(o.pool.upMinutes).toBe(3 * 60 * 1440);
      expect(o.pool.trainingAvailableMinutes).toBe(3 * 60 * 1440);
      expect(o.pool.dayAvailable[0]).toBe(3 * 1440);
      expect(o.pool.servingMinutes).toBe(0);
      expect(o.pool.failures).toBe(0);
    });
  });

  it('sees about 288 jobs a day arrive, with a Poisson spread', () => {
    const arrived = perTrial(c, trials, (o) => o.classes[0].arrived);
    const { mean, se } = meanAndSe(arrived);
    expect(Math.abs(mean - 288 * 60)).toBeLessThan(4 * se);
  });
});

describe('with ample GPUs', () => {
  it('never makes a job wait, and finishes each in its own duration', () => {
    const c = compile(mlSpec({ gpuPool: pool(200), training: { classes: [trainingClass('a', { perDay: 288 }), trainingClass('b', { perDay: 50, gpus: 8, duration: { kind: 'lognormal', median: 60, p90: 180 } })] } }), 20);
    eachMlTrial(c, 0, 5, (o) => {
      for (const k of o.classes) {
        expect(k.waitCount).toBeGreaterThan(0);
        expect(k.waitSum).toBe(0);
        for (let i = 0; i < k.waitCount; i++) expect(k.waits[i]).toBe(0);
        expect(k.preempted).toBe(0);
      }
    });
  });

  it('turns around jobs in their mean duration', () => {
    const c = compile(mlSpec({ gpuPool: pool(100), training: { classes: [trainingClass('a', { perDay: 500, duration: { kind: 'exponential', mean: 30 } })] } }), 20);
    const turnaround = perTrial(c, 10, (o) => o.classes[0].turnaroundSum / o.classes[0].turnaroundCount);
    const { mean, se } = meanAndSe(turnaround);
    expect(Math.abs(mean - 30)).toBeLessThan(4 * se);
  });
});

describe('retries', () => {
  const p = 0.7;
  const r = 2;
  const c = compile(mlSpec({ gpuPool: pool(100), training: { classes: [trainingClass('a', { perDay: 400, successProbability: p, retries: r, duration: { kind: 'constant', value: 5 } })] } }), 30);
  const trials = 12;

  it(`fail (1 - p)^(r + 1) = ${((1 - p) ** (r + 1)).toFixed(3)} of the jobs for p = ${p}, r = ${r}`, () => {
    const failed = perTrial(c, trials, (o) => o.classes[0].failed / (o.classes[0].failed + o.classes[0].completed));
    const { mean, se } = meanAndSe(failed);
    expect(Math.abs(mean - (1 - p) ** (r + 1))).toBeLessThan(4 * se);
  });

  it('retry (1 - p) of the jobs at least once, and make (1 - p) + (1 - p)^2 retries a job', () => {
    const retried = perTrial(c, trials, (o) => o.classes[0].retried / (o.classes[0].failed + o.classes[0].completed));
    const retries = perTrial(c, trials, (o) => o.classes[0].retries / (o.classes[0].failed + o.classes[0].completed));
    expect(Math.abs(meanAndSe(retried).mean - (1 - p))).toBeLessThan(4 * meanAndSe(retried).se);
    expect(Math.abs(meanAndSe(retries).mean - ((1 - p) + (1 - p) ** 2))).toBeLessThan(4 * meanAndSe(retries).se);
  });

  it('turn a successful job around in 5 minutes a try, each retry queued at the back', () => {
    eachMlTrial(c, 0, 1, (o) => {
      const k = o.classes[0];
      const seen = new Set<number>();
      for (let i = 0; i < k.turnaroundCount; i++) seen.add(Math.round(k.turnarounds[i] * 1e6) / 1e6);
      expect([...seen].sort((a, b) => a - b)).toEqual([5, 10, 15]);
    });
  });

  it('never retry a job that always succeeds, and never succeed a job that never does', () => {
    const never = compile(mlSpec({ gpuPool: pool(50), training: { classes: [trainingClass('a', { successProbability: 0, retries: 3 })] } }), 10);
    eachMlTrial(never, 0, 2, (o) => {
      const k = o.classes[0];
      expect(k.completed).toBe(0);
      expect(k.failed).toBeGreaterThan(0);
      expect(k.retries).toBeGreaterThanOrEqual(3 * k.failed);
    });
  });
});

describe('GPU failures', () => {
  it('kill the job on the failed GPU: with failures far more often than a job lasts, no job ever finishes', () => {
    const c = compile(mlSpec({
      gpuPool: pool(200, { failuresPerGpuDay: 1440 / 5, repair: { kind: 'constant', value: 1 } }),
      training: { classes: [trainingClass('long', { perDay: 5, duration: { kind: 'constant', value: 600 } })] },
    }), 10);
    eachMlTrial(c, 0, 3, (o) => {
      expect(o.classes[0].completed).toBe(0);
      expect(o.classes[0].arrived).toBeGreaterThan(20);
      expect(o.classes[0].waitCount).toBe(o.classes[0].arrived);
      expect(o.classes[0].preempted).toBeGreaterThan(1000);
      expect(o.pool.failures).toBeGreaterThan(100000);
    });
  });

  it('kill a running job e^(fD) - 1 times on average before it runs its D minutes through (f per GPU-minute)', () => {
    const f = 1 / 600;
    const d = 300;
    const c = compile(mlSpec({
      gpuPool: pool(60, { failuresPerGpuDay: f * 1440, repair: { kind: 'constant', value: 30 } }),
      training: { classes: [trainingClass('a', { perDay: 40, duration: { kind: 'constant', value: d } })] },
    }), 60);
    const kills = perTrial(c, 16, (o) => o.classes[0].preempted / o.classes[0].completed);
    const { mean, se } = meanAndSe(kills);
    expect(Math.abs(mean - (Math.exp(f * d) - 1))).toBeLessThan(4 * se);
  });

  it('take each GPU down a fraction fR / (1 + fR) of the time for repairs of R minutes', () => {
    const f = 1 / 2000;
    const repair = 200;
    const c = compile(mlSpec({ gpuPool: pool(10, { failuresPerGpuDay: f * 1440, repair: { kind: 'constant', value: repair } }) , training: { classes: [trainingClass('a', { perDay: 1 })] } }), 60);
    const down = perTrial(c, 20, (o) => 1 - o.pool.upMinutes / o.pool.gpuMinutes);
    const { mean, se } = meanAndSe(down);
    expect(Math.abs(mean - (f * repair) / (1 + f * repair))).toBeLessThan(4 * se);
  });
});

describe('serving takes GPUs first', () => {
  it('leaves training nothing when serving needs every GPU: jobs arrive and never start', () => {
    const c = compile(mlSpec({
      gpuPool: pool(4),
      serving: [servingModel('ranker', { replicas: 2, gpusPerReplica: 2 })],
      training: { classes: [trainingClass('a', { perDay: 50 })] },
    }), 10);
    eachMlTrial(c, 0, 3, (o) => {
      const k = o.classes[0];
      expect(k.arrived).toBeGreaterThan(0);
      expect(k.waitCount).toBe(0);
      expect(k.completed).toBe(0);
      expect(k.unfinished).toBe(k.arrived);
      expect(o.pool.trainingAvailableMinutes).toBe(0);
      expect(o.pool.trainingAllocatedMinutes).toBe(0);
      expect(o.pool.servingMinutes).toBe(4 * 10 * 1440);
    });
  });

  it('takes GPUs back from training as its traffic rises, killing the most recent jobs, and never lets training hold more than it leaves', () => {
    const c = compile(mlSpec({
      gpuPool: pool(16),
      serving: [servingModel('ranker', {
        replicas: undefined,
        autoscale: { min: 2, max: 14, targetUtilization: 0.5 },
        traffic: { rps: 400, diurnal: { amplitude: 0.6, peakHour: 14 } },
      })],
      training: { classes: [trainingClass('a', { perDay: 400, duration: { kind: 'exponential', mean: 60 } })] },
    }), 20);
    eachMlTrial(c, 0, 3, (o) => {
      expect(o.classes[0].preempted).toBeGreaterThan(0);
      expect(o.pool.trainingAllocatedMinutes).toBeLessThanOrEqual(o.pool.trainingAvailableMinutes + 1e-6);
      for (let d = 0; d < 20; d++) expect(o.pool.dayAllocated[d]).toBeLessThanOrEqual(o.pool.dayAvailable[d] + 1e-6);
      expect(o.pool.trainingAvailableMinutes + o.pool.servingMinutes).toBeCloseTo(o.pool.upMinutes, 6);
    });
  });
});

describe('GPU shortage', () => {
  it('counts exactly the minutes, and the GPU-minutes, that fewer GPUs are up than serving needs', () => {
    // Serving scales with its traffic over all 6 GPUs and GPUs fail often: shortages start when a GPU fails
    // and end when it is repaired or when serving's need falls back (a need change that starts no job).
    const c = compile(mlSpec({
      gpuPool: pool(6, { failuresPerGpuDay: 4, repair: { kind: 'exponential', mean: 180 } }),
      serving: [servingModel('ranker', { replicas: undefined, autoscale: { min: 1, max: 6, targetUtilization: 0.8 }, traffic: { rps: 300, diurnal: { amplitude: 0.6, peakHour: 14 } } })],
      training: { classes: [trainingClass('a', { perDay: 20 })] },
    }), 10);
    const tl = c.timeline;
    const serving = new ServingTrial(c);
    const sim = new TrainingSim(c);
    const out = createMlOutcome(c);
    let short = 0;
    for (let trial = 0; trial < 4; trial++) {
      const need = serving.need(trial);
      sim.run(trial, need, out);
      // Integrate over the horizon, piece by piece between the need's changes and the up-GPU count's.
      const edges = [0, tl.t1];
      for (let i = 0; i < need.count; i++) edges.push(tl.t0 + need.steps[i] * tl.stepMinutes);
      for (let i = 0; i < sim.upCount; i++) edges.push(sim.upTimes[i]);
      const cuts = [...new Set(edges.filter((t) => t >= 0 && t <= tl.t1))].sort((a, b) => a - b);
      let minutes = 0;
      let gpuMinutes = 0;
      for (let i = 0; i + 1 < cuts.length; i++) {
        const a = cuts[i];
        let n = 0;
        while (n + 1 < need.count && tl.t0 + need.steps[n + 1] * tl.stepMinutes <= a) n++;
        let u = 0;
        while (u + 1 < sim.upCount && sim.upTimes[u + 1] <= a) u++;
        const gap = need.values[n] - sim.upValues[u];
        if (gap > 0) {
          minutes += cuts[i + 1] - a;
          gpuMinutes += gap * (cuts[i + 1] - a);
        }
      }
      expect(out.pool.shortageMinutes).toBeCloseTo(minutes, 6);
      expect(out.pool.servingMinutes).toBeCloseTo(need.total - gpuMinutes, 6);
      short += minutes;
    }
    expect(short).toBeGreaterThan(0);
  });
});

describe('the queue', () => {
  it('serves a higher priority first: its jobs wait less than the same jobs at a lower priority', () => {
    const classes = [trainingClass('low', { perDay: 200, duration: { kind: 'exponential', mean: 12 } }), trainingClass('high', { perDay: 200, priority: 1, duration: { kind: 'exponential', mean: 12 } })];
    const c = compile(mlSpec({ gpuPool: pool(4), training: { classes } }), 20);
    eachMlTrial(c, 0, 2, (o) => {
      const low = o.classes[0].waitSum / o.classes[0].waitCount;
      const high = o.classes[1].waitSum / o.classes[1].waitCount;
      expect(high).toBeLessThan(low / 2);
    });
  });

  it('does not backfill: a waiting 4-GPU job holds back the 1-GPU jobs behind it', () => {
    const small = trainingClass('small', { perDay: 100, duration: { kind: 'exponential', mean: 30 } });
    const alone = compile(mlSpec({ gpuPool: pool(4), training: { classes: [small] } }), 20);
    const mixed = compile(mlSpec({ gpuPool: pool(4), training: { classes: [small, trainingClass('big', { perDay: 10, gpus: 4, duration: { kind: 'exponential', mean: 60 } })] } }), 20);
    const waitAlone = meanAndSe(perTrial(alone, 4, (o) => o.classes[0].waitSum / o.classes[0].waitCount)).mean;
    const waitMixed = meanAndSe(perTrial(mixed, 4, (o) => o.classes[0].waitSum / o.classes[0].waitCount)).mean;
    expect(waitMixed).toBeGreaterThan(5 * waitAlone);
  });

  it('counts jobs of the warm-up out and judges a deadline on the jobs old enough for it', () => {
    const c = compile(mlSpec({ gpuPool: pool(100), training: { classes: [trainingClass('a', { perDay: 144, deadline: 15, duration: { kind: 'constant', value: 10 } })] } }), 10);
    eachMlTrial(c, 0, 3, (o) => {
      const k = o.classes[0];
      expect(k.deadlineMet).toBe(k.deadlineEligible);
      expect(k.deadlineEligible).toBeLessThanOrEqual(k.arrived);
      expect(k.arrived - k.deadlineEligible).toBeLessThan(10);
      expect(k.completed + k.unfinished).toBe(k.arrived);
      let weekly = 0;
      for (const n of k.completedPerWeek) weekly += n;
      expect(weekly).toBe(k.completed);
    });
  });

  it('misses every deadline shorter than the work', () => {
    const c = compile(mlSpec({ gpuPool: pool(100), training: { classes: [trainingClass('a', { perDay: 144, deadline: 5, duration: { kind: 'constant', value: 10 } })] } }), 10);
    eachMlTrial(c, 0, 2, (o) => {
      expect(o.classes[0].deadlineEligible).toBeGreaterThan(1000);
      expect(o.classes[0].deadlineMet).toBe(0);
    });
  });
});

describe('weekly arrivals', () => {
  it('arrive perDay on weekdays and perDay x weekendFactor on Saturday and Sunday (UTC)', () => {
    // 28 days from Friday 2027-01-01: 8 weekend days, 20 weekdays.
    const c = compile(mlSpec({ gpuPool: pool(100), training: { classes: [trainingClass('a', { perDay: 100, weekly: { weekendFactor: 0.25 } })] } }), 28);
    const arrived = perTrial(c, 20, (o) => o.classes[0].arrived);
    const { mean, se } = meanAndSe(arrived);
    expect(Math.abs(mean - (20 * 100 + 8 * 25))).toBeLessThan(4 * se);
    const weeks = perTrial(c, 20, (o) => o.classes[0].completedPerWeek.length);
    expect(weeks[0]).toBe(4);
  });
});
