/**
 * How a service's availability deviated from its baseline in one trial, as
 * intervals with a constant ratio keep / baseline keep (keep = 1 - bad fraction).
 * Its dependents read these instead of step-by-step arrays.
 */
export class DeviationList {
  count = 0;
  start: number[] = [];
  end: number[] = [];
  /** Constant keep ratio of the interval, or NaN when it varies by step: then see `stepRatio`. */
  ratio: number[] = [];
  /** Per-step keep ratios of the stretches evaluated step by step (1 elsewhere). */
  readonly stepRatio: Float64Array;
  /** Step ranges [k0, k1) written into stepRatio this trial, flattened. */
  private readonly written: number[] = [];

  constructor(steps: number) {
    this.stepRatio = new Float64Array(steps).fill(1);
  }

  /** Forgets the previous trial's deviations. */
  clear(): void {
    const w = this.written;
    for (let i = 0; i < w.length; i += 2) this.stepRatio.fill(1, w[i], w[i + 1]);
    w.length = 0;
    this.count = 0;
  }

  /** Records that steps [k0, k1) carry step-varying ratios in stepRatio (the caller lowers them there). */
  markSteps(k0: number, k1: number, t0: number, step: number): void {
    const wr = this.written;
    const n = wr.length;
    if (n > 0 && wr[n - 1] >= k0) wr[n - 1] = Math.max(wr[n - 1], k1);
    else wr.push(k0, k1);
    const start = t0 + k0 * step;
    const end = t0 + k1 * step;
    const c = this.count;
    if (c > 0 && Number.isNaN(this.ratio[c - 1]) && this.end[c - 1] >= start) {
      if (this.end[c - 1] < end) this.end[c - 1] = end;
      return;
    }
    this.start[c] = start;
    this.end[c] = end;
    this.ratio[c] = NaN;
    this.count = c + 1;
  }

  /** Appends [start, end) with a keep ratio, merging with the previous interval when it continues it with the same ratio (to 1e-12, rounding noise). */
  push(start: number, end: number, ratio: number): void {
    const n = this.count;
    if (n > 0 && this.end[n - 1] === start && Math.abs(this.ratio[n - 1] - ratio) <= 1e-12) {
      this.end[n - 1] = end;
      return;
    }
    this.start[n] = start;
    this.end[n] = end;
    this.ratio[n] = ratio;
    this.count = n + 1;
  }
}

/**
 * The factor a dependent feels from a dependency whose keep fell by `ratio`,
 * relative to the dependent's baseline factor: (1 - impact b) / (1 - impact b0)
 * with b = 1 - (1 - b0) ratio (exact for impact 1; b0 is the dependency's
 * baseline bad fraction where the deviation starts).
 */
export function dependentRatio(ratio: number, impact: number, bad0: number): number {
  if (impact === 1) return ratio;
  const base = 1 - impact * bad0;
  if (!(base > 0)) return 1;
  return (1 - impact * (1 - (1 - bad0) * ratio)) / base;
}
