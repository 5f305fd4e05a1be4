/**
 * Poisson counts and Poisson-process arrival times.
 *
 * `poisson` is exact (up to floating point) for every mean: below 10 it inverts
 * the distribution function by sequential search (on average mean + 1 steps);
 * from 10 up it uses Hörmann's transformed rejection with squeeze, PTRS (1993),
 * which takes about 1.2 pairs of uniforms per draw whatever the mean.
 */
import type { Rng } from './prng';

const INVERSION_LIMIT = 10;
const LOG_FACTORIAL_TABLE = 256;
const logFactorials = new Float64Array(LOG_FACTORIAL_TABLE);
for (let k = 2; k < LOG_FACTORIAL_TABLE; k++) logFactorials[k] = logFactorials[k - 1] + Math.log(k);

const HALF_LOG_2PI = 0.9189385332046728;

/** ln(k!) for a non-negative integer k (Stirling's series beyond the table, exact to rounding). */
export function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE) return logFactorials[k];
  const n = k + 1;
  const inv = 1 / n;
  const inv2 = inv * inv;
  return (n - 0.5) * Math.log(n) - n + HALF_LOG_2PI + inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
}

/** A Poisson-distributed count with the given mean (0 when mean <= 0). */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < INVERSION_LIMIT) {
    const u = rng.next();
    let p = Math.exp(-mean);
    let cdf = p;
    let k = 0;
    // The cap only matters when u lands in the last ulp below 1, where cdf stalls at its rounded sum.
    while (u >= cdf && k < 200) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
  return ptrs(rng, mean);
}

function ptrs(rng: Rng, lambda: number): number {
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.nextOpen();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
  }
}

/**
 * Arrival times (continuous minutes, increasing) of a Poisson process of the
 * given rate per minute in [fromMinute, toMinute), written to out[0..count)
 * (the array grows as needed); returns the count. Arrivals are generated one
 * exponential gap at a time, so moving `toMinute` never changes earlier arrivals.
 */
export function poissonArrivals(rng: Rng, ratePerMinute: number, fromMinute: number, toMinute: number, out: number[]): number {
  if (!(ratePerMinute > 0) || !(toMinute > fromMinute)) return 0;
  const mean = 1 / ratePerMinute;
  let n = 0;
  let t = fromMinute;
  for (;;) {
    t += rng.exponential(mean);
    if (t >= toMinute) return n;
    out[n++] = t;
  }
}
