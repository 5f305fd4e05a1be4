/** Home: the built-in scenarios with a one-line summary, recent files, open and new. */
import { useEffect, useState } from 'react';
import { getBridge } from '../bridge/bridge';
import { BUILTINS, NEW_SCENARIO } from '../builtins';
import { useApp } from '../store/store';
import { openScenario } from '../actions';

export function Home() {
  const loadScenario = useApp((s) => s.loadScenario);
  const show = useApp((s) => s.show);
  const [recent, setRecent] = useState<{ path: string; name: string }[]>([]);
  useEffect(() => {
    getBridge().recentFiles().then(setRecent, () => setRecent([]));
  }, []);
  const open = (file: { name: string; path: string | null; text: string }) => {
    loadScenario(file);
    show('editor');
  };
  return (
    <main className="home">
      <section>
        <h2>Built-in scenarios</h2>
        <ul className="cards">
          {BUILTINS.map((b) => (
            <li key={b.file}>
              <button type="button" className="card" data-testid={`builtin-${b.file}`} onClick={() => open({ name: b.file, path: null, text: b.text })}>
                <strong>{b.title}</strong>
                <span>{b.summary}</span>
                <code>{b.file}</code>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="side">
        <h2>Start</h2>
        <button type="button" onClick={() => open({ name: 'untitled.budgetcast.yaml', path: null, text: NEW_SCENARIO })}>New scenario</button>
        <button type="button" onClick={() => void openScenario()}>Open…</button>
        <h2>Recent files</h2>
        {recent.length === 0 ? <p className="muted">None yet.</p> : (
          <ul className="recent">
            {recent.map((r) => (
              <li key={r.path}>
                <button type="button" className="link" onClick={async () => {
                  const file = await getBridge().openPath(r.path);
                  if (file) open(file);
                  else useApp.getState().notify(`${r.name} could not be opened any more`);
                }}>{r.name}</button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
