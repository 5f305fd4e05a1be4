/**
 * The two service-time quantities the M/M/c latency tail needs (DESIGN 3.3):
 * P(S > T), and the queueing term E[exp(-theta (T - S)); S <= T], which is
 * P(S <= T, W > T - S) / C for a wait W that, when positive, is exponential with
 * rate theta. Exact for constant, exponential and uniform service times;
 * adaptive quadrature in log space (absolute error ~1e-12) for the lognormal.
 * Times in milliseconds, theta per millisecond.
 *
 * Tables need the queueing term at hundreds of rates, and it depends on the
 * server count and load only through theta: `queueTermCurve` serves it, for the
 * lognormal, by interpolating quadratures taken once per (ln median, sigma, t) on a
 * fixed lattice in ln theta, shared by every caller. Each lattice point is a pure
 * function of its index, so an answer never depends on what was asked before.
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
/** Lattice points per unit of ln theta in the shared lognormal curves. */
const CURVE_DENSITY = 8;
/**
 * Barycentric weights (-1)^i binomial(11, i) of the degree-11 interpolant through
 * twelve consecutive lattice points, read between the middle two: its error stays
 * below 3e-10 (2e-9 where the quadratures themselves are off by that, for almost
 * constant service times), against the tables' 1e-6.
 */
const CURVE_WEIGHTS = [1, -11, 55, -165, 330, -462, 462, -330, 165, -55, 11, -1];
/** Points of the interpolant below the one at or under the requested ln theta. */
const CURVE_BELOW = 5;
/** Below theta t = 2^-9 the curve is its cubic Taylor polynomial in theta: error < (theta t)^4 / 24 < 7e-13. */
const TAYLOR_LIMIT = 1 / 512;
/** Beyond |ln theta| = this the curve integrates directly (keeps a lattice within about 2048 points). */
const CURVE_SPAN = 128;
/** Curves kept; the oldest is dropped beyond this (it would be rebuilt identically). */
const MAX_CURVES = 256;

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
        return lognormalQueueTerm(this.p, this.q, t, theta);
    }
  }

  /** The queueing term at threshold t as a function of ln theta: exact but for the lognormal's interpolation (error < 2e-9). */
  queueTermCurve(t: number): QueueTermCurve {
    if (this.kind !== LOGNORMAL) return new ExactCurve(this, t);
    const key = `${this.p} ${this.q} ${t}`;
    let curve = curves.get(key);
    if (!curve) {
      if (curves.size >= MAX_CURVES) curves.delete(curves.keys().next().value as string);
      curve = new LatticeCurve(this.p, this.q, t);
      curves.set(key, curve);
    }
    return curve;
  }
}

/** E[exp(-theta (t - S)); S <= t] at theta = e^lnTheta, for one service time and threshold. */
export interface QueueTermCurve {
  at(lnTheta: number): number;
}

class ExactCurve implements QueueTermCurve {
  constructor(
    private readonly s: ServiceTime,
    private readonly t: number,
  ) {}

  at(lnTheta: number): number {
    return this.s.queueTerm(this.t, Math.exp(lnTheta));
  }
}

const curves = new Map<string, LatticeCurve>();

/**
 * The lognormal's queueing term: quadratures taken lazily at ln theta = k / CURVE_DENSITY
 * and interpolated, or for small theta the Taylor series E[(t - S)^j; S <= t] (-theta)^j / j!.
 */
class LatticeCurve implements QueueTermCurve {
  /** values[k - base] is the quadrature at lattice index k, taken for lo <= k < hi (an interval that only widens). */
  private values = new Float64Array(0);
  private base = 0;
  private lo = 0;
  private hi = 0;
  /** ln theta below which the Taylor polynomial answers. */
  private readonly lnTaylor: number;
  /** E[((t - S) / t)^j; S <= t] for j = 0..3. */
  private readonly moments: number[];

  constructor(
    private readonly m: number,
    private readonly sigma: number,
    private readonly t: number,
  ) {
    const zt = t > 0 ? (Math.log(t) - m) / sigma : -Infinity;
    this.lnTaylor = zt > Z_FLOOR ? Math.log(TAYLOR_LIMIT / t) : Infinity;
    this.moments = [0, 1, 2, 3].map((j) => {
      const f = (z: number): number => (1 - Math.exp(m + sigma * z) / t) ** j * Math.exp(-0.5 * z * z) * 0.3989422804014327;
      return integrate(f, Z_FLOOR, zt, QUAD_TOL);
    });
  }

  at(lnTheta: number): number {
    if (lnTheta < this.lnTaylor) {
      const x = Math.exp(lnTheta) * this.t;
      const mo = this.moments;
      return mo[0] - x * (mo[1] - (x / 2) * (mo[2] - (x / 3) * mo[3]));
    }
    if (!(Math.abs(lnTheta) < CURVE_SPAN)) return lognormalQueueTerm(this.m, this.sigma, this.t, Math.exp(lnTheta));
    const x = lnTheta * CURVE_DENSITY;
    const k = Math.floor(x);
    const from = k - CURVE_BELOW;
    const n = CURVE_WEIGHTS.length;
    if (from < this.lo || from + n > this.hi) this.cover(from, from + n);
    const v = this.values;
    const o = from - this.base;
    const r = x - k;
    if (r === 0) return v[o + CURVE_BELOW];
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      const w = CURVE_WEIGHTS[i] / (r + CURVE_BELOW - i);
      num += w * v[o + i];
      den += w;
    }
    return num / den;
  }

  /** Takes the quadratures that widen the sampled interval to hold indices from..to - 1. */
  private cover(from: number, to: number): void {
    const empty = this.hi === this.lo;
    const lo = empty ? from : Math.min(this.lo, from);
    const hi = empty ? to : Math.max(this.hi, to);
    if (lo < this.base || hi > this.base + this.values.length) {
      // Room for as many points again on each side, so that a curve walked point by point is copied O(log n) times.
      const slack = Math.max(CURVE_WEIGHTS.length, hi - lo);
      const values = new Float64Array(hi - lo + 2 * slack);
      if (!empty) values.set(this.values.subarray(this.lo - this.base, this.hi - this.base), this.lo - (lo - slack));
      this.values = values;
      this.base = lo - slack;
    }
    for (let k = lo; k < hi; k++) {
      if (empty || k < this.lo || k >= this.hi) this.values[k - this.base] = lognormalQueueTerm(this.m, this.sigma, this.t, Math.exp(k / CURVE_DENSITY));
    }
    this.lo = lo;
    this.hi = hi;
  }
}

/** E[exp(-theta (t - S)); S <= t] for ln S normal with mean m and deviation sigma, by quadrature. */
function lognormalQueueTerm(m: number, sigma: number, t: number, theta: number): number {
  if (t <= 0) return 0;
  const zt = (Math.log(t) - m) / sigma;
  if (zt <= Z_FLOOR) return 0;
  const sFrom = t - DECAY_CUTOFF / theta;
  const zFrom = sFrom > 0 ? Math.max(Z_FLOOR, (Math.log(sFrom) - m) / sigma) : Z_FLOOR;
  // In z = (ln s - m) / sigma the density is the standard normal's; the factor is exp(-theta (t - e^{m + sigma z})).
  const f = (z: number): number => Math.exp(-theta * (t - Math.exp(m + sigma * z)) - 0.5 * z * z) * 0.3989422804014327;
  return integrate(f, zFrom, zt, QUAD_TOL);
}
