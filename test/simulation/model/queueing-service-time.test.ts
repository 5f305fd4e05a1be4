import { describe, expect, it } from 'vitest';
import { ServiceTime, oneMinusExpOver } from '../../../simulation/model/queueing-service-time';

describe('ServiceTime', () => {
  it('scales the mean by the latency factor', () => {
    expect(new ServiceTime({ kind: 'exponential', mean: 20 }, 3).mean).toBe(60);
    expect(new ServiceTime({ kind: 'uniform', min: 10, max: 30 }, 2).mean).toBe(40);
    expect(new ServiceTime({ kind: 'lognormal', median: 1, p90: Math.exp(1.2815515655446004) }, 2).mean).toBeCloseTo(2 * Math.exp(0.5), 13);
  });

  it('has the survival functions e^{-t/m}, (max - t) / (max - min) and 1/2 at a lognormal median', () => {
    expect(new ServiceTime({ kind: 'exponential', mean: 20 }).survival(40)).toBeCloseTo(Math.exp(-2), 15);
    expect(new ServiceTime({ kind: 'uniform', min: 10, max: 30 }).survival(25)).toBeCloseTo(0.25, 15);
    expect(new ServiceTime({ kind: 'lognormal', median: 30, p90: 70 }).survival(30)).toBeCloseTo(0.5, 15);
    expect(new ServiceTime({ kind: 'lognormal', median: 30, p90: 70 }).survival(70)).toBeCloseTo(0.1, 14);
    expect(new ServiceTime({ kind: 'constant', value: 5 }).survival(4.9)).toBe(1);
  });

  it('gives the queueing term mu t e^{-mu t} for an exponential service time when theta equals mu', () => {
    const s = new ServiceTime({ kind: 'exponential', mean: 20 });
    expect(s.queueTerm(80, 0.05)).toBeCloseTo(0.05 * 80 * Math.exp(-4), 15);
  });

  it('gives the queueing term (e^{-theta (t - max)} - e^{-theta (t - min)}) / (theta (max - min)) for a uniform one', () => {
    const s = new ServiceTime({ kind: 'uniform', min: 10, max: 30 });
    const theta = 0.07;
    expect(s.queueTerm(50, theta)).toBeCloseTo((Math.exp(-theta * 20) - Math.exp(-theta * 40)) / (theta * 20), 15);
    expect(s.queueTerm(5, theta)).toBe(0);
  });

  it('tends to P(S <= t) as the wait rate goes to 0 (every waiting request still in time)', () => {
    const s = new ServiceTime({ kind: 'lognormal', median: 30, p90: 70 });
    expect(s.queueTerm(70, 1e-12)).toBeCloseTo(0.9, 9);
  });

  it('treats a lognormal with p90 equal to its median as a constant', () => {
    const s = new ServiceTime({ kind: 'lognormal', median: 30, p90: 30 });
    expect(s.survival(29)).toBe(1);
    expect(s.queueTerm(40, 0.1)).toBeCloseTo(Math.exp(-1), 15);
  });
});

describe('oneMinusExpOver', () => {
  it('is (1 - e^{-x t}) / x, and t in the limit x -> 0', () => {
    expect(oneMinusExpOver(0.5, 2)).toBeCloseTo((1 - Math.exp(-1)) / 0.5, 15);
    expect(oneMinusExpOver(0, 3)).toBe(3);
    expect(oneMinusExpOver(1e-15, 3)).toBeCloseTo(3, 13);
  });
});
