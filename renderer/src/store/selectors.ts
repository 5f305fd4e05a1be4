/** Derived views of the store, kept out of components so they can be tested alone. */
import type { SloResult } from '../../../simulation/aggregate/result-types';
import type { ScenarioIssue } from '../../../simulation/scenario/types';
import type { AppState } from './store';

/** Whether Run can start: a valid scenario and no run under way. */
export const canRun = (s: AppState): boolean => s.scenario.parsed !== null && s.run.status !== 'running';

/** The window title: file name, with a dot when there are unsaved edits. */
export const windowTitle = (s: AppState): string => `${s.scenario.dirty ? '● ' : ''}${s.scenario.name} — Budgetcast`;

/** SLOs ordered by risk: highest breach probability first, then lowest median budget left at the horizon. */
export function slosByRisk(slos: readonly SloResult[]): SloResult[] {
  const lastP50 = (o: SloResult) => o.budgetRemaining.p50[o.budgetRemaining.p50.length - 1] ?? 1;
  return [...slos].sort((a, b) => b.breachProbability.estimate - a.breachProbability.estimate || lastP50(a) - lastP50(b) || a.id.localeCompare(b.id));
}

/** The messages of the issues at one field ("slos[2].target"), for showing at the field. */
export function issuesAt(issues: readonly ScenarioIssue[], path: string): string[] {
  return issues.filter((i) => i.path === path).map((i) => i.message);
}
