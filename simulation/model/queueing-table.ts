/**
 * A precomputed latency tail for the engine's hot path: for fixed servers c,
 * service time, latency factor phi and threshold T, `missFraction(lambdaRps)`
 * returns P(S + W > T) (see `latencyTail`) to within 1e-5, in a handful of
 * arithmetic operations, one log1p and no allocation.
 *
 * The tail is tabulated against y = ln(1 - rho), rho = lambda / (c mu). In y
 * it is smooth on a scale of order one whatever c and T (the wait's Laplace
 * term depends on ln theta, theta = c mu e^y, and Erlang C on ln((1 - rho) sqrt c)),
 * so a uniform grid in y with piecewise cubic interpolation resolves both the
 * slow rise of Erlang C and the sharp climb to 1 as rho -> 1 at large c. The
 * step is halved until every node is predicted from its four neighbours to
 * within 6e-6: that leave-one-out cubic's error is about seven times the
 * table's own worst error (at a cell's midpoint), which stays near 1e-6.
 *
 * Each node is Erlang C times the queueing term at theta, read from the service
 * time's shared curve (`ServiceTime.queueTermCurve`, within 2e-9 of the quadrature
 * `latencyTail` takes): the tables of every server count for one service time,
 * factor and threshold share one set of quadratures, and a table is the same,
 * bit for bit, whichever tables were built before it.
 */
import type { Dist } from '../scenario/types';
import { waitChance } from './queueing';
import { ServiceTime } from './queueing-service-time';

const LEAVE_ONE_OUT_TOL = 6e-6;
/** Beyond the point where 1 - tail < this, the table answers 1. */
const SATURATION = 1e-7;
/** rho as a double cannot be closer to 1 than 2^-53: ln(2^-53) > -37. */
const Y_FLOOR = -37;
const FIRST_STEP = 0.1;
const MIN_STEP = 1 / 1024;

/** The latency tail of one (servers, service time, latency factor, threshold) as a fast function of the arrival rate. */
export class TailTable {
  /** rho per request per second. */
  private readonly rhoPerRps: number;
  /** rho from which the answer is 1. */
  private readonly rhoMax: number;
  /** The tail at no load. */
  private readonly idle: number;
  private readonly invStep: number;
  private readonly lastCell: number;
  /** Four cubic coefficients per cell, in the cell's local coordinate in [0, 1). */
  private readonly coef: Float64Array;
  /** Grid cells of the table (for diagnostics). */
  readonly cells: number;

  constructor(c: number, serviceTime: Dist, thresholdMs: number, phi = 1) {
    const n = Math.floor(c);
    const s = new ServiceTime(serviceTime, phi);
    this.idle = n < 1 ? 1 : s.survival(thresholdMs);
    if (n < 1 || !(s.mean > 0)) {
      // No server: everything misses. No service time: nothing queues.
      this.rhoPerRps = n < 1 ? 1 : 0;
      this.rhoMax = n < 1 ? -Infinity : Infinity;
      this.invStep = 0;
      this.lastCell = 0;
      this.coef = new Float64Array([this.idle, 0, 0, 0]);
      this.cells = 1;
      return;
    }
    this.rhoPerRps = s.mean / (1000 * n);
    // tailOf's sum, with the queueing term read at ln theta = ln(n mu) + y from the shared curve.
    const base = this.idle;
    const curve = s.queueTermCurve(thresholdMs);
    const lnFullRate = Math.log(n / s.mean);
    const tail = (y: number): number => {
      const a = -n * Math.expm1(y);
      if (!(a > 0)) return base;
      if (a >= n) return 1;
      const waits = waitChance(n, a);
      if (waits === 0) return base;
      const v = base + waits * curve.at(lnFullRate + y);
      return v > 1 ? 1 : v;
    };

    let yMin = -1;
    while (yMin > Y_FLOOR && 1 - tail(yMin) >= SATURATION) yMin = Math.max(Y_FLOOR, yMin - 1);
    this.rhoMax = -Math.expm1(yMin);

    let cells = Math.max(4, Math.ceil(-yMin / FIRST_STEP));
    let step = -yMin / cells;
    let nodes = sampleTail(tail, step, cells + 1, 0);
    while (step > MIN_STEP && worstLeaveOneOut(nodes) > LEAVE_ONE_OUT_TOL) {
      const mids = sampleTail(tail, step, cells, 0.5);
      const refined = new Float64Array(2 * cells + 1);
      for (let i = 0; i < cells; i++) {
        refined[2 * i] = nodes[i];
        refined[2 * i + 1] = mids[i];
      }
      refined[2 * cells] = nodes[cells];
      nodes = refined;
      cells *= 2;
      step /= 2;
    }
    const coef = fitCubics(nodes, cells);
    this.coef = coef;
    this.cells = cells;
    this.lastCell = cells - 1;
    this.invStep = 1 / step;
  }

