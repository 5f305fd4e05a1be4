/**
 * The extension point of the accumulator: a section is a named, mergeable
 * sub-accumulator. Later layers (burn-rate alerts, policy days, SLA credits,
 * ML) add their own kind of section and, through `report`, their fields of
 * the result document, without touching the core ones.
 */
import type { MlShape } from './ml-section';
import type { TrialOutcome } from './outcome';
import type { ResultDocument } from './result-types';

/** What every section is sized by: the scenario's SLO and service counts (in scenario order) and its horizon. */
export interface AccumulatorShape {
  sloCount: number;
  serviceCount: number;
  horizonDays: number;
  /** Budget-policy states, 'normal' first (default ['normal']). */
  policyStates?: string[];
  /** The SLAs and the number of calendar months each is judged over (default none). */
  slas?: { id: string; months: number }[];
  /** The scenario's alert rules (default none); `slos` when a rule watches only those SLOs. */
  alertRules?: { name: string; severity: string; slos?: string[] }[];
  /** The ML platform's classes, models, days and weeks (absent without an `ml:` section). */
  ml?: MlShape;
}

export interface Section<T> {
  /** Folds one trial in; called once per trial on the hot path, so it must not allocate. */
  add(outcome: TrialOutcome): void;
  /** Adds another section of the same kind and shape; the result must not depend on merge order. */
  merge(other: T): void;
  /** A plain, JSON-safe, deterministic snapshot. */
  toJSON(): unknown;
  /** Optionally, a snapshot for another thread (it may hold typed arrays), which the kind's fromJSON also takes. */
  toTransfer?(): unknown;
}

export interface SectionKind<T extends Section<T>> {
  /** The key of the section in the accumulator's JSON. */
  readonly name: string;
  create(shape: AccumulatorShape): T;
  /** Rebuilds a section from `toJSON()` output; throws an Error naming `path` when malformed. */
  fromJSON(json: unknown, shape: AccumulatorShape, path: string): T;
  /** Writes the section's summaries of `trials` trials into a result document whose core fields are filled. */
  report?(section: T, doc: ResultDocument, trials: number): void;
}
