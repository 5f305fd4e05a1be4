import { describe, expect, it } from 'vitest';
import type { ResultDocument, SloResult } from '../../../simulation/aggregate/result-types';
import { formatSummary } from '../../../simulation/cli/summary';

function slo(id: string, breach: number, lo: number, hi: number, p50End: number): SloResult {
  const spread = { mean: 99.9, p5: 99.8, p50: 99.9, p95: 100 };
  return {
    id,
    service: 'api',
    sli: 'availability',
    target: 99.9,
    window: { kind: 'rolling', days: 30 },
    budgeting: 'occurrences',
    breachProbability: { estimate: breach, ci95: [lo, hi] },
    attainment: spread,
    worstWindow: spread,
    budgetRemaining: { day: [0, 1, 2], mean: [1, 1, 1], p5: [1, 1, 1], p25: [1, 1, 1], p50: [0.9, 0.8, p50End], p75: [1, 1, 1], p95: [1, 1, 1] },
    exhaustion: { probability: 0, dayP50: null, dayP90: null, byDay: [0, 0, 0] },
    alerts: [],
    policyDays: {},
  };
}

describe('formatSummary', () => {
  it('prints one aligned line per SLO with the breach interval and the median budget left on the last day', () => {
    const result = {
      slos: [slo('api-availability', 0.1234, 0.1171, 0.1299, 0.4213), slo('db', 0, 0, 0.0038, -0.25)],
    } as unknown as ResultDocument;
    expect(formatSummary(result)).toEqual([
      'api-availability  breach 12.3 % [11.7, 13.0]  budget p50 at day 2: 42.1 % left',
      'db                breach 0.0 % [0.0, 0.4]  budget p50 at day 2: -25.0 % left',
    ]);
  });
});
