/**
 * ML platform summaries (DESIGN 3.7, 4): per training class the jobs completed,
 * failed, retried and killed, queue wait and turnaround quantiles, success rate
 * and deadline attainment against their targets; the training pool's GPU
 * utilisation (over the horizon and day by day) against its target; per serving
 * model latency attainment and headroom; the batch pool's waits; the feature
 * store's attainment. Every figure is an integer histogram or an exact sum
 * (DESIGN 3.8), so sections merge to the same bits in any order.
 */
import type { MlOutcome } from '../model/ml/outcome';
import type { MlSpec } from '../scenario/ml-schema';
import { ExactSums } from './exact-sum';
import { Histogram } from './histogram';
import type { HistogramKind } from './binning';
import { expectArray, expectCount, expectObject } from './json-check';
import type { TrialOutcome } from './outcome';
import type { ResultDocument } from './result-types';
import type { AccumulatorShape, Section, SectionKind } from './section';
import { fanSeries, round10 } from './summarise';

/** What the ML section is sized and judged by: AccumulatorShape.ml. */
export interface MlShape {
  /** GPUs of the shared pool (0 without one). */
  gpus: number;
  /** Percent of the GPUs left for training that training should hold. */
  utilizationTarget: number;
  classes: { name: string; deadlineMinutes: number | null; successTarget: number; deadlineTarget: number }[];
  models: { model: string; latencyThresholdMs: number; latencyTarget: number }[];
  batch: { queueWaitTargetSeconds: number; waitTarget: number; windowMinutes: number } | null;
  featureStore: { target: number } | null;
}

