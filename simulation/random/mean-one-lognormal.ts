/**
 * The mean-one lognormal multiplier of traffic noise (DESIGN 3.1): exp(mu + sigma Z)
 * with sigma^2 = ln(1 + cv^2) and mu = -sigma^2 / 2, so its mean is 1 and its
 * coefficient of variation cv.
 */
import type { Rng } from './prng';

/** A mean-one lognormal draw with coefficient of variation cv (exactly 1, drawing nothing, when cv <= 0). */
export function meanOneLognormal(rng: Rng, cv: number): number {
  if (!(cv > 0)) return 1;
  const s2 = Math.log1p(cv * cv);
  return Math.exp(Math.sqrt(s2) * rng.normal() - 0.5 * s2);
}

/** `meanOneLognormal` with its constants computed once, for hot loops; draws the same numbers. */
export class MeanOneLognormal {
  private readonly sigma: number;
  private readonly mu: number;

  constructor(readonly cv: number) {
    const s2 = cv > 0 ? Math.log1p(cv * cv) : 0;
    this.sigma = Math.sqrt(s2);
    this.mu = -0.5 * s2;
  }

  /** One draw. */
  sample(rng: Rng): number {
    if (this.sigma === 0) return 1;
    return Math.exp(this.sigma * rng.normal() + this.mu);
  }
}
