import type { Scenario } from '../scenario/types';
import { type Buckets, buildBuckets } from '../slo/buckets';
import { planWindow } from '../slo/plan';
import { type CompiledService, compileService } from './service';
import type { CompiledSlo } from './slo-step';
import { type Timeline, buildTimeline } from './timeline';

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
  slos: CompiledSlo[];
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
  const buckets = buildBuckets(timeline, s.slos);
  const serviceIndex = new Map(s.services.map((x, i) => [x.id, i]));
  const slos: CompiledSlo[] = s.slos.map((spec, index) => ({
    index,
    spec,
    service: serviceIndex.get(spec.service) as number,
    thresholdIndex: -1,
    exclude: spec.excludeMaintenance,
    plan: planWindow(spec, timeline, buckets),
    valid0: new Float64Array(buckets.count),
    bad0: new Float64Array(buckets.count),
    goodCum: new Float64Array(timeline.steps + 1),
    validCum: s.services[serviceIndex.get(spec.service) as number].traffic.noise ? new Float64Array(timeline.steps + 1) : null,
  }));
  const order = dependencyOrder(s);
  const services: CompiledService[] = new Array(s.services.length);
  for (const i of order) services[i] = compileService(s, i, timeline, buckets, services, s.slos, slos);
  return { scenario: s, seed: s.simulation.seed, timeline, buckets, services, order, slos };
}
