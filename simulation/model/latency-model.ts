import type { Dist } from '../scenario/types';
import { distCdf } from '../random/dist';
import { TailTable } from './queueing-table';

/**
 * The latency side of one service (DESIGN 3.3): the share of admitted requests
 * slower than each SLO threshold, for a number of instances, a latency factor
 * and an admitted rate. Tables are built on first use and reused.
 */
export class LatencyModel {
  /** Per threshold: per latency factor, tables indexed by server count. */
  private readonly tables: Map<number, (TailTable | undefined)[]>[];
  private readonly lastFactor: Float64Array;
  private readonly lastByServers: ((TailTable | undefined)[] | null)[];
  /** Per threshold: the latency factor and the unqueued miss fraction last computed for it. */
  private readonly unqueuedFactor: Float64Array;
  private readonly unqueuedMiss: Float64Array;

  constructor(
    readonly serviceTime: Dist,
    readonly workersPerInstance: number,
    readonly thresholds: number[],
  ) {
    this.tables = thresholds.map(() => new Map());
    this.lastFactor = new Float64Array(thresholds.length).fill(NaN);
    this.lastByServers = thresholds.map(() => null);
    this.unqueuedFactor = new Float64Array(thresholds.length).fill(NaN);
    this.unqueuedMiss = new Float64Array(thresholds.length);
  }

  /** Share of admitted requests slower than threshold j with `instances` instances (may be fractional after a capacity loss). */
  miss(j: number, instances: number, latencyFactor: number, admittedRps: number): number {
    const servers = Math.round(instances * this.workersPerInstance);
    if (servers <= 0) return admittedRps > 0 ? 1 : this.missUnqueued(j, latencyFactor);
    let byServers = this.lastByServers[j];
    if (this.lastFactor[j] !== latencyFactor || !byServers) {
      byServers = this.tables[j].get(latencyFactor) ?? [];
      this.tables[j].set(latencyFactor, byServers);
      this.lastFactor[j] = latencyFactor;
      this.lastByServers[j] = byServers;
    }
    let table = byServers[servers];
    if (!table) {
      table = new TailTable(servers, this.serviceTime, this.thresholds[j], latencyFactor);
      byServers[servers] = table;
    }
    return table.missFraction(admittedRps);
  }

  /** Share of requests slower than threshold j when there is no queue (no capacity limit given). */
  missUnqueued(j: number, latencyFactor: number): number {
    if (this.unqueuedFactor[j] !== latencyFactor) {
      this.unqueuedMiss[j] = 1 - distCdf(this.serviceTime, this.thresholds[j] / latencyFactor);
      this.unqueuedFactor[j] = latencyFactor;
    }
    return this.unqueuedMiss[j];
  }
}
