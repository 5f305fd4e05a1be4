/**
 * Queueing maths of DESIGN 3.2-3.3. A request's latency is its service time S
 * plus its wait W in an M/M/c queue with c servers and service rate
 * mu = 1 / mean(S): W = 0 with probability 1 - C(c, a) (Erlang C, offered load
 * a = lambda / mu) and is otherwise exponential with rate c mu - lambda.
 *
 * Units: arrival rates in requests per second (what the engine's demand curves
 * hold), times in milliseconds (service times and latency thresholds), offered
 * load in Erlangs. Server counts are whole: a fractional c is rounded down (a
 * partly lost server serves nothing).
 */
import type { Dist } from '../scenario/types';
import { ServiceTime } from './queueing-service-time';

/** Erlang B: the blocking probability of c servers offered a Erlangs (M/M/c/c). */
export function erlangB(c: number, a: number): number {
  const n = Math.floor(c);
  if (n < 1) return 1;
  if (!(a > 0)) return 0;
  // The recurrence B(k) = a B(k-1) / (k + a B(k-1)) forgets its start at the
  // rate of a Poisson(a) left tail, so it may begin (from B = 1) where that tail
  // is below e^-50 instead of at k = 0: O(c - a + sqrt(a)) steps, not O(c).
  // It runs on 1 / B(k) = 1 + (k / a) / B(k - 1), a chain of multiply-adds rather than divisions
  // (an overflow to Infinity there is a B below 1e-308, returned as 0).
  const start = Math.min(n, a) - 10 * Math.sqrt(a) - 10;
  const k0 = start > 0 ? Math.floor(start) : 0;
  const perErlang = 1 / a;
  let inverse = 1;
  for (let k = k0 + 1; k <= n; k++) inverse = 1 + k * perErlang * inverse;
  return 1 / inverse;
}

/** Erlang C: the probability that an arrival waits, for c servers offered a Erlangs (1 when a >= c). */
export function erlangC(c: number, a: number): number {
  const n = Math.floor(c);
  if (n < 1) return 1;
  if (!(a > 0)) return 0;
  if (a >= n) return 1;
  const b = erlangB(n, a);
  const rho = a / n;
  return b / ((n - a) / n + rho * b);
}

/**
 * The fraction of requests slower than `thresholdMs`: P(S + W > T) for an M/M/c
 * queue with `c` servers, arrivals at `lambdaRps` requests per second and
 * service time `serviceTime` (ms) multiplied by the latency factor `phi`.
 * 1 when the queue is unstable (lambda >= c mu) or there is no server.
 * Exact for exponential and constant service times (and uniform), accurate to
 * about 1e-10 for lognormal ones.
 */
export function latencyTail(thresholdMs: number, lambdaRps: number, c: number, serviceTime: Dist, phi = 1): number {
  const n = Math.floor(c);
  if (n < 1) return 1;
  const s = new ServiceTime(serviceTime, phi);
  return tailOf(s, thresholdMs, n, lambdaRps > 0 ? (lambdaRps * s.mean) / 1000 : 0);
}

/** P(S + W > t) for n servers offered a Erlangs of service time s. */
export function tailOf(s: ServiceTime, t: number, n: number, a: number): number {
  const base = s.survival(t);
  if (!(s.mean > 0) || !(a > 0)) return base;
  if (a >= n) return 1;
  const waits = waitChance(n, a);
  if (waits === 0) return base;
  const v = base + waits * s.queueTerm(t, (n - a) / s.mean);
  return v > 1 ? 1 : v;
}

/** Erlang C of n servers offered 0 < a < n Erlangs, or 0 where it is below 1e-25. */
export function waitChance(n: number, a: number): number {
  return negligibleWait(n, a) ? 0 : erlangC(n, a);
}

/**
 * Whether C(n, a) < 1e-25, by the bound C <= B / (1 - rho) <= 4 e^{-D} / (1 - rho)
 * with D = n ln(n / a) - n + a (Stirling), which skips the Erlang recurrence
 * for lightly loaded large pools.
 */
function negligibleWait(n: number, a: number): boolean {
  if (n - a < 10) return false;
  const x = (n - a) / a;
  const d = a * ((1 + x) * Math.log1p(x) - x);
  return d - Math.log(n / (n - a)) > 60;
}

/** Default servers per instance (DESIGN 3.3): ceil(rpsPerInstance x mean service time in seconds), at least 1. */
export function defaultWorkers(rpsPerInstance: number, meanServiceMs: number): number {
  const load = (rpsPerInstance * meanServiceMs) / 1000;
  // Shave the last bits of rounding so that e.g. 0.1 x 30 ms -> 3 Erlangs gives 3, not 4.
  return Math.max(1, Math.ceil(load * (1 - 1e-12)));
}

/** Fraction of demand shed when it exceeds capacity (DESIGN 3.2): max(0, 1 - capacity / demand), 0 without demand. */
export function shedFraction(demand: number, capacity: number): number {
  if (!(demand > 0)) return 0;
  if (!(capacity > 0)) return 1;
  return capacity >= demand ? 0 : 1 - capacity / demand;
}
