import { describe, expect, it } from 'vitest';
import { distribution } from '../../../simulation/scenario/distribution';

const fraction = distribution({ min: 0, max: 1 });
const minutes = distribution({ min: 0, max: 366 * 1440, time: true });

const read = (schema: typeof fraction, input: unknown) => {
  const r = schema.safeParse(input);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  return r.data;
};
const problems = (schema: typeof fraction, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`expected issues, got ${JSON.stringify(r.data)}`);
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('distribution normalisation', () => {
  it('reads a number as a constant', () => {
    expect(read(fraction, 0.25)).toEqual({ kind: 'constant', value: 0.25 });
  });

  it('reads {median, p90} as a lognormal, {mean} as an exponential, {min, max} as a uniform', () => {
    expect(read(fraction, { median: 0.1, p90: 0.4 })).toEqual({ kind: 'lognormal', median: 0.1, p90: 0.4 });
    expect(read(fraction, { mean: 0.2 })).toEqual({ kind: 'exponential', mean: 0.2 });
    expect(read(fraction, { min: 0.02, max: 0.2 })).toEqual({ kind: 'uniform', min: 0.02, max: 0.2 });
  });

  it('accepts its own normalised form, so normalising twice changes nothing', () => {
    for (const d of [{ kind: 'constant', value: 1 }, { kind: 'lognormal', median: 0.1, p90: 0.1 }, { kind: 'exponential', mean: 1 }, { kind: 'uniform', min: 0, max: 0 }]) {
      expect(read(fraction, d)).toEqual(d);
    }
  });

  it('reads durations inside a time distribution as minutes', () => {
    expect(read(minutes, '5m')).toEqual({ kind: 'constant', value: 5 });
    expect(read(minutes, { median: '4m', p90: '10m' })).toEqual({ kind: 'lognormal', median: 4, p90: 10 });
    expect(read(minutes, { median: 25, p90: '1h30m' })).toEqual({ kind: 'lognormal', median: 25, p90: 90 });
    expect(read(minutes, { mean: 'PT6M' })).toEqual({ kind: 'exponential', mean: 6 });
    expect(read(minutes, { min: '30s', max: '2h' })).toEqual({ kind: 'uniform', min: 0.5, max: 120 });
  });

  it('does not read durations where the values are not times', () => {
    expect(problems(fraction, '5m')).toEqual([{ path: '', message: "must be a number or one of {median, p90} (lognormal), {mean} (exponential), {min, max} (uniform), got '5m'" }]);
  });
});

describe('distribution checks', () => {
  it('requires p90 >= median > 0 for a lognormal', () => {
    expect(problems(minutes, { median: '10m', p90: '4m' })).toEqual([{ path: 'p90', message: 'must be at least the median (10m), got 4m' }]);
    expect(problems(fraction, { median: 0, p90: 0.5 })).toEqual([{ path: 'median', message: 'must be a number greater than 0 and at most 1, got 0' }]);
  });

  it('requires min <= max for a uniform, and a positive mean for an exponential', () => {
    expect(problems(fraction, { min: 0.5, max: 0.1 })).toEqual([{ path: 'max', message: 'must be at least min (0.5), got 0.1' }]);
    expect(problems(minutes, { mean: 0 })).toEqual([{ path: 'mean', message: 'must be a duration greater than 0 and at most 366d, got 0' }]);
  });

  it('keeps every value inside the bounds of its field', () => {
    expect(problems(fraction, 1.5)).toEqual([{ path: '', message: 'must be a number between 0 and 1, got 1.5' }]);
    expect(problems(fraction, { min: -0.1, max: 2 })).toEqual([
      { path: 'min', message: 'must be a number between 0 and 1, got -0.1' },
      { path: 'max', message: 'must be a number between 0 and 1, got 2' },
    ]);
  });

  it('names a missing parameter and guesses a misspelt one', () => {
    expect(problems(fraction, { median: 0.1, p09: 0.4 })).toEqual([
      { path: 'p90', message: 'is required' },
      { path: '', message: "unknown key 'p09'; did you mean 'p90'?" },
    ]);
    expect(problems(fraction, { medain: 0.1 })[0].message).toBe("unknown key 'medain'; did you mean 'median'? (a distribution is a number or one of {median, p90} (lognormal), {mean} (exponential), {min, max} (uniform))");
  });

  it('refuses a mix of forms and unknown kinds', () => {
    expect(problems(fraction, { median: 0.1, mean: 0.2 })[0].message).toMatch(/^mixes \{median, p90\} and \{mean\}/);
    expect(problems(fraction, { kind: 'gamma', shape: 2 })[0].message).toBe("has kind 'gamma'; it must be one of 'constant', 'lognormal', 'exponential', 'uniform'");
    expect(problems(fraction, [0.1, 0.2])[0].message).toMatch(/got a list$/);
    expect(problems(fraction, {})[0].message).toMatch(/got an empty object$/);
  });
});
