/** A pool of Node worker threads that runs a scenario's trial batches, handed out from one queue. */
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Accumulator } from '../aggregate/accumulator';
import { compileShared, toPortable } from '../run/engine';
import type { Scenario } from '../scenario/types';
import type { TrialRange } from '../run/schedule';
import type { WorkerApi } from '../run/worker-api';
import { firstLine, runError } from './errors';

export interface PoolOptions {
  scenario: Scenario;
  /** The batches to run; each goes to whichever worker is free next. */
  batches: TrialRange[];
  /** Worker threads to start (fewer when there are fewer batches). */
  workers: number;
  /** Called with the trials finished so far, after every batch. */
  onProgress?: (done: number) => void;
  /** The worker script; the bundled dist/node-worker.mjs next to dist/cli.mjs by default. */
  workerUrl?: URL;
}

export interface PoolResult {
  /** Every batch's trials, merged (the merge does not depend on which worker ran what, or in which order). */
  acc: Accumulator;
  /** Worker threads actually started. */
  workers: number;
}

/** Runs every batch on a pool of worker threads and merges their accumulators; a worker that throws or dies fails the run. */
export async function runOnPool(options: PoolOptions): Promise<PoolResult> {
  const { scenario, batches } = options;
  if (batches.length === 0) throw new Error('pool: no batches to run');
  const count = Math.max(1, Math.min(options.workers, batches.length));
  const workerUrl = options.workerUrl ?? new URL('./node-worker.mjs', import.meta.url);

  let stopping = false;
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => undefined);

  const threads = Array.from({ length: count }, (_, index) => {
    const worker = new Worker(workerUrl);
    worker.on('error', (error) => fail(runError(`worker ${index + 1} failed: ${firstLine(error)}`)));
    worker.on('exit', (code) => {
      if (!stopping) fail(runError(`worker ${index + 1} stopped unexpectedly (exit code ${code})`));
    });
    return { worker, remote: wrap<WorkerApi>(nodeEndpoint(worker)) };
  });

  // One compile, its curves on shared memory, read by every worker.
  const portable = toPortable(compileShared(scenario));
  let next = 0;
  let done = 0;
  const drive = async (remote: (typeof threads)[number]['remote'], index: number): Promise<Accumulator> => {
    try {
      await remote.initCompiled(portable);
      for (let batch = batches[next++]; batch !== undefined; batch = batches[next++]) {
        await remote.runBatch(batch.from, batch.to);
        done += batch.to - batch.from;
        options.onProgress?.(done);
      }
      return Accumulator.fromJSON(await remote.takeAccumulator());
    } catch (error) {
      throw runError(`worker ${index + 1} failed: ${firstLine(error)}`);
    }
  };

  try {
    const parts = await Promise.race([Promise.all(threads.map((thread, index) => drive(thread.remote, index))), failed]);
    const [acc, ...others] = parts as [Accumulator, ...Accumulator[]];
    for (const other of others) acc.merge(other);
    return { acc, workers: count };
  } finally {
    stopping = true;
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }
}
