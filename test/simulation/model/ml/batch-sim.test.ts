import { describe, expect, it } from 'vitest';
import { batchPool, compile, eachMlTrial, erlangCReference, meanAndSe, mlSpec, perTrial } from './fixtures';

describe('the batch pool is an M/G/c queue', () => {
  // Ciw's M/M/3: 0.2 jobs a minute (12 an hour) of 10-minute exponential work on 3 GPUs.
  const c = compile(mlSpec({ batchInference: batchPool({ jobsPerHour: 12, duration: { kind: 'exponential', mean: 10 }, gpus: 3, queueWaitTargetSeconds: 60 }) }), 40);
  const trials = 20;
  const C = erlangCReference(3, 2);

  it('waits C / (c mu - lambda) = 4.444 minutes on average (M/M/3)', () => {
    const waits = perTrial(c, trials, (o) => (o.batch ? o.batch.waitSum / 60 / o.batch.jobs : NaN));
    const { mean, se } = meanAndSe(waits);
    expect(Math.abs(mean - C / 0.1)).toBeLessThan(4 * se);
  });

  it('starts 1 - C = 55.6 % of the jobs at once and 1 - C e^(-(c mu - lambda) T) within T = 1 minute', () => {
    const zero = perTrial(c, trials, (o) => (o.batch ? o.batch.zeroWaits / o.batch.jobs : NaN));
    const within = perTrial(c, trials, (o) => (o.batch ? o.batch.withinTarget / o.batch.jobs : NaN));
    expect(Math.abs(meanAndSe(zero).mean - (1 - C))).toBeLessThan(4 * meanAndSe(zero).se);
    expect(Math.abs(meanAndSe(within).mean - (1 - C * Math.exp(-0.1)))).toBeLessThan(4 * meanAndSe(within).se);
  });

  it('keeps the waits of the jobs that waited, in seconds, and counts the rest as zero waits', () => {
    eachMlTrial(c, 0, 1, (o) => {
      const b = o.batch;
      if (!b) throw new Error('no batch outcome');
      let sum = 0;
      for (let i = 0; i < b.waitCount; i++) {
        expect(b.waits[i]).toBeGreaterThan(0);
        sum += b.waits[i];
      }
      expect(sum).toBeCloseTo(b.waitSum, 6);
      expect(b.waitCount + b.zeroWaits).toBe(b.jobs);
    });
  });
});

describe('the batch pool with constant durations (M/D/1)', () => {
  it('waits rho / (2 mu (1 - rho)) = 5 minutes on average for 3 jobs an hour of 10 minutes (Pollaczek-Khinchine)', () => {
    const c = compile(mlSpec({ batchInference: batchPool({ jobsPerHour: 3, duration: { kind: 'constant', value: 10 }, gpus: 1 }) }), 60);
    const waits = perTrial(c, 20, (o) => (o.batch ? o.batch.waitSum / 60 / o.batch.jobs : NaN));
    const { mean, se } = meanAndSe(waits);
    const rho = 0.5;
    expect(Math.abs(mean - (rho * 10) / (2 * (1 - rho)))).toBeLessThan(4 * se);
  });
});

describe('the batch window', () => {
  it('judges only the jobs that arrive in the window from start (a day: about jobsPerHour x 24)', () => {
    const c = compile(mlSpec({ batchInference: batchPool({ jobsPerHour: 40, window: 1440 }) }), 90);
    const jobs = perTrial(c, 200, (o) => (o.batch ? o.batch.jobs : NaN));
    const { mean, se } = meanAndSe(jobs);
    expect(Math.abs(mean - 40 * 24)).toBeLessThan(4 * se);
  });

  it('stops at the horizon when the window is longer', () => {
    const c = compile(mlSpec({ batchInference: batchPool({ jobsPerHour: 10, window: 1000 * 1440 }) }), 3);
    const jobs = perTrial(c, 100, (o) => (o.batch ? o.batch.jobs : NaN));
    const { mean, se } = meanAndSe(jobs);
    expect(Math.abs(mean - 10 * 72)).toBeLessThan(4 * se);
  });

  it('has no jobs without arrivals', () => {
    const c = compile(mlSpec({ batchInference: batchPool({ jobsPerHour: 0 }) }), 3);
    eachMlTrial(c, 0, 2, (o) => expect(o.batch?.jobs).toBe(0));
  });
});
