/**
 * The two service-time quantities the M/M/c latency tail needs (DESIGN 3.3):
 * P(S > T), and the queueing term E[exp(-theta (T - S)); S <= T], which is
 * P(S <= T, W > T - S) / C for a wait W that, when positive, is exponential with
 * rate theta. Exact for constant, exponential and uniform service times;
 * adaptive quadrature in log space (absolute error ~1e-12) for the lognormal.
 * Times in milliseconds, theta per millisecond.
 */
import type { Dist } from '../scenario/types';
import { lognormalSigma } from '../random/dist';
import { normalSurvival } from '../random/normal';
import { integrate } from './queueing-integrate';

const CONSTANT = 0;
const EXPONENTIAL = 1;
const UNIFORM = 2;
const LOGNORMAL = 3;

/** Standard-normal z below which the lognormal's mass (< 7e-16) is ignored. */
const Z_FLOOR = -8;
/** exp(-46) < 1.1e-20: the queueing factor beyond theta (T - s) = 46 is ignored. */
const DECAY_CUTOFF = 46;
/** Bound on the Kronrod-Gauss difference, which overestimates the Kronrod sum's error by orders of magnitude (~1e-13 here). */
const QUAD_TOL = 1e-8;

/** (1 - exp(-x t)) / x for x >= 0, t >= 0, with its limit t at x = 0. */
export function oneMinusExpOver(x: number, t: number): number {
  const xt = x * t;
  if (xt < 1e-9) return t * (1 - 0.5 * xt);
  return -Math.expm1(-xt) / x;
}

/** A service-time distribution (ms) scaled by a latency factor phi, ready for tail computations. */
export class ServiceTime {
  /** Mean service time in ms, after scaling. */
  readonly mean: number;
  private readonly kind: number;
  /** constant: value; exponential: mean; uniform: min; lognormal: ln(median). */
  private readonly p: number;
  /** uniform: max; lognormal: sigma. */
  private readonly q: number;

  constructor(d: Dist, phi = 1) {
    switch (d.kind) {
      case 'constant':
        this.kind = CONSTANT;
        this.p = phi * d.value;
        this.q = 0;
        this.mean = this.p;
        break;
      case 'exponential':
        this.kind = EXPONENTIAL;
        this.p = phi * d.mean;
        this.q = 0;
        this.mean = this.p;
        break;
      case 'uniform': {
        const lo = phi * d.min;
        const hi = phi * d.max;
        this.kind = hi > lo ? UNIFORM : CONSTANT;
        this.p = lo;
        this.q = hi;
        this.mean = 0.5 * (lo + hi);
        break;
      }
      case 'lognormal': {
        const sigma = lognormalSigma(d.median, d.p90);
        const median = phi * d.median;
        this.kind = sigma > 0 ? LOGNORMAL : CONSTANT;
        this.p = sigma > 0 ? Math.log(median) : median;
        this.q = sigma;
        this.mean = median * Math.exp(0.5 * sigma * sigma);
        break;
      }
    }
  }

  /** P(S > t). */
  survival(t: number): number {
    switch (this.kind) {
      case CONSTANT:
        return t < this.p ? 1 : 0;
      case EXPONENTIAL:
        return t <= 0 ? 1 : this.p > 0 ? Math.exp(-t / this.p) : 0;
      case UNIFORM:
        if (t < this.p) return 1;
        if (t >= this.q) return 0;
        return (this.q - t) / (this.q - this.p);
      default:
        return t <= 0 ? 1 : normalSurvival((Math.log(t) - this.p) / this.q);
    }
  }

  /** E[exp(-theta (t - S)); S <= t] for theta > 0: the chance a request of wait rate theta still meets t, per unit of Erlang C. */
  queueTerm(t: number, theta: number): number {
    switch (this.kind) {
      case CONSTANT:
        return t >= this.p ? Math.exp(-theta * (t - this.p)) : 0;
      case EXPONENTIAL: {
        if (t <= 0) return 0;
        const mu = 1 / this.p;
        // mu (e^{-mu t} - e^{-theta t}) / (theta - mu), written to stay finite and exact at theta = mu.
        return mu * Math.exp(-Math.min(mu, theta) * t) * oneMinusExpOver(Math.abs(theta - mu), t);
      }
      case UNIFORM: {
        if (t <= this.p) return 0;
        const u = Math.min(this.q, t);
        return (Math.exp(-theta * (t - u)) * oneMinusExpOver(theta, u - this.p)) / (this.q - this.p);
      }
      default:
        return this.lognormalQueueTerm(t, theta);
    }
  }

  private lognormalQueueTerm(t: number, theta: number): number {
    if (t <= 0) return 0;
    const m = this.p;
    const sigma = this.q;
    const zt = (Math.log(t) - m) / sigma;
    if (zt <= Z_FLOOR) return 0;
    const sFrom = t - DECAY_CUTOFF / theta;
    const zFrom = sFrom > 0 ? Math.max(Z_FLOOR, (Math.log(sFrom) - m) / sigma) : Z_FLOOR;
    // In z = (ln s - m) / sigma the density is the standard normal's; the factor is exp(-theta (t - e^{m + sigma z})).
    const f = (z: number): number => Math.exp(-theta * (t - Math.exp(m + sigma * z)) - 0.5 * z * z) * 0.3989422804014327;
    return integrate(f, zFrom, zt, QUAD_TOL);
  }
}