/** The ML shape of a normalised `ml:` section over a horizon of `horizonDays`. */
export function mlShapeOf(spec: MlSpec, horizonDays: number): MlShape {
  const b = spec.batchInference;
  return {
    gpus: spec.gpuPool?.gpus ?? 0,
    utilizationTarget: spec.utilizationTarget,
    classes: (spec.training?.classes ?? []).map((c) => ({ name: c.name, deadlineMinutes: c.deadline ?? null, successTarget: c.successTarget, deadlineTarget: c.deadlineTarget })),
    models: spec.serving.map((m) => ({ model: m.model, latencyThresholdMs: m.latencyThresholdMs, latencyTarget: m.latencyTarget })),
    batch: b ? { queueWaitTargetSeconds: b.queueWaitTargetSeconds, waitTarget: b.waitTarget, windowMinutes: Math.min(b.window, horizonDays * 1440) } : null,
    featureStore: spec.featureStore ? { target: spec.featureStore.target } : null,
  };
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads an MlShape back from JSON (an accumulator's shape.ml); throws naming `path` when malformed. */
export function checkMlShape(value: unknown, path: string): MlShape {
  const o = expectObject(value, path);
  const num = (v: unknown, p: string): number => {
    if (!isNumber(v)) throw new Error(`${p}: expected a number`);
    return v;
  };
  const str = (v: unknown, p: string): string => {
    if (typeof v !== 'string') throw new Error(`${p}: expected a name`);
    return v;
  };
  const batch = o.batch === null || o.batch === undefined ? null : expectObject(o.batch, `${path}.batch`);
  const fs = o.featureStore === null || o.featureStore === undefined ? null : expectObject(o.featureStore, `${path}.featureStore`);
  return {
    gpus: expectCount(o.gpus, `${path}.gpus`),
    utilizationTarget: num(o.utilizationTarget, `${path}.utilizationTarget`),
    classes: expectArray(o.classes, `${path}.classes`).map((x, i) => {
      const c = expectObject(x, `${path}.classes[${i}]`);
      const p = `${path}.classes[${i}]`;
      return {
        name: str(c.name, `${p}.name`),
        deadlineMinutes: c.deadlineMinutes === null ? null : num(c.deadlineMinutes, `${p}.deadlineMinutes`),
        successTarget: num(c.successTarget, `${p}.successTarget`),
        deadlineTarget: num(c.deadlineTarget, `${p}.deadlineTarget`),
      };
    }),
    models: expectArray(o.models, `${path}.models`).map((x, i) => {
      const m = expectObject(x, `${path}.models[${i}]`);
      const p = `${path}.models[${i}]`;
      return { model: str(m.model, `${p}.model`), latencyThresholdMs: num(m.latencyThresholdMs, `${p}.latencyThresholdMs`), latencyTarget: num(m.latencyTarget, `${p}.latencyTarget`) };
    }),
    batch: batch
      ? {
          queueWaitTargetSeconds: num(batch.queueWaitTargetSeconds, `${path}.batch.queueWaitTargetSeconds`),
          waitTarget: num(batch.waitTarget, `${path}.batch.waitTarget`),
          windowMinutes: num(batch.windowMinutes, `${path}.batch.windowMinutes`),
        }
      : null,
    featureStore: fs ? { target: num(fs.target, `${path}.featureStore.target`) } : null,
  };
}

/**
 * Counts are summed exactly at scale 1; shares in [0, 1] and ratios (utilisation, mostly in [0, 1]) to 2^-40,
 * exactly up to 2^12; amounts (minutes, headroom) to 2^-20, exactly up to 2^32.
 */
const COUNT_SCALE = 1;
const SHARE_SCALE = 2 ** 40;
const AMOUNT_SCALE = 2 ** 20;
/** Pooled sums of per-job minutes or seconds: to 2^-8, exactly up to 2^44 a trial. */
const POOLED_SCALE = 2 ** 8;

/** count: whole numbers; share: a fraction judged near 1 (binned as 1 - v); ratio: a fraction binned as itself; amount: anything else. */
type StatKind = 'count' | 'share' | 'ratio' | 'amount';

/** One figure per trial: its histogram and exact sum over the trials that have it, and how many of them met a target. */
class TrialStat {
  hist: Histogram;
  readonly sums: ExactSums;
  /** Trials with a value (NaN means none), and those of them flagged as meeting the target. */
  n = 0;
  met = 0;

  constructor(readonly kind: StatKind) {
    this.hist = new Histogram(histKind(kind));
    this.sums = new ExactSums(1, kind === 'count' ? COUNT_SCALE : kind === 'amount' ? AMOUNT_SCALE : SHARE_SCALE);
  }

  /** Adds a trial's value (skipped when NaN); `meets` counts it towards the target. */
  add(v: number, meets = false): void {
    if (v !== v) return;
    this.hist.add(this.kind === 'share' ? 1 - v : v);
    this.sums.add(0, v);
    this.n++;
    if (meets) this.met++;
  }

  merge(o: TrialStat): void {
    this.hist.merge(o.hist);
    this.sums.merge(o.sums);
    this.n += o.n;
    this.met += o.met;
  }

  toJSON(): StatJSON {
    return { h: this.hist.toJSON(), s: this.sums.toJSON()[0], n: this.n, m: this.met };
  }

  static fromJSON(kind: StatKind, json: unknown, path: string): TrialStat {
    const o = expectObject(json, path);
    const s = new TrialStat(kind);
    s.hist = Histogram.fromJSON(histKind(kind), o.h, `${path}.h`);
    s.sums.merge(ExactSums.fromJSON([o.s], 1, s.sums.scale, `${path}.s`));
    s.n = expectCount(o.n, `${path}.n`);
    s.met = expectCount(o.m, `${path}.m`);
    if (s.met > s.n) throw new Error(`${path}.m: more trials meet the target than have a value`);
    return s;
  }

  /** Mean and p5 / p50 / p95 over the trials (shares in percent, others scaled by `unit`); NaN without trials. */
  spread(unit = 1): Spread {
    if (this.kind === 'share') {
      const [p5, p50, p95] = this.hist.quantilesFromTop([0.05, 0.5, 0.95]).map((x) => round10(100 * (1 - x)));
      return { mean: round10((100 * this.sums.sum(0)) / this.n), p5, p50, p95 };
    }
    const [p5, p50, p95] = this.hist.quantiles([0.05, 0.5, 0.95]).map((x) => round10(x * unit));
    return { mean: round10((unit * this.sums.sum(0)) / this.n), p5, p50, p95 };
  }

  /** Share of the trials with a value that met the target (NaN without any). */
  probability(): number {
    return round10(this.n > 0 ? this.met / this.n : NaN);
  }
}

function histKind(kind: StatKind): HistogramKind {
  return kind === 'share' ? 'badFraction' : 'relative';
}

/** Values of every job of every trial (minutes or seconds): their histogram, exact sum and count. */
class Pooled {
  hist = new Histogram('relative');
  readonly sums = new ExactSums(1, POOLED_SCALE);
  n = 0;

  /** Adds values[0..count) whose sum is `sum`, and `zeros` values of exactly 0. */
  add(values: Float64Array, count: number, sum: number, zeros = 0): void {
    const h = this.hist;
    for (let i = 0; i < count; i++) h.add(values[i]);
    if (zeros > 0) h.addToBin(0, zeros);
    this.sums.add(0, sum);
    this.n += count + zeros;
  }

  merge(o: Pooled): void {
    this.hist.merge(o.hist);
    this.sums.merge(o.sums);
    this.n += o.n;
  }

  toJSON(): StatJSON {
    return { h: this.hist.toJSON(), s: this.sums.toJSON()[0], n: this.n, m: 0 };
  }

  static fromJSON(json: unknown, path: string): Pooled {
    const o = expectObject(json, path);
    const p = new Pooled();
    p.hist = Histogram.fromJSON('relative', o.h, `${path}.h`);
    p.sums.merge(ExactSums.fromJSON([o.s], 1, POOLED_SCALE, `${path}.s`));
    p.n = expectCount(o.n, `${path}.n`);
    if (p.n !== p.hist.count) throw new Error(`${path}.n: ${p.n} values but the histogram holds ${p.hist.count}`);
    return p;
  }

  /** Mean and p50 / p90 / p95 / p99 over every value (NaN without values). */
  quantiles(): PooledQuantiles {
    const [p50, p90, p95, p99] = this.hist.quantiles([0.5, 0.9, 0.95, 0.99]).map(round10);
    return { mean: round10(this.sums.sum(0) / this.n), p50, p90, p95, p99 };
  }
}

interface StatJSON {
  h: number[];
  s: string;
  n: number;
  m: number;
}

export interface Spread {
  mean: number;
  p5: number;
  p50: number;
  p95: number;
}

export interface PooledQuantiles {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

/** Figures of one training class. */
class ClassStats {
  arrived = new TrialStat('count');
  completed = new TrialStat('count');
  failed = new TrialStat('count');
  retried = new TrialStat('count');
  retries = new TrialStat('count');
  preempted = new TrialStat('count');
  unfinished = new TrialStat('count');
  meanWait = new TrialStat('amount');
  successRate = new TrialStat('share');
  deadline = new TrialStat('share');
  wait = new Pooled();
  turnaround = new Pooled();
  /** Jobs judged on the deadline, and those that met it, over every trial. */
  deadlineEligible = 0;
  deadlineMet = 0;
  weeks: TrialStat[];

  constructor(weeks: number) {
    this.weeks = Array.from({ length: weeks }, () => new TrialStat('count'));
  }

  static readonly COUNTS = ['arrived', 'completed', 'failed', 'retried', 'retries', 'preempted', 'unfinished'] as const;
}

/** The section's data, shape aside. */
interface MlData {
  classes: ClassStats[];
  utilization: TrialStat;
  days: TrialStat[];
  availability: TrialStat;
  allocated: TrialStat;
  failures: TrialStat;
  shortage: TrialStat;
  attainment: TrialStat[];
  headroom: TrialStat[];
  batchWithin: TrialStat;
  batchJobs: TrialStat;
  batchWait: Pooled;
  featureStore: TrialStat;
  hitRatio: TrialStat;
}

export class MlSection implements Section<MlSection> {
  readonly ml: MlShape | null;
  readonly days: number;
  readonly weeks: number;
  data: MlData | null;

  constructor(readonly shape: AccumulatorShape) {
    this.ml = (shape as AccumulatorShape & { ml?: MlShape }).ml ?? null;
    this.days = shape.horizonDays;
    this.weeks = Math.ceil(shape.horizonDays / 7);
    this.data = this.ml ? MlSection.empty(this.ml, this.days, this.weeks) : null;
  }

  private static empty(ml: MlShape, days: number, weeks: number): MlData {
    return {
      classes: ml.classes.map(() => new ClassStats(weeks)),
      utilization: new TrialStat('ratio'),
      days: Array.from({ length: days }, () => new TrialStat('ratio')),
      availability: new TrialStat('share'),
      allocated: new TrialStat('share'),
      failures: new TrialStat('count'),
      shortage: new TrialStat('amount'),
      attainment: ml.models.map(() => new TrialStat('share')),
      headroom: ml.models.map(() => new TrialStat('amount')),
      batchWithin: new TrialStat('share'),
      batchJobs: new TrialStat('count'),
      batchWait: new Pooled(),
      featureStore: new TrialStat('share'),
      hitRatio: new TrialStat('share'),
    };
  }

  /** Folds in one trial (its `ml` outcome); a scenario without `ml:` adds nothing. */
  add(outcome: TrialOutcome): void {
    if (!this.data) return;
    const ml = outcome.ml;
    if (!ml) throw new Error('ml summaries: the trial outcome has no ml part');
    this.addMl(ml);
  }

  /** Folds in one trial's ML outcome. */
  addMl(o: MlOutcome): void {
    const d = this.data;
    const ml = this.ml;
    if (!d || !ml) return;
    if (o.classes.length !== ml.classes.length || o.models.length !== ml.models.length) {
      throw new Error(`ml summaries: outcome has ${o.classes.length} classes and ${o.models.length} models, expected ${ml.classes.length} and ${ml.models.length}`);
    }
    for (let k = 0; k < o.classes.length; k++) this.addClass(d.classes[k], o.classes[k], ml.classes[k]);
    const p = o.pool;
    if (ml.gpus > 0) {
      const u = p.trainingAvailableMinutes > 0 ? p.trainingAllocatedMinutes / p.trainingAvailableMinutes : NaN;
      if (ml.classes.length > 0) {
        d.utilization.add(u, u * 100 >= ml.utilizationTarget);
        for (let day = 0; day < this.days; day++) {
          const avail = p.dayAvailable[day];
          d.days[day].add(avail > 0 ? p.dayAllocated[day] / avail : NaN);
        }
      }
      d.availability.add(p.upMinutes / p.gpuMinutes);
      d.allocated.add(p.upMinutes > 0 ? (p.servingMinutes + p.trainingAllocatedMinutes) / p.upMinutes : NaN);
      d.failures.add(p.failures);
      d.shortage.add(p.shortageMinutes, p.shortageMinutes > 0);
    }
    for (let i = 0; i < o.models.length; i++) {
      const m = o.models[i];
      const a = m.requests > 0 ? m.good / m.requests : NaN;
      d.attainment[i].add(a, a * 100 >= ml.models[i].latencyTarget);
      d.headroom[i].add(m.minHeadroom, m.minHeadroom < 1);
    }
    if (ml.batch && o.batch) {
      const b = o.batch;
      const share = b.jobs > 0 ? b.withinTarget / b.jobs : NaN;
      d.batchWithin.add(share, share * 100 >= ml.batch.waitTarget);
      d.batchJobs.add(b.jobs);
      d.batchWait.add(b.waits, b.waitCount, b.waitSum, b.zeroWaits);
    }
    if (ml.featureStore && o.featureStore) {
      const f = o.featureStore;
      d.featureStore.add(f.attainment / 100, f.attainment >= ml.featureStore.target);
      d.hitRatio.add(f.hitRatio);
    }
  }

  private addClass(s: ClassStats, o: MlOutcome['classes'][number], shape: MlShape['classes'][number]): void {
    s.arrived.add(o.arrived);
    s.completed.add(o.completed);
    s.failed.add(o.failed);
    s.retried.add(o.retried);
    s.retries.add(o.retries);
    s.preempted.add(o.preempted);
    s.unfinished.add(o.unfinished);
    s.meanWait.add(o.waitCount > 0 ? o.waitSum / o.waitCount : NaN);
    const resolved = o.completed + o.failed;
    const rate = resolved > 0 ? o.completed / resolved : NaN;
    s.successRate.add(rate, rate * 100 >= shape.successTarget);
    if (shape.deadlineMinutes !== null) {
      const share = o.deadlineEligible > 0 ? o.deadlineMet / o.deadlineEligible : NaN;
      s.deadline.add(share, share * 100 >= shape.deadlineTarget);
      s.deadlineEligible += o.deadlineEligible;
      s.deadlineMet += o.deadlineMet;
    }
    s.wait.add(o.waits, o.waitCount, o.waitSum);
    s.turnaround.add(o.turnarounds, o.turnaroundCount, o.turnaroundSum);
    for (let w = 0; w < this.weeks; w++) s.weeks[w].add(o.completedPerWeek[w]);
  }

  /** Adds another ML section of the same shape. */
  merge(other: MlSection): void {
    const a = this.data;
    const b = other.data;
    if (!a || !b) {
      if (a || b) throw new Error('ml summaries: cannot merge a section with ML data into one without');
      return;
    }
    a.classes.forEach((s, k) => {
      const o = b.classes[k];
      for (const key of ClassStats.COUNTS) s[key].merge(o[key]);
      s.meanWait.merge(o.meanWait);
      s.successRate.merge(o.successRate);
      s.deadline.merge(o.deadline);
      s.wait.merge(o.wait);
      s.turnaround.merge(o.turnaround);
      s.deadlineEligible += o.deadlineEligible;
      s.deadlineMet += o.deadlineMet;
      s.weeks.forEach((w, i) => w.merge(o.weeks[i]));
    });
    for (const key of SINGLE_STATS) a[key].merge(b[key]);
    a.days.forEach((s, i) => s.merge(b.days[i]));
    a.attainment.forEach((s, i) => s.merge(b.attainment[i]));
    a.headroom.forEach((s, i) => s.merge(b.headroom[i]));
    a.batchWait.merge(b.batchWait);
  }

  toJSON(): MlSectionJSON | null {
    const d = this.data;
    if (!d) return null;
    return {
      classes: d.classes.map((s) => ({
        ...Object.fromEntries(ClassStats.COUNTS.map((key) => [key, s[key].toJSON()])),
        meanWait: s.meanWait.toJSON(),
        successRate: s.successRate.toJSON(),
        deadline: s.deadline.toJSON(),
        wait: s.wait.toJSON(),
        turnaround: s.turnaround.toJSON(),
        deadlineEligible: s.deadlineEligible,
        deadlineMet: s.deadlineMet,
        weeks: s.weeks.map((w) => w.toJSON()),
      })),
      ...(Object.fromEntries(SINGLE_STATS.map((key) => [key, d[key].toJSON()])) as Record<SingleStat, StatJSON>),
      days: d.days.map((s) => s.toJSON()),
      attainment: d.attainment.map((s) => s.toJSON()),
      headroom: d.headroom.map((s) => s.toJSON()),
      batchWait: d.batchWait.toJSON(),
    };
  }

  /** Rebuilds the section from `toJSON()` output; throws an Error naming the path of what is malformed. */
  static fromJSON(json: unknown, shape: AccumulatorShape, path: string): MlSection {
    const s = new MlSection(shape);
    const ml = s.ml;
    if (!ml) {
      if (json !== null) throw new Error(`${path}: expected null for a scenario without ml`);
      return s;
    }
    const o = expectObject(json, path);
    const classes = expectArray(o.classes, `${path}.classes`, ml.classes.length);
    const d = s.data as MlData;
    classes.forEach((x, k) => {
      const p = `${path}.classes[${k}]`;
      const c = expectObject(x, p);
      const cs = d.classes[k];
      for (const key of ClassStats.COUNTS) cs[key] = TrialStat.fromJSON('count', c[key], `${p}.${key}`);
      cs.meanWait = TrialStat.fromJSON('amount', c.meanWait, `${p}.meanWait`);
      cs.successRate = TrialStat.fromJSON('share', c.successRate, `${p}.successRate`);
      cs.deadline = TrialStat.fromJSON('share', c.deadline, `${p}.deadline`);
      cs.wait = Pooled.fromJSON(c.wait, `${p}.wait`);
      cs.turnaround = Pooled.fromJSON(c.turnaround, `${p}.turnaround`);
      cs.deadlineEligible = expectCount(c.deadlineEligible, `${p}.deadlineEligible`);
      cs.deadlineMet = expectCount(c.deadlineMet, `${p}.deadlineMet`);
      cs.weeks = expectArray(c.weeks, `${p}.weeks`, s.weeks).map((w, i) => TrialStat.fromJSON('count', w, `${p}.weeks[${i}]`));
    });
    for (const key of SINGLE_STATS) d[key] = TrialStat.fromJSON(SINGLE_KINDS[key], o[key], `${path}.${key}`);
    d.days = expectArray(o.days, `${path}.days`, s.days).map((x, i) => TrialStat.fromJSON('ratio', x, `${path}.days[${i}]`));
    d.attainment = expectArray(o.attainment, `${path}.attainment`, ml.models.length).map((x, i) => TrialStat.fromJSON('share', x, `${path}.attainment[${i}]`));
    d.headroom = expectArray(o.headroom, `${path}.headroom`, ml.models.length).map((x, i) => TrialStat.fromJSON('amount', x, `${path}.headroom[${i}]`));
    d.batchWait = Pooled.fromJSON(o.batchWait, `${path}.batchWait`);
    return s;
  }

  /** Writes `ml` of the result document (nothing for a scenario without `ml:`). */
  report(doc: ResultDocument, trials: number): void {
    const result = this.result(trials);
    if (result) doc.ml = result;
  }

  /** The `ml` part of the result document. */
  result(trials: number): MlResult | null {
    const d = this.data;
    const ml = this.ml;
    if (!d || !ml) return null;
    const training: MlTrainingResult | null =
      ml.classes.length === 0
        ? null
        : {
            utilizationTarget: ml.utilizationTarget,
            utilization: { ...d.utilization.spread(100), probabilityMeetsTarget: d.utilization.probability() },
            utilizationByDay: this.byDay(d.days),
            classes: ml.classes.map((c, k) => this.classResult(c, d.classes[k])),
          };
    return {
      trials,
      gpuPool:
        ml.gpus === 0
          ? null
          : {
              gpus: ml.gpus,
              availability: d.availability.spread(),
              allocated: d.allocated.spread(),
              failures: d.failures.spread(),
              shortage: { probability: d.shortage.probability(), minutes: d.shortage.spread() },
            },
      training,
      serving: ml.models.map((m, i) => ({
        model: m.model,
        latencyThresholdMs: m.latencyThresholdMs,
        latencyTarget: m.latencyTarget,
        attainment: d.attainment[i].spread(),
        probabilityMeetsTarget: d.attainment[i].probability(),
        headroom: d.headroom[i].spread(),
        overloadProbability: d.headroom[i].probability(),
      })),
      batchInference: ml.batch
        ? {
            queueWaitTargetSeconds: ml.batch.queueWaitTargetSeconds,
            waitTarget: ml.batch.waitTarget,
            windowMinutes: ml.batch.windowMinutes,
            jobs: d.batchJobs.spread(),
            waitSeconds: d.batchWait.quantiles(),
            withinTarget: d.batchWithin.spread(),
            probabilityMeetsTarget: d.batchWithin.probability(),
          }
        : null,
      featureStore: ml.featureStore
        ? {
            target: ml.featureStore.target,
            hitRatio: d.hitRatio.spread(),
            attainment: d.featureStore.spread(),
            probabilityMeetsTarget: d.featureStore.probability(),
          }
        : null,
    };
  }

  private classResult(c: MlShape['classes'][number], s: ClassStats): MlClassResult {
    const week: number[] = [];
    const mean: number[] = [];
    const p5: number[] = [];
    const p95: number[] = [];
    s.weeks.forEach((w, i) => {
      const spread = w.spread();
      week.push(i);
      mean.push(spread.mean);
      p5.push(spread.p5);
      p95.push(spread.p95);
    });
    return {
      name: c.name,
      deadlineMinutes: c.deadlineMinutes,
      successTarget: c.successTarget,
      deadlineTarget: c.deadlineTarget,
      arrived: s.arrived.spread(),
      completed: s.completed.spread(),
      failed: s.failed.spread(),
      retried: s.retried.spread(),
      retries: s.retries.spread(),
      preempted: s.preempted.spread(),
      unfinished: s.unfinished.spread(),
      waitMinutes: s.wait.quantiles(),
      turnaroundMinutes: s.turnaround.quantiles(),
      meanWaitMinutes: s.meanWait.spread(),
      successRate: { ...s.successRate.spread(), probabilityMeetsTarget: s.successRate.probability() },
      deadline:
        c.deadlineMinutes === null
          ? null
          : {
              jobProbability: round10(s.deadlineEligible > 0 ? s.deadlineMet / s.deadlineEligible : NaN),
              share: s.deadline.spread(),
              probabilityMeetsTarget: s.deadline.probability(),
            },
      completedPerWeek: { week, mean, p5, p95 },
    };
  }

  private byDay(days: TrialStat[]): MlTrainingResult['utilizationByDay'] {
    // Shares are kept as fractions and reported in percent.
    return fanSeries(days.length, (d) => ({ hist: days[d].hist, mean: days[d].sums.sum(0) / days[d].n }), 100);
  }
}

const SINGLE_KINDS = {
  utilization: 'ratio',
  availability: 'share',
  allocated: 'share',
  failures: 'count',
  shortage: 'amount',
  batchWithin: 'share',
  batchJobs: 'count',
  featureStore: 'share',
  hitRatio: 'share',
} as const satisfies Record<string, StatKind>;
type SingleStat = keyof typeof SINGLE_KINDS;
const SINGLE_STATS = Object.keys(SINGLE_KINDS) as SingleStat[];

export type MlSectionJSON = Record<string, unknown>;

export interface MlClassResult {
  name: string;
  /** Minutes; null when the class has no deadline. */
  deadlineMinutes: number | null;
  successTarget: number;
  deadlineTarget: number;
  /** Per trial: jobs that arrived in the horizon, succeeded, failed (out of retries), were retried (at least once), retry attempts, attempts killed, jobs still queued or running at the end. */
  arrived: Spread;
  completed: Spread;
  failed: Spread;
  retried: Spread;
  retries: Spread;
  preempted: Spread;
  unfinished: Spread;
  /** Over every job of every trial: minutes from arrival to first start. */
  waitMinutes: PooledQuantiles;
  /** Over every succeeded job: minutes from arrival to success. */
  turnaroundMinutes: PooledQuantiles;
  /** Per trial: the mean wait of its jobs. */
  meanWaitMinutes: Spread;
  /** Per trial, percent of finished jobs that succeeded; the probability that it is at least successTarget. */
  successRate: Spread & { probabilityMeetsTarget: number };
  /**
   * jobProbability: the share of jobs (arrived at least a deadline before the horizon's end) that
   * succeeded within the deadline; share: that share per trial, percent; probabilityMeetsTarget: of it
   * being at least deadlineTarget.
   */
  deadline: { jobProbability: number; share: Spread; probabilityMeetsTarget: number } | null;
  /** Successes per week of the horizon (the last week may be partial). */
  completedPerWeek: { week: number[]; mean: number[]; p5: number[]; p95: number[] };
}

export interface MlTrainingResult {
  /** Percent. */
  utilizationTarget: number;
  /** GPU-minutes held by training jobs over those up and not needed by serving, percent, per trial. */
  utilization: Spread & { probabilityMeetsTarget: number };
  /** The same per horizon day (a fan chart), over the trials in which the day had GPUs for training. */
  utilizationByDay: { day: number[]; mean: number[]; p5: number[]; p25: number[]; p50: number[]; p75: number[]; p95: number[] };
  classes: MlClassResult[];
}

export interface MlModelResult {
  model: string;
  latencyThresholdMs: number;
  latencyTarget: number;
  /** Percent of the horizon's requests admitted and faster than the threshold, per trial. */
  attainment: Spread;
  probabilityMeetsTarget: number;
  /** Lowest capacity / demand of the horizon, per trial. */
  headroom: Spread;
  /** Probability that demand exceeds capacity at some step (headroom below 1). */
  overloadProbability: number;
}

export interface MlResult {
  trials: number;
  gpuPool: {
    gpus: number;
    /** Percent of GPU-minutes up. */
    availability: Spread;
    /** Percent of up GPU-minutes held by serving or training. */
    allocated: Spread;
    /** GPU failures in the horizon. */
    failures: Spread;
    /** Minutes with fewer GPUs up than serving needs: the probability of any, and their spread. */
    shortage: { probability: number; minutes: Spread };
  } | null;
  training: MlTrainingResult | null;
  serving: MlModelResult[];
  batchInference: {
    queueWaitTargetSeconds: number;
    waitTarget: number;
    /** Minutes each trial judges the pool over. */
    windowMinutes: number;
    /** Jobs per window. */
    jobs: Spread;
    /** Over every job of every trial, seconds. */
    waitSeconds: PooledQuantiles;
    /** Percent of a window's jobs that waited at most the target, per trial. */
    withinTarget: Spread;
    probabilityMeetsTarget: number;
  } | null;
  featureStore: {
    target: number;
    /** Percent of reads served from the cache, per trial. */
    hitRatio: Spread;
    /** Percent of reads within their path's target, per trial. */
    attainment: Spread;
    probabilityMeetsTarget: number;
  } | null;
}

/** The ML section, named 'ml' in the accumulator. */
export const ML_SECTION: SectionKind<MlSection> = {
  name: 'ml',
  create: (shape) => new MlSection(shape),
  fromJSON: (json, shape, path) => MlSection.fromJSON(json, shape, path),
  report: (section, doc, trials) => section.report(doc, trials),
};
