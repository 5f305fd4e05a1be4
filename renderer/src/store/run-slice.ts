/** The run in progress or last finished: its state, progress and the error that ended it (its result lives in the results slice). */
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
  };
  runHandle: RunHandle | null;
  runStarted(handle: RunHandle): void;
  runUpdated(result: ResultDocument, progress: RunProgress, sinceStartMs: number): void;
  runFinished(result: ResultDocument | null): void;
  runFailed(message: string): void;
  cancelRun(): void;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  run: { status: 'idle', progress: null, error: null },
  runHandle: null,
  runStarted(handle) {
    get().resultsCleared();
    set({ runHandle: handle, run: { status: 'running', progress: null, error: null } });
  },
  runUpdated(result, progress, sinceStartMs) {
    const r = get().run;
    if (r.status !== 'running') return;
    set({ run: { ...r, progress } });
    get().resultShown(result, sinceStartMs);
  },
  runFinished(result) {
    const r = get().run;
    set({ runHandle: null, run: { ...r, status: result ? 'done' : 'cancelled' } });
    if (result) get().resultShown(result, 0);
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
