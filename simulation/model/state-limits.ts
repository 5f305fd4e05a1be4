import type { StateSli } from '../scenario/types';
import { erlangC } from './queueing';

/** One state SLO's limit on a service's queue: which measure, its limit, and whether it holds per instance. */
export interface StateLimit {
  sli: StateSli;
  limit: number;
  perInstance: boolean;
}

/** Bisection steps for a critical load: the interval [0, servers) halves to well under one request per second. */
const BISECTION_STEPS = 60;

/** Mean number waiting in an M/M/c queue offered a Erlangs with n servers (Infinity when a >= n). */
export function meanQueueLength(n: number, a: number): number {
  if (a >= n) return Infinity;
  if (!(a > 0)) return 0;
  return (erlangC(n, a) * a) / (n - a);
}

/** Mean requests in an M/M/c system (waiting and in service, Little's law): Lq + a. */
export function meanInSystem(n: number, a: number): number {
  return meanQueueLength(n, a) + (a > 0 ? a : 0);
}

/** The measure of a state SLI for n servers offered a Erlangs (DESIGN 3.3's queue): percent busy, requests waiting, or requests in flight (per instance when asked). */
export function stateMeasure(s: StateLimit, n: number, a: number, workersPerInstance: number): number {
  if (n <= 0) return a > 0 ? Infinity : 0;
  if (s.sli === 'utilization') return (100 * a) / n;
  if (s.sli === 'queueLength') return meanQueueLength(n, a);
  const inFlight = meanInSystem(n, a);
  return s.perInstance ? inFlight / (n / workersPerInstance) : inFlight;
}

/**
 * Offered load (Erlangs) at which a state SLI's measure reaches its limit with n
 * servers: every measure grows with the load, so a load above this is over the limit.
 */
export function criticalLoad(s: StateLimit, n: number, workersPerInstance: number): number {
  if (n <= 0) return 0;
  if (s.sli === 'utilization') return Math.min(n, (n * s.limit) / 100);
  let lo = 0;
  let hi = n;
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (stateMeasure(s, n, mid, workersPerInstance) > s.limit) hi = mid;
    else lo = mid;
  }
  return lo;
}

/**
 * The state SLOs of one service (utilization, queue length, concurrency): whether
 * a step is over each limit, for a number of instances, a latency factor and an
 * admitted rate. Critical loads are computed once per server count and reused.
 */
export class StateLimits {
  /** Per limit: critical offered load (Erlangs at the unslowed service time) by server count. */
  private readonly critical: Map<number, number>[];

  constructor(
    readonly limits: StateLimit[],
    readonly meanServiceMs: number,
    readonly workersPerInstance: number,
  ) {
    this.critical = limits.map(() => new Map());
  }

  /** 1 when limit j is exceeded at this step, else 0; an unstable queue exceeds every limit. */
  over(j: number, instances: number, latencyFactor: number, admittedRps: number): number {
    const servers = Math.round(instances * this.workersPerInstance);
    if (servers <= 0) return admittedRps > 0 ? 1 : 0;
    const byServers = this.critical[j];
    let load = byServers.get(servers);
    if (load === undefined) {
      load = criticalLoad(this.limits[j], servers, this.workersPerInstance);
      byServers.set(servers, load);
    }
    const offered = (admittedRps * this.meanServiceMs * latencyFactor) / 1000;
    return offered > load || offered >= servers ? 1 : 0;
  }
}
