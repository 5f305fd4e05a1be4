import { describe, expect, it } from 'vitest';
import { describeValue, didYouMean, formatNumber, inRange, rangeMessage, unknownKeysMessage } from '../../../simulation/scenario/messages';

describe('didYouMean', () => {
  it('guesses a transposed or misspelt key', () => {
    expect(didYouMean('rsp', ['rps', 'diurnal', 'weekly'])).toBe('rps');
    expect(didYouMean('peakhour', ['amplitude', 'peakHour'])).toBe('peakHour');
    expect(didYouMean('correlationMinute', ['cv', 'correlationMinutes'])).toBe('correlationMinutes');
    expect(didYouMean('availabilty', ['availability', 'latency'])).toBe('availability');
  });

  it('guesses an abbreviation from its prefix', () => {
    expect(didYouMean('monday', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).toBe('mon');
  });

  it('prefers, among equally close candidates, the one the word extends', () => {
    expect(didYouMean('slas', ['slos', 'sla'])).toBe('sla');
    expect(didYouMean('slo', ['sla', 'slos'])).toBe('slos');
  });

  it('offers nothing when no candidate is close', () => {
    expect(didYouMean('colour', ['rps', 'diurnal', 'weekly'])).toBeUndefined();
    expect(didYouMean('x', ['id'])).toBeUndefined();
    expect(didYouMean('api', ['a', 'b'])).toBeUndefined();
  });
});

describe('messages', () => {
  it('names one unknown key with its guess, several keys each with theirs', () => {
    expect(unknownKeysMessage(['rsp'], ['rps', 'diurnal'])).toBe("unknown key 'rsp'; did you mean 'rps'?");
    expect(unknownKeysMessage(['colour'], ['rps'])).toBe("unknown key 'colour'");
    expect(unknownKeysMessage(['rsp', 'colour'], ['rps'])).toBe("unknown keys 'rsp' (did you mean 'rps'?), 'colour'");
  });

  it('states the range and the value that fell outside it', () => {
    expect(rangeMessage({ min: 0, max: 1 }, 1.5)).toBe('must be a number between 0 and 1, got 1.5');
    expect(rangeMessage({ min: 1, max: 10_000_000, integer: true }, 10_000_001)).toBe('must be a whole number between 1 and 10,000,000, got 10000001');
    expect(rangeMessage({ min: 0, max: 100, minExclusive: true, maxExclusive: true }, 100)).toBe('must be a number greater than 0 and less than 100, got 100');
    expect(rangeMessage({ min: 0, max: 24, maxExclusive: true }, 'noon')).toBe("must be a number at least 0 and less than 24, got 'noon'");
  });

  it('treats range ends as open or closed as asked', () => {
    expect(inRange(0, { min: 0, max: 1 })).toBe(true);
    expect(inRange(0, { min: 0, max: 1, minExclusive: true })).toBe(false);
    expect(inRange(1, { min: 0, max: 1, maxExclusive: true })).toBe(false);
    expect(inRange(2.5, { min: 0, max: 5, integer: true })).toBe(false);
    expect(inRange(NaN, { min: -Infinity, max: Infinity })).toBe(false);
  });

  it('writes values and numbers for a reader', () => {
    expect(formatNumber(4294967295)).toBe('4,294,967,295');
    expect(formatNumber(9999)).toBe('9999');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(describeValue('x'.repeat(50))).toBe(`'${'x'.repeat(40)}...'`);
    expect(describeValue([1])).toBe('a list');
    expect(describeValue({})).toBe('an object');
    expect(describeValue(undefined)).toBe('nothing');
  });
});
