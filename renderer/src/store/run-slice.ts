/** The run in progress or last finished: its state, progress, result so far, and the error that ended it. */
import type { StateCreator } from 'zustand';
import type { ResultDocument } from '../../../simulation/aggregate/result-types';
import type { RunHandle, RunProgress } from '../run/pool';
import type { AppState } from './store';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface RunSlice {
  run: {
    status: RunStatus;
    progress: RunProgress | null;
    error: string | null;
    /** The result so far (while running) or final. */
    result: ResultDocument | null;
    /** Milliseconds from Run to the first result the charts could draw. */
    firstResultMs: number | null;
  };
  runHandle: RunHandle | null;
  runStarted(handle: RunHandle): void;
  runUpdated(result: ResultDocument, progress: RunProgress, sinceStartMs: number): void;
  runFinished(result: ResultDocument | null): void;
  runFailed(message: string): void;
  cancelRun(): void;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  run: { status: 'idle', progress: null, error: null, result: null, firstResultMs: null },
  runHandle: null,
  runStarted(handle) {
    set({ runHandle: handle, run: { status: 'running', progress: null, error: null, result: null, firstResultMs: null } });
  },
  runUpdated(result, progress, sinceStartMs) {
    const r = get().run;
    if (r.status !== 'running') return;
    set({ run: { ...r, result, progress, firstResultMs: r.firstResultMs ?? Math.round(sinceStartMs) } });
  },
  runFinished(result) {
    const r = get().run;
    set({ runHandle: null, run: { ...r, status: result ? 'done' : 'cancelled', result: result ?? r.result } });
  },
  runFailed(message) {
    set({ runHandle: null, run: { ...get().run, status: 'failed', error: message } });
  },
  cancelRun() {
    const handle = get().runHandle;
    if (!handle) return;
    handle.cancel();
    set({ runHandle: null, run: { ...get().run, status: 'cancelled' } });
  },
});
