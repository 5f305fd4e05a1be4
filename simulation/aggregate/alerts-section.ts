/** Alert back-test summaries per SLO and rule (DESIGN 3.5): firings, recall, detection delay, false firings. */
import { ExactSums } from './exact-sum';
import { Histogram } from './histogram';
import { expectArray, expectObject } from './json-check';
import type { TrialOutcome } from './outcome';
import type { ResultDocument } from './result-types';
import type { AccumulatorShape, Section, SectionKind } from './section';
import { round10 } from './summarise';

/** Counts are whole numbers: summed exactly at scale 1. */
const COUNT_SCALE = 1;

export class AlertsSection implements Section<AlertsSection> {
  readonly rules: { name: string; severity: string; slos?: string[] }[];
  readonly firings: ExactSums;
  readonly incidents: ExactSums;
  readonly caught: ExactSums;
  readonly falseFirings: ExactSums;
  /** Per SLO and rule: firings per trial, and detection delays (minutes) of every caught incident. */
  readonly firingCounts: Histogram[];
  readonly delays: Histogram[];

  constructor(readonly shape: AccumulatorShape) {
    this.rules = shape.alertRules ?? [];
    const cells = shape.sloCount * this.rules.length;
    this.firings = new ExactSums(cells, COUNT_SCALE);
    this.incidents = new ExactSums(cells, COUNT_SCALE);
    this.caught = new ExactSums(cells, COUNT_SCALE);
    this.falseFirings = new ExactSums(cells, COUNT_SCALE);
    this.firingCounts = Array.from({ length: cells }, () => new Histogram('relative'));
    this.delays = Array.from({ length: cells }, () => new Histogram('relative'));
  }

  /** Folds in one trial. */
  add(outcome: TrialOutcome): void {
    const r = this.rules.length;
    if (r === 0) return;
    const slos = outcome.slos;
    for (let i = 0; i < slos.length; i++) {
      const alerts = slos[i].alerts;
      for (let j = 0; j < r; j++) {
        const a = alerts[j];
        const cell = i * r + j;
        this.firings.add(cell, a.firings);
        this.firingCounts[cell].add(a.firings);
        this.incidents.add(cell, a.incidents);
        this.caught.add(cell, a.caught);
        this.falseFirings.add(cell, a.falseFirings);
        for (let k = 0; k < a.caught; k++) this.delays[cell].add(a.delays[k]);
      }
    }
  }

  merge(other: AlertsSection): void {
    this.firings.merge(other.firings);
    this.incidents.merge(other.incidents);
    this.caught.merge(other.caught);
    this.falseFirings.merge(other.falseFirings);
    for (let i = 0; i < this.firingCounts.length; i++) {
      this.firingCounts[i].merge(other.firingCounts[i]);
      this.delays[i].merge(other.delays[i]);
    }
  }

  toJSON(): AlertsSectionJSON {
    return {
      firings: this.firings.toJSON(),
      incidents: this.incidents.toJSON(),
      caught: this.caught.toJSON(),
      falseFirings: this.falseFirings.toJSON(),
      firingCounts: this.firingCounts.map((h) => h.toJSON()),
      delays: this.delays.map((h) => h.toJSON()),
    };
  }

  static fromJSON(json: unknown, shape: AccumulatorShape, path: string): AlertsSection {
    const o = expectObject(json, path);
    const s = new AlertsSection(shape);
    const cells = shape.sloCount * s.rules.length;
    s.firings.merge(ExactSums.fromJSON(o.firings, cells, COUNT_SCALE, `${path}.firings`));
    s.incidents.merge(ExactSums.fromJSON(o.incidents, cells, COUNT_SCALE, `${path}.incidents`));
    s.caught.merge(ExactSums.fromJSON(o.caught, cells, COUNT_SCALE, `${path}.caught`));
    s.falseFirings.merge(ExactSums.fromJSON(o.falseFirings, cells, COUNT_SCALE, `${path}.falseFirings`));
    const counts = expectArray(o.firingCounts, `${path}.firingCounts`, cells);
    const delays = expectArray(o.delays, `${path}.delays`, cells);
    for (let i = 0; i < cells; i++) {
      s.firingCounts[i] = Histogram.fromJSON('relative', counts[i], `${path}.firingCounts[${i}]`);
      s.delays[i] = Histogram.fromJSON('relative', delays[i], `${path}.delays[${i}]`);
    }
    return s;
  }

  /** Writes `alerts[]` on every SLO of the result document: the rules that watch it. */
  report(doc: ResultDocument, trials: number): void {
    const r = this.rules.length;
    doc.slos.forEach((slo, i) => {
      slo.alerts = this.rules.flatMap((rule, j) => {
        if (rule.slos !== undefined && !rule.slos.includes(slo.id)) return [];
        const cell = i * r + j;
        const incidents = Number(this.incidents.total(cell));
        return [{
          rule: rule.name,
          severity: rule.severity,
          firingsMean: round10(this.firings.mean(cell, trials)),
          firingsP95: round10(this.firingCounts[cell].quantile(0.95)),
          recall: round10(incidents > 0 ? Number(this.caught.total(cell)) / incidents : NaN),
          detectionMinutesP50: round10(this.delays[cell].quantile(0.5)),
          detectionMinutesP90: round10(this.delays[cell].quantile(0.9)),
          falseFiringsMean: round10(this.falseFirings.mean(cell, trials)),
        }];
      });
    });
  }
}

export interface AlertsSectionJSON {
  firings: string[];
  incidents: string[];
  caught: string[];
  falseFirings: string[];
  firingCounts: number[][];
  delays: number[][];
}

/** The alert back-test section, named 'alerts' in the accumulator. */
export const ALERTS_SECTION: SectionKind<AlertsSection> = {
  name: 'alerts',
  create: (shape) => new AlertsSection(shape),
  fromJSON: (json, shape, path) => AlertsSection.fromJSON(json, shape, path),
  report: (section, doc, trials) => section.report(doc, trials),
};
