import type { Dist } from '../scenario/types';
import { distCdf } from '../random/dist';
import { TailTable } from './queueing-table';

/**
 * The latency side of one service (DESIGN 3.3): the share of admitted requests
 * slower than each SLO threshold, for a number of instances, a latency factor
 * and an admitted rate. Tables are built on first use and reused.
 */
export class LatencyModel {
  private readonly tables: Map<number, TailTable>[];
  private readonly lastKey: Float64Array;
  private readonly lastTable: (TailTable | null)[];

  constructor(
    readonly serviceTime: Dist,
    readonly workersPerInstance: number,
    readonly thresholds: number[],
  ) {
    this.tables = thresholds.map(() => new Map());
    this.lastKey = new Float64Array(thresholds.length).fill(-1);
    this.lastTable = thresholds.map(() => null);
  }

  /** Share of admitted requests slower than threshold j with `instances` instances (may be fractional after a capacity loss). */
  miss(j: number, instances: number, latencyFactor: number, admittedRps: number): number {
    const servers = Math.round(instances * this.workersPerInstance);
    if (servers <= 0) return admittedRps > 0 ? 1 : this.missUnqueued(j, latencyFactor);
    const key = servers * 4096 + latencyFactor;
    let table = this.lastTable[j];
    if (this.lastKey[j] !== key || !table) {
      const map = this.tables[j];
      table = map.get(key) ?? null;
      if (!table) {
        table = new TailTable(servers, this.serviceTime, this.thresholds[j], latencyFactor);
        map.set(key, table);
      }
      this.lastKey[j] = key;
      this.lastTable[j] = table;
    }
    return table.missFraction(admittedRps);
  }

  /** Share of requests slower than threshold j when there is no queue (no capacity limit given). */
  missUnqueued(j: number, latencyFactor: number): number {
    return 1 - distCdf(this.serviceTime, this.thresholds[j] / latencyFactor);
  }
}
