import { describe, expect, it } from 'vitest';
import { shortcutFor } from '../../renderer/src/keyboard';
import { planBatches } from '../../renderer/src/run/pool';
import { slosByRisk } from '../../renderer/src/store/selectors';
import { createAppStore } from '../../renderer/src/store/store';
import { inputValue, setField } from '../../renderer/src/yaml-edit';
import type { ResultDocument, SloResult } from '../../simulation/aggregate/result-types';

const TEXT = `# a comment that must survive
apiVersion: budgetcast/v1
kind: Scenario
metadata: {name: t}
simulation: {start: 2027-01-01T00:00:00Z}
services:
  - id: api
    traffic: {rps: 10}
slos:
  - {id: a, service: api, sli: availability, target: 99.9, window: {rolling: 30d}}
`;

describe('editing a field of the YAML', () => {
  it('changes only that value and keeps the comments', () => {
    const next = setField(TEXT, ['slos', 0, 'target'], 99.5) as string;
    expect(next).toContain('# a comment that must survive');
    expect(next).toContain('target: 99.5');
    expect(next).not.toContain('99.9');
  });

  it('reads a form input as a number when it is one, else as text for the schema to report', () => {
    expect(inputValue(' 99.95 ')).toBe(99.95);
    expect(inputValue('99,9')).toBe('99,9');
  });
});

describe('the scenario slice', () => {
  it('parses as it edits, reports the bad field with its path, and undoes and redoes edits', () => {
    const store = createAppStore();
    store.getState().loadScenario({ name: 't.yaml', path: null, text: TEXT });
    expect(store.getState().scenario.parsed?.slos[0].target).toBe(99.9);
    store.getState().editText(setField(TEXT, ['slos', 0, 'target'], 100.5) as string);
    const s = store.getState().scenario;
    expect(s.parsed).toBeNull();
    expect(s.dirty).toBe(true);
    expect(s.issues.map((i) => i.path)).toEqual(['slos[0].target']);
    store.getState().undo();
    expect(store.getState().scenario.parsed?.slos[0].target).toBe(99.9);
    store.getState().redo();
    expect(store.getState().scenario.parsed).toBeNull();
    store.getState().markSaved({ name: 't.yaml', path: null });
    expect(store.getState().scenario.dirty).toBe(false);
  });
});

describe('results', () => {
  const slo = (id: string, breach: number, end: number): SloResult => ({ id, breachProbability: { estimate: breach, ci95: [0, 1] }, budgetRemaining: { p50: [1, end] } } as unknown as SloResult);

  it('sorts SLOs by breach probability, then by the median budget left', () => {
    expect(slosByRisk([slo('a', 0.1, 0.5), slo('b', 0.3, 0.9), slo('c', 0.1, 0.2)]).map((o) => o.id)).toEqual(['b', 'c', 'a']);
  });

  it('cuts a run into small batches first, so the first chart comes early, then batches of 256 that taper at the end', () => {
    const batches = planBatches(2000, 2);
    expect(batches.slice(0, 3)).toEqual([{ from: 0, to: 2 }, { from: 2, to: 4 }, { from: 4, to: 20 }]);
    // After the ramp (2+2+16+16+64+64+128+128 = 420 trials), 1580 are left: 256 x 3, then ceil(812 / 4) = 203, ...
    expect(batches.slice(8, 12).map((b) => b.to - b.from)).toEqual([256, 256, 256, 203]);
    // ... 153, 114, 86, 64, 48, 36, 27, 21, 15, 12, 9, 8, 8 and the last 8.
    expect(batches.slice(-3).map((b) => b.to - b.from)).toEqual([8, 8, 8]);
    expect(batches[batches.length - 1].to).toBe(2000);
    expect(batches.every((b, i) => i === 0 || b.from === batches[i - 1].to)).toBe(true);
    expect(Math.max(...batches.map((b) => b.to - b.from))).toBe(256);
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

  it('maps Ctrl+N, O, S, Shift+S, R, E and Esc on Linux and Windows, Cmd on a Mac', () => {
    expect(['n', 'o', 's', 'r', 'e'].map((k) => shortcutFor(key(k, { ctrlKey: true }), false))).toEqual(['new', 'open', 'save', 'run', 'export']);
    expect(shortcutFor(key('S', { ctrlKey: true, shiftKey: true }), false)).toBe('saveAs');
    expect(shortcutFor(key('Escape'), false)).toBe('cancel');
    expect(shortcutFor(key('r', { metaKey: true }), true)).toBe('run');
    expect(shortcutFor(key('r', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(key('r'), false)).toBeNull();
  });
});

describe('the run and results slices', () => {
  const doc = (trials: number) => ({ trials } as unknown as ResultDocument);
  const progress = { done: 0, total: 10, trialsPerSecond: 0, etaSeconds: null };
  const handle = () => ({ done: new Promise<null>(() => undefined), cancel: () => undefined });

  it('shows partial results as they come, keeps them after a cancel, and clears them for the next run', () => {
    const store = createAppStore();
    store.getState().runStarted(handle());
    store.getState().runUpdated(doc(4), { ...progress, done: 4 }, 120);
    store.getState().runUpdated(doc(8), { ...progress, done: 8 }, 400);
    expect(store.getState().results).toEqual({ current: doc(8), firstResultMs: 120 });
    store.getState().cancelRun();
    store.getState().runFinished(null);
    expect(store.getState().run.status).toBe('cancelled');
    expect(store.getState().results.current).toEqual(doc(8));
    store.getState().runStarted(handle());
    expect(store.getState().results).toEqual({ current: null, firstResultMs: null });
  });

  it('ignores a late partial result once the run has ended', () => {
    const store = createAppStore();
    store.getState().runStarted(handle());
    store.getState().runFinished(doc(10));
    store.getState().runUpdated(doc(3), progress, 50);
    expect(store.getState().results.current).toEqual(doc(10));
    expect(store.getState().run.status).toBe('done');
  });
});
