/** The forecast being shown: the result so far while a run goes on, the final one after, and when the first arrived. */
import type { StateCreator } from 'zustand';
import type { ResultDocument } from '../../../simulation/aggregate/result-types';
import type { AppState } from './store';

export interface ResultsSlice {
  results: {
    current: ResultDocument | null;
    /** Milliseconds from Run to the first result the charts could draw, or null. */
    firstResultMs: number | null;
  };
  /** Clears the result for a new run. */
  resultsCleared(): void;
  /** Shows a result (partial or final); `sinceRunMs` records the first one's delay. */
  resultShown(result: ResultDocument, sinceRunMs: number): void;
}

export const createResultsSlice: StateCreator<AppState, [], [], ResultsSlice> = (set, get) => ({
  results: { current: null, firstResultMs: null },
  resultsCleared() {
    set({ results: { current: null, firstResultMs: null } });
  },
  resultShown(result, sinceRunMs) {
    const r = get().results;
    set({ results: { current: result, firstResultMs: r.firstResultMs ?? Math.round(sinceRunMs) } });
  },
});
