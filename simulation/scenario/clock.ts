/** Clock readings in a scenario: the UTC instant a horizon starts at, and times of day. */

export type ClockResult<T> = { ok: true; value: T } | { ok: false; message: string };

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|z|[+-]\d{2}:?\d{2})?)?$/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})$/;
const MIN_MS = Date.UTC(1970, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31);

function quote(input: unknown): string {
  if (typeof input === 'string') return `'${input.length > 40 ? `${input.slice(0, 40)}...` : input}'`;
  if (input instanceof Date) return 'an invalid date';
  if (Array.isArray(input)) return 'a list';
  if (input === null) return 'null';
  return typeof input === 'object' ? 'an object' : String(input);
}

function inRange(ms: number, input: unknown): ClockResult<string> {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) {
    return { ok: false, message: `must be a UTC instant between 1970 and 9999, got ${quote(input)}` };
  }
  return { ok: true, value: new Date(ms).toISOString() };
}

/** Reads an ISO-8601 UTC instant (a string ending in Z, a bare date meaning midnight UTC, or a Date) as an ISO string. */
export function parseUtcInstant(input: unknown): ClockResult<string> {
  if (input instanceof Date) return inRange(input.getTime(), input);
  const expected = `must be an ISO-8601 UTC instant such as 2027-01-01T00:00:00Z, got ${quote(input)}`;
  if (typeof input !== 'string') return { ok: false, message: expected };
  const m = INSTANT.exec(input.trim());
  if (!m) return { ok: false, message: expected };
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (h !== undefined && zone === undefined) {
    return { ok: false, message: `must say it is UTC (end with Z, as in 2027-01-01T00:00:00Z), got ${quote(input)}` };
  }
  if (zone !== undefined && !/^(?:[Zz]|[+-]00:?00)$/.test(zone)) {
    return { ok: false, message: `must be in UTC (end with Z), got ${quote(input)}` };
  }
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
  const ms = Date.UTC(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
  const back = new Date(ms);
  const same = back.getUTCFullYear() === parts[0] && back.getUTCMonth() === parts[1] && back.getUTCDate() === parts[2]
    && back.getUTCHours() === parts[3] && back.getUTCMinutes() === parts[4] && back.getUTCSeconds() === parts[5];
  if (!same) return { ok: false, message: `is not a real date and time, got ${quote(input)}` };
  return inRange(ms + (frac ? Math.floor(Number(frac) * 1000) : 0), input);
}

/** Reads a time of day `HH:MM` (UTC) as minutes after midnight; a number is taken as minutes already. */
export function parseTimeOfDay(input: unknown): ClockResult<number> {
  const expected = `must be a time of day HH:MM (UTC) such as "02:00", got ${quote(input)}`;
  if (typeof input === 'number') {
    return Number.isInteger(input) && input >= 0 && input < 1440
      ? { ok: true, value: input }
      : { ok: false, message: `must be a time of day HH:MM (UTC) or whole minutes after midnight below 1440, got ${quote(input)}` };
  }
  if (typeof input !== 'string') return { ok: false, message: expected };
  const m = TIME_OF_DAY.exec(input.trim());
  if (!m) return { ok: false, message: expected };
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours > 23 || minutes > 59) return { ok: false, message: expected };
  return { ok: true, value: hours * 60 + minutes };
}
