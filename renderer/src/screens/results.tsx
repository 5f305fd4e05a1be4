/** Results: run progress, a risk-sorted summary of every SLO, then per SLO its budget fan, breach, exhaustion and alerts; services and SLAs. */
import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { ResultDocument, SloResult } from '../../../simulation/aggregate/result-types';
import { FanChart } from '../charts/fan-chart';
import { IntervalBar } from '../charts/interval-bar';
import { ExhaustionChart } from '../charts/exhaustion-chart';
import { AttainmentChart } from '../charts/attainment-chart';
import { budget, percent, sliPercent } from '../charts/format';
import { runScenario } from '../actions';
import { MlPanel } from './ml-panel';
import { slosByRisk } from '../store/selectors';
import { useApp } from '../store/store';

function windowText(o: SloResult): string {
  return o.window.kind === 'rolling' ? `rolling ${o.window.days}d` : `calendar ${o.window.unit}`;
}

function sliText(o: SloResult): string {
  if (o.sli === 'latency') return `latency < ${o.thresholdMs} ms`;
  if (o.sli === 'utilization') return `time ≤ ${o.limit} % busy`;
  if (o.sli === 'queueLength') return `time queue ≤ ${o.limit}`;
  if (o.sli === 'concurrency') return `time ≤ ${o.limit} in flight${o.perInstance ? ' per instance' : ''}`;
  return 'availability';
}

function RunBar() {
  const run = useApp((s) => s.run);
  const cancel = useApp((s) => s.cancelRun);
  const p = run.progress;
  const share = p ? p.done / p.total : 0;
  return (
    <div className={`run-bar ${run.status}`} data-testid="run-bar" data-status={run.status}>
      <progress max={1} value={share} aria-label="trials done" />
      <span data-testid="run-progress">
        {run.status === 'running' && (p ? `${p.done.toLocaleString()} of ${p.total.toLocaleString()} trials · ${Math.round(p.trialsPerSecond).toLocaleString()} trials/s · ${p.etaSeconds === null ? '' : `${Math.ceil(p.etaSeconds)} s left`}` : 'compiling…')}
        {run.status === 'done' && p && `${p.total.toLocaleString()} trials done`}
        {run.status === 'cancelled' && `cancelled${p ? ` after ${p.done.toLocaleString()} trials (the charts show those)` : ''}`}
        {run.status === 'failed' && <strong role="alert">Run failed: {run.error}</strong>}
      </span>
      {run.status === 'running' ? <button type="button" data-testid="cancel" onClick={cancel}>Cancel</button> : <button type="button" onClick={() => runScenario()}>Run again</button>}
    </div>
  );
}

