import type { Capacity } from '../scenario/types';

/** How a service's instance count follows demand (DESIGN 3.2), compiled for the step grid. */
export interface CapacityModel {
  /** False when the scenario gives no capacity: nothing is ever shed or queued. */
  limited: boolean;
  rpsPerInstance: number;
  fixedInstances: number;
  autoscale: boolean;
  min: number;
  max: number;
  /** rpsPerInstance x targetUtilization. */
  perInstanceTarget: number;
  /** Autoscaling reaction delay in whole steps. */
  reactionSteps: number;
}

/** Compiles a service's capacity block for a step length. */
export function capacityModel(c: Capacity | undefined, stepMinutes: number): CapacityModel {
  if (!c) return { limited: false, rpsPerInstance: Infinity, fixedInstances: 0, autoscale: false, min: 0, max: 0, perInstanceTarget: Infinity, reactionSteps: 0 };
  const a = c.autoscale;
  return {
    limited: true,
    rpsPerInstance: c.rpsPerInstance,
    fixedInstances: c.instances,
    autoscale: !!a,
    min: a ? a.min : c.instances,
    max: a ? a.max : c.instances,
    perInstanceTarget: a ? c.rpsPerInstance * a.targetUtilization : c.rpsPerInstance,
    reactionSteps: a ? Math.round(a.reaction / stepMinutes) : 0,
  };
}

/** Instances the autoscaler asks for at a given demand: ceil(demand / (rpsPerInstance x targetUtilization)), clamped. */
export function desiredInstances(m: CapacityModel, demand: number): number {
  if (!m.autoscale) return m.fixedInstances;
  const want = Math.ceil(demand / m.perInstanceTarget - 1e-12);
  return want < m.min ? m.min : want > m.max ? m.max : want;
}

/** Instances in service at step k given the (possibly perturbed) demand of step k - reaction (NaN before the timeline: the configured count). */
export function instancesFromLaggedDemand(m: CapacityModel, laggedDemand: number): number {
  if (!m.autoscale) return m.fixedInstances;
  if (laggedDemand !== laggedDemand) return Math.min(m.max, Math.max(m.min, m.fixedInstances));
  return desiredInstances(m, laggedDemand);
}
