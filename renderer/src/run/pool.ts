/**
 * Runs a scenario's trials on a pool of module workers (one per core, one core
 * left to the UI). Each worker sends its batches' accumulators straight to an
 * aggregator worker; the main thread only hands out batches and, at most every
 * UPDATE_MS, asks the aggregator for the result so far. Merging is exact and
 * order-free, so the final result is the CLI's to the last digit. Cancel
 * terminates every worker at once.
 */
import { type Remote, transfer, wrap } from 'comlink';
import type { ResultDocument } from '../../../simulation/aggregate/result-types';
import { BATCH_SIZE, batchRanges } from '../../../simulation/run/schedule';
import { scenarioHash } from '../../../simulation/scenario/hash';
import type { Scenario } from '../../../simulation/scenario/types';
import type { AggregatorApi } from './aggregator';
import type { SimWorkerApi } from './sim-worker';

/** Least time between two partial results. */
export const UPDATE_MS = 250;

/** Trials a warm pool runs and throws away so that the trial code is compiled before Run. */
const WARMUP_TRIALS = 4;

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
  /** Called with the result so far, at most every UPDATE_MS while the run goes on. */
  onUpdate?: (result: ResultDocument, progress: RunProgress) => void;
  /** Creates the workers; the app uses the bundled module workers. */
  createWorker?: () => Worker;
  createAggregator?: () => Worker;
  now?: () => number;
}

/**
 * Batches: small ones first so the first chart comes quickly, then larger ones so messaging costs nothing,
 * tapering towards the end (as the command's, see batchRanges) so that the workers finish together.
 */
export function planBatches(trials: number, workers: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from = 0;
  const sizes = [2, 16, 64, 128];
  for (let i = 0; i < sizes.length * workers && from < trials; i++) {
    const to = Math.min(trials, from + sizes[Math.floor(i / workers)]);
    out.push({ from, to });
    from = to;
  }
  return [...out, ...batchRanges(from, trials, BATCH_SIZE, workers)];
}

/** Workers to start: one per core, leaving one core to the UI, at least one. */
export function defaultWorkerCount(cores: number = navigator.hardwareConcurrency || 2): number {
  return Math.max(1, cores - 1);
}

const simWorker = () => new Worker(new URL('./sim-worker.ts', import.meta.url), { type: 'module', name: 'budgetcast-simulation' });
const aggregatorWorker = () => new Worker(new URL('./aggregator-worker.ts', import.meta.url), { type: 'module', name: 'budgetcast-aggregator' });

type AggregatorRemote = Remote<AggregatorApi & { connect(port: MessagePort): void }>;

/** The compile-independent identity of a scenario: its hash with the trial count left out (compiling does not read it). */
export function warmKey(scenario: Scenario): string {
  return scenarioHash({ ...scenario, simulation: { ...scenario.simulation, trials: 1 } });
}

/**
 * Workers started and a scenario compiled in them ahead of Run, while the user
 * looks at it: Run then only has trials to do, so the first chart comes at once.
 */
export interface WarmPool {
  key: string;
  threads: Worker[];
  aggregatorThread: Worker;
  aggregator: AggregatorRemote;
  remotes: Remote<SimWorkerApi>[];
  /** Settles when every worker has compiled the scenario. */
  ready: Promise<void>;
  /** Set once a run has taken the pool (it then ends the workers itself). */
  taken: boolean;
  /** The first worker failure seen before a run took the pool, or null. */
  error: Error | null;
  dispose(): void;
}

