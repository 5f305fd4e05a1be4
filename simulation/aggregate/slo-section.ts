/**
 * The core per-SLO summaries: breaches, budget remaining per horizon day,
 * attainment and worst window (as bad fractions, 1 - SLI/100), exhaustion.
 */
import { BUDGET_SCALE, BudgetDays, type BudgetDaysTransfer } from './budget-days';
import { ExactSums } from './exact-sum';
import { Histogram } from './histogram';
import { expectArray, expectCounts, expectObject } from './json-check';
import type { TrialOutcome } from './outcome';
import type { AccumulatorShape, Section, SectionKind } from './section';

/** Bad fractions in [0, 1] are summed to 2^-52. */
export const BAD_FRACTION_SCALE = 2 ** 52;
export { BUDGET_SCALE };
/** Trials whose attainment, worst window and exhaustion day wait in a staging buffer before they are counted. */
const STAGE_TRIALS = 32;
/** Staged numbers per SLO and trial: attainment and worst window as bad fractions, exhaustion day. */
const STAGED = 3;

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
  /** Per SLO, a histogram and an exact sum per horizon day. */
  readonly budget: BudgetDays[];
  private readonly attainmentHistograms: Histogram[];
  private readonly worstWindowHistograms: Histogram[];
  private readonly exhaustionDayHistograms: Histogram[];
  /**
   * The histograms' values of the last `stagedTrials` trials, trial by trial:
   * one trial's are written in sequence, and they are counted 32 trials at a
   * time, while each histogram is warm (the engine's trials evict it).
   */
  private readonly staged: Float64Array;
  private stagedTrials = 0;

  constructor(shape: AccumulatorShape) {
    const { sloCount, horizonDays } = shape;
    this.shape = shape;
    this.breaches = new Float64Array(sloCount);
    this.exhaustions = new Float64Array(sloCount);
    this.attainmentSums = new ExactSums(sloCount, BAD_FRACTION_SCALE);
    this.worstWindowSums = new ExactSums(sloCount, BAD_FRACTION_SCALE);
    this.attainmentHistograms = Array.from({ length: sloCount }, () => new Histogram('badFraction'));
    this.worstWindowHistograms = Array.from({ length: sloCount }, () => new Histogram('badFraction'));
    this.exhaustionDayHistograms = Array.from({ length: sloCount }, () => new Histogram('relative'));
    this.budget = Array.from({ length: sloCount }, () => new BudgetDays(horizonDays));
    this.staged = new Float64Array(STAGE_TRIALS * sloCount * STAGED);
  }

  /** Per SLO, the bad fraction of the SLI over the horizon. */
  get attainment(): Histogram[] {
    this.countStaged();
    return this.attainmentHistograms;
  }

  /** Per SLO, the bad fraction of the lowest window SLI. */
  get worstWindow(): Histogram[] {
    this.countStaged();
    return this.worstWindowHistograms;
  }

  /** Per SLO, the exhaustion day of the trials that exhausted the budget. */
  get exhaustionDay(): Histogram[] {
    this.countStaged();
    return this.exhaustionDayHistograms;
  }

  /** Folds in one trial; budgets below BUDGET_FLOOR count as BUDGET_FLOOR in both the sums and the histograms (see BudgetDays). */
  add(outcome: TrialOutcome): void {
    const slos = outcome.slos;
    const days = this.shape.horizonDays;
    if (slos.length !== this.shape.sloCount) throw new Error(`slo summaries: outcome has ${slos.length} SLOs, expected ${this.shape.sloCount}`);
    const staged = this.staged;
    let at = this.stagedTrials * slos.length * STAGED;
    for (let i = 0; i < slos.length; i++) {
      const o = slos[i];
      if (o.breached) this.breaches[i]++;
      const attained = badFraction(o.attainment);
      this.attainmentSums.add(i, attained);
      const worst = badFraction(o.worstWindow);
      this.worstWindowSums.add(i, worst);
      if (o.exhaustionDay >= 0) this.exhaustions[i]++;
      staged[at++] = attained;
      staged[at++] = worst;
      staged[at++] = o.exhaustionDay;
      const remaining = o.budgetRemaining;
      if (remaining.length !== days) throw new Error(`slo summaries: SLO ${i} has ${remaining.length} budget days, expected ${days}`);
      this.budget[i].add(remaining);
    }
    if (++this.stagedTrials === STAGE_TRIALS) this.countStaged();
  }

  /** Counts the staged values into their histograms, SLO by SLO. */
  private countStaged(): void {
    const n = this.stagedTrials;
    if (n === 0) return;
    this.stagedTrials = 0;
    const slos = this.shape.sloCount;
    const staged = this.staged;
    for (let i = 0; i < slos; i++) {
      const attainment = this.attainmentHistograms[i];
      const worst = this.worstWindowHistograms[i];
      const exhaustion = this.exhaustionDayHistograms[i];
      for (let at = i * STAGED; at < n * slos * STAGED; at += slos * STAGED) {
        attainment.add(staged[at]);
        worst.add(staged[at + 1]);
        if (staged[at + 2] >= 0) exhaustion.add(staged[at + 2]);
      }
    }
  }

  /** Adds another SLO section of the same shape. */
  merge(other: SloSection): void {
    this.countStaged();
    other.countStaged();
    for (let i = 0; i < this.shape.sloCount; i++) {
      this.breaches[i] += other.breaches[i];
      this.exhaustions[i] += other.exhaustions[i];
      this.attainment[i].merge(other.attainment[i]);
      this.worstWindow[i].merge(other.worstWindow[i]);
      this.exhaustionDay[i].merge(other.exhaustionDay[i]);
      this.budget[i].merge(other.budget[i]);
    }
    this.attainmentSums.merge(other.attainmentSums);
    this.worstWindowSums.merge(other.worstWindowSums);
  }

  /** Counts, exact sums as decimal strings and histograms as segments, column by column. */
  toJSON(): SloSectionJSON {
    return { ...this.columns(), budget: this.budget.map((days) => days.toJSON()) };
  }

  /** As toJSON, with the budget days as they lie in memory (BudgetDays.toTransfer): for another thread, not a file. */
  toTransfer(): Omit<SloSectionJSON, 'budget'> & { budget: BudgetDaysTransfer[] } {
    return { ...this.columns(), budget: this.budget.map((days) => days.toTransfer()) };
  }

  /** toJSON's columns but the budget days'. */
  private columns(): Omit<SloSectionJSON, 'budget'> {
    return {
      breaches: Array.from(this.breaches),
      exhaustions: Array.from(this.exhaustions),
      attainmentSum: this.attainmentSums.toJSON(),
      worstWindowSum: this.worstWindowSums.toJSON(),
      budgetSum: this.budget.map((days) => days.sums.toJSON()),
      attainment: this.attainment.map((h) => h.toJSON()),
      worstWindow: this.worstWindow.map((h) => h.toJSON()),
      exhaustionDay: this.exhaustionDay.map((h) => h.toJSON()),
    };
  }

  /** Rebuilds the section from `toJSON()` or `toTransfer()` output; throws an Error naming the path of what is malformed. */
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
      const budgetSums = ExactSums.fromJSON(budgetSum[i], horizonDays, BUDGET_SCALE, `${path}.budgetSum[${i}]`);
      s.attainment[i] = Histogram.fromJSON('badFraction', attainment[i], `${path}.attainment[${i}]`);
      s.worstWindow[i] = Histogram.fromJSON('badFraction', worstWindow[i], `${path}.worstWindow[${i}]`);
      s.exhaustionDay[i] = Histogram.fromJSON('relative', exhaustionDay[i], `${path}.exhaustionDay[${i}]`);
      s.budget[i] = BudgetDays.fromJSON(budget[i], horizonDays, `${path}.budget[${i}]`);
      s.budget[i].sums.merge(budgetSums);
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
