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

  /** The first arrival after minute t (relative to start), or Infinity when there is none before `limit`. */
  next(rng: Rng, t: number, limit: number): number {
    if (!this.active) return Infinity;
    let e = unitExponential(rng);
    for (;;) {
      if (!(t >= this.dayStart && t < this.dayEnd)) this.lookUp(t);
      const room = (this.dayEnd - t) * this.rate;
      if (e < room) return t + e / this.rate;
      e -= room;
      t = this.dayEnd;
      if (t >= limit) return Infinity;
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
