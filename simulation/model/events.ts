import type { Dist, Impact } from '../scenario/types';
import { type Rng } from '../random/prng';
import { sampleDist } from '../random/dist';

/** What kind of thing an interval of a trial is. */
export const enum EventKind {
  Incident = 0,
  Deploy = 1,
  Scripted = 2,
  Burst = 3,
  /** No effect of its own: marks time that must be evaluated step by step (noise, autoscaling lag after a burst). */
  Marker = 4,
  /** A dependency's constant deviation from its baseline, felt as an error fraction (DESIGN 3.4). */
  Dependency = 5,
  /** A dependency's deviation that varies step by step: `source` names the dependency, `impact` its impact. */
  DependencySteps = 6,
}

/**
 * The random events of one service in one trial, as parallel arrays of intervals
 * [start, end) in timeline minutes with their effects. Reused across trials.
 */
export class EventList {
  count = 0;
  /** How many of the intervals are bursts. */
  bursts = 0;
  /** Indices of the bursts, bursts[0..bursts), in the order pushed (TrialRunner pushes them in time order and relies on it). */
  burstIndex: number[] = [];
  start: number[] = [];
  end: number[] = [];
  errorFraction: number[] = [];
  latencyFactor: number[] = [];
  capacityLoss: number[] = [];
  demandFactor: number[] = [];
  kind: EventKind[] = [];
  /** Index of the failure class (incidents), of the dependency (DependencySteps), or -1. */
  source: number[] = [];
  /** The dependency's impact (DependencySteps), else 1. */
  impact: number[] = [];
  /** A failed deploy's uniform draw: it happens when the draw is below its day's policy deploy factor. */
  keepDraw: number[] = [];
  /** Whether the event took place (a failed deploy the policy dropped did not). */
  admitted: boolean[] = [];

  /** Empties the list for the next trial. */
  clear(): void {
    this.count = 0;
    this.bursts = 0;
  }

  /** Appends an interval, clipped to [lo, hi); ignored when empty after clipping. */
  push(start: number, end: number, lo: number, hi: number, kind: EventKind, errorFraction: number, latencyFactor: number, capacityLoss: number, demandFactor: number, source = -1): void {
    const a = start < lo ? lo : start;
    const b = end > hi ? hi : end;
    if (!(b > a)) return;
    const i = this.count++;
    if (kind === EventKind.Burst) this.burstIndex[this.bursts++] = i;
    this.start[i] = a;
    this.end[i] = b;
    this.kind[i] = kind;
    this.errorFraction[i] = errorFraction;
    this.latencyFactor[i] = latencyFactor;
    this.capacityLoss[i] = capacityLoss;
    this.demandFactor[i] = demandFactor;
    this.source[i] = source;
    this.impact[i] = 1;
    this.keepDraw[i] = 0;
    this.admitted[i] = true;
  }

  /** Appends a step-varying deviation of dependency `dep`, felt with `impact`. */
  pushDependencySteps(start: number, end: number, dep: number, impact: number): void {
    this.push(start, end, start, end, EventKind.DependencySteps, 0, 1, 0, 1, dep);
    if (end > start) this.impact[this.count - 1] = impact;
  }
}

/** Samples an error fraction, clamped to [0, 1]. */
export function sampleFraction(rng: Rng, d: Dist): number {
  const f = sampleDist(rng, d);
  return f < 0 ? 0 : f > 1 ? 1 : f;
}

/** Appends an event with a sampled impact. */
export function pushImpact(list: EventList, rng: Rng, start: number, duration: number, lo: number, hi: number, kind: EventKind, impact: Impact, source = -1): void {
  list.push(start, start + duration, lo, hi, kind, sampleFraction(rng, impact.errorFraction), impact.latencyFactor, impact.capacityLoss, 1, source);
}
