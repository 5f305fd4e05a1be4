/**
 * The core per-SLO summaries: breaches, budget remaining per horizon day,
 * attainment and worst window (as bad fractions, 1 - SLI/100), exhaustion.
 */
import { BUDGET_FLOOR } from './binning';
import { ExactSums } from './exact-sum';
import { Histogram } from './histogram';
import { expectArray, expectCounts, expectObject } from './json-check';
import type { TrialOutcome } from './outcome';
import type { AccumulatorShape, Section, SectionKind } from './section';

/** Bad fractions in [0, 1] are summed to 2^-52. */
export const BAD_FRACTION_SCALE = 2 ** 52;
/** Budget fractions are summed to 2^-32, exactly down to -2^20 (below BUDGET_FLOOR they are clamped anyway). */
export const BUDGET_SCALE = 2 ** 32;

/** The bad fraction 1 - SLI/100 of an SLI in percent, clamped to [0, 1]. */
export function badFraction(sliPercent: number): number {
  const x = (100 - sliPercent) / 100;
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

export class SloSection implements Section<SloSection> {
  readonly shape: AccumulatorShape;
  /** Trials in which each SLO was breached. */
  readonly breaches: Float64Array;
  /** Trials in which each SLO's budget was exhausted within the horizon. */
  readonly exhaustions: Float64Array;
  readonly attainmentSums: ExactSums;
  readonly worstWindowSums: ExactSums;
  /** Per SLO, per horizon day. */
  readonly budgetSums: ExactSums[];
  readonly attainment: Histogram[];
  readonly worstWindow: Histogram[];
  readonly exhaustionDay: Histogram[];
  /** Per SLO, per horizon day. */
  readonly budget: Histogram[][];

  constructor(shape: AccumulatorShape) {
    const { sloCount, horizonDays } = shape;
    this.shape = shape;
    this.breaches = new Float64Array(sloCount);
    this.exhaustions = new Float64Array(sloCount);
    this.attainmentSums = new ExactSums(sloCount, BAD_FRACTION_SCALE);
    this.worstWindowSums = new ExactSums(sloCount, BAD_FRACTION_SCALE);
    this.budgetSums = Array.from({ length: sloCount }, () => new ExactSums(horizonDays, BUDGET_SCALE));
    this.attainment = Array.from({ length: sloCount }, () => new Histogram('badFraction'));
    this.worstWindow = Array.from({ length: sloCount }, () => new Histogram('badFraction'));
    this.exhaustionDay = Array.from({ length: sloCount }, () => new Histogram('relative'));
    this.budget = Array.from({ length: sloCount }, () => Array.from({ length: horizonDays }, () => new Histogram('budget')));
  }

  /** Folds in one trial; budgets below BUDGET_FLOOR count as BUDGET_FLOOR in both the sums and the histograms. */
  add(outcome: TrialOutcome): void {
    const slos = outcome.slos;
    const days = this.shape.horizonDays;
    if (slos.length !== this.shape.sloCount) throw new Error(`slo summaries: outcome has ${slos.length} SLOs, expected ${this.shape.sloCount}`);
    for (let i = 0; i < slos.length; i++) {
      const o = slos[i];
      if (o.breached) this.breaches[i]++;
      const attained = badFraction(o.attainment);
      this.attainmentSums.add(i, attained);
      this.attainment[i].add(attained);
      const worst = badFraction(o.worstWindow);
      this.worstWindowSums.add(i, worst);
      this.worstWindow[i].add(worst);
      if (o.exhaustionDay >= 0) {
        this.exhaustions[i]++;
        this.exhaustionDay[i].add(o.exhaustionDay);
      }
      const remaining = o.budgetRemaining;
      if (remaining.length !== days) throw new Error(`slo summaries: SLO ${i} has ${remaining.length} budget days, expected ${days}`);
      const sums = this.budgetSums[i];
      const hists = this.budget[i];
      for (let d = 0; d < days; d++) {
        const b = remaining[d] < BUDGET_FLOOR ? BUDGET_FLOOR : remaining[d];
        sums.add(d, b);
        hists[d].add(b);
      }
    }
  }

  /** Adds another SLO section of the same shape. */
  merge(other: SloSection): void {
    for (let i = 0; i < this.shape.sloCount; i++) {
      this.breaches[i] += other.breaches[i];
      this.exhaustions[i] += other.exhaustions[i];
      this.budgetSums[i].merge(other.budgetSums[i]);
      this.attainment[i].merge(other.attainment[i]);
      this.worstWindow[i].merge(other.worstWindow[i]);
      this.exhaustionDay[i].merge(other.exhaustionDay[i]);
      for (let d = 0; d < this.shape.horizonDays; d++) this.budget[i][d].merge(other.budget[i][d]);
    }
    this.attainmentSums.merge(other.attainmentSums);
    this.worstWindowSums.merge(other.worstWindowSums);
  }

  /** Counts, exact sums as decimal strings and histograms as segments, column by column. */
  toJSON(): SloSectionJSON {
    return {
      breaches: Array.from(this.breaches),
      exhaustions: Array.from(this.exhaustions),
      attainmentSum: this.attainmentSums.toJSON(),
      worstWindowSum: this.worstWindowSums.toJSON(),
      budgetSum: this.budgetSums.map((s) => s.toJSON()),
      attainment: this.attainment.map((h) => h.toJSON()),
      worstWindow: this.worstWindow.map((h) => h.toJSON()),
      exhaustionDay: this.exhaustionDay.map((h) => h.toJSON()),
      budget: this.budget.map((days) => days.map((h) => h.toJSON())),
    };
  }

  /** Rebuilds the section from `toJSON()` output; throws an Error naming the path of what is malformed. */
  static fromJSON(json: unknown, shape: AccumulatorShape, path: string): SloSection {
    const o = expectObject(json, path);
    const { sloCount, horizonDays } = shape;
    const s = new SloSection(shape);
    s.breaches.set(expectCounts(o.breaches, `${path}.breaches`, sloCount));
    s.exhaustions.set(expectCounts(o.exhaustions, `${path}.exhaustions`, sloCount));
    s.attainmentSums.merge(ExactSums.fromJSON(o.attainmentSum, sloCount, BAD_FRACTION_SCALE, `${path}.attainmentSum`));
    s.worstWindowSums.merge(ExactSums.fromJSON(o.worstWindowSum, sloCount, BAD_FRACTION_SCALE, `${path}.worstWindowSum`));
    const budgetSum = expectArray(o.budgetSum, `${path}.budgetSum`, sloCount);
    const attainment = expectArray(o.attainment, `${path}.attainment`, sloCount);
    const worstWindow = expectArray(o.worstWindow, `${path}.worstWindow`, sloCount);
    const exhaustionDay = expectArray(o.exhaustionDay, `${path}.exhaustionDay`, sloCount);
    const budget = expectArray(o.budget, `${path}.budget`, sloCount);
    for (let i = 0; i < sloCount; i++) {
      s.budgetSums[i] = ExactSums.fromJSON(budgetSum[i], horizonDays, BUDGET_SCALE, `${path}.budgetSum[${i}]`);
      s.attainment[i] = Histogram.fromJSON('badFraction', attainment[i], `${path}.attainment[${i}]`);
      s.worstWindow[i] = Histogram.fromJSON('badFraction', worstWindow[i], `${path}.worstWindow[${i}]`);
      s.exhaustionDay[i] = Histogram.fromJSON('relative', exhaustionDay[i], `${path}.exhaustionDay[${i}]`);
      const days = expectArray(budget[i], `${path}.budget[${i}]`, horizonDays);
      for (let d = 0; d < horizonDays; d++) s.budget[i][d] = Histogram.fromJSON('budget', days[d], `${path}.budget[${i}][${d}]`);
    }
    return s;
  }
}

export interface SloSectionJSON {
  breaches: number[];
  exhaustions: number[];
  attainmentSum: string[];
  worstWindowSum: string[];
  budgetSum: string[][];
  attainment: number[][];
  worstWindow: number[][];
  exhaustionDay: number[][];
  budget: number[][][];
}

/** The core SLO section, named 'slos' in the accumulator. */
export const SLO_SECTION: SectionKind<SloSection> = {
  name: 'slos',
  create: (shape) => new SloSection(shape),
  fromJSON: (json, shape, path) => SloSection.fromJSON(json, shape, path),
};
