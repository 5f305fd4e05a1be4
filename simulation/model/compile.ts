import type { Scenario, Sla, Slo } from '../scenario/types';
import { ruleWatches } from '../scenario/types';
import { type Buckets, buildBuckets } from '../slo/buckets';
import { blockMaxBad, planAlerts } from '../slo/alert-plan';
import { planWindow } from '../slo/plan';
import { type CompiledService, compileService } from './service';
import { type CompiledSlo, type SliceModel, compileSlices } from './slo-step';
import { type Timeline, buildTimeline } from './timeline';
import { f64, i32 } from './arrays';
import { buildLatencyTables } from './latency-tables';
import { type CompiledMl, compileMl } from './ml/compile';

/** A scenario compiled once per worker: time grid, deterministic curves, baselines, window plans. */
export interface CompiledScenario {
  scenario: Scenario;
  seed: number;
  timeline: Timeline;
  buckets: Buckets;
  /** In scenario order. */
  services: CompiledService[];
  /** Service indices, dependencies before dependents. */
  order: number[];
  /** The scenario's SLOs, then one hidden calendar-month availability SLO per SLA. */
  slos: CompiledSlo[];
  /** How many of `slos` are the scenario's own. */
  sloCount: number;
  /** Budget-policy states: 'normal', then the thresholds' states from the highest `below` down. */
  policyStates: string[];
  /** The ML platform compiled (DESIGN 3.7), or null without an `ml:` section. */
  ml: CompiledMl | null;
}

/** The hidden SLO through which an SLA's monthly availability is accounted. */
export function slaAsSlo(x: Sla): Slo {
  return {
    id: `sla:${x.id}`,
    service: x.service,
    sli: 'availability',
    target: x.monthlyAvailability,
    window: { kind: 'calendar', unit: 'month' },
    excludeMaintenance: x.excludeMaintenance,
    budgeting: { kind: 'occurrences' },
  };
}

/** Steps per slice of a timeslice SLO, or 0 for occurrences. */
function sliceSteps(spec: Slo, stepMinutes: number): number {
  if (spec.budgeting.kind === 'occurrences') return 0;
  return Math.max(1, Math.round(spec.budgeting.sliceMinutes / stepMinutes));
}

/** Service indices ordered so that every dependency comes before its dependents. */
export function dependencyOrder(s: Scenario): number[] {
  const index = new Map(s.services.map((x, i) => [x.id, i]));
  const state = new Uint8Array(s.services.length);
  const order: number[] = [];
  const visit = (i: number, path: string[]): void => {
    if (state[i] === 2) return;
    if (state[i] === 1) throw new Error(`dependency cycle ${[...path, s.services[i].id].join(' -> ')}`);
    state[i] = 1;
    for (const d of s.services[i].dependsOn) {
      const j = index.get(d.service);
      if (j !== undefined) visit(j, [...path, s.services[i].id]);
    }
    state[i] = 2;
    order.push(i);
  };
  for (let i = 0; i < s.services.length; i++) visit(i, []);
  return order;
}

