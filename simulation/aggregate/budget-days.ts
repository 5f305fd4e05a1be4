/**
 * One SLO's budget remaining per horizon day, as a histogram and an exact sum
 * of each day's values, laid out for the accumulator's hot path (DESIGN 3.8:
 * integer bin counts, 'budget' binning, sums quantised to 2^-32).
 *
 * add() only touches memory in sequence: a value on [-2.001, 1] costs two
 * multiplies and two roundings; its bin goes to a staging buffer and its
 * quantised value to a per-day pending sum. Every 128 trials (and before
 * anything reads the histograms) the staged bins are counted day by day, so
 * each day's counters are fetched once for 128 trials instead of once per
 * trial: in the engine, whose trials evict the accumulator from the caches,
 * that is most of the cost. (The staging takes 256 bytes a day.)
 *
 * Each day counts its values in a dense window of consecutive bins (32 to
 * 1536, in steps of 32), and the days' windows lie one after another in one
 * shared Uint32Array, with no object per day. A value outside its day's
 * window widens the window (by half at least, up to 1536 bins, all of
 * [-2, 1]); a value farther away goes to the day's overflow Histogram. When
 * the overflow comes to hold most of a day's values the window moves to where
 * they are. Windows that move leave their old counters behind until the array
 * is next compacted to 1.25 times the live windows, so the storage stays
 * within about 1.25 to 2 times what the windows hold. The layout is invisible from outside: the JSON, merging and quantiles
 * depend only on each day's bin counts, exactly as for a Histogram per day.
 *
 * Sums: a value on [-2.001, 1] is quantised to q = round(v x 2^32), |q| < 2^34,
 * and added to a plain per-day double, exact while its magnitude stays below
 * 2^53; these are folded into the ExactSums every 2^18 trials and whenever the
 * sums are read, so the totals are exactly those of ExactSums.add per value.
 * Other values (below -2.001, clamped at BUDGET_FLOOR) go to the ExactSums
 * directly.
 */
import { BUDGET_FLOOR, BUDGET_LINEAR, budgetIndex } from './binning';
import { ExactSums } from './exact-sum';
import { decodeSegments, encodeSegments, Histogram } from './histogram';
import { expectArray } from './json-check';
import { roundHalfUp } from './rounding';

/** Budget fractions are summed to 2^-32, exactly down to -2^20 (below BUDGET_FLOOR they are clamped anyway). */
export const BUDGET_SCALE = 2 ** 32;

const PER_UNIT = BUDGET_LINEAR.perUnit;
const LINEAR_LOW = BUDGET_LINEAR.low;
const LINEAR_HIGH = BUDGET_LINEAR.high;
const ZERO_BIN = BUDGET_LINEAR.zeroBin;
const BINS = BUDGET_LINEAR.bins;
/** Windows are multiples of this many bins (128 bytes). */
const MIN_WIDTH = 32;
const MAX_WIDTH = 1536;
const MAX_COUNT = 0xffffffff;
/** An overflow this large (and twice the size at its last check) is compared with the window. */
const REFIT_MIN = 32;
/** Int32 words per day in `meta`: start - base (where bin 0 would sit), base, end, start. */
const META = 4;
/** Trials between folds of the pending sums: 2^18 x 2^34 keeps them below 2^52. */
const FOLD_EVERY = 2 ** 18;
/** Trials whose bins are staged before they are counted, day by day. */
const STAGE_TRIALS = 128;

type Bins = { bins: number[]; counts: number[] };

/**
 * BudgetDays' histograms as they lie in memory (see toTransfer): the windows' counters, the day table, when each
 * overflow was last checked, and the overflows as Histogram JSON.
 */
export interface BudgetDaysTransfer {
  counts: Uint32Array;
  meta: Int32Array;
  checkedAt: Float64Array;
  overflow: (number[] | null)[];
}

/**
 * Whether typed array `a` spans the whole of an unshared buffer: it can then be kept rather than copied, or its
 * buffer moved to another thread.
 */
export function wholeBuffer(a: ArrayBufferView): boolean {
  return a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
}

function overflowError(): RangeError {
  return new RangeError('histogram: a bin count exceeds 2^32 - 1');
}

