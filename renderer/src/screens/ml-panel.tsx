/** The ML platform panel: GPU pool, training utilisation against its target, each job class's queue and throughput, serving, batch inference, feature store. */
import type { MlResult } from '../../../simulation/aggregate/ml-section';
import { AttainmentChart } from '../charts/attainment-chart';
import { BandChart } from '../charts/band-chart';
import { percent, sliPercent } from '../charts/format';
import { WeekBars } from '../charts/week-bars';

const minutes = (m: number): string => (!Number.isFinite(m) ? '–' : m >= 120 ? `${(m / 60).toFixed(1)} h` : `${m.toFixed(m < 10 ? 1 : 0)} min`);
const pct = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} %` : '–');

export function MlPanel({ ml }: { ml: MlResult }) {
  const t = ml.training;
  return (
    <section className="ml-panel" data-testid="ml-panel">
      <h2>ML platform</h2>
      {ml.gpuPool && (
        <p>
          <strong>{ml.gpuPool.gpus} GPUs</strong> · up {pct(ml.gpuPool.availability.p50)} of the time · {ml.gpuPool.failures.mean.toFixed(1)} GPU failures per horizon (p95 {ml.gpuPool.failures.p95.toFixed(0)})
          · serving short of GPUs in {percent(ml.gpuPool.shortage.probability)} of trials
        </p>
      )}
      <div className="cards">
        {t && (
          <article className="slo-card">
            <header><h3>Training GPU utilisation</h3><span className="muted">GPUs held by training jobs over those left by serving · target {t.utilizationTarget} %</span></header>
            <BandChart series={t.utilizationByDay} domain={[0, 100]} format={(v) => `${Math.round(v)}%`} yLabel="utilisation" title="training GPU utilisation"
              lines={[{ value: t.utilizationTarget, label: `target ${t.utilizationTarget}%`, className: 'target' }]} className="ml-utilisation" />
            <dl className="facts">
              <dt>over the horizon</dt><dd>{pct(t.utilization.p50)} <small>p5 {pct(t.utilization.p5)} · p95 {pct(t.utilization.p95)}</small></dd>
              <dt>meets {t.utilizationTarget} %</dt><dd>{percent(t.utilization.probabilityMeetsTarget)} of trials</dd>
            </dl>
          </article>
        )}
        {t?.classes.map((c) => (
          <article key={c.name} className="slo-card" data-testid={`ml-class-${c.name}`}>
            <header><h3>{c.name}</h3><span className="muted">training class{c.deadlineMinutes !== null ? ` · deadline ${minutes(c.deadlineMinutes)}` : ''} · success target {c.successTarget} %</span></header>
            <table>
              <thead><tr><th /><th>p50</th><th>p90</th><th>p99</th><th>mean</th></tr></thead>
              <tbody>
                <tr><td>queue wait</td><td>{minutes(c.waitMinutes.p50)}</td><td>{minutes(c.waitMinutes.p90)}</td><td>{minutes(c.waitMinutes.p99)}</td><td>{minutes(c.waitMinutes.mean)}</td></tr>
                <tr><td>turnaround</td><td>{minutes(c.turnaroundMinutes.p50)}</td><td>{minutes(c.turnaroundMinutes.p90)}</td><td>{minutes(c.turnaroundMinutes.p99)}</td><td>{minutes(c.turnaroundMinutes.mean)}</td></tr>
              </tbody>
            </table>
            <dl className="facts">
              <dt>jobs per horizon</dt><dd>{c.arrived.mean.toFixed(0)} arrive · {c.completed.mean.toFixed(0)} succeed · {c.failed.mean.toFixed(1)} fail · {c.retried.mean.toFixed(1)} retried · {c.preempted.mean.toFixed(1)} killed by GPU loss</dd>
              <dt>success rate</dt><dd>{pct(c.successRate.p50)} <small>meets {c.successTarget} % in {percent(c.successRate.probabilityMeetsTarget)} of trials</small></dd>
              {c.deadline && <><dt>within deadline</dt><dd>{percent(c.deadline.jobProbability)} of jobs <small>meets {c.deadlineTarget} % in {percent(c.deadline.probabilityMeetsTarget)} of trials</small></dd></>}
            </dl>
            <WeekBars series={c.completedPerWeek} title={`${c.name} jobs completed per week`} />
          </article>
        ))}
      </div>
      {ml.serving.length > 0 && (
        <>
          <h3>Serving</h3>
          <table className="serving">
            <thead><tr><th>model</th><th>latency attainment</th><th>meets target</th><th>headroom at the peak (p5 / p50)</th><th>overload probability</th></tr></thead>
            <tbody>
              {ml.serving.map((m) => (
                <tr key={m.model}>
                  <td>{m.model} <small>&lt; {m.latencyThresholdMs} ms</small></td>
                  <td><AttainmentChart spread={m.attainment} target={m.latencyTarget} label={`${m.model} requests under ${m.latencyThresholdMs} ms`} width={200} /> {sliPercent(m.attainment.p50)}</td>
                  <td>{percent(m.probabilityMeetsTarget)}</td>
                  <td>{m.headroom.p5.toFixed(2)}× / {m.headroom.p50.toFixed(2)}×</td>
                  <td>{percent(m.overloadProbability)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {ml.batchInference && (
        <p>
          <strong>Batch inference</strong>: queue wait p50 {ml.batchInference.waitSeconds.p50.toFixed(1)} s, p95 {ml.batchInference.waitSeconds.p95.toFixed(1)} s, p99 {ml.batchInference.waitSeconds.p99.toFixed(1)} s
          against {ml.batchInference.queueWaitTargetSeconds} s; {pct(ml.batchInference.withinTarget.p50)} of jobs within it (target {ml.batchInference.waitTarget} %, met in {percent(ml.batchInference.probabilityMeetsTarget)} of trials).
        </p>
      )}
      {ml.featureStore && (
        <p>
          <strong>Feature store</strong>: {sliPercent(ml.featureStore.attainment.p50)} of reads within their target (target {ml.featureStore.target} %, met in {percent(ml.featureStore.probabilityMeetsTarget)} of trials); cache hit ratio {pct(ml.featureStore.hitRatio.p50)}.
        </p>
      )}
    </section>
  );
}
