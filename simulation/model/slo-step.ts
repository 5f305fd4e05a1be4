import type { Slo } from '../scenario/types';
import type { AlertPlan } from '../slo/alert-plan';
import type { WindowPlan } from '../slo/plan';
import type { CompiledService, StepOut } from './service';

/** One SLO compiled: its window plan and its baseline (no random event) counts. */
export interface CompiledSlo {
  index: number;
  spec: Slo;
  service: number;
  /** Index into the service's latency thresholds, or -1 for the other SLIs. */
  thresholdIndex: number;
  /** Index into the service's state limits (utilization, queue length, concurrency), or -1 for request SLIs; state SLOs count minutes, not requests. */
  stateIndex: number;
  exclude: boolean;
  plan: WindowPlan;
  /** Baseline valid and bad requests per bucket. */
  valid0: Float64Array;
  bad0: Float64Array;
  /** Baseline good requests before each step: goodCum[k] = good requests in steps [0, k). */
  goodCum: Float64Array;
  /** Baseline valid requests before each step, kept for timeslice SLOs and services with traffic noise. */
  validCum: Float64Array | null;
  /** Timeslice budgeting (DESIGN 3.5), or null for occurrences; then valid0/bad0 count slices, not requests. */
  slices: SliceModel | null;
  /** The scenario's alert rules compiled for this SLO (empty for SLAs and without rules). */
  alerts: AlertPlan[];
  /** With alerts: the highest baseline bad fraction of each block of steps. */
  blockMaxBad: Float64Array | null;
  /** With alerts: validCum and goodCum interleaved (valid before step k at [2k], good at [2k + 1]), so the back-test reads both at a step boundary from one place. */
  alertCum: Float64Array | null;
  /**
   * Where a trial reads goodCum's values: goodCum[k] = goodData[goodStride k + goodAt]. An alerting SLO's are in
   * alertCum; the other SLOs of a service that has two or more share one array holding each step's values side by
   * side (see compile); otherwise goodCum itself.
   */
  goodData: Float64Array;
  goodStride: number;
  goodAt: number;
  /** Latency factors with a latency table, and per factor the running sum of good requests at baseline load under it (latency-tables.ts). */
  phis: number[];
  phiGood: Float64Array[];
  /** For SLOs that keep per-step deltas (timeslices, alert rules): latency factors with a step table, and per factor each step's good requests at baseline load under it. */
  stepPhis: number[];
  phiStep: Float64Array[];
}

/** The slices of a timeslice SLO, aligned with the timeline's start. */
export interface SliceModel {
  sliceSteps: number;
  count: number;
  /** Good-ratio a slice needs to count as good (timeslices), or NaN (ratio timeslices: the SLI is the mean good ratio). */
  sliceTarget: number;
  /**
   * Baseline valid and good requests per slice; empty for single-step slices, whose baselines are the steps'
   * (validCum, goodCum), as is ratio0 (see sliceRatio0).
   */
  valid0: Float64Array;
  good0: Float64Array;
  /**
   * Per slice, its baseline good ratio where losing good requests can change
   * its verdict, else 0: timeslices, a good slice's ratio (a bad or empty one
   * stays as it is); ratio timeslices, any slice with valid requests.
   */
  ratio0: Float64Array;
  /**
   * Timeslices of single steps: how many slices before slice i are good at baseline (ratio0 at least sliceTarget)
   * at [i], and the lowest and highest ratio0 of those (Infinity and -Infinity when none is), so that a stretch
   * losing good requests over slices nothing else touched can count the ones it turns bad at once (see
   * SloDeltas.loseGood). Empty for other slices.
   */
  goodCount: Int32Array;
  minGoodRatio: number;
  maxGoodRatio: number;
}

/** Bad units of one slice with the given valid and good requests: 1 or 0 (timeslices), 1 - good ratio (ratio timeslices); 0 with nothing valid. */
export function sliceBad(m: SliceModel, valid: number, good: number): number {
  if (!(valid > 0)) return 0;
  const ratio = good / valid;
  if (m.sliceTarget !== m.sliceTarget) return 1 - ratio;
  return ratio < m.sliceTarget ? 1 : 0;
}

/** ratio0's value for a slice with the given baseline valid and good requests. */
function changeableRatio(m: SliceModel, valid: number, good: number): number {
  return valid > 0 && (m.sliceTarget !== m.sliceTarget || sliceBad(m, valid, good) === 0) ? good / valid : 0;
}

/** ratio0 of slice i of SLO o, from the steps' running sums for single-step slices (which keep no ratio0). */
export function sliceRatio0(o: CompiledSlo, m: SliceModel, i: number): number {
  return m.sliceSteps > 1 ? m.ratio0[i] : changeableRatio(m, validStep(o, i), goodStep(o, i));
}

