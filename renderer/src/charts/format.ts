/** Number formats the charts and tables share. */

/** A probability (0..1) as a percent with sensible digits: 0.1234 -> "12.3 %", 0.0004 -> "0.04 %". */
export function percent(p: number): string {
  if (!Number.isFinite(p)) return '–';
  const v = 100 * p;
  if (v === 0) return '0 %';
  const digits = v >= 10 ? 1 : v >= 1 ? 1 : v >= 0.1 ? 2 : 3;
  return `${v.toFixed(digits)} %`;
}

/** An SLI or attainment already in percent: keeps the digits that tell 99.99 from 99.98. */
export function sliPercent(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return `${v >= 99 ? v.toFixed(3) : v.toFixed(2)} %`;
}

/** A budget fraction (1 = untouched) as percent remaining. */
export function budget(f: number): string {
  return Number.isFinite(f) ? `${(100 * f).toFixed(1)} %` : '–';
}
