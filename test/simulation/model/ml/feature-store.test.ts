import { describe, expect, it } from 'vitest';
import { featureStoreAttainment } from '../../../../simulation/model/ml/feature-store';
import { normalCdf } from '../../../../simulation/random/normal';
import type { FeatureStore } from '../../../../simulation/scenario/ml-schema';
import { compile, meanAndSe, mlSpec, perTrial } from './fixtures';

const Z90 = 1.2815515655446004;
/** P(X <= t) for a lognormal X with this median and 90th percentile. */
const lognormalCdf = (median: number, p90: number, t: number) => normalCdf(Math.log(t / median) / (Math.log(p90 / median) / Z90));

const store = (hitRatio: FeatureStore['hitRatio']): FeatureStore => ({
  hitRatio,
  cachedMs: { kind: 'lognormal', median: 12, p90: 30 },
  computedMs: { kind: 'lognormal', median: 90, p90: 180 },
  cachedTargetMs: 50,
  computedTargetMs: 200,
  target: 99,
});

const cached = lognormalCdf(12, 30, 50);
const computed = lognormalCdf(90, 180, 200);

describe('the feature store', () => {
  it('meets its targets on h P(cached < 50 ms) + (1 - h) P(computed < 200 ms) of the reads for a constant hit ratio h', () => {
    const c = compile(mlSpec({ featureStore: store({ kind: 'constant', value: 0.9 }) }), 10);
    const attainment = perTrial(c, 5, (o) => o.featureStore?.attainment ?? NaN);
    for (const a of attainment) expect(a).toBeCloseTo(100 * (0.9 * cached + 0.1 * computed), 10);
    // z = ln(50/12) / (ln 2.5 / 1.2816) = 1.996 and ln(200/90) / (ln 2 / 1.2816) = 1.476: 0.9 x 0.9770 + 0.1 x 0.9301.
    expect(attainment[0]).toBeCloseTo(97.23, 2);
  });

  it('draws the hit ratio once per trial: with a uniform hit ratio the mean attainment is the closed form at its mean', () => {
    const c = compile(mlSpec({ featureStore: store({ kind: 'uniform', min: 0.85, max: 0.95 }) }), 10);
    const attainment = perTrial(c, 400, (o) => o.featureStore?.attainment ?? NaN);
    const { mean, se } = meanAndSe(attainment);
    expect(Math.abs(mean - 100 * (0.9 * cached + 0.1 * computed))).toBeLessThan(4 * se);
    expect(Math.min(...attainment)).toBeGreaterThanOrEqual(100 * (0.85 * cached + 0.15 * computed) - 1e-9);
    expect(Math.max(...attainment)).toBeLessThanOrEqual(100 * (0.95 * cached + 0.05 * computed) + 1e-9);
  });

  it('is all cache at h = 1 and all computation at h = 0', () => {
    const fs = { hitRatio: { kind: 'constant' as const, value: 1 }, cachedWithin: 0.99, computedWithin: 0.5, target: 99 };
    expect(featureStoreAttainment(fs, 1)).toBe(99);
    expect(featureStoreAttainment(fs, 0)).toBe(50);
  });
});
