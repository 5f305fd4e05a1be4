/** The scenario being edited: its text (the source of truth), what it parses to, and undo/redo of edits. */
import type { StateCreator } from 'zustand';
import { parseScenarioText } from '../../../simulation/scenario/parse';
import type { Scenario, ScenarioIssue } from '../../../simulation/scenario/types';
import type { AppState } from './store';

/** Edits kept for undo. */
export const UNDO_LIMIT = 200;

export interface ScenarioSlice {
  scenario: {
    name: string;
    /** The file the host can write back to (Electron), or null. */
    path: string | null;
    text: string;
    /** The normalised scenario when the text is valid, else null. */
    parsed: Scenario | null;
    /** The last valid parse: the forms keep their fields while the text is invalid. */
    lastValid: Scenario | null;
    issues: ScenarioIssue[];
    /** Unsaved edits since the last open or save. */
    dirty: boolean;
    past: string[];
    future: string[];
  };
  loadScenario(file: { name: string; path: string | null; text: string }): void;
  editText(text: string): void;
  undo(): void;
  redo(): void;
  markSaved(file: { name: string; path: string | null }): void;
}

function read(text: string, name: string, lastValid: Scenario | null = null): { parsed: Scenario | null; lastValid: Scenario | null; issues: ScenarioIssue[] } {
  const result = parseScenarioText(text, name);
  return result.ok ? { parsed: result.scenario, lastValid: result.scenario, issues: [] } : { parsed: null, lastValid, issues: result.issues };
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => ({
  scenario: { name: 'untitled.budgetcast.yaml', path: null, text: '', parsed: null, lastValid: null, issues: [], dirty: false, past: [], future: [] },
  loadScenario(file) {
    set({ scenario: { name: file.name, path: file.path, text: file.text, ...read(file.text, file.name), dirty: false, past: [], future: [] } });
  },
  editText(text) {
    const s = get().scenario;
    if (text === s.text) return;
    set({ scenario: { ...s, text, ...read(text, s.name, s.lastValid), dirty: true, past: [...s.past, s.text].slice(-UNDO_LIMIT), future: [] } });
  },
  undo() {
    const s = get().scenario;
    const previous = s.past[s.past.length - 1];
    if (previous === undefined) return;
    set({ scenario: { ...s, text: previous, ...read(previous, s.name, s.lastValid), dirty: true, past: s.past.slice(0, -1), future: [s.text, ...s.future] } });
  },
  redo() {
    const s = get().scenario;
    const following = s.future[0];
    if (following === undefined) return;
    set({ scenario: { ...s, text: following, ...read(following, s.name, s.lastValid), dirty: true, past: [...s.past, s.text], future: s.future.slice(1) } });
  },
  markSaved(file) {
    set({ scenario: { ...get().scenario, name: file.name, path: file.path, dirty: false } });
  },
});