/** A window width of at least `span` bins (plus `slack` of it when there is room), in steps of MIN_WIDTH up to MAX_WIDTH. */
function widthFor(span: number, slack = 0): number {
  const width = Math.ceil((span * (1 + slack)) / MIN_WIDTH) * MIN_WIDTH;
  return width < MIN_WIDTH ? MIN_WIDTH : width > MAX_WIDTH ? MAX_WIDTH : width;
}

/** The window (base and width) holding the most of the ascending bins, with a quarter to spare. */
function bestWindow({ bins, counts }: Bins): [number, number] {
  let best = -1;
  let from = 0;
  let to = 0;
  let sum = 0;
  for (let i = 0, j = 0; i < bins.length; i++) {
    while (j < bins.length && bins[j] - bins[i] < MAX_WIDTH) sum += counts[j++];
    if (sum > best) [best, from, to] = [sum, i, j];
    sum -= counts[i];
  }
  const span = bins[to - 1] - bins[from] + 1;
  const width = widthFor(span, 0.25);
  return [clampBase(bins[from] - ((width - span) >> 1), width), width];
}

function clampBase(base: number, width: number): number {
  return base < 0 ? 0 : base > BINS - width ? BINS - width : base;
}

export class BudgetDays {
  readonly days: number;
  /** Every day's window of counters; a day's bin b sits at meta[4d] + b. */
  private counts = new Uint32Array(0);
  /** Counters of `counts` handed out to windows, live or left behind. */
  private used = 0;
  private readonly meta: Int32Array;
  /** Per day, the counts of bins outside its window (null when none). */
  private readonly overflow: Array<Histogram | null>;
  /** Per day, the overflow count when it was last compared with the window. */
  private readonly checkedAt: Float64Array;
  /** Per day, quantised values not yet folded into `exact` (integers below 2^52 in magnitude). */
  private readonly pending: Float64Array;
  /** Calls of add() since `pending` was last folded. */
  private pendingTrials = 0;
  private readonly exact: ExactSums;
  /** The bins of the last `stagedTrials` trials, trial by trial, not yet counted (allocated on the first add). */
  private staged: Uint16Array | null = null;
  private stagedTrials = 0;