/** Turns an SLO's baseline per-bucket requests into per-bucket slices once its step curves are known. */
export function compileSlices(o: CompiledSlo, ofStep: Int32Array): void {
  const m = o.slices;
  const V = o.validCum;
  if (!m || !V) return;
  const G = o.goodCum;
  const steps = G.length - 1;
  o.valid0.fill(0);
  o.bad0.fill(0);
  const counted = m.goodCount.length > 0;
  m.minGoodRatio = Infinity;
  m.maxGoodRatio = -Infinity;
  for (let i = 0; i < m.count; i++) {
    const a = i * m.sliceSteps;
    const e = Math.min(steps, a + m.sliceSteps);
    const valid = V[e] - V[a];
    const good = G[e] - G[a];
    if (m.sliceSteps > 1) {
      m.valid0[i] = valid;
      m.good0[i] = good;
      m.ratio0[i] = changeableRatio(m, valid, good);
    }
    if (counted) {
      const r = changeableRatio(m, valid, good);
      const isGood = r >= m.sliceTarget;
      m.goodCount[i + 1] = m.goodCount[i] + (isGood ? 1 : 0);
      if (isGood && r < m.minGoodRatio) m.minGoodRatio = r;
      if (isGood && r > m.maxGoodRatio) m.maxGoodRatio = r;
    }
    if (valid > 0) {
      o.valid0[ofStep[a]] += 1;
      o.bad0[ofStep[a]] += sliceBad(m, valid, good);
    }
  }
}

/** Share of step k's requests that count for the SLO (maintenance excluded where asked). */
export function validShare(o: CompiledSlo, svc: CompiledService, k: number): number {
  return o.exclude && svc.maintCover ? 1 - svc.maintCover[k] : 1;
}

/** Bad fraction of the SLO's valid units at a step (DESIGN 3.5): failed, or (latency) slower than the threshold; for a state SLO, 1 when over its limit. */
export function sloBadFraction(o: CompiledSlo, out: StepOut): number {
  if (o.stateIndex >= 0) return out.over[o.stateIndex];
  const failed = o.exclude ? out.badNoMaint : out.badAll;
  return o.thresholdIndex < 0 ? failed : 1 - (1 - failed) * (1 - out.miss[o.thresholdIndex]);
}

/*
 * A trial reads an SLO's baseline good requests where goodData says (the very values of goodCum): one SLO's reads
 * at one step then share a cache line with its valid requests (alerting SLOs) or with the other SLOs' of its
 * service, and what the sweep loads is what the alert back-test walks next.
 */

/** Baseline good requests of step k. */
export function goodStep(o: CompiledSlo, k: number): number {
  const D = o.goodData;
  const s = o.goodStride;
  const at = s * k + o.goodAt;
  return D[at + s] - D[at];
}

/** Baseline valid requests of step k, read beside its good requests where the SLO has them interleaved (alertCum); needs validCum or alertCum. */
export function validStep(o: CompiledSlo, k: number): number {
  const A = o.alertCum;
  if (A !== null) return A[2 * k + 2] - A[2 * k];
  const V = o.validCum as Float64Array;
  return V[k + 1] - V[k];
}

/** Baseline good requests between step positions u and v (fractional: see cumBetween). */
export function goodBetweenSteps(o: CompiledSlo, u: number, v: number): number {
  return stridedBetween(o.goodData, o.goodStride, o.goodAt, u, v);
}

/** Baseline good requests of an SLO between two timeline minutes, counting partly covered steps by their covered fraction. */
export function goodBetween(o: CompiledSlo, t0: number, step: number, x: number, y: number): number {
  return goodBetweenSteps(o, (x - t0) / step, (y - t0) / step);
}

/** The sum between step positions u and v (fractional: partly covered steps count by their covered share) of a curve given by its running sums C (C[k]: steps [0, k)). */
export function cumBetween(C: Float64Array, u: number, v: number): number {
  return stridedBetween(C, 1, 0, u, v);
}

/** cumBetween of running sums held at C[s k + at] (interleaved or side by side with others'). */
function stridedBetween(C: Float64Array, s: number, at: number, u: number, v: number): number {
  const last = ((C.length - 1 - at) / s) | 0;
  const kx = Math.floor(u);
  const ky = Math.min(Math.floor(v), last);
  const x0 = s * kx + at;
  if (kx >= ky) return (v - u) * (C[x0 + s] - C[x0]);
  const y0 = s * ky + at;
  let sum = (kx + 1 - u) * (C[x0 + s] - C[x0]) + (C[y0] - C[x0 + s]);
  if (ky < last && v > ky) sum += (v - ky) * (C[y0 + s] - C[y0]);
  return sum;
}
