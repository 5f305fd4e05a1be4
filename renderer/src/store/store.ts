/** The app's one zustand store, made of typed slices (scenario, run, results, ui); selectors live in selectors.ts. */
import { create } from 'zustand';
import { createResultsSlice, type ResultsSlice } from './results-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createScenarioSlice, type ScenarioSlice } from './scenario-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type AppState = ScenarioSlice & RunSlice & ResultsSlice & UiSlice;

/** A fresh store (tests make their own; the app uses `useApp`). */
export const createAppStore = () => create<AppState>()((...a) => ({ ...createScenarioSlice(...a), ...createRunSlice(...a), ...createResultsSlice(...a), ...createUiSlice(...a) }));

export const useApp = createAppStore();