  constructor(days: number) {
    if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`BudgetDays: days must be a non-negative integer, got ${days}`);
    this.days = days;
    this.meta = new Int32Array(days * META);
    this.overflow = new Array<Histogram | null>(days).fill(null);
    this.checkedAt = new Float64Array(days);
    this.pending = new Float64Array(days);
    this.exact = new ExactSums(days, BUDGET_SCALE);
  }

  /** The exact sums of each day's values (budgets below BUDGET_FLOOR counted as BUDGET_FLOOR). */
  get sums(): ExactSums {
    this.fold();
    return this.exact;
  }

  /**
   * Adds values[d], a budget fraction, to day d's histogram and sum for every
   * day; budgets below BUDGET_FLOOR count as BUDGET_FLOOR, above 1 as 1 in the
   * histogram, and NaN throws.
   */
  add(values: ArrayLike<number>): void {
    const days = this.days;
    if (values.length !== days) throw new RangeError(`BudgetDays.add: got ${values.length} values for ${days} days`);
    if (this.pendingTrials === FOLD_EVERY) this.fold();
    this.pendingTrials++;
    const pending = this.pending;
    const staged = (this.staged ??= new Uint16Array(STAGE_TRIALS * days));
    const at = this.stagedTrials * days;
    for (let d = 0; d < days; d++) {
      const v = values[d];
      const j = roundHalfUp(v * PER_UNIT);
      if (j >= LINEAR_LOW && j <= LINEAR_HIGH) {
        pending[d] += roundHalfUp(v * BUDGET_SCALE);
        staged[at + d] = j + ZERO_BIN;
      } else {
        this.exact.add(d, v < BUDGET_FLOOR ? BUDGET_FLOOR : v);
        staged[at + d] = budgetIndex(v);
      }
    }
    if (++this.stagedTrials === STAGE_TRIALS) this.countStaged();
  }

  /**
   * Adds another SLO's day histograms and sums, day by day. Where the two windows together span at most
   * MAX_WIDTH bins, this day's window first grows to hold the other's; the other's counts (and its overflow's)
   * are then counted as add() would, in place where they fall inside.
   */
  merge(other: BudgetDays): void {
    if (other.days !== this.days) throw new Error(`BudgetDays.merge: ${other.days} days into ${this.days}`);
    this.sums.merge(other.sums);
    this.countStaged();
    other.countStaged();
    const meta = this.meta;
    for (let d = 0, m = 0; d < this.days; d++, m += META) {
      const oBase = other.meta[m + 1];
      const oEnd = other.meta[m + 2];
      if (oEnd === oBase) continue;
      const base = meta[m + 1];
      const end = meta[m + 2];
      if (end === base) {
        this.write(d, { bins: [], counts: [] }, oBase, oEnd - oBase);
      } else if (oBase < base || oEnd > end) {
        const lo = oBase < base ? oBase : base;
        const hi = oEnd > end ? oEnd : end;
        if (hi - lo <= MAX_WIDTH) {
          // With a quarter to spare, as bestWindow leaves, so that the next values just outside do not grow it again.
          const width = widthFor(hi - lo, 0.25);
          this.grow(d, clampBase(lo - ((width - (hi - lo)) >> 1), width), width);
        }
      }
      const from = other.meta[m];
      for (let bin = oBase; bin < oEnd; bin++) {
        const c = other.counts[from + bin];
        if (c !== 0) this.place(d, bin, c);
      }
      other.overflow[d]?.forEachBin((bin, c) => this.place(d, bin, c));
    }
  }

  /** Visits day d's non-empty bins in ascending order. */
  forEachBin(d: number, fn: (bin: number, count: number) => void): void {
    this.checkDay(d);
    this.countStaged();
    this.visitBins(d, fn);
  }

  /** Visits day d's counted bins in ascending order. */
  private visitBins(d: number, fn: (bin: number, count: number) => void): void {
    const m = d * META;
    const base = this.meta[m + 1];
    const end = this.meta[m + 2];
    const at = this.meta[m];
    const counts = this.counts;
    let denseDone = false;
    const dense = (): void => {
      for (let bin = base; bin < end; bin++) if (counts[at + bin] !== 0) fn(bin, counts[at + bin]);
      denseDone = true;
    };
    this.overflow[d]?.forEachBin((bin, c) => {
      if (!denseDone && bin >= end) dense();
      fn(bin, c);
    });
    if (!denseDone) dense();
  }

  /** Day d's budgets as a standalone 'budget' Histogram. */
  histogram(d: number): Histogram {
    this.checkDay(d);
    this.countStaged();
    const all = this.gather(d);
    return Histogram.fromBins('budget', all.bins, all.counts);
  }

  /** Bytes of typed storage: the windows (with what moved windows left behind), the day tables, the staging, the overflows and the sums. */
  get storageBytes(): number {
    let bytes = this.counts.byteLength + this.meta.byteLength + this.checkedAt.byteLength + this.pending.byteLength + 16 * this.days;
    bytes += this.staged === null ? 0 : this.staged.byteLength;
    for (const h of this.overflow) if (h !== null) bytes += h.storageBytes;
    return bytes;
  }

  /** Day by day, the segments Histogram.toJSON gives for that day's counts (the sums are written on their own, from `sums`). */
  toJSON(): number[][] {
    this.countStaged();
    const out = new Array<number[]>(this.days);
    for (let d = 0; d < this.days; d++) out[d] = encodeSegments((visit) => this.visitBins(d, visit));
    return out;
  }

  /**
   * The histograms as they lie in memory (sums left out, as in toJSON), for handing them to another thread: a
   * structured clone copies typed arrays as blocks of memory, where toJSON's segments are numbers copied one by
   * one, encoded first and decoded after. Not for files: fromJSON takes it, but JSON does not keep typed arrays.
   */
  toTransfer(): BudgetDaysTransfer {
    this.countStaged();
    return {
      counts: this.counts.slice(0, this.used),
      meta: this.meta.slice(),
      checkedAt: this.checkedAt.slice(),
      overflow: this.overflow.map((h) => (h === null ? null : h.toJSON())),
    };
  }

  /**
   * Rebuilds the histograms from `toJSON()` or `toTransfer()` output (sums zero); throws an Error naming the path
   * of what is malformed.
   */
  static fromJSON(json: unknown, days: number, path: string): BudgetDays {
    if (json !== null && typeof json === 'object' && !Array.isArray(json)) return BudgetDays.fromTransfer(json as Partial<BudgetDaysTransfer>, days, path);
    const items = expectArray(json, path, days);
    const out = new BudgetDays(days);
    const decoded = new Array<Bins | null>(days).fill(null);
    const windows = new Int32Array(2 * days);
    let live = 0;
    for (let d = 0; d < days; d++) {
      const all = decodeSegments(items[d], BINS, `${path}[${d}]`);
      if (all.bins.length === 0) continue;
      decoded[d] = all;
      [windows[2 * d], windows[2 * d + 1]] = bestWindow(all);
      live += windows[2 * d + 1];
    }
    // Storage for every window at once, sized as compact would size it, so that no window's write compacts.
    out.counts = new Uint32Array(Math.max(Math.ceil(1.25 * live), days * MIN_WIDTH));
    for (let d = 0; d < days; d++) {
      const all = decoded[d];
      if (all !== null) out.write(d, all, windows[2 * d], windows[2 * d + 1]);
    }
    return out;
  }

  /**
   * Takes over toTransfer()'s counters (a whole buffer is kept as it is, not copied: the transfer must not be
   * used again), after checking that every day's window lies within them.
   */
  private static fromTransfer(t: Partial<BudgetDaysTransfer>, days: number, path: string): BudgetDays {
    const { counts, meta, checkedAt, overflow } = t;
    if (!(counts instanceof Uint32Array && meta instanceof Int32Array && meta.length === days * META && checkedAt instanceof Float64Array && checkedAt.length === days)) {
      throw new Error(`${path}: expected histogram segments, or the counters, day table and checks of ${days} days`);
    }
    const items = expectArray(overflow, `${path}.overflow`, days);
    const out = new BudgetDays(days);
    for (let d = 0, m = 0; d < days; d++, m += META) {
      const base = meta[m + 1];
      const width = meta[m + 2] - base;
      const start = meta[m + 3];
      if (!(width >= 0 && width <= MAX_WIDTH && base >= 0 && base + width <= BINS && start >= 0 && start + width <= counts.length && meta[m] === start - base)) {
        throw new Error(`${path}.meta: day ${d}'s window lies outside its counters`);
      }
      const o = items[d];
      if (o !== null) {
        const all = decodeSegments(o, BINS, `${path}.overflow[${d}]`);
        out.overflow[d] = Histogram.fromBins('budget', all.bins, all.counts);
      }
    }
    out.counts = wholeBuffer(counts) ? (counts as Uint32Array<ArrayBuffer>) : new Uint32Array(counts);
    out.used = counts.length;
    out.meta.set(meta);
    out.checkedAt.set(checkedAt);
    return out;
  }

  /**
   * Counts the staged trials' bins, day by day: a day's window is visited
   * once for all of them, while its cache lines are warm.
   */
  private countStaged(): void {
    const n = this.stagedTrials;
    if (n === 0) return;
    this.stagedTrials = 0;
    const days = this.days;
    const staged = this.staged as Uint16Array;
    const meta = this.meta;
    let counts = this.counts;
    for (let d = 0, m = 0; d < days; d++, m += META) {
      let at = meta[m];
      let base = meta[m + 1];
      let end = meta[m + 2];
      for (let k = d; k < n * days; k += days) {
        const bin = staged[k];
        if (bin >= base && bin < end) {
          counts[at + bin]++;
        } else {
          this.place(d, bin, 1);
          counts = this.counts;
          at = meta[m];
          base = meta[m + 1];
          end = meta[m + 2];
        }
      }
    }
  }

  /** Moves the pending sums into the exact ones. */
  private fold(): void {
    const pending = this.pending;
    for (let d = 0; d < this.days; d++) {
      if (pending[d] !== 0) this.exact.addQuantised(d, pending[d]);
      pending[d] = 0;
    }
    this.pendingTrials = 0;
  }

  private checkDay(d: number): void {
    if (!(Number.isInteger(d) && d >= 0 && d < this.days)) throw new RangeError(`BudgetDays: day ${d} is not in [0, ${this.days})`);
  }

  /** Counts c values in day d's bin, widening or moving the day's window or using its overflow when the bin lies outside. */
  private place(d: number, bin: number, c: number): void {
    const m = d * META;
    const base = this.meta[m + 1];
    const end = this.meta[m + 2];
    if (bin >= base && bin < end) {
      // Inside after all (a budget above 1, clamped to the top bin).
    } else if (end === base) {
      this.write(d, { bins: [], counts: [] }, clampBase(bin - MIN_WIDTH / 2, MIN_WIDTH), MIN_WIDTH);
    } else {
      const lo = bin < base ? bin : base;
      const hi = bin < end ? end : bin + 1;
      if (hi - lo > MAX_WIDTH) {
        this.addToOverflow(d, bin, c);
        return;
      }
      const width = widthFor(Math.max(hi - lo, 1.5 * (end - base)));
      this.grow(d, clampBase(bin < base ? end - width : base, width), width);
    }
    const at = this.meta[m] + bin;
    if (this.counts[at] + c > MAX_COUNT) throw overflowError();
    this.counts[at] += c;
  }

  private addToOverflow(d: number, bin: number, c: number): void {
    const h = (this.overflow[d] ??= new Histogram('budget'));
    h.addToBin(bin, c);
    const o = h.count;
    if (o < REFIT_MIN || o < 2 * this.checkedAt[d]) return;
    this.checkedAt[d] = o;
    const m = d * META;
    let inWindow = 0;
    for (let at = this.meta[m + 3], end = at + this.meta[m + 2] - this.meta[m + 1]; at < end; at++) inWindow += this.counts[at];
    if (o > inWindow) {
      const all = this.gather(d);
      this.write(d, all, ...bestWindow(all));
    }
  }

  /** Moves day d's window to [base, base + width), which contains it, taking in the overflow's bins that now fall inside. */
  private grow(d: number, base: number, width: number): void {
    const start = this.allocate(width);
    const m = d * META;
    const meta = this.meta;
    const counts = this.counts;
    counts.copyWithin(start + meta[m + 1] - base, meta[m + 3], meta[m + 3] + meta[m + 2] - meta[m + 1]);
    meta[m] = start - base;
    meta[m + 1] = base;
    meta[m + 2] = base + width;
    meta[m + 3] = start;
    const old = this.overflow[d];
    if (old === null) return;
    let rest: Histogram | null = null;
    old.forEachBin((bin, c) => {
      if (bin >= base && bin < base + width) counts[start + bin - base] = c;
      else (rest ??= new Histogram('budget')).addToBin(bin, c);
    });
    this.overflow[d] = rest;
  }

  /** Day d's non-empty bins, ascending. */
  private gather(d: number): Bins {
    const out: Bins = { bins: [], counts: [] };
    this.visitBins(d, (bin, c) => {
      out.bins.push(bin);
      out.counts.push(c);
    });
    return out;
  }

  /** Gives day d a fresh window [base, base + width) holding `all`'s bins inside it, and an overflow holding the rest. */
  private write(d: number, all: Bins, base: number, width: number): void {
    const start = this.allocate(width);
    const counts = this.counts;
    const rest: Bins = { bins: [], counts: [] };
    for (let i = 0; i < all.bins.length; i++) {
      const bin = all.bins[i];
      if (bin >= base && bin < base + width) {
        counts[start + bin - base] = all.counts[i];
      } else {
        rest.bins.push(bin);
        rest.counts.push(all.counts[i]);
      }
    }
    this.overflow[d] = rest.bins.length === 0 ? null : Histogram.fromBins('budget', rest.bins, rest.counts);
    const m = d * META;
    this.meta[m] = start - base;
    this.meta[m + 1] = base;
    this.meta[m + 2] = base + width;
    this.meta[m + 3] = start;
  }

  /** The start of `width` fresh zeroed counters at the end of `counts`. */
  private allocate(width: number): number {
    if (this.used + width > this.counts.length) this.compact(width);
    const start = this.used;
    this.used += width;
    return start;
  }

  /** Copies the live windows, in day order, into a new array 1.25 times as large as they and `extra` more need. */
  private compact(extra: number): void {
    const meta = this.meta;
    let live = 0;
    for (let m = 0; m < meta.length; m += META) live += meta[m + 2] - meta[m + 1];
    const next = new Uint32Array(Math.max(Math.ceil(1.25 * (live + extra)), this.days * MIN_WIDTH));
    let at = 0;
    for (let m = 0; m < meta.length; m += META) {
      const width = meta[m + 2] - meta[m + 1];
      if (width === 0) continue;
      next.set(this.counts.subarray(meta[m + 3], meta[m + 3] + width), at);
      meta[m] = at - meta[m + 1];
      meta[m + 3] = at;
      at += width;
    }
    this.counts = next;
    this.used = at;
  }
}
