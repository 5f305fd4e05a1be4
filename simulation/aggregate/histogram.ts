/**
 * Mergeable integer histograms with deterministic quantiles (DESIGN 3.8).
 *
 * Bins (see binning.ts) are grouped in pages of 64 Uint32 counters, allocated
 * on first use, all in one typed array per histogram. While a single page is
 * in use the array is just that page; from the second page on, its head is a
 * directory of 16-bit entries (page -> 1 + slot, 0 when absent; 252 bytes for
 * 'budget'), followed by the pages in order of first use. So an empty
 * histogram holds no array at all (about 100 bytes in V8) and one whose values
 * share 64 bins about 550 bytes. Once a value's page exists, add() is O(1)
 * and allocates nothing. Counts are at most 2^32 - 1 per bin (merge and
 * fromJSON throw beyond; a run has at most 1e7 trials).
 *
 * Quantile: the p-quantile is the representative of the bin holding the
 * element of rank r = max(1, ceil(p n)) of the n values in ascending order, so
 * the smallest representative v with CDF(v) >= p (ceil taken with a 1e-12
 * relative tolerance, so that 0.07 x 100 is rank 7). It is within the kind's
 * accuracy of the exact order statistic.
 */
import { badFractionIndex, binningOf, budgetIndex, relativeIndex, type Binning, type HistogramKind } from './binning';

const PAGE_BITS = 6;
const PAGE_MASK = 63;
const PAGE_SIZE = 64;
const MAX_COUNT = 0xffffffff;
const BUDGET = 0;
const BAD_FRACTION = 1;
const RELATIVE = 2;
/** In JSON, runs of non-empty bins separated by at most this many empty bins share one segment. */
const JSON_GAP = 3;

/** The 1-based rank of the p-quantile among n values. */
export function quantileRank(p: number, n: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  const r = Math.ceil(p * n * (1 - 1e-12));
  return r < 1 ? 1 : r;
}

/**
 * The JSON segments of the non-empty bins that `forEach` visits in ascending
 * order: [start, length, count x length, ...], a run of at most a few empty
 * bins staying inside its segment as zeros.
 */
export function encodeSegments(forEach: (visit: (bin: number, count: number) => void) => void): number[] {
  const out: number[] = [];
  let start = -1;
  let prev = -1;
  let lengthAt = -1;
  forEach((bin, c) => {
    if (start >= 0 && bin - prev <= JSON_GAP + 1) {
      for (let z = prev + 1; z < bin; z++) out.push(0);
    } else {
      if (start >= 0) out[lengthAt] = prev - start + 1;
      start = bin;
      out.push(bin);
      lengthAt = out.length;
      out.push(0);
    }
    out.push(c);
    prev = bin;
  });
  if (start >= 0) out[lengthAt] = prev - start + 1;
  return out;
}

/**
 * The non-empty bins of `toJSON()` segments, ascending, with their counts
 * (every bin below `binCount`, every count an integer in [1, 2^32 - 1]);
 * throws an Error naming `path` when malformed.
 */
export function decodeSegments(json: unknown, binCount: number, path: string): { bins: number[]; counts: number[] } {
  if (!Array.isArray(json)) throw new Error(`${path}: expected an array of histogram segments`);
  const bins: number[] = [];
  const counts: number[] = [];
  let i = 0;
  let end = 0;
  while (i < json.length) {
    const start: unknown = json[i];
    const length: unknown = json[i + 1];
    if (!Number.isInteger(start) || !Number.isInteger(length)) throw new Error(`${path}[${i}]: expected a segment start and length`);
    const s = start as number;
    const len = length as number;
    if (s < end || len < 1 || s + len > binCount || i + 2 + len > json.length) {
      throw new Error(`${path}[${i}]: segment [${s}, ${s + len}) is out of order or out of range`);
    }
    for (let k = 0; k < len; k++) {
      const c: unknown = json[i + 2 + k];
      if (!(Number.isInteger(c) && (c as number) >= 0 && (c as number) <= MAX_COUNT)) throw new Error(`${path}[${i + 2 + k}]: expected a bin count`);
      if ((c as number) > 0) {
        bins.push(s + k);
        counts.push(c as number);
      }
    }
    end = s + len;
    i += 2 + len;
  }
  return { bins, counts };
}

export class Histogram {
  readonly kind: HistogramKind;
  private readonly binning: Binning;
  /** The kind as a small integer, so add() calls its bin function directly. */
  private readonly code: number;
  /** Directory words (2 entries each) at the head of `store`; 0 while one page is in use. */
  private dirWords = 0;
  /** Pages held in `store`. */
  private used = 0;
  private store: Uint32Array | null = null;
  /** The first page given counters (the whole store while it is the only one); -1 while empty. */
  private firstPage = -1;
  private n = 0;

