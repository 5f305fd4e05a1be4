/**
 * Latency tables (DESIGN 6): a stretch where an event slows a service down
 * (latency factor phi) without changing its load costs O(1) per latency SLO
 * instead of a queue evaluation per step.
 *
 * At baseline load a step's good requests under phi, at no error fraction, are
 * a pure function of the step; the stretch's error fractions only scale them.
 * So for every latency factor the scenario's constant event parameters give a
 * service, each of its latency SLOs gets the running sum of those good requests
 * over the timeline, or, for an SLO that keeps per-step deltas (timeslices,
 * alert rules), the good requests of every step (the same numbers a step-by-step
 * evaluation computes, read instead of recomputed). Which factors get a table depends on the scenario alone,
 * and tables are built at compile time (on shared memory where the caller asks
 * for it), so every worker reads one copy and results do not depend on the
 * worker count.
 */
import type { Service } from '../scenario/types';
import { instancesFromLaggedDemand } from './capacity';
import type { CompiledService } from './service';
import { type CompiledSlo, validShare } from './slo-step';
import { f64 } from './arrays';

/** Memory all of a scenario's latency tables may take together; factors beyond it are evaluated step by step. */
export const LATENCY_TABLE_BYTES = 64 * 1024 * 1024;

/** The latency factors other than 1 that a service's failures, failed deploys and scripted events carry. */
export function staticLatencyFactors(spec: Service): number[] {
  const phis = new Set<number>();
  for (const f of spec.failures) if (f.perMonth > 0) phis.add(f.latencyFactor);
  const d = spec.deploys;
  if (d && d.perWeek > 0 && d.failureProbability > 0) phis.add(d.impact.latencyFactor);
  for (const e of spec.scripted) phis.add(e.latencyFactor);
  phis.delete(1);
  return [...phis];
}

/**
 * Builds the latency tables of a compiled scenario's latency SLOs within
 * LATENCY_TABLE_BYTES: running sums for SLOs without per-step deltas, step
 * tables for those with them (timeslices, alert rules).
 */
export function buildLatencyTables(services: CompiledService[], slos: CompiledSlo[], steps: number, bytes = LATENCY_TABLE_BYTES): void {
  let left = bytes;
  for (const svc of services) {
    const lat = svc.latency;
    if (!lat || svc.stateSlos.length > 0) continue;
    const phis = staticLatencyFactors(svc.spec);
    for (const oi of svc.latencySlos) {
      const o = slos[oi];
      const stepwise = o.slices !== null || o.alerts.length > 0;
      for (const phi of phis) {
        if ((steps + 1) * 8 > left) return;
        left -= (steps + 1) * 8;
        if (stepwise) {
          o.stepPhis.push(phi);
          o.phiStep.push(latencyGoodSteps(svc, o, phi, steps));
        } else {
          o.phis.push(phi);
          o.phiGood.push(latencyGoodCum(svc, o, phi, steps));
        }
      }
    }
  }
}

/** Running sum over the steps of an SLO's good requests at baseline load under latency factor phi, with no error fraction. */
function latencyGoodCum(svc: CompiledService, o: CompiledSlo, phi: number, steps: number): Float64Array {
  const cap = svc.cap;
  const r = cap.reactionSteps;
  const cum = f64(steps + 1);
  for (let k = 0; k < steps; k++) {
    const instances = cap.limited ? instancesFromLaggedDemand(cap, k - r >= 0 ? svc.demand[k - r] : NaN) : 0;
    cum[k + 1] = cum[k] + slowedGood(svc, o, k, phi, instances);
  }
  return cum;
}

/** Each step's good requests of an SLO at baseline load under latency factor phi, with no error fraction (as latencyOnly evaluates them). */
function latencyGoodSteps(svc: CompiledService, o: CompiledSlo, phi: number, steps: number): Float64Array {
  const cap = svc.cap;
  const r = cap.reactionSteps;
  const good = f64(steps);
  for (let k = 0; k < steps; k++) {
    const instances = cap.limited ? instancesFromLaggedDemand(cap, k - r >= 0 ? svc.demand[k - r] : NaN) : 0;
    good[k] = slowedGood(svc, o, k, phi, instances);
  }
  return good;
}

/**
 * Good requests of latency SLO o at step k at baseline load with service slowed
 * by phi, before any event's error fraction; `instances` is the step's baseline
 * instance count (unused without a capacity limit).
 */
export function slowedGood(svc: CompiledService, o: CompiledSlo, k: number, phi: number, instances: number): number {
  const lat = svc.latency as NonNullable<CompiledService['latency']>;
  const shed0 = svc.sheds ? svc.shed0[k] : 0;
  const j = o.thresholdIndex;
  const miss = svc.cap.limited ? lat.miss(j, instances, phi, svc.demand[k] * (1 - shed0)) : lat.missUnqueued(j, phi);
  const keep = o.exclude ? (1 - svc.spec.baselineErrorFraction) * (1 - shed0) * (svc.depLoses ? svc.depKeep0[k] : 1) : 1 - svc.bad0[k];
  return svc.demand[k] * svc.stepSeconds * validShare(o, svc, k) * keep * (1 - miss);
}

/** The table (running sums) of latency factor phi for an SLO, or null. */
export function latencyTable(o: CompiledSlo, phi: number): Float64Array | null {
  const phis = o.phis;
  for (let i = 0; i < phis.length; i++) if (phis[i] === phi) return o.phiGood[i];
  return null;
}

/** The step table of latency factor phi for an SLO that keeps per-step deltas, or null. */
export function latencyStepTable(o: CompiledSlo, phi: number): Float64Array | null {
  const phis = o.stepPhis;
  for (let i = 0; i < phis.length; i++) if (phis[i] === phi) return o.phiStep[i];
  return null;
}
