/** Wilson score interval for a binomial proportion (DESIGN 4: breachProbability). */

export interface WilsonInterval {
  estimate: number;
  ci95: [number, number];
}

/** The observed proportion successes/n and its Wilson score interval at normal quantile z (95 % by default). */
export function wilson(successes: number, n: number, z = 1.959963984540054): WilsonInterval {
  if (!(n >= 0) || !(successes >= 0) || successes > n) {
    throw new RangeError(`wilson: need 0 <= successes <= n, got ${successes} of ${n}`);
  }
  if (n === 0) return { estimate: 0, ci95: [0, 1] };
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return { estimate: p, ci95: [lo, hi] };
}
