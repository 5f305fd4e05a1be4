/** SLA summaries (DESIGN 3.6): expected credit over the horizon, probability of any credit, monthly availability quantiles. */
import { ExactSums } from './exact-sum';
import { Histogram } from './histogram';
import { expectArray, expectCounts, expectObject } from './json-check';
import type { TrialOutcome } from './outcome';
import type { ResultDocument } from './result-types';
import type { AccumulatorShape, Section, SectionKind } from './section';
import { badFraction } from './slo-section';
import { round10 } from './summarise';

/** Credits are summed to 1/256 of the fee's unit, exactly up to 2^44 (1.7e13) per trial. */
const CREDIT_SCALE = 2 ** 8;

export class SlaSection implements Section<SlaSection> {
  readonly slas: { id: string; months: number }[];
  readonly credit: ExactSums;
  /** Trials with any credit, per SLA. */
  readonly credited: Float64Array;
  /** Monthly availability as bad fraction, every month of every trial, per SLA. */
  readonly monthly: Histogram[];

  constructor(readonly shape: AccumulatorShape) {
    this.slas = shape.slas ?? [];
    this.credit = new ExactSums(this.slas.length, CREDIT_SCALE);
    this.credited = new Float64Array(this.slas.length);
    this.monthly = this.slas.map(() => new Histogram('badFraction'));
  }

  /** Folds in one trial. */
  add(outcome: TrialOutcome): void {
    for (let i = 0; i < this.slas.length; i++) {
      const o = outcome.sla[i];
      this.credit.add(i, o.credit);
      if (o.credit > 0) this.credited[i]++;
      for (const a of o.monthlyAvailability) this.monthly[i].add(badFraction(a));
    }
  }

  merge(other: SlaSection): void {
    this.credit.merge(other.credit);
    for (let i = 0; i < this.slas.length; i++) {
      this.credited[i] += other.credited[i];
      this.monthly[i].merge(other.monthly[i]);
    }
  }

  toJSON(): SlaSectionJSON {
    return { credit: this.credit.toJSON(), credited: Array.from(this.credited), monthly: this.monthly.map((h) => h.toJSON()) };
  }

  static fromJSON(json: unknown, shape: AccumulatorShape, path: string): SlaSection {
    const o = expectObject(json, path);
    const s = new SlaSection(shape);
    const n = s.slas.length;
    s.credit.merge(ExactSums.fromJSON(o.credit, n, CREDIT_SCALE, `${path}.credit`));
    s.credited.set(expectCounts(o.credited, `${path}.credited`, n));
    const monthly = expectArray(o.monthly, `${path}.monthly`, n);
    for (let i = 0; i < n; i++) s.monthly[i] = Histogram.fromJSON('badFraction', monthly[i], `${path}.monthly[${i}]`);
    return s;
  }

  /** Writes `sla[]` of the result document. */
  report(doc: ResultDocument, trials: number): void {
    const percent = (bad: number) => round10(100 * (1 - bad));
    doc.sla = this.slas.map((x, i) => ({
      id: x.id,
      expectedCredit: round10(this.credit.mean(i, trials)),
      creditProbability: round10(trials > 0 ? this.credited[i] / trials : NaN),
      monthlyAvailability: {
        p5: percent(this.monthly[i].quantile(0.95)),
        p50: percent(this.monthly[i].quantile(0.5)),
        p95: percent(this.monthly[i].quantile(0.05)),
      },
    }));
  }
}

export interface SlaSectionJSON {
  credit: string[];
  credited: number[];
  monthly: number[][];
}

/** The SLA section, named 'sla' in the accumulator. */
export const SLA_SECTION: SectionKind<SlaSection> = {
  name: 'sla',
  create: (shape) => new SlaSection(shape),
  fromJSON: (json, shape, path) => SlaSection.fromJSON(json, shape, path),
  report: (section, doc, trials) => section.report(doc, trials),
};
