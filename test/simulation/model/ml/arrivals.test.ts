import { describe, expect, it } from 'vitest';
import { WeeklyArrivals } from '../../../../simulation/model/ml/arrivals';
import { unitExponential } from '../../../../simulation/model/ml/exponential';
import { MINUTES_PER_DAY } from '../../../../simulation/model/timeline';
import { Rng } from '../../../../simulation/random/prng';

/** Epoch minute of 2027-01-01T00:00Z, a Friday: its days 1 and 2 are the weekend. */
const START = Date.UTC(2027, 0, 1) / 60000;

describe('weekly arrivals by inversion of the cumulative rate', () => {
  it('put the next arrival where the rate, integrated from the last one, reaches a unit exponential draw', () => {
    const arrivals = new WeeklyArrivals(144, 0.25, START);
    const rng = new Rng([11]);
    const twin = new Rng([11]);
    const weekday = 144 / MINUTES_PER_DAY;
    const times = new Float64Array([-7, 0.5 * MINUTES_PER_DAY, 0]);
    let t = times[1];
    for (let n = 0; n < 400; n++) {
      arrivals.advance(rng, times, 1, 30 * MINUTES_PER_DAY);
      // The rate integrated from t to the arrival, day by day (Saturday and Sunday at a quarter).
      const to = times[1];
      let mass = 0;
      for (let a = t; a < to; ) {
        const day = Math.floor(a / MINUTES_PER_DAY);
        const end = Math.min(to, (day + 1) * MINUTES_PER_DAY);
        mass += (end - a) * (day % 7 === 1 || day % 7 === 2 ? weekday / 4 : weekday);
        a = end;
      }
      expect(mass).toBeCloseTo(unitExponential(twin), 9);
      t = to;
    }
    expect(t).toBeGreaterThan(2 * MINUTES_PER_DAY);
    expect([times[0], times[2]]).toEqual([-7, 0]);
  });

  it('arrive at Infinity when the next one would fall after the limit, or when the rate is zero', () => {
    const times = new Float64Array([0]);
    new WeeklyArrivals(1e-9, 1, START).advance(new Rng([3]), times, 0, MINUTES_PER_DAY);
    expect(times[0]).toBe(Infinity);
    times[0] = 0;
    new WeeklyArrivals(0, 0, START).advance(new Rng([3]), times, 0, MINUTES_PER_DAY);
    expect(times[0]).toBe(Infinity);
  });
});