  constructor(kind: HistogramKind) {
    this.kind = kind;
    this.binning = binningOf(kind);
    this.code = kind === 'budget' ? BUDGET : kind === 'badFraction' ? BAD_FRACTION : RELATIVE;
  }

  /** Number of values added. */
  get count(): number {
    return this.n;
  }

  /** Number of 64-bin pages holding counters. */
  get pages(): number {
    return this.used;
  }

  /** Bytes of typed storage: the directory and the counter pages, with growth slack. */
  get storageBytes(): number {
    return this.store === null ? 0 : this.store.byteLength;
  }

  /** Counts one value (clamped to the kind's range; NaN throws). */
  add(v: number): void {
    const code = this.code;
    const bin = code === BUDGET ? budgetIndex(v) : code === BAD_FRACTION ? badFractionIndex(v) : relativeIndex(v);
    const store = this.store;
    if (store !== null) {
      const page = bin >> PAGE_BITS;
      const dirWords = this.dirWords;
      if (dirWords !== 0) {
        const entry = (store[page >> 1] >>> ((page & 1) << 4)) & 0xffff;
        if (entry !== 0) {
          store[dirWords + ((entry - 1) << PAGE_BITS) + (bin & PAGE_MASK)]++;
          this.n++;
          return;
        }
      } else if (page === this.firstPage) {
        store[bin & PAGE_MASK]++;
        this.n++;
        return;
      }
    }
    this.addToBin(bin, 1);
  }

  /** Adds another histogram of the same kind into this one. */
  merge(other: Histogram): void {
    if (other.kind !== this.kind) throw new Error(`histogram merge: kind '${other.kind}' into '${this.kind}'`);
    // Page by page: each of the other's pages is added, counter by counter, into this one's page (given one first).
    const from = other.store;
    if (from === null) return;
    const pages = Math.ceil(this.binning.bins / PAGE_SIZE);
    for (let page = 0; page < pages; page++) {
      const src = other.find(page);
      if (src < 0) continue;
      const dst = this.baseOf(page);
      const store = this.store as Uint32Array;
      for (let j = 0; j < PAGE_SIZE; j++) {
        const c = from[src + j];
        if (c === 0) continue;
        if (store[dst + j] + c > MAX_COUNT) throw new RangeError('histogram: a bin count exceeds 2^32 - 1');
        store[dst + j] += c;
        this.n += c;
      }
    }
  }

  /** The p-quantile (see the file comment); NaN when empty. */
  quantile(p: number): number {
    return this.quantiles([p])[0];
  }

  /** Several p-quantiles in one pass, in the order of `ps`. */
  quantiles(ps: readonly number[]): number[] {
    return this.valuesAtRanks(ps.map((p) => quantileRank(p, this.n)));
  }

  /**
   * Quantiles counted from the top: for each p, the largest representative v
   * with P(X >= v) >= p. For a bad fraction x = 1 - SLI/100, the SLI's
   * p-quantile is 100 (1 - x's p-quantile from the top).
   */
  quantilesFromTop(ps: readonly number[]): number[] {
    return this.valuesAtRanks(ps.map((p) => this.n - quantileRank(p, this.n) + 1));
  }

  /** The representative of the bin holding each 1-based rank (ranks in any order); NaN when empty. */
  valuesAtRanks(ranks: readonly number[]): number[] {
    const out = ranks.map(() => NaN);
    const order = ranks.map((_, i) => i).sort((i, j) => ranks[i] - ranks[j]);
    let next = 0;
    let cumulative = 0;
    this.forEachBin((bin, c) => {
      cumulative += c;
      while (next < order.length && ranks[order[next]] <= cumulative) {
        out[order[next]] = this.binning.value(bin);
        next++;
      }
    });
    return out;
  }

  /** The non-empty bins in ascending order, as [representative, count]. */
  entries(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    this.forEachBin((bin, c) => out.push([this.binning.value(bin), c]));
    return out;
  }

  /**
   * Non-empty bins as flat segments [start, length, count x length, ...],
   * ascending; empty runs longer than a few bins split segments.
   */
  toJSON(): number[] {
    return encodeSegments((visit) => this.forEachBin(visit));
  }

  /** Rebuilds a histogram from `toJSON()` output; throws an Error naming `path` when malformed. */
  static fromJSON(kind: HistogramKind, json: unknown, path = 'histogram'): Histogram {
    const { bins, counts } = decodeSegments(json, binningOf(kind).bins, path);
    return Histogram.fromBins(kind, bins, counts);
  }

