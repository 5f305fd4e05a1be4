/** The app frame: the top bar, the current screen, keyboard and menu commands, autosave and crash recovery. */
import { useEffect } from 'react';
import { confirmDiscard, exportResult, keepWarm, openScenario, runScenario, saveScenario } from './actions';
import { getBridge } from './bridge/bridge';
import { NEW_SCENARIO } from './builtins';
import { type ShortcutCommand, shortcutFor } from './keyboard';
import { Editor } from './screens/editor';
import { Home } from './screens/home';
import { Results } from './screens/results';
import { canRun, windowTitle } from './store/selectors';
import { useApp } from './store/store';

/** Milliseconds an edit waits before it is autosaved. */
const AUTOSAVE_DELAY = 1500;

function perform(command: ShortcutCommand): void {
  const s = useApp.getState();
  switch (command) {
    case 'new':
      if (confirmDiscard()) {
        s.loadScenario({ name: 'untitled.budgetcast.yaml', path: null, text: NEW_SCENARIO });
        s.show('editor');
      }
      return;
    case 'open': void openScenario(); return;
    case 'save': void saveScenario(false); return;
    case 'saveAs': void saveScenario(true); return;
    case 'run': runScenario(); return;
    case 'cancel': s.cancelRun(); return;
    case 'export': void exportResult(); return;
    case 'home': s.show('home'); return;
    case 'undo': s.undo(); return;
    case 'redo': s.redo(); return;
  }
}

export function App() {
  const screen = useApp((s) => s.ui.screen);
  const show = useApp((s) => s.show);
  const notice = useApp((s) => s.ui.notice);
  const title = useApp(windowTitle);
  const runnable = useApp(canRun);
  const running = useApp((s) => s.run.status === 'running');
  const hasScenario = useApp((s) => s.scenario.text !== '');
  const hasResult = useApp((s) => s.results.current !== null);
  const text = useApp((s) => s.scenario.text);
  const dirty = useApp((s) => s.scenario.dirty);

  useEffect(() => {
    document.title = title;
  }, [title]);

  // Workers compile the scenario while it is looked at, so Run starts on trials at once.
  const parsed = useApp((s) => s.scenario.parsed);
  const justOpened = useApp((s) => s.scenario.past.length === 0);
  useEffect(() => keepWarm(parsed, justOpened), [parsed, justOpened]);

  useEffect(() => {
    const mac = /Mac/.test(navigator.platform);
    const onKey = (e: KeyboardEvent) => {
      const command = shortcutFor(e, mac);
      if (!command) return;
      // Undo/redo inside the YAML text area belong to the text area.
      if ((command === 'undo' || command === 'redo') && e.target instanceof HTMLTextAreaElement) return;
      e.preventDefault();
      perform(command);
    };
    window.addEventListener('keydown', onKey);
    const offMenu = getBridge().onMenu(perform);
    const offOpen = getBridge().onFileOpened((file) => {
      if (!confirmDiscard()) return;
      useApp.getState().loadScenario(file);
      useApp.getState().show('editor');
    });
    const onUnload = (e: BeforeUnloadEvent) => {
      if (useApp.getState().scenario.dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onUnload);
      offMenu();
      offOpen();
    };
  }, []);

  // Offer back what was being edited when the app last stopped without saving.
  useEffect(() => {
    getBridge().takeAutosave().then((entry) => {
      if (!entry || useApp.getState().scenario.text !== '') return;
      if (window.confirm(`Budgetcast stopped with unsaved edits to ${entry.name}. Restore them?`)) {
        useApp.getState().loadScenario({ name: entry.name, path: entry.path, text: entry.text });
        useApp.getState().editText(entry.text);
        useApp.getState().show('editor');
      } else void getBridge().clearAutosave();
    }, () => undefined);
  }, []);

  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => {
      const s = useApp.getState().scenario;
      void getBridge().autosave({ name: s.name, path: s.path, text: s.text });
    }, AUTOSAVE_DELAY);
    return () => clearTimeout(timer);
  }, [text, dirty]);

  return (
    <div className="app">
      <header className="top-bar">
        <h1>Budgetcast</h1>
        <nav>
          <button type="button" aria-pressed={screen === 'home'} onClick={() => show('home')}>Home</button>
          <button type="button" aria-pressed={screen === 'editor'} disabled={!hasScenario} onClick={() => show('editor')}>Editor</button>
          <button type="button" aria-pressed={screen === 'results'} disabled={!hasResult && !running} onClick={() => show('results')}>Results</button>
        </nav>
        <div className="actions">
          <button type="button" onClick={() => void openScenario()} title="Ctrl+O">Open…</button>
          <button type="button" disabled={!hasScenario} onClick={() => void saveScenario(false)} title="Ctrl+S">Save</button>
          {running
            ? <button type="button" className="primary" onClick={() => perform('cancel')} title="Esc">Cancel</button>
            : <button type="button" className="primary" data-testid="run" disabled={!runnable} onClick={() => runScenario()} title="Ctrl+R">Run</button>}
          <button type="button" disabled={!hasResult} onClick={() => void exportResult()} title="Ctrl+E">Export JSON</button>
        </div>
      </header>
      {notice && <p className="notice" role="status">{notice} <button type="button" className="link" onClick={() => useApp.getState().notify(null)}>dismiss</button></p>}
      {screen === 'home' && <Home />}
      {screen === 'editor' && <Editor />}
      {screen === 'results' && <Results />}
    </div>
  );
}