/** Compiles a validated scenario: everything that does not depend on the trial's random draws. */
export function compileScenario(s: Scenario): CompiledScenario {
  const timeline = buildTimeline(s);
  const specs = [...s.slos, ...s.sla.map(slaAsSlo)];
  const buckets = buildBuckets(timeline, specs);
  const serviceIndex = new Map(s.services.map((x, i) => [x.id, i]));
  const slos: CompiledSlo[] = specs.map((spec, index) => ({
    index,
    spec,
    service: serviceIndex.get(spec.service) as number,
    thresholdIndex: -1,
    stateIndex: -1,
    exclude: spec.excludeMaintenance,
    plan: planWindow(spec, timeline, buckets),
    valid0: f64(buckets.count),
    bad0: f64(buckets.count),
    goodCum: f64(timeline.steps + 1),
    validCum:
      s.services[serviceIndex.get(spec.service) as number].traffic.noise || sliceSteps(spec, timeline.stepMinutes) > 0 || (index < s.slos.length && s.policy.alerts.some((r) => ruleWatches(r, spec.id)))
        ? f64(timeline.steps + 1)
        : null,
    alerts: [],
    blockMaxBad: null,
    alertCum: null,
    goodData: new Float64Array(0),
    goodStride: 1,
    goodAt: 0,
    phis: [],
    phiGood: [],
    stepPhis: [],
    phiStep: [],
    slices: sliceModel(spec, timeline.steps, timeline.stepMinutes),
  }));
  const order = dependencyOrder(s);
  const services: CompiledService[] = new Array(s.services.length);
  for (const i of order) services[i] = compileService(s, i, timeline, buckets, services, specs, slos);
  for (const o of slos) {
    // Alerts read request counts, before a timeslice SLO's buckets turn into slices.
    if (o.index < s.slos.length && o.validCum && s.policy.alerts.some((r) => ruleWatches(r, o.spec.id))) {
      // Aligned with the scenario's rules; a rule that does not watch this SLO gets an empty plan the back-test skips.
      o.alerts = planAlerts(s.policy.alerts, timeline.stepMinutes, 1 - o.spec.target / 100, o.validCum, o.goodCum, o.spec.id);
      o.blockMaxBad = blockMaxBad(o.validCum, o.goodCum);
      o.alertCum = interleave(o.validCum, o.goodCum);
    }
    compileSlices(o, buckets.ofStep);
  }
  let packBytes = GOOD_PACK_BYTES;
  for (const i of order) packBytes -= placeGoodSums(services[i], slos, timeline.steps, packBytes);
  buildLatencyTables(services, slos, timeline.steps);
  const policyStates = ['normal', ...s.policy.budget.map((b) => b.state)];
  const ml = s.ml ? compileMl(s.ml, timeline, s.simulation.seed) : null;
  return { scenario: s, seed: s.simulation.seed, timeline, buckets, services, order, slos, sloCount: s.slos.length, policyStates, ml };
}

/** At most this much memory for placeGoodSums' side-by-side copies (the benchmark's take 7 MB; a 3-year horizon's 13 MB an SLO). */
const GOOD_PACK_BYTES = 32 * 1024 * 1024;

/**
 * Where trials read each SLO's baseline good requests (CompiledSlo.goodData): an alerting SLO's from its
 * interleaved sums; when a service has two or more other SLOs, theirs from one array holding each step's values
 * side by side (while `bytes` allow the copy), so that the reads at an event's ends take one cache line per
 * service rather than one per SLO. Returns the bytes it took.
 */
function placeGoodSums(svc: CompiledService, slos: CompiledSlo[], steps: number, bytes: number): number {
  const plain = svc.slos.map((oi) => slos[oi]).filter((o) => o.alertCum === null);
  for (const oi of svc.slos) {
    const o = slos[oi];
    if (o.alertCum !== null) [o.goodData, o.goodStride, o.goodAt] = [o.alertCum, 2, 1];
    else [o.goodData, o.goodStride, o.goodAt] = [o.goodCum, 1, 0];
  }
  const n = plain.length;
  const size = n * (steps + 1);
  if (n < 2 || 8 * size > bytes) return 0;
  const packed = f64(size);
  plain.forEach((o, j) => {
    for (let k = 0; k <= steps; k++) packed[n * k + j] = o.goodCum[k];
    [o.goodData, o.goodStride, o.goodAt] = [packed, n, j];
  });
  return 8 * size;
}

/** The values of a and b (of one length) alternately: a[k] at [2k], b[k] at [2k + 1]. */
function interleave(a: Float64Array, b: Float64Array): Float64Array {
  const out = f64(2 * a.length);
  for (let k = 0; k < a.length; k++) {
    out[2 * k] = a[k];
    out[2 * k + 1] = b[k];
  }
  return out;
}

function sliceModel(spec: Slo, steps: number, stepMinutes: number): SliceModel | null {
  const n = sliceSteps(spec, stepMinutes);
  if (n === 0) return null;
  const count = Math.ceil(steps / n);
  const b = spec.budgeting;
  // Single-step slices keep no per-slice baselines (see SliceModel); single-step timeslices count their good ones.
  const kept = n > 1 ? count : 0;
  const counted = n === 1 && b.kind === 'timeslices' ? count + 1 : 0;
  const sliceTarget = b.kind === 'timeslices' ? b.sliceTarget / 100 : NaN;
  return { sliceSteps: n, count, sliceTarget, valid0: f64(kept), good0: f64(kept), ratio0: f64(kept), goodCount: i32(counted), minGoodRatio: Infinity, maxGoodRatio: -Infinity };
}
