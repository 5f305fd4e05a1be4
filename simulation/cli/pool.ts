/**
 * Runs a scenario's trial batches on this thread and a pool of Node worker threads, all claiming batches from one
 * shared list.
 */
import { Worker } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Accumulator } from '../aggregate/accumulator';
import { compileScenario, compileShared, createAccumulator, runTrials, toPortable } from '../run/engine';
import type { Scenario } from '../scenario/types';
import type { TrialRange } from '../run/schedule';
import { CLAIM_DONE, CLAIM_NEXT, type WorkerApi } from '../run/worker-api';
import { firstLine, runError } from './errors';

export interface PoolOptions {
  scenario: Scenario;
  /** The batches to run; each goes to whichever thread is free next. */
  batches: TrialRange[];
  /** Threads that run trials: this one and workers - 1 worker threads (fewer when there are fewer batches). */
  workers: number;
  /** Called with the trials finished so far, as they finish (at most every SLICE_MS while this thread runs trials, every PROGRESS_MS otherwise), and once at the end. */
  onProgress?: (done: number) => void;
  /** The worker script; the bundled dist/node-worker.mjs next to dist/cli.mjs by default. */
  workerUrl?: URL;
}

export interface PoolResult {
  /** Every batch's trials, merged (the merge does not depend on which thread ran what, or in which order). */
  acc: Accumulator;
  /** Threads that ran trials: this one and the worker threads started. */
  workers: number;
  /** Batches each thread ran: this one's first, then worker 1's, 2's, ... */
  batchesRun: number[];
}

/** Longest this thread runs trials before it looks at its messages and reports progress (one trial may run past it). */
const SLICE_MS = 10;
/** How often progress is reported while this thread has no trials left to run and waits for the workers. */
const PROGRESS_MS = 100;

/**
 * Runs every batch and merges the accumulators. This thread compiles the scenario (its curves on shared memory
 * for the workers) and then runs batches itself, a slice at a time, while the worker threads run theirs: its
 * code is already warm from the compile, where a worker's first batch pays for V8 optimising the trial code.
 * A worker that throws or dies, or a trial that throws here, fails the run.
 */
export async function runOnPool(options: PoolOptions): Promise<PoolResult> {
  const { scenario, batches } = options;
  if (batches.length === 0) throw new Error('pool: no batches to run');
  const count = Math.max(1, Math.min(options.workers, batches.length));
  const workerUrl = options.workerUrl ?? new URL('./node-worker.mjs', import.meta.url);

  let aborted = false;
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = (error) => {
      aborted = true;
      reject(error);
    };
  });
  failed.catch(() => undefined);

  // Started before the compile, so that they load their bundle while it runs.
  const threads = Array.from({ length: count - 1 }, (_, index) => {
    const worker = new Worker(workerUrl);
    // done: this run has ended the worker itself (its accumulator is in, or the run is over), so its exit is no failure.
    const thread = { worker, remote: wrap<WorkerApi>(nodeEndpoint(worker)), done: false };
    worker.on('error', (error) => fail(runError(`worker ${index + 1} failed: ${firstLine(error)}`)));
    worker.on('exit', (code) => {
      if (!thread.done) fail(runError(`worker ${index + 1} stopped unexpectedly (exit code ${code})`));
    });
    return thread;
  });

  // One compile, its curves on shared memory when worker threads read them too.
  const compiled = threads.length > 0 ? compileShared(scenario) : compileScenario(scenario);
  const portable = threads.length > 0 ? toPortable(compiled) : null;
  const claim = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const report = (): void => options.onProgress?.(Atomics.load(claim, CLAIM_DONE));

  const batchesRun = new Array<number>(count).fill(0);
  const drive = async (thread: (typeof threads)[number], index: number): Promise<Accumulator> => {
    const { remote } = thread;
    try {
      await remote.initCompiled(portable as NonNullable<typeof portable>);
      batchesRun[index + 1] = await remote.runClaimed(claim, batches);
      const json = await remote.takeAccumulator();
      // Its accumulator is here (its arrays moved, not copied): the worker's memory goes before the merge.
      thread.done = true;
      void thread.worker.terminate();
      return Accumulator.fromJSON(json);
    } catch (error) {
      throw runError(`worker ${index + 1} failed: ${firstLine(error)}`);
    }
  };

  // This thread's share: batches claimed like the workers', run a slice at a time so that progress, the workers'
  // messages and their failures are heard in between.
  const runHere = async (): Promise<Accumulator> => {
    const acc = createAccumulator(compiled);
    try {
      let sliceEnd = performance.now() + SLICE_MS;
      const more = (): boolean => performance.now() < sliceEnd;
      for (let i = Atomics.add(claim, CLAIM_NEXT, 1); i < batches.length && !aborted; i = Atomics.add(claim, CLAIM_NEXT, 1)) {
        const { from, to } = batches[i];
        for (let next = from; next < to && !aborted; ) {
          next = runTrials(compiled, next, to, acc, more);
          if (next < to) {
            await nextTurn();
            report();
            sliceEnd = performance.now() + SLICE_MS;
          }
        }
        Atomics.add(claim, CLAIM_DONE, to - from);
        batchesRun[0]++;
      }
    } catch (error) {
      throw runError(`the main thread failed: ${firstLine(error)}`);
    }
    return acc;
  };

  const ticker = setInterval(report, PROGRESS_MS);
  try {
    const parts = await Promise.race([Promise.all([runHere(), ...threads.map((thread, index) => drive(thread, index))]), failed]);
    const [acc, ...others] = parts;
    for (const other of others) acc.merge(other);
    report();
    return { acc, workers: count, batchesRun };
  } catch (error) {
    // Nobody claims another batch: the workers still running stop at the end of their current one.
    aborted = true;
    Atomics.store(claim, CLAIM_NEXT, batches.length);
    throw error;
  } finally {
    clearInterval(ticker);
    for (const thread of threads) thread.done = true;
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }
}