  /** Fraction of requests slower than the threshold at an arrival rate of lambdaRps requests per second. */
  missFraction(lambdaRps: number): number {
    const rho = lambdaRps * this.rhoPerRps;
    if (rho >= this.rhoMax) return 1;
    if (!(rho > 0)) return this.idle;
    const pos = -Math.log1p(-rho) * this.invStep;
    let i = pos | 0;
    if (i > this.lastCell) i = this.lastCell;
    const t = pos - i;
    const o = 4 * i;
    const k = this.coef;
    const v = k[o] + t * (k[o + 1] + t * (k[o + 2] + t * k[o + 3]));
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }
}

/** tail(y) at y = -(j + offset) step for j in [0, count). */
function sampleTail(tail: (y: number) => number, step: number, count: number, offset: number): Float64Array {
  const out = new Float64Array(count);
  for (let j = 0; j < count; j++) out[j] = tail(-(j + offset) * step);
  return out;
}

/**
 * Per cell i (between nodes i and i+1), the monomial coefficients in t = pos - i
 * of the cubic through four neighbouring nodes: i-1..i+2 inside, shifted at the ends.
 */
function fitCubics(nodes: Float64Array, cells: number): Float64Array {
  const coef = new Float64Array(4 * cells);
  for (let i = 0; i < cells; i++) {
    const first = Math.min(Math.max(i - 1, 0), cells - 3);
    const x0 = first - i;
    const f0 = nodes[first];
    const f1 = nodes[first + 1];
    const f2 = nodes[first + 2];
    const f3 = nodes[first + 3];
    // Newton divided differences on unit-spaced nodes x0..x0+3.
    const d1 = f1 - f0;
    const d2 = (f2 - 2 * f1 + f0) / 2;
    const d3 = (f3 - 3 * f2 + 3 * f1 - f0) / 6;
    // p(t) = f0 + d1 (t - x0) + d2 (t - x0)(t - x1) + d3 (t - x0)(t - x1)(t - x2), expanded in t.
    const x1 = x0 + 1;
    const x2 = x0 + 2;
    const o = 4 * i;
    coef[o] = f0 - d1 * x0 + d2 * x0 * x1 - d3 * x0 * x1 * x2;
    coef[o + 1] = d1 - d2 * (x0 + x1) + d3 * (x0 * x1 + x0 * x2 + x1 * x2);
    coef[o + 2] = d2 - d3 * (x0 + x1 + x2);
    coef[o + 3] = d3;
  }
  return coef;
}

/** Largest gap between an interior node and the cubic through its two neighbours on each side. */
function worstLeaveOneOut(nodes: Float64Array): number {
  let worst = 0;
  for (let j = 2; j + 2 < nodes.length; j++) {
    const predicted = (4 * (nodes[j - 1] + nodes[j + 1]) - nodes[j - 2] - nodes[j + 2]) / 6;
    const e = Math.abs(predicted - nodes[j]);
    if (e > worst) worst = e;
  }
  return worst;
}
