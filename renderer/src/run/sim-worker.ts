/**
 * The app's simulation worker: the engine's worker API, exposed with comlink,
 * plus a direct line to the aggregator worker so that each batch's accumulator
 * goes there without passing through the main thread.
 */
import { expose, type Remote, transfer, wrap } from 'comlink';
import { createWorkerApi, transferablesOf } from '../../../simulation/run/worker-api';
import type { AggregatorApi } from './aggregator';

const core = createWorkerApi();
let sink: Remote<AggregatorApi> | null = null;

const api = {
  ...core,
  /** Takes the port of the aggregator this worker sends its batches to. */
  connect(port: MessagePort): void {
    sink = wrap<AggregatorApi>(port);
  },
  /** Runs trials [from, to) and hands their accumulator to the aggregator. */
  async runAndSend(from: number, to: number): Promise<void> {
    if (sink === null) throw new Error('simulation worker used before connect');
    core.runBatch(from, to);
    // Its arrays move to the aggregator rather than being copied: this worker starts a fresh accumulator.
    const json = core.takeAccumulator();
    await sink.add(transfer(json, transferablesOf(json)));
  },
};

expose(api);

export type SimWorkerApi = typeof api;