function Summary({ doc, onPick }: { doc: ResultDocument; onPick: (id: string) => void }) {
  const [byRisk, setByRisk] = useState(true);
  const rows = byRisk ? slosByRisk(doc.slos) : doc.slos;
  return (
    <table className="summary" data-testid="summary">
      <thead>
        <tr>
          <th>SLO</th><th>SLI</th><th>target</th><th>window</th>
          <th><button type="button" className="link" onClick={() => setByRisk(!byRisk)} title="sort by breach probability">breach probability {byRisk ? '▼' : ''}</button></th>
          <th>budget left at the end (p50)</th><th>attainment (p50)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.id}>
            <td><button type="button" className="link" onClick={() => onPick(o.id)}>{o.id}</button></td>
            <td>{sliText(o)}</td>
            <td>{o.target} %</td>
            <td>{windowText(o)}</td>
            <td className="breach"><IntervalBar value={o.breachProbability} /> {percent(o.breachProbability.estimate)}</td>
            <td>{budget(o.budgetRemaining.p50[o.budgetRemaining.p50.length - 1])}</td>
            <td>{sliPercent(o.attainment.p50)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SloCard({ o, thresholds }: { o: SloResult; thresholds: { below: number; state: string }[] }) {
  return (
    <article className="slo-card" id={`slo-${o.id}`} data-testid={`slo-card-${o.id}`}>
      <header>
        <h3>{o.id}</h3>
        <span className="muted">{o.service} · {sliText(o)} · {o.target} % over {windowText(o)} · {o.budgeting}</span>
      </header>
      <FanChart series={o.budgetRemaining} thresholds={thresholds} title={`${o.id} budget remaining`} />
      <dl className="facts">
        <dt>breach</dt><dd>{percent(o.breachProbability.estimate)} <small>({percent(o.breachProbability.ci95[0])} – {percent(o.breachProbability.ci95[1])})</small></dd>
        <dt>budget exhausted</dt><dd>{percent(o.exhaustion.probability)}{o.exhaustion.dayP50 !== null && <small> · day {o.exhaustion.dayP50} (p50), {o.exhaustion.dayP90} (p90)</small>}</dd>
        <dt>attainment</dt><dd>{sliPercent(o.attainment.p50)} <small>p5 {sliPercent(o.attainment.p5)} · p95 {sliPercent(o.attainment.p95)}</small><br /><AttainmentChart spread={o.attainment} target={o.target} label={`${o.id} over the horizon`} /></dd>
        <dt>worst window</dt><dd>{sliPercent(o.worstWindow.p50)} <small>p5 {sliPercent(o.worstWindow.p5)}</small></dd>
        {Object.keys(o.policyDays).length > 1 && <><dt>policy days</dt><dd>{Object.entries(o.policyDays).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' · ')}</dd></>}
      </dl>
      {o.exhaustion.probability > 0 && o.exhaustion.byDay && <ExhaustionChart byDay={o.exhaustion.byDay} title={`${o.id} budget exhaustion`} />}
      {o.alerts.length > 0 && (
        <table className="alerts">
          <thead><tr><th>alert rule</th><th>firings (mean / p95)</th><th>recall</th><th>detection p50 / p90</th><th>false firings</th></tr></thead>
          <tbody>
            {o.alerts.map((a) => (
              <tr key={a.rule}>
                <td>{a.rule} <small>{a.severity}</small></td>
                <td>{a.firingsMean.toFixed(1)} / {a.firingsP95.toFixed(1)}</td>
                <td>{percent(a.recall)}</td>
                <td>{Number.isFinite(a.detectionMinutesP50) ? `${a.detectionMinutesP50.toFixed(0)} / ${a.detectionMinutesP90.toFixed(0)} min` : '–'}</td>
                <td>{a.falseFiringsMean.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

export function Results() {
  const live = useApp((s) => s.results.current);
  // Charts follow the result in a deferred, interruptible render, so a new batch never blocks the UI for long.
  const result = useDeferredValue(live);
  const policy = useApp((s) => s.scenario.parsed?.policy.budget);
  const thresholds = useMemo(() => (policy ?? []).map((b) => ({ below: b.below, state: b.state })), [policy]);
  return (
    <main className="results">
      <RunBar />
      {!result ? <p className="muted">The first charts appear as soon as the first batch of trials is in.</p> : <ResultsBody result={result} thresholds={thresholds} />}
    </main>
  );
}

/** Everything drawn from one result document (memoised: it re-renders only when the result or thresholds change). */
const ResultsBody = memo(function ResultsBody({ result, thresholds }: { result: ResultDocument; thresholds: { below: number; state: string }[] }) {
  const [focus, setFocus] = useState<string | null>(null);
  return (
        <>
          <h2>{result.scenario.title ?? result.scenario.name} <small className="muted">{result.trials.toLocaleString()} trials · {result.horizonDays} days from {result.start.slice(0, 10)} · seed {result.seed}</small></h2>
          <Summary doc={result} onPick={(id) => { setFocus(id); document.getElementById(`slo-${id}`)?.scrollIntoView({ behavior: 'smooth' }); }} />
          <div className="cards">
            {result.slos.map((o) => <SloCard key={o.id} o={o} thresholds={thresholds} />)}
          </div>
          {focus && <span hidden data-focus={focus} />}
          <h2>Services</h2>
          <table className="services">
            <thead><tr><th>service</th><th>requests (mean)</th><th>peak utilisation p50 / p95</th><th>overload probability</th><th>shed (mean)</th></tr></thead>
            <tbody>
              {result.services.map((s) => (
                <tr key={s.id} className={s.peakUtilization.p95 > 1 ? 'over' : ''}>
                  <td>{s.id}</td>
                  <td>{Math.round(s.requestsMean).toLocaleString()}</td>
                  <td><UtilBar value={s.peakUtilization.p50} /> {percent(s.peakUtilization.p50)} / {percent(s.peakUtilization.p95)}</td>
                  <td>{percent(s.overloadProbability)}</td>
                  <td>{percent(s.shedFraction.mean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.ml && <MlPanel ml={result.ml} />}
          {result.sla.length > 0 && (
            <>
              <h2>SLA credits</h2>
              <table className="sla">
                <thead><tr><th>SLA</th><th>expected credit</th><th>probability of any credit</th><th>monthly availability p5 / p50 / p95</th></tr></thead>
                <tbody>
                  {result.sla.map((s) => (
                    <tr key={s.id}>
                      <td>{s.id}</td>
                      <td>{s.expectedCredit.toLocaleString(undefined, { maximumFractionDigits: 0 })}</td>
                      <td>{percent(s.creditProbability)}</td>
                      <td>{sliPercent(s.monthlyAvailability.p5)} / {sliPercent(s.monthlyAvailability.p50)} / {sliPercent(s.monthlyAvailability.p95)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
  );
});

/** Peak utilisation against the capacity limit (the 100 % mark). */
function UtilBar({ value }: { value: number }) {
  const w = 120;
  const x = (v: number) => Math.min(w, (v / 1.5) * w);
  return (
    <svg className="chart util-bar" width={w} height={12} role="img" aria-label={`peak utilisation ${percent(value)} of capacity`}>
      <rect className="track" x={0} y={3} width={w} height={6} />
      <rect className={value > 1 ? 'fill over' : 'fill'} x={0} y={3} width={x(value)} height={6} />
      <line className="limit" x1={x(1)} x2={x(1)} y1={0} y2={12} />
    </svg>
  );
}
