/** Which screen is shown, and the one-line message of the last thing that went wrong outside a run. */
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export type Screen = 'home' | 'editor' | 'results';

export interface UiSlice {
  ui: { screen: Screen; notice: string | null };
  show(screen: Screen): void;
  notify(message: string | null): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  ui: { screen: 'home', notice: null },
  show(screen) {
    set({ ui: { ...get().ui, screen } });
  },
  notify(message) {
    set({ ui: { ...get().ui, notice: message } });
  },
});
