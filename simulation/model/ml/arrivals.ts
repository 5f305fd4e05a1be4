/**
 * Arrivals of a Poisson process whose rate is `perDay` on weekdays and
 * `perDay x weekendFactor` on Saturdays and Sundays (UTC), by inversion of its
 * cumulative rate: each arrival costs one unit exponential, however many day
 * edges it crosses, so a class's n-th arrival depends only on its own draws.
 */
import type { Rng } from '../../random/prng';
import { MINUTES_PER_DAY, weekdayOf } from '../timeline';
import { unitExponential } from './exponential';

export class WeeklyArrivals {
  private readonly weekdayRate: number;
  private readonly weekendRate: number;
  /** The day (relative minutes [dayStart, dayEnd)) whose rate was last looked up. */
  private dayStart = Infinity;
  private dayEnd = -Infinity;
  private rate = 0;

  /**
   * @param perDay arrivals per day on a weekday
   * @param weekendFactor multiplier of the rate on Saturday and Sunday (UTC)
   * @param startEpochMinutes the epoch minute of t = 0
   */
  constructor(perDay: number, weekendFactor: number, private readonly startEpochMinutes: number) {
    this.weekdayRate = perDay / MINUTES_PER_DAY;
    this.weekendRate = (perDay * weekendFactor) / MINUTES_PER_DAY;
  }

  /** Whether the process ever arrives. */
  get active(): boolean {
    return this.weekdayRate > 0 || this.weekendRate > 0;
  }

  /**
   * Replaces times[i], a minute relative to start, by the first arrival after it, or by Infinity when there is
   * none before `limit`. The times live in an array so that no number crosses the call.
   */
  advance(rng: Rng, times: Float64Array, i: number, limit: number): void {
    if (!this.active) {
      times[i] = Infinity;
      return;
    }
    let t = times[i];
    let e = unitExponential(rng);
    for (;;) {
      if (!(t >= this.dayStart && t < this.dayEnd)) this.lookUp(t);
      const room = (this.dayEnd - t) * this.rate;
      if (e < room) {
        times[i] = t + e / this.rate;
        return;
      }
      e -= room;
      t = this.dayEnd;
      if (t >= limit) {
        times[i] = Infinity;
        return;
      }
    }
  }

  /** Caches the rate of the UTC day holding minute t. */
  private lookUp(t: number): void {
    const day = Math.floor((this.startEpochMinutes + t) / MINUTES_PER_DAY);
    this.dayStart = day * MINUTES_PER_DAY - this.startEpochMinutes;
    this.dayEnd = this.dayStart + MINUTES_PER_DAY;
    const wd = weekdayOf(day * MINUTES_PER_DAY);
    this.rate = wd === 0 || wd === 6 ? this.weekendRate : this.weekdayRate;
  }
}
