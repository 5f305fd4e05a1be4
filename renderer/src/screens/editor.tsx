/** Editor: forms for the SLO targets and service capacity, with messages at the field, and the YAML view kept in sync. */
import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../store/store';
import { issuesAt } from '../store/selectors';
import { inputValue, setField } from '../yaml-edit';

/** A number field bound to a path of the YAML text: shows its own validation message beneath it. */
function Field({ label, path, value, testId }: { label: string; path: (string | number)[]; value: number | undefined; testId: string }) {
  const text = useApp((s) => s.scenario.text);
  const editText = useApp((s) => s.editText);
  const key = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  const issues = useApp((s) => s.scenario.issues);
  const messages = useMemo(() => issuesAt(issues, key), [issues, key]);
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    if (messages.length === 0 && value !== undefined) setDraft(String(value));
    // Keep what the user typed while it is invalid; follow the text otherwise.
  }, [value, messages.length]);
  return (
    <label className={`field${messages.length > 0 ? ' invalid' : ''}`}>
      <span>{label}</span>
      <input data-testid={testId} value={draft} aria-invalid={messages.length > 0} onChange={(e) => {
        setDraft(e.target.value);
        const next = setField(text, path, inputValue(e.target.value));
        if (next !== null) editText(next);
      }} />
      {messages.map((m) => <em key={m} className="message" role="alert">{m}</em>)}
    </label>
  );
}

export function Editor() {
  const scenario = useApp((s) => s.scenario);
  const editText = useApp((s) => s.editText);
  const parsed = scenario.lastValid;
  return (
    <main className="editor">
      <section className="forms">
        <h2>SLOs</h2>
        {parsed ? (
          <div className="form-grid">
            {parsed.slos.map((o, i) => (
              <fieldset key={o.id}>
                <legend>{o.id} <small>{o.service} · {o.sli}{o.thresholdMs !== undefined ? ` < ${o.thresholdMs} ms` : ''}{o.limit !== undefined ? ` ≤ ${o.limit}` : ''}</small></legend>
                <Field label="target (%)" path={['slos', i, 'target']} value={o.target} testId={`slo-target-${o.id}`} />
              </fieldset>
            ))}
          </div>
        ) : <FieldIssues />}
        {parsed && parsed.services.some((s) => s.capacity) && <h2>Capacity</h2>}
        {parsed && (
          <div className="form-grid">
            {parsed.services.map((s, i) => s.capacity && (
              <fieldset key={s.id}>
                <legend>{s.id}</legend>
                <Field label="instances" path={['services', i, 'capacity', 'instances']} value={s.capacity.instances} testId={`instances-${s.id}`} />
                <Field label="rps per instance" path={['services', i, 'capacity', 'rpsPerInstance']} value={s.capacity.rpsPerInstance} testId={`rps-${s.id}`} />
              </fieldset>
            ))}
          </div>
        )}
      </section>
      <section className="yaml">
        <h2>YAML <small>{scenario.name}{scenario.dirty ? ' · edited' : ''}</small></h2>
        <textarea data-testid="yaml" spellCheck={false} value={scenario.text} onChange={(e) => editText(e.target.value)} aria-label="scenario YAML" />
        {scenario.parsed && <p className="ok" data-testid="valid">Valid: {scenario.parsed.services.length} services, {scenario.parsed.slos.length} SLOs.</p>}
        <FieldIssues />
      </section>
    </main>
  );
}

/** Every validation issue of the text, with its path. */
function FieldIssues() {
  const issues = useApp((s) => s.scenario.issues);
  if (issues.length === 0) return null;
  return (
    <ul className="issues" data-testid="issues">
      {issues.map((i) => <li key={`${i.path}:${i.message}`}><code>{i.path}</code> {i.message}</li>)}
    </ul>
  );
}
