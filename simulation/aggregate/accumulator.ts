/**
 * The mergeable summary of any number of trials: a trial count and a list of
 * named sections (see section.ts). Every quantity is an integer (counts,
 * histogram bins, exact quantised sums), so accumulators built from any
 * split of the trials, merged in any order, are identical (DESIGN 3.8).
 */
import type { Scenario } from '../scenario/types';
import { expectArray, expectCount, expectObject } from './json-check';
import type { TrialOutcome } from './outcome';
import type { ResultDocument } from './result-types';
import type { AccumulatorShape, Section, SectionKind } from './section';
import { ALERTS_SECTION } from './alerts-section';
import { POLICY_SECTION } from './policy-section';
import { SERVICE_SECTION } from './service-section';
import { SLA_SECTION } from './sla-section';
import { SLO_SECTION } from './slo-section';
import { ML_SECTION, checkMlShape, mlShapeOf } from './ml-section';

export type { AccumulatorShape, Section, SectionKind } from './section';

export const ACCUMULATOR_FORMAT = 'budgetcast/accumulator@1';

/** Any section kind, as kept in a list. */
export type AnySectionKind = SectionKind<Section<unknown>>;

/** The sections every accumulator has unless told otherwise: 'slos', 'services', 'alerts', 'policy', 'sla' and 'ml' (empty without an `ml:` section). */
export const CORE_SECTIONS: readonly AnySectionKind[] = [SLO_SECTION, SERVICE_SECTION, ALERTS_SECTION, POLICY_SECTION, SLA_SECTION, ML_SECTION];

export interface AccumulatorJSON {
  format: typeof ACCUMULATOR_FORMAT;
  shape: AccumulatorShape;
  trials: number;
  sections: Record<string, unknown>;
}

/** The accumulator shape of a scenario: outcomes list its SLOs and services in scenario order. */
export function shapeOf(scenario: Scenario): AccumulatorShape {
  const months = calendarMonths(scenario.simulation.start, scenario.simulation.horizonDays);
  return {
    sloCount: scenario.slos.length,
    serviceCount: scenario.services.length,
    horizonDays: scenario.simulation.horizonDays,
    policyStates: ['normal', ...(scenario.policy?.budget ?? []).map((b) => b.state)],
    slas: (scenario.sla ?? []).map((x) => ({ id: x.id, months })),
    alertRules: (scenario.policy?.alerts ?? []).map((r) => ({ name: r.name, severity: r.severity, ...(r.slos ? { slos: [...r.slos] } : {}) })),
    ...(scenario.ml ? { ml: mlShapeOf(scenario.ml, scenario.simulation.horizonDays) } : {}),
  };
}

/** Calendar months (UTC) that a horizon of `days` days from `start` touches. */
export function calendarMonths(start: string, days: number): number {
  const a = new Date(start);
  const b = new Date(Date.parse(start) + days * 86400000 - 1);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
}

function checkShape(shape: AccumulatorShape, path: string): AccumulatorShape {
  const o = expectObject(shape, path);
  const states = o.policyStates === undefined ? ['normal'] : expectArray(o.policyStates, `${path}.policyStates`);
  states.forEach((x, i) => {
    if (typeof x !== 'string') throw new Error(`${path}.policyStates[${i}]: expected a state name`);
  });
  const slas = o.slas === undefined ? [] : expectArray(o.slas, `${path}.slas`);
  const rules = o.alertRules === undefined ? [] : expectArray(o.alertRules, `${path}.alertRules`);
  return {
    sloCount: expectCount(o.sloCount, `${path}.sloCount`),
    serviceCount: expectCount(o.serviceCount, `${path}.serviceCount`),
    horizonDays: expectCount(o.horizonDays, `${path}.horizonDays`),
    policyStates: states as string[],
    slas: slas.map((x, i) => {
      const e = expectObject(x, `${path}.slas[${i}]`);
      if (typeof e.id !== 'string') throw new Error(`${path}.slas[${i}].id: expected an SLA id`);
      return { id: e.id, months: expectCount(e.months, `${path}.slas[${i}].months`) };
    }),
    alertRules: rules.map((x, i) => {
      const e = expectObject(x, `${path}.alertRules[${i}]`);
      if (typeof e.name !== 'string' || typeof e.severity !== 'string') throw new Error(`${path}.alertRules[${i}]: expected a rule name and severity`);
      if (e.slos === undefined) return { name: e.name, severity: e.severity };
      const slos = expectArray(e.slos, `${path}.alertRules[${i}].slos`);
      if (!slos.every((id) => typeof id === 'string')) throw new Error(`${path}.alertRules[${i}].slos: expected SLO ids`);
      return { name: e.name, severity: e.severity, slos: slos as string[] };
    }),
    ...(o.ml === undefined ? {} : { ml: checkMlShape(o.ml, `${path}.ml`) }),
  };
}

function sameShape(a: AccumulatorShape, b: AccumulatorShape): boolean {
  return (
    a.sloCount === b.sloCount &&
    a.serviceCount === b.serviceCount &&
    a.horizonDays === b.horizonDays &&
    JSON.stringify(a.policyStates ?? ['normal']) === JSON.stringify(b.policyStates ?? ['normal']) &&
    JSON.stringify(a.slas ?? []) === JSON.stringify(b.slas ?? []) &&
    JSON.stringify(a.alertRules ?? []) === JSON.stringify(b.alertRules ?? []) &&
    JSON.stringify(a.ml ?? null) === JSON.stringify(b.ml ?? null)
  );
}