  /** A histogram of the given ascending, distinct bins and their counts (each in [0, 2^32 - 1]), its storage allocated once. */
  static fromBins(kind: HistogramKind, bins: ArrayLike<number>, counts: ArrayLike<number>): Histogram {
    const h = new Histogram(kind);
    let pages = 0;
    for (let i = 0, last = -1; i < bins.length; i++) {
      const bin = bins[i];
      if (!(Number.isInteger(bin) && bin > (i === 0 ? -1 : bins[i - 1]) && bin < h.binning.bins)) throw new RangeError(`histogram: bins must ascend within [0, ${h.binning.bins})`);
      if (bin >> PAGE_BITS !== last) pages++;
      last = bin >> PAGE_BITS;
    }
    if (pages === 0) return h;
    const dirWords = pages === 1 ? 0 : Math.ceil(h.binning.bins / PAGE_SIZE / 2);
    h.store = new Uint32Array(dirWords + pages * PAGE_SIZE);
    h.dirWords = dirWords;
    h.firstPage = bins[0] >> PAGE_BITS;
    for (let i = 0, last = -1; i < bins.length; i++) {
      const page = bins[i] >> PAGE_BITS;
      if (page !== last) {
        h.used++;
        if (dirWords !== 0) h.setEntry(page, h.used);
        last = page;
      }
      const c = counts[i];
      if (!(Number.isInteger(c) && c >= 0 && c <= MAX_COUNT)) throw new RangeError('histogram: a bin count must be an integer in [0, 2^32 - 1]');
      h.store[dirWords + ((h.used - 1) << PAGE_BITS) + (bins[i] & PAGE_MASK)] = c;
      h.n += c;
    }
    return h;
  }

  /** Adds c to one bin (0 <= bin < bins); throws when the bin's count would exceed 2^32 - 1. */
  addToBin(bin: number, c: number): void {
    const at = this.baseOf(bin >> PAGE_BITS) + (bin & PAGE_MASK);
    const store = this.store as Uint32Array;
    if (store[at] + c > MAX_COUNT) throw new RangeError('histogram: a bin count exceeds 2^32 - 1');
    store[at] += c;
    this.n += c;
  }

  /** Visits the non-empty bins in ascending order. */
  forEachBin(fn: (bin: number, count: number) => void): void {
    const store = this.store;
    if (store === null) return;
    const pages = Math.ceil(this.binning.bins / PAGE_SIZE);
    for (let page = 0; page < pages; page++) {
      const base = this.find(page);
      if (base < 0) continue;
      for (let j = 0; j < PAGE_SIZE; j++) {
        if (store[base + j] !== 0) fn((page << PAGE_BITS) | j, store[base + j]);
      }
    }
  }

  /** The offset of a page's counters in `store`, or -1 when the page holds none. */
  private find(page: number): number {
    const store = this.store;
    if (store === null) return -1;
    if (this.dirWords === 0) return page === this.firstPage ? 0 : -1;
    const entry = (store[page >> 1] >>> ((page & 1) << 4)) & 0xffff;
    return entry === 0 ? -1 : this.dirWords + ((entry - 1) << PAGE_BITS);
  }

  /** The offset of a page's counters, giving the page 64 zeroed counters on first use. */
  private baseOf(page: number): number {
    const base = this.find(page);
    return base >= 0 ? base : this.allocate(page);
  }

  private allocate(page: number): number {
    const store = this.store;
    if (store === null) {
      this.store = new Uint32Array(PAGE_SIZE);
      this.firstPage = page;
      this.used = 1;
      return 0;
    }
    if (this.dirWords === 0) {
      // Second page: move the first page behind a directory.
      const dirWords = Math.ceil(this.binning.bins / PAGE_SIZE / 2);
      const grown = new Uint32Array(dirWords + 2 * PAGE_SIZE);
      grown.set(store, dirWords);
      this.store = grown;
      this.dirWords = dirWords;
      this.setEntry(this.firstPage, 1);
    } else if (this.dirWords + ((this.used + 1) << PAGE_BITS) > store.length) {
      const capacity = this.used + 1 + (this.used >> 2);
      const grown = new Uint32Array(this.dirWords + (capacity << PAGE_BITS));
      grown.set(store);
      this.store = grown;
    }
    this.used++;
    this.setEntry(page, this.used);
    return this.dirWords + ((this.used - 1) << PAGE_BITS);
  }

  private setEntry(page: number, entry: number): void {
    const store = this.store as Uint32Array;
    const shift = (page & 1) << 4;
    store[page >> 1] = (store[page >> 1] & ~(0xffff << shift)) | (entry << shift);
  }
}
