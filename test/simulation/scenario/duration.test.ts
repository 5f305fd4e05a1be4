import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../simulation/scenario/duration';

const minutes = (input: unknown, allowNegative = false): number => {
  const r = parseDuration(input, { allowNegative });
  if (!r.ok) throw new Error(r.message);
  return r.minutes;
};
const message = (input: unknown, allowNegative = false): string => {
  const r = parseDuration(input, { allowNegative });
  if (r.ok) throw new Error(`expected an error, got ${r.minutes}`);
  return r.message;
};

describe('parseDuration', () => {
  it.each([
    [15, 15],
    [0, 0],
    [2.5, 2.5],
    ['90s', 1.5],
    ['30s', 0.5],
    ['5m', 5],
    ['2h', 120],
    ['30d', 30 * 1440],
    ['1w', 7 * 1440],
    ['1h30m', 90],
    ['1d12h', 36 * 60],
    ['2h 15m 30s', 135.5],
    ['1.5h', 90],
    ['10 minutes', 10],
    ['3 days', 3 * 1440],
    ['  5m  ', 5],
  ])('reads %j as %d minutes', (input, expected) => {
    expect(minutes(input)).toBeCloseTo(expected, 12);
  });

  it.each([
    ['P3DT10H', 3 * 1440 + 10 * 60],
    ['PT15M', 15],
    ['PT1H30M', 90],
    ['P1W', 10080],
    ['P2D', 2880],
    ['PT90S', 1.5],
    ['PT0.5H', 30],
    ['PT1,5H', 90],
    ['p1dt1h', 1500],
  ])('reads the ISO-8601 duration %s as %d minutes', (input, expected) => {
    expect(minutes(input)).toBeCloseTo(expected, 12);
  });

  it('reads negative offsets only where they are allowed', () => {
    expect(minutes('-P1D', true)).toBe(-1440);
    expect(minutes('-90s', true)).toBe(-1.5);
    expect(minutes(-30, true)).toBe(-30);
    expect(message('-P1D')).toBe("must not be negative, got '-P1D'");
    expect(message(-5)).toBe('must not be negative, got -5');
  });

  it('rejects years and months, which have no fixed length', () => {
    expect(message('P1M')).toBe("uses years or months, which have no fixed length; write days instead (P30D), got 'P1M'");
    expect(message('P1Y')).toMatch(/^uses years or months/);
  });

  it('explains what is wrong with a malformed duration', () => {
    expect(message('5x')).toBe("has an unknown unit 'x' (use s, m, h, d or w), got '5x'");
    expect(message('30m1h')).toBe("must give each unit once, largest first (like 1h30m), got '30m1h'");
    expect(message('15')).toBe("needs a unit (such as 15m or 15d), got '15'");
    expect(message('')).toBe("must be a duration such as 90s, 5m, 2h, 30d, 1h30m or PT15M, got ''");
    expect(message('PT')).toMatch(/^must be a duration such as/);
    expect(message('P')).toMatch(/^must be a duration such as/);
    expect(message('1h30')).toMatch(/^must be a duration such as/);
    expect(message(true)).toBe('must be a duration such as 90s, 5m, 2h, 30d, 1h30m or PT15M, got true');
    expect(message(null)).toMatch(/got null$/);
    expect(message({ m: 5 })).toMatch(/got an object$/);
  });

  it('rejects numbers that are not finite', () => {
    expect(message(Infinity)).toBe('must be a finite number of minutes, got Infinity');
    expect(message(NaN)).toBe('must be a finite number of minutes, got NaN');
    expect(message(`${'9'.repeat(400)}d`)).toMatch(/\(too large\)$/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0'],
    [1, '1m'],
    [1.5, '1m30s'],
    [90, '1h30m'],
    [1440, '1d'],
    [30 * 1440, '30d'],
    [3 * 1440 + 600, '3d10h'],
    [-1440, '-1d'],
  ])('writes %d minutes as %s', (input, expected) => {
    expect(formatDuration(input)).toBe(expected);
  });

  it('writes what parseDuration reads back to the same minutes', () => {
    for (const m of [0.5, 1, 59, 61, 1439, 1441, 10080, 527040]) expect(minutes(formatDuration(m))).toBeCloseTo(m, 9);
  });
});