function describe(shape: AccumulatorShape): string {
  return `${shape.sloCount} SLOs, ${shape.serviceCount} services, ${shape.horizonDays} days`;
}

export class Accumulator {
  readonly shape: AccumulatorShape;
  readonly kinds: readonly AnySectionKind[];
  private readonly sections: Section<unknown>[];
  private count = 0;

  constructor(shape: AccumulatorShape, kinds: readonly AnySectionKind[] = CORE_SECTIONS) {
    this.shape = checkShape(shape, 'accumulator shape');
    const names = kinds.map((k) => k.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) throw new Error(`accumulator: section '${duplicate}' is listed twice`);
    this.kinds = kinds;
    this.sections = kinds.map((k) => k.create(this.shape));
  }

  /** An empty accumulator for a scenario. */
  static forScenario(scenario: Scenario, kinds: readonly AnySectionKind[] = CORE_SECTIONS): Accumulator {
    return new Accumulator(shapeOf(scenario), kinds);
  }

  /** Number of trials folded in. */
  get trials(): number {
    return this.count;
  }

  /** Folds one trial's outcome into every section. */
  add(outcome: TrialOutcome): void {
    const sections = this.sections;
    for (let i = 0; i < sections.length; i++) sections[i].add(outcome);
    this.count++;
  }

  /** The section of a kind; throws when this accumulator has none. */
  section<T extends Section<T>>(kind: SectionKind<T>): T {
    const i = this.kinds.findIndex((k) => k.name === kind.name);
    if (i < 0) throw new Error(`accumulator: no section '${kind.name}'`);
    return this.sections[i] as unknown as T;
  }

  /** Adds another accumulator of the same shape and sections into this one. */
  merge(other: Accumulator): void {
    if (!sameShape(this.shape, other.shape)) {
      throw new Error(`accumulator merge: shapes differ (${describe(this.shape)} vs ${describe(other.shape)})`);
    }
    const mine = this.kinds.map((k) => k.name).join(', ');
    const theirs = other.kinds.map((k) => k.name).join(', ');
    if (mine !== theirs) throw new Error(`accumulator merge: sections differ (${mine} vs ${theirs})`);
    for (let i = 0; i < this.sections.length; i++) this.sections[i].merge(other.sections[i]);
    this.count += other.count;
  }

  /** Lets every section with a `report` hook write its fields into a result document. */
  report(doc: ResultDocument): void {
    this.kinds.forEach((kind, i) => kind.report?.(this.sections[i], doc, this.count));
  }

  /** A plain JSON-safe snapshot; equal accumulators give equal snapshots. */
  toJSON(): AccumulatorJSON {
    return this.snapshot((section) => section.toJSON());
  }

  /**
   * As toJSON, with the sections that have one in their form for another thread (Section.toTransfer; it may hold
   * typed arrays): what a worker hands over, copied by a structured clone far faster than toJSON's numbers. Not
   * for files.
   */
  toTransfer(): AccumulatorJSON {
    return this.snapshot((section) => (section.toTransfer ? section.toTransfer() : section.toJSON()));
  }

  /** The accumulator's header with each section as `take` gives it. */
  private snapshot(take: (section: Section<unknown>) => unknown): AccumulatorJSON {
    const sections: Record<string, unknown> = {};
    this.kinds.forEach((kind, i) => (sections[kind.name] = take(this.sections[i])));
    return { format: ACCUMULATOR_FORMAT, shape: { ...this.shape }, trials: this.count, sections };
  }

  /** Rebuilds an accumulator from `toJSON()` or `toTransfer()` output; throws an Error saying what is wrong where. */
  static fromJSON(json: unknown, kinds: readonly AnySectionKind[] = CORE_SECTIONS): Accumulator {
    const o = expectObject(json, 'accumulator');
    if (o.format !== ACCUMULATOR_FORMAT) {
      throw new Error(`accumulator.format: expected '${ACCUMULATOR_FORMAT}', got ${JSON.stringify(o.format) ?? 'nothing'}`);
    }
    const shape = checkShape(o.shape as AccumulatorShape, 'accumulator.shape');
    const trials = expectCount(o.trials, 'accumulator.trials');
    const sections = expectObject(o.sections, 'accumulator.sections');
    const known = kinds.map((k) => k.name);
    for (const name of Object.keys(sections)) {
      if (!known.includes(name)) throw new Error(`accumulator.sections: unknown section '${name}' (expected ${known.join(', ')})`);
    }
    const acc = new Accumulator(shape, kinds);
    kinds.forEach((kind, i) => {
      const path = `accumulator.sections.${kind.name}`;
      if (!Object.hasOwn(sections, kind.name)) {
        // Parts written before the ML section existed have none; without an ML platform it is empty anyway.
        if (kind.name === ML_SECTION.name && shape.ml === undefined) return;
        throw new Error(`${path}: missing`);
      }
      acc.sections[i] = kind.fromJSON(sections[kind.name], shape, path);
    });
    acc.count = trials;
    return acc;
  }
}
