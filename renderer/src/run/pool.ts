/**
 * Runs a scenario's trials on a pool of module workers (one per core, one core
 * left to the UI), streams each batch's accumulator back, merges it and reports
 * the result so far. Merging is exact and order-free, so the final result is
 * the CLI's to the last digit. Cancel terminates every worker at once.
 */
import { type Remote, wrap } from 'comlink';
import { Accumulator } from '../../../simulation/aggregate/accumulator';
import { buildResult } from '../../../simulation/aggregate/result';
import type { ResultDocument } from '../../../simulation/aggregate/result-types';
import type { WorkerApi } from '../../../simulation/run/worker-api';
import { scenarioHash } from '../../../simulation/scenario/hash';
import type { Scenario } from '../../../simulation/scenario/types';

export interface RunProgress {
  done: number;
  total: number;
  trialsPerSecond: number;
  /** Seconds left at the current rate, or null before the first batch. */
  etaSeconds: number | null;
}

export interface RunHandle {
  /** The final result, or a rejection with a one-line message (never for a cancel: that resolves null). */
  done: Promise<ResultDocument | null>;
  cancel(): void;
}

export interface RunOptions {
  trials: number;
  workers?: number;
  /** Called after each merged batch with the result so far (throttled by the caller if it wants). */
  onUpdate?: (result: ResultDocument, progress: RunProgress) => void;
  /** Creates a worker; tests and the browser use the bundled module worker. */
  createWorker?: () => Worker;
  now?: () => number;
}

/** Batches: small ones first so the first chart comes quickly, then larger ones so messaging costs nothing. */
export function planBatches(trials: number, workers: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from = 0;
  const sizes = [16, 32, 64, 128];
  let i = 0;
  while (from < trials) {
    const size = i < sizes.length * workers ? sizes[Math.floor(i / workers)] : 256;
    const to = Math.min(trials, from + size);
    out.push({ from, to });
    from = to;
    i++;
  }
  return out;
}

/** Workers to start: one per core, leaving one core to the UI, at least one. */
export function defaultWorkerCount(cores: number = navigator.hardwareConcurrency || 2): number {
  return Math.max(1, cores - 1);
}

const defaultWorker = () => new Worker(new URL('./sim-worker.ts', import.meta.url), { type: 'module', name: 'budgetcast-simulation' });

/** Starts a run of `scenario` (already validated and normalised). */
export function startRun(scenario: Scenario, options: RunOptions): RunHandle {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const total = options.trials;
  const batches = planBatches(total, options.workers ?? defaultWorkerCount());
  const count = Math.max(1, Math.min(options.workers ?? defaultWorkerCount(), batches.length));
  const workers = Array.from({ length: count }, () => (options.createWorker ?? defaultWorker)());
  const remotes = workers.map((w) => wrap<WorkerApi>(w));
  const hash = scenarioHash(scenario);
  const run = { ...scenario, simulation: { ...scenario.simulation, trials: total } };
  let acc: Accumulator | null = null;
  let done = 0;
  let next = 0;
  let stopped = false;
  let settle: (value: ResultDocument | null) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const finished = new Promise<ResultDocument | null>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });

  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const w of workers) w.terminate();
  };
  const result = (): ResultDocument => {
    const ms = now() - started;
    return buildResult(run, acc as Accumulator, { hash, timing: { ms: Math.round(ms), trialsPerSecond: ms > 0 ? Math.round((done / ms) * 1000) : 0, workers: count } });
  };
  workers.forEach((w, index) => {
    w.addEventListener('error', (event) => {
      event.preventDefault();
      stop();
      fail(new Error(`worker ${index + 1} failed: ${event.message || 'it stopped unexpectedly'}`));
    });
  });

  const drive = async (remote: Remote<WorkerApi>): Promise<void> => {
    await remote.init(run);
    for (let batch = batches[next++]; batch !== undefined && !stopped; batch = batches[next++]) {
      await remote.runBatch(batch.from, batch.to);
      const part = Accumulator.fromJSON(await remote.takeAccumulator());
      if (stopped) return;
      if (acc === null) acc = part;
      else acc.merge(part);
      done += batch.to - batch.from;
      const elapsed = (now() - started) / 1000;
      const rate = elapsed > 0 ? done / elapsed : 0;
      options.onUpdate?.(result(), { done, total, trialsPerSecond: rate, etaSeconds: rate > 0 ? (total - done) / rate : null });
    }
  };

  Promise.all(remotes.map(drive)).then(
    () => {
      if (stopped) return;
      const doc = result();
      stop();
      settle(doc);
    },
    (error: unknown) => {
      if (stopped) return;
      stop();
      fail(new Error(String(error instanceof Error ? error.message : error).split('\n')[0]));
    },
  );

  return {
    done: finished,
    cancel() {
      if (stopped) return;
      stop();
      settle(null);
    },
  };
}