/** Starts `workers` simulation workers and the aggregator, wires them, and compiles `scenario` in each. */
export function warmPool(scenario: Scenario, options: Pick<RunOptions, 'workers' | 'createWorker' | 'createAggregator'> = {}): WarmPool {
  const count = Math.max(1, options.workers ?? defaultWorkerCount());
  const aggregatorThread = (options.createAggregator ?? aggregatorWorker)();
  const threads = Array.from({ length: count }, () => (options.createWorker ?? simWorker)());
  const aggregator = wrap(aggregatorThread) as unknown as AggregatorRemote;
  const remotes = threads.map((w) => wrap<SimWorkerApi>(w));
  // A worker that fails while compiling fails `ready` (a run on the pool then ends with its message).
  let pool: WarmPool | null = null;
  const broken = new Promise<never>((_, reject) => {
    const fail = (what: string) => (event: ErrorEvent) => {
      const error = new Error(`${what} failed: ${event.message || 'it stopped unexpectedly'}`);
      // Kept until a run takes the pool, so that a failure between warm-up and Run still ends that run.
      if (pool && !pool.taken && !pool.error) pool.error = error;
      reject(error);
    };
    threads.forEach((w, index) => w.addEventListener('error', fail(`worker ${index + 1}`), { once: true }));
    aggregatorThread.addEventListener('error', fail('the aggregator'), { once: true });
  });
  broken.catch(() => undefined);
  const compiled = aggregator.reset(scenario, 'warm-up')
    .then(() => Promise.all(remotes.map(async (remote) => {
      const channel = new MessageChannel();
      await aggregator.connect(transfer(channel.port1, [channel.port1]));
      await remote.connect(transfer(channel.port2, [channel.port2]));
      await remote.init(scenario);
      // A few throwaway trials get the trial code compiled by the JavaScript engine, in the workers and (merging
      // and summarising them) in the aggregator; Run resets the aggregator, so they count nowhere.
      // Skipped once a run has taken the pool (a run that starts its own pool takes it at once): they would only delay its first batch.
      if (!pool?.taken) await remote.runAndSend(0, WARMUP_TRIALS);
    })))
    .then(() => (pool?.taken ? null : aggregator.result({ ms: 0, trialsPerSecond: 0, workers: count })))
    .then(() => undefined);
  const ready = Promise.race([compiled, broken]);
  ready.catch(() => undefined);
  pool = {
    key: warmKey(scenario),
    threads,
    aggregatorThread,
    aggregator,
    remotes,
    ready,
    taken: false,
    error: null,
    dispose() {
      if (pool?.taken) return;
      for (const w of threads) w.terminate();
      aggregatorThread.terminate();
    },
  };
  return pool;
}

/** Starts a run of `scenario` (already validated and normalised), on `options.warm` when it was compiled for this scenario. */
export function startRun(scenario: Scenario, options: RunOptions & { warm?: WarmPool | null }): RunHandle {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const total = options.trials;
  const warm = options.warm && !options.warm.taken && options.warm.key === warmKey(scenario) ? options.warm : null;
  const pool = warm ?? warmPool(scenario, options);
  pool.taken = true;
  const count = pool.threads.length;
  const batches = planBatches(total, count);
  const { threads, aggregatorThread, aggregator, remotes } = pool;
  const run = { ...scenario, simulation: { ...scenario.simulation, trials: total } };
  let done = 0;
  let next = 0;
  let stopped = false;
  let asking = false;
  let lastAsked = -Infinity;
  let settle: (value: ResultDocument | null) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const finished = new Promise<ResultDocument | null>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });

  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const w of threads) w.terminate();
    aggregatorThread.terminate();
  };
  const timing = () => {
    const ms = now() - started;
    return { ms: Math.round(ms), trialsPerSecond: ms > 0 ? Math.round((done / ms) * 1000) : 0, workers: count };
  };
  const progress = (): RunProgress => {
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    return { done, total, trialsPerSecond: rate, etaSeconds: rate > 0 ? (total - done) / rate : null };
  };
  const onError = (what: string) => (event: ErrorEvent) => {
    event.preventDefault();
    if (stopped) return;
    stop();
    fail(new Error(`${what} failed: ${event.message || 'it stopped unexpectedly'}`));
  };
  threads.forEach((w, index) => w.addEventListener('error', onError(`worker ${index + 1}`)));
  aggregatorThread.addEventListener('error', onError('the aggregator'));

  /** Asks for the result so far unless a request is under way or one was made less than UPDATE_MS ago. */
  const update = () => {
    if (asking || stopped || !options.onUpdate || now() - lastAsked < UPDATE_MS) return;
    asking = true;
    lastAsked = now();
    const seen = progress();
    aggregator.result(timing()).then((doc) => {
      asking = false;
      if (!stopped && doc) options.onUpdate?.(doc, seen);
    }, () => {
      asking = false;
    });
  };

  const drive = async (remote: Remote<SimWorkerApi>): Promise<void> => {
    for (let batch = batches[next++]; batch !== undefined && !stopped; batch = batches[next++]) {
      await remote.runAndSend(batch.from, batch.to);
      if (stopped) return;
      done += batch.to - batch.from;
      update();
    }
  };

  pool.ready
    .then(() => {
      if (pool.error) throw pool.error;
    })
    .then(() => aggregator.reset(run, scenarioHash(run)))
    .then(() => Promise.all(remotes.map(drive)))
    .then(() => (stopped ? null : aggregator.result(timing())))
    .then(
      (doc) => {
        if (stopped) return;
        stop();
        if (doc) settle(doc);
        else fail(new Error('the run finished without any trials'));
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
