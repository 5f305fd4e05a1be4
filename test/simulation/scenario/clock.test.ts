import { describe, expect, it } from 'vitest';
import { parseTimeOfDay, parseUtcInstant } from '../../../simulation/scenario/clock';

describe('parseUtcInstant', () => {
  it.each([
    ['2027-01-01T00:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['2027-01-01T06:30Z', '2027-01-01T06:30:00.000Z'],
    ['2027-03-15T12:00:00.250Z', '2027-03-15T12:00:00.250Z'],
    ['2027-01-01T00:00:00+00:00', '2027-01-01T00:00:00.000Z'],
    ['2027-01-01', '2027-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseUtcInstant(input)).toEqual({ ok: true, value: expected });
  });

  it('accepts a Date, as a YAML timestamp may be', () => {
    expect(parseUtcInstant(new Date(Date.UTC(2027, 0, 1)))).toEqual({ ok: true, value: '2027-01-01T00:00:00.000Z' });
  });

  it.each([
    ['2027-01-01T00:00:00', "must say it is UTC (end with Z, as in 2027-01-01T00:00:00Z), got '2027-01-01T00:00:00'"],
    ['2027-01-01T00:00:00+02:00', "must be in UTC (end with Z), got '2027-01-01T00:00:00+02:00'"],
    ['2027-02-30T00:00:00Z', "is not a real date and time, got '2027-02-30T00:00:00Z'"],
    ['next monday', "must be an ISO-8601 UTC instant such as 2027-01-01T00:00:00Z, got 'next monday'"],
    ['1969-12-31T00:00:00Z', "must be a UTC instant between 1970 and 9999, got '1969-12-31T00:00:00Z'"],
  ])('rejects %s', (input, message) => {
    expect(parseUtcInstant(input)).toEqual({ ok: false, message });
  });

  it('rejects an invalid Date and values that are not text', () => {
    expect(parseUtcInstant(new Date(NaN))).toEqual({ ok: false, message: 'must be a UTC instant between 1970 and 9999, got an invalid date' });
    expect(parseUtcInstant(20270101)).toEqual({ ok: false, message: 'must be an ISO-8601 UTC instant such as 2027-01-01T00:00:00Z, got 20270101' });
  });
});

describe('parseTimeOfDay', () => {
  it.each([
    ['02:00', 120],
    ['00:00', 0],
    ['23:59', 1439],
    ['9:30', 570],
  ])('reads %s as %d minutes after midnight', (input, expected) => {
    expect(parseTimeOfDay(input)).toEqual({ ok: true, value: expected });
  });

  it('takes a whole number below 1440 as minutes already', () => {
    expect(parseTimeOfDay(120)).toEqual({ ok: true, value: 120 });
    expect(parseTimeOfDay(1440)).toMatchObject({ ok: false });
    expect(parseTimeOfDay(1.5)).toMatchObject({ ok: false });
  });

  it.each(['24:00', '12:60', '2pm', '0200'])('rejects %s', (input) => {
    expect(parseTimeOfDay(input)).toEqual({ ok: false, message: `must be a time of day HH:MM (UTC) such as "02:00", got '${input}'` });
  });
});
