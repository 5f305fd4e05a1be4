/** Editor: forms for the SLO targets and service capacity, with messages at the field, and the YAML view kept in sync. */
import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../store/store';
import { issuesAt } from '../store/selectors';
import { parse } from 'yaml';
import { inputValue, setField } from '../yaml-edit';

/** A number field bound to a path of the YAML text: shows its own validation message beneath it. */
function Field({ label, path, value, testId }: { label: string; path: (string | number)[]; value: number | string | undefined; testId: string }) {
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

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const shown = (v: unknown): number | string | undefined => (typeof v === 'number' || typeof v === 'string' ? v : undefined);

/** The text as plain data (last readable version while it does not parse), so forms follow the file's own order. */
function useRaw(text: string): Raw {
  const [last, setLast] = useState<Raw>({});
  const raw = useMemo(() => {
    try {
      const v: unknown = parse(text);
      return v !== null && typeof v === 'object' ? (v as Raw) : null;
    } catch {
      return null;
    }
  }, [text]);
  useEffect(() => {
    if (raw) setLast(raw);
  }, [raw]);
  return raw ?? last;
}

/** The fields of a distribution as written: one for a constant, two for {median, p90}, {min, max} or one for {mean}. */
function DistFields({ label, path, value, testId }: { label: string; path: (string | number)[]; value: unknown; testId: string }) {
  if (typeof value === 'number' || typeof value === 'string') return <Field label={`${label} (minutes)`} path={path} value={value} testId={testId} />;
  const d = obj(value);
  const keys = ['median', 'p90', 'mean', 'min', 'max'].filter((k) => d[k] !== undefined);
  return (
    <>
      {keys.map((k) => <Field key={k} label={`${label} ${k}`} path={[...path, k]} value={shown(d[k])} testId={`${testId}-${k}`} />)}
    </>
  );
}

export function Editor() {
  const scenario = useApp((s) => s.scenario);
  const editText = useApp((s) => s.editText);
  const raw = useRaw(scenario.text);
  const sim = obj(raw.simulation);
  const services = arr(raw.services).map(obj);
  const slos = arr(raw.slos).map(obj);
  const policy = obj(raw.policy);
  const sla = arr(raw.sla).map(obj);
  return (
    <main className="editor">
      <section className="forms">
        <h2>Simulation</h2>
        <div className="form-grid">
          <fieldset>
            <legend>run</legend>
            <Field label="trials" path={['simulation', 'trials']} value={shown(sim.trials)} testId="sim-trials" />
            <Field label="horizon (days)" path={['simulation', 'horizonDays']} value={shown(sim.horizonDays)} testId="sim-horizon" />
            <Field label="seed" path={['simulation', 'seed']} value={shown(sim.seed)} testId="sim-seed" />
          </fieldset>
        </div>
        <h2>SLOs</h2>
        <div className="form-grid">
          {slos.map((o, i) => (
            <fieldset key={`${String(o.id)}-${i}`}>
              <legend>{String(o.id ?? `SLO ${i + 1}`)} <small>{String(o.service ?? '')} · {String(o.sli ?? '')}</small></legend>
              <Field label="target (%)" path={['slos', i, 'target']} value={shown(o.target)} testId={`slo-target-${String(o.id)}`} />
              {obj(o.window).rolling !== undefined && <Field label="rolling window" path={['slos', i, 'window', 'rolling']} value={shown(obj(o.window).rolling)} testId={`slo-window-${String(o.id)}`} />}
              {o.thresholdMs !== undefined && <Field label="threshold (ms)" path={['slos', i, 'thresholdMs']} value={shown(o.thresholdMs)} testId={`slo-threshold-${String(o.id)}`} />}
              {o.limit !== undefined && <Field label="limit" path={['slos', i, 'limit']} value={shown(o.limit)} testId={`slo-limit-${String(o.id)}`} />}
            </fieldset>
          ))}
        </div>
        <h2>Services</h2>
        <div className="form-grid">
          {services.map((svc, i) => {
            const traffic = obj(svc.traffic);
            const capacity = obj(svc.capacity);
            const failures = arr(svc.failures).map(obj);
            return (
              <fieldset key={`${String(svc.id)}-${i}`}>
                <legend>{String(svc.id ?? `service ${i + 1}`)}</legend>
                <Field label="traffic (rps)" path={['services', i, 'traffic', 'rps']} value={shown(traffic.rps)} testId={`rps-${String(svc.id)}`} />
                {svc.capacity !== undefined && <Field label="instances" path={['services', i, 'capacity', 'instances']} value={shown(capacity.instances)} testId={`instances-${String(svc.id)}`} />}
                {svc.capacity !== undefined && <Field label="rps per instance" path={['services', i, 'capacity', 'rpsPerInstance']} value={shown(capacity.rpsPerInstance)} testId={`rps-per-instance-${String(svc.id)}`} />}
                {svc.baselineErrorFraction !== undefined && <Field label="baseline error fraction" path={['services', i, 'baselineErrorFraction']} value={shown(svc.baselineErrorFraction)} testId={`baseline-${String(svc.id)}`} />}
                {failures.map((f, j) => (
                  <div key={`${String(f.name)}-${j}`} className="group">
                    <Field label={`${String(f.name ?? `failure ${j + 1}`)}: per month`} path={['services', i, 'failures', j, 'perMonth']} value={shown(f.perMonth)} testId={`failure-${String(svc.id)}-${String(f.name)}`} />
                    <DistFields label="detect" path={['services', i, 'failures', j, 'detect']} value={f.detect} testId={`detect-${String(svc.id)}-${String(f.name)}`} />
                    <DistFields label="repair" path={['services', i, 'failures', j, 'repair']} value={f.repair} testId={`repair-${String(svc.id)}-${String(f.name)}`} />
                  </div>
                ))}
                {svc.deploys !== undefined && (
                  <div className="group">
                    <Field label="deploys per week" path={['services', i, 'deploys', 'perWeek']} value={shown(obj(svc.deploys).perWeek)} testId={`deploys-${String(svc.id)}`} />
                    <Field label="deploy failure probability" path={['services', i, 'deploys', 'failureProbability']} value={shown(obj(svc.deploys).failureProbability)} testId={`deploy-failure-${String(svc.id)}`} />
                  </div>
                )}
              </fieldset>
            );
          })}
        </div>
        {arr(policy.budget).length > 0 && <h2>Budget policy</h2>}
        <div className="form-grid">
          {arr(policy.budget).map(obj).map((b, i) => (
            <fieldset key={`${String(b.state)}-${i}`}>
              <legend>{String(b.state ?? `threshold ${i + 1}`)}</legend>
              <Field label="below (% budget left)" path={['policy', 'budget', i, 'below']} value={shown(b.below)} testId={`policy-below-${String(b.state)}`} />
              <Field label="deploy factor" path={['policy', 'budget', i, 'deployFactor']} value={shown(b.deployFactor)} testId={`policy-factor-${String(b.state)}`} />
            </fieldset>
          ))}
        </div>
        {sla.length > 0 && <h2>SLAs</h2>}
        <div className="form-grid">
          {sla.map((x, i) => (
            <fieldset key={`${String(x.id)}-${i}`}>
              <legend>{String(x.id ?? `SLA ${i + 1}`)} <small>{String(x.service ?? '')}</small></legend>
              <Field label="monthly availability (%)" path={['sla', i, 'monthlyAvailability']} value={shown(x.monthlyAvailability)} testId={`sla-availability-${String(x.id)}`} />
              <Field label="monthly fee" path={['sla', i, 'monthlyFee']} value={shown(x.monthlyFee)} testId={`sla-fee-${String(x.id)}`} />
            </fieldset>
          ))}
        </div>
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
