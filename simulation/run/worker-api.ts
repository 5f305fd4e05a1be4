/**
 * What a simulation worker does, as a plain object of methods: the Node worker
 * thread (simulation/cli/node-worker.ts) and the app's web worker expose it with
 * comlink; tests call it directly. Pure: no Node, no DOM.
 */
import type { Accumulator, AccumulatorJSON } from '../aggregate/accumulator';
import { wholeBuffer } from '../aggregate/budget-days';
import type { Scenario } from '../scenario/types';
import type { TrialRange } from './schedule';
import { type CompiledScenario, type PortableScenario, compileScenario, createAccumulator, fromPortable, runTrials } from './engine';

/** Where runClaimed's shared counters are: the next batch to claim, and the trials run so far. */
export const CLAIM_NEXT = 0;
export const CLAIM_DONE = 1;

/** A fresh worker state: compile once with `init`, run batches into one accumulator, take it at the end. */
export function createWorkerApi() {
  let compiled: CompiledScenario | null = null;
  let acc: Accumulator | null = null;

  const ready = (): { compiled: CompiledScenario; acc: Accumulator } => {
    if (compiled === null || acc === null) throw new Error('worker used before init');
    return { compiled, acc };
  };

  return {
    /** Compiles the already validated, normalised scenario and starts an empty accumulator. */
    init(scenario: Scenario): void {
      compiled = compileScenario(scenario);
      acc = createAccumulator(compiled);
    },
    /** Takes a scenario compiled elsewhere (toPortable; its curves may be shared memory) and starts an empty accumulator. */
    initCompiled(portable: PortableScenario): void {
      compiled = fromPortable(portable);
      acc = createAccumulator(compiled);
    },
    /** Runs trials [from, to) into this worker's accumulator. */
    runBatch(from: number, to: number): void {
      const state = ready();
      runTrials(state.compiled, from, to, state.acc);
    },
    /**
     * Runs batches[i] for every i it claims, until none is left: claim is shared memory, [0] the next batch to
     * claim (taken with Atomics.add, so any number of threads can share one list) and [1] the trials run so far
     * by them all (each batch's added when it ends). Returns the batches this worker ran.
     */
    runClaimed(claim: Int32Array, batches: TrialRange[]): number {
      const state = ready();
      let ran = 0;
      for (let i = Atomics.add(claim, CLAIM_NEXT, 1); i < batches.length; i = Atomics.add(claim, CLAIM_NEXT, 1)) {
        runTrials(state.compiled, batches[i].from, batches[i].to, state.acc);
        Atomics.add(claim, CLAIM_DONE, batches[i].to - batches[i].from);
        ran++;
      }
      return ran;
    },
    /** Returns everything accumulated since the last call (Accumulator.toTransfer: for Accumulator.fromJSON in another thread, not for a file) and starts over empty. */
    takeAccumulator(): AccumulatorJSON {
      const state = ready();
      const json = state.acc.toTransfer();
      acc = createAccumulator(state.compiled);
      return json;
    },
  };
}

/**
 * The buffers of the typed arrays in `value` (plain objects and arrays, walked to any depth) that can move to
 * another thread rather than be copied: each a whole, unshared ArrayBuffer, once. takeAccumulator's arrays are
 * fresh copies, so moving them leaves this thread nothing it still uses.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      if (wholeBuffer(v)) out.add(v.buffer as ArrayBuffer);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) visit(x);
  };
  visit(value);
  return [...out];
}

/** The worker's single instance, as exposed over comlink. */
export const api = createWorkerApi();

export type WorkerApi = typeof api;
