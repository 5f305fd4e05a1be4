/** What the menu, the keyboard and the buttons do: open, save, run, cancel, export. */
import { getBridge } from './bridge/bridge';
import type { Scenario } from '../../simulation/scenario/types';
import { startRun, type WarmPool, warmKey, warmPool } from './run/pool';
import { useApp } from './store/store';

/** Whether unsaved edits may be dropped (asks the user when there are some). */
export function confirmDiscard(): boolean {
  const s = useApp.getState();
  return !s.scenario.dirty || window.confirm(`${s.scenario.name} has unsaved edits. Discard them?`);
}

/** Asks the host for a scenario file and opens it in the editor. */
export async function openScenario(): Promise<void> {
  if (!confirmDiscard()) return;
  const file = await getBridge().openScenario();
  if (!file) return;
  useApp.getState().loadScenario(file);
  useApp.getState().show('editor');
}

/** Saves the scenario's text where it came from (Save), or asks where (Save As, or a file with no path). */
export async function saveScenario(saveAs = false): Promise<void> {
  const s = useApp.getState().scenario;
  const saved = await getBridge().saveScenario({ path: saveAs ? null : s.path, suggestedName: s.name.endsWith('.yaml') ? s.name : `${s.name}.yaml`, text: s.text });
  if (!saved) return;
  useApp.getState().markSaved(saved);
  await getBridge().clearAutosave();
}

/** Milliseconds a scenario must stay unchanged before workers compile it ahead of Run. */
const WARM_DELAY = 400;
let warm: WarmPool | null = null;
let warmTimer: ReturnType<typeof setTimeout> | null = null;

/** Keeps a pool of workers compiled for the scenario being looked at, so that Run starts on trials at once; a scenario just opened (`now`) is compiled at once, an edited one once the edits pause. */
export function keepWarm(scenario: Scenario | null, now = false): void {
  if (warmTimer) clearTimeout(warmTimer);
  warmTimer = null;
  if (scenario && warm && !warm.taken && warm.key === warmKey(scenario)) return;
  warm?.dispose();
  warm = null;
  if (!scenario || typeof Worker === 'undefined') return;
  warmTimer = setTimeout(() => {
    warmTimer = null;
    if (useApp.getState().run.status !== 'running') warm = warmPool(scenario);
  }, now ? 0 : WARM_DELAY);
}

/** Runs the current scenario in the worker pool; the charts follow the merged batches, at most every UPDATE_MS and once a frame. */
export function runScenario(trials?: number): void {
  const state = useApp.getState();
  const scenario = state.scenario.parsed;
  if (!scenario || state.run.status === 'running') return;
  if (warmTimer) clearTimeout(warmTimer);
  warmTimer = null;
  const started = performance.now();
  let pending: { result: Parameters<typeof state.runUpdated>[0]; progress: Parameters<typeof state.runUpdated>[1] } | null = null;
  let frame = 0;
  const flush = () => {
    frame = 0;
    if (pending) useApp.getState().runUpdated(pending.result, pending.progress, performance.now() - started);
    pending = null;
  };
  const handle = startRun(scenario, {
    warm,
    trials: trials ?? scenario.simulation.trials,
    onUpdate(result, progress) {
      // Draw at most once a frame: batches can arrive faster than React needs them.
      pending = { result, progress };
      if (!frame) frame = requestAnimationFrame(flush);
    },
  });
  state.runStarted(handle);
  state.show('results');
  handle.done.then(
    (result) => {
      if (frame) cancelAnimationFrame(frame);
      flush();
      useApp.getState().runFinished(result);
      keepWarm(useApp.getState().scenario.parsed);
    },
    (error: Error) => {
      useApp.getState().runFailed(error.message);
      keepWarm(useApp.getState().scenario.parsed);
    },
  );
  // The run took the warm pool, or started its own: either way a pool left over is not needed any more.
  if (warm && !warm.taken) warm.dispose();
  warm = null;
}

/** Exports the last result as JSON. */
export async function exportResult(): Promise<void> {
  const s = useApp.getState();
  if (!s.results.current) return;
  const base = s.scenario.name.replace(/\.(budgetcast\.)?(ya?ml|json)$/, '');
  await getBridge().exportFile({ suggestedName: `${base}-result.json`, mime: 'application/json', content: `${JSON.stringify(s.results.current, null, 2)}\n` });
}
