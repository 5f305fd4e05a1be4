/**
 * Value <-> bin maps for the three histogram kinds of DESIGN 3.8. Bin indices
 * are 0-based, dense and increase with the value; every value in a bin is
 * within the kind's accuracy of the bin's representative.
 *
 * - 'badFraction': x = (100 - SLI) / 100 in [0, 1]. Bin 0 holds exactly 0;
 *   x in (0, 1] is log-binned to 0.1 % relative accuracy. Values below 2^-40
 *   (about 9.1e-13) share the smallest positive bin; values outside [0, 1]
 *   are clamped.
 * - 'budget': a budget fraction, clamped to [-1e6, 1]. On [-2.001, 1] bins are
 *   0.002 wide and centred on multiples of 0.002 (absolute accuracy 0.001, so
 *   1 and 0 are represented exactly); below -2.001, 0.1 % relative.
 * - 'relative': a non-negative quantity. Bin 0 holds exactly 0; (0, 2^40] is
 *   log-binned to 0.1 % relative accuracy; values below 2^-30 (about 9.3e-10)
 *   share the smallest positive bin, values above 2^40 (about 1.1e12) the
 *   largest, negative values count as 0.
 */

import { roundHalfUp } from './rounding';

export type HistogramKind = 'badFraction' | 'budget' | 'relative';

export interface Binning {
  readonly kind: HistogramKind;
  /** Number of bins. */
  readonly bins: number;
  /** The bin holding v (after clamping); throws on NaN. */
  index(v: number): number;
  /** The bin's representative value. */
  value(bin: number): number;
}

/** Relative accuracy of every log-spaced bin. */
export const RELATIVE_ACCURACY = 0.001;
/** Absolute accuracy of the linear budget bins on [-2, 1]. */
export const BUDGET_ACCURACY = 0.001;
/** Budgets below this are counted as this. */
export const BUDGET_FLOOR = -1e6;

const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);

/** k such that v lies in (gamma^(k-1), gamma^k]. */
function logIndex(v: number): number {
  return Math.ceil(Math.log(v) / LN_GAMMA);
}

/** The point of (gamma^(k-1), gamma^k] at relative distance RELATIVE_ACCURACY from both ends. */
function logValue(k: number): number {
  return (2 * Math.exp(k * LN_GAMMA)) / (GAMMA + 1);
}

function nanError(kind: HistogramKind): RangeError {
  return new RangeError(`histogram '${kind}': cannot add NaN`);
}

const BAD_MIN = 2 ** -40;
const BAD_K_MIN = logIndex(BAD_MIN);
const BAD_BINS = logIndex(1) - BAD_K_MIN + 2;

const RELATIVE_MIN = 2 ** -30;
const RELATIVE_MAX = 2 ** 40;
const RELATIVE_K_MIN = logIndex(RELATIVE_MIN);
const RELATIVE_BINS = logIndex(RELATIVE_MAX) - RELATIVE_K_MIN + 2;

const LINEAR_PER_UNIT = 500;
const LINEAR_LOW = -1000; // -2 x LINEAR_PER_UNIT
const LINEAR_HIGH = 500; // 1 x LINEAR_PER_UNIT
const LOG_EDGE = 2.001;
const BUDGET_K_LO = logIndex(LOG_EDGE);
const BUDGET_K_HI = logIndex(-BUDGET_FLOOR);
const BUDGET_LOG_BINS = BUDGET_K_HI - BUDGET_K_LO + 1;
const BUDGET_BINS = BUDGET_LOG_BINS + LINEAR_HIGH - LINEAR_LOW + 1;

/**
 * The linear part of the budget binning, for callers that bin budgets inline:
 * for j = roundHalfUp(b x perUnit) with low <= j <= high, budgetIndex(b) is
 * j + zeroBin; any other j needs budgetIndex itself.
 */
export const BUDGET_LINEAR = {
  perUnit: LINEAR_PER_UNIT,
  low: LINEAR_LOW,
  high: LINEAR_HIGH,
  zeroBin: BUDGET_LOG_BINS - LINEAR_LOW,
  bins: BUDGET_BINS,
} as const;

/** The 'badFraction' bin of x. */
export function badFractionIndex(x: number): number {
  if (x > 0) {
    if (x <= BAD_MIN) return 1;
    if (x >= 1) return BAD_BINS - 1;
    return logIndex(x) - BAD_K_MIN + 1;
  }
  if (x !== x) throw nanError('badFraction');
  return 0;
}

/** The 'relative' bin of v. */
export function relativeIndex(v: number): number {
  if (v > 0) {
    if (v <= RELATIVE_MIN) return 1;
    if (v >= RELATIVE_MAX) return RELATIVE_BINS - 1;
    return logIndex(v) - RELATIVE_K_MIN + 1;
  }
  if (v !== v) throw nanError('relative');
  return 0;
}

/** The 'budget' bin of b: linear on [-2.001, 1], log below, most negative first. */
export function budgetIndex(b: number): number {
  const j = roundHalfUp(b * LINEAR_PER_UNIT);
  if (j >= LINEAR_LOW) return BUDGET_LOG_BINS + (j > LINEAR_HIGH ? LINEAR_HIGH : j) - LINEAR_LOW;
  if (b >= BUDGET_FLOOR) {
    const bin = BUDGET_K_HI - logIndex(-b);
    return bin < BUDGET_LOG_BINS ? bin : BUDGET_LOG_BINS - 1;
  }
  if (b !== b) throw nanError('budget');
  return 0;
}

function budgetValue(bin: number): number {
  if (bin >= BUDGET_LOG_BINS) return (bin - BUDGET_LOG_BINS + LINEAR_LOW) / LINEAR_PER_UNIT;
  const k = BUDGET_K_HI - bin;
  if (k > BUDGET_K_LO) return -logValue(k);
  // The last log bin is cut at LOG_EDGE: take the point equidistant in relative terms from its ends.
  const lo = Math.max(Math.exp((k - 1) * LN_GAMMA), LOG_EDGE);
  const hi = Math.exp(k * LN_GAMMA);
  return -(2 * lo * hi) / (lo + hi);
}

const BINNINGS: Record<HistogramKind, Binning> = {
  badFraction: { kind: 'badFraction', bins: BAD_BINS, index: badFractionIndex, value: (bin) => (bin === 0 ? 0 : logValue(bin - 1 + BAD_K_MIN)) },
  budget: { kind: 'budget', bins: BUDGET_BINS, index: budgetIndex, value: budgetValue },
  relative: { kind: 'relative', bins: RELATIVE_BINS, index: relativeIndex, value: (bin) => (bin === 0 ? 0 : logValue(bin - 1 + RELATIVE_K_MIN)) },
};

/** The shared binning of a histogram kind. */
export function binningOf(kind: HistogramKind): Binning {
  if (!Object.hasOwn(BINNINGS, kind)) throw new Error(`unknown histogram kind '${String(kind)}'`);
  return BINNINGS[kind];
}
