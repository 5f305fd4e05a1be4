import { describe, expect, it } from 'vitest';
import { budgetSpent, detectionMinutes, minutesToExhaustion } from '../../../simulation/slo/alert-plan';

describe('the SRE workbook\'s burn-rate arithmetic', () => {
  it('exhausts a 30-day 99.9 % budget in 30 days, 15 days, 3 days and 43 minutes at burn rates 1, 2, 10 and 1,000', () => {
    expect(minutesToExhaustion(1, 30) / 1440).toBe(30);
    expect(minutesToExhaustion(2, 30) / 1440).toBe(15);
    expect(minutesToExhaustion(10, 30) / 1440).toBe(3);
    expect(minutesToExhaustion(1000, 30)).toBeCloseTo(43.2, 10);
  });

  it('spends 2 %, 5 % and 10 % of a 30-day budget at 14.4x over 1 h, 6x over 6 h and 1x over 3 days', () => {
    expect(budgetSpent(14.4, 60, 30)).toBeCloseTo(0.02, 12);
    expect(budgetSpent(6, 360, 30)).toBeCloseTo(0.05, 12);
    expect(budgetSpent(1, 3 * 1440, 30)).toBeCloseTo(0.1, 12);
  });

  it('detects after (1 - SLO) / error ratio x window x burn rate', () => {
    // 99.9 %, 10 % errors, 14.4x over 1 h: 0.001 / 0.1 x 60 x 14.4 = 8.64 minutes.
    expect(detectionMinutes({ long: 60, short: 5, burnRate: 14.4 }, 0.001, 0.1)).toBeCloseTo(8.64, 12);
    // 100 % errors, 6x over 6 h: 0.001 x 360 x 6 = 2.16 minutes.
    expect(detectionMinutes({ long: 360, short: 30, burnRate: 6 }, 0.001, 1)).toBeCloseTo(2.16, 12);
    // An error ratio at or below burnRate x (1 - SLO) never pages.
    expect(detectionMinutes({ long: 60, short: 5, burnRate: 14.4 }, 0.001, 0.0144)).toBe(Infinity);
  });

  it('waits longer when part of the allowance is already burnt by the baseline', () => {
    // Needs 1.44 % over a 0.5 % baseline: (0.0144 - 0.005) / (0.1 - 0.005) of the hour.
    expect(detectionMinutes({ long: 60, short: 5, burnRate: 14.4 }, 0.001, 0.1, 0.005)).toBeCloseTo((60 * 0.0094) / 0.095, 12);
  });
});
