/**
 * Sampling, means and quantiles of the scenario's distributions (`Dist`):
 * a constant, a lognormal given by its median and 90th percentile, an
 * exponential by its mean, a uniform by its bounds.
 */
import type { Dist } from '../scenario/types';
import type { Rng } from './prng';
import { normalCdf, normalQuantile } from './normal';

/** The standard normal's 90th percentile: a lognormal's sigma is ln(p90 / median) / Z90. */
export const Z90 = 1.2815515655446004;

/** Log-scale standard deviation of the lognormal with this median and 90th percentile. */
export function lognormalSigma(median: number, p90: number): number {
  return Math.log(p90 / median) / Z90;
}

/** One draw from d. Allocation-free; for millions of draws of one Dist prefer `compileDist`. */
export function sampleDist(rng: Rng, d: Dist): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'lognormal':
      return d.median * Math.exp(lognormalSigma(d.median, d.p90) * rng.normal());
    case 'exponential':
      return rng.exponential(d.mean);
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
  }
}

/** The mean of d; a lognormal's is median x exp(sigma^2 / 2). */
export function distMean(d: Dist): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'lognormal': {
      const s = lognormalSigma(d.median, d.p90);
      return d.median * Math.exp(0.5 * s * s);
    }
    case 'exponential':
      return d.mean;
    case 'uniform':
      return 0.5 * (d.min + d.max);
  }
}

/** The p-quantile of d for p in [0, 1] (Infinity at p = 1 for the unbounded kinds). */
export function distQuantile(d: Dist, p: number): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'lognormal':
      return d.median * Math.exp(lognormalSigma(d.median, d.p90) * normalQuantile(p));
    case 'exponential':
      return -d.mean * Math.log1p(-p);
    case 'uniform':
      return d.min + p * (d.max - d.min);
  }
}

/** P(X <= x) for X distributed as d. */
export function distCdf(d: Dist, x: number): number {
  switch (d.kind) {
    case 'constant':
      return x >= d.value ? 1 : 0;
    case 'lognormal': {
      if (x <= 0) return 0;
      const s = lognormalSigma(d.median, d.p90);
      if (s === 0) return x >= d.median ? 1 : 0;
      return normalCdf(Math.log(x / d.median) / s);
    }
    case 'exponential':
      return x <= 0 ? 0 : d.mean > 0 ? -Math.expm1(-x / d.mean) : 1;
    case 'uniform':
      if (x >= d.max) return 1;
      if (x < d.min) return 0;
      return (x - d.min) / (d.max - d.min);
  }
}

const CONSTANT = 0;
const LOGNORMAL = 1;
const EXPONENTIAL = 2;
const UNIFORM = 3;

/** A Dist compiled once into a monomorphic sampler with its constants precomputed. */
export class DistSampler {
  private readonly kind: number;
  private readonly a: number;
  private readonly b: number;

  constructor(d: Dist) {
    switch (d.kind) {
      case 'constant':
        this.kind = CONSTANT;
        this.a = d.value;
        this.b = 0;
        break;
      case 'lognormal':
        this.kind = LOGNORMAL;
        this.a = d.median;
        this.b = lognormalSigma(d.median, d.p90);
        break;
      case 'exponential':
        this.kind = EXPONENTIAL;
        this.a = d.mean;
        this.b = 0;
        break;
      case 'uniform':
        this.kind = UNIFORM;
        this.a = d.min;
        this.b = d.max - d.min;
        break;
    }
  }

  /** One draw, with the same consumption of random numbers as `sampleDist`. */
  sample(rng: Rng): number {
    switch (this.kind) {
      case CONSTANT:
        return this.a;
      case LOGNORMAL:
        return this.a * Math.exp(this.b * rng.normal());
      case EXPONENTIAL:
        return rng.exponential(this.a);
      default:
        return this.a + this.b * rng.next();
    }
  }

  /**
   * Writes one draw (as `sample`) to out[i]. Each kind stores its own draw, so no number is returned: a hot
   * loop that stores draws in an array takes them unboxed whether or not the optimising compiler inlines this.
   */
  sampleInto(rng: Rng, out: Float64Array, i: number): void {
    switch (this.kind) {
      case CONSTANT:
        out[i] = this.a;
        return;
      case LOGNORMAL:
        out[i] = this.a * Math.exp(this.b * rng.normal());
        return;
      case EXPONENTIAL:
        out[i] = rng.exponential(this.a);
        return;
      default:
        out[i] = this.a + this.b * rng.next();
    }
  }
}

/** Compiles d into a fast sampler for hot loops. */
export function compileDist(d: Dist): DistSampler {
  return new DistSampler(d);
}
