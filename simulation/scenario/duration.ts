/** Durations as written in a scenario (minutes, `1h30m`, `P3DT10H`), read into minutes. */

export type DurationResult = { ok: true; minutes: number } | { ok: false; message: string };

export interface DurationOptions {
  /** Accept a leading minus sign (scripted `at` offsets into the warm-up). */
  allowNegative?: boolean;
}

const EXAMPLES = 'a duration such as 90s, 5m, 2h, 30d, 1h30m or PT15M';

/** Minutes per unit word of the short form, largest unit first. */
const UNITS: ReadonlyArray<{ minutes: number; words: readonly string[] }> = [
  { minutes: 10080, words: ['w', 'wk', 'wks', 'week', 'weeks'] },
  { minutes: 1440, words: ['d', 'day', 'days'] },
  { minutes: 60, words: ['h', 'hr', 'hrs', 'hour', 'hours'] },
  { minutes: 1, words: ['m', 'min', 'mins', 'minute', 'minutes'] },
  { minutes: 1 / 60, words: ['s', 'sec', 'secs', 'second', 'seconds'] },
];

const SHORT_PART = /(\d+(?:\.\d+)?)\s*([a-z]+)\s*/gy;
const NUM = '(\\d+(?:[.,]\\d+)?)';
const ISO = new RegExp(`^P(?:${NUM}Y)?(?:${NUM}M)?(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`);

const fail = (message: string): DurationResult => ({ ok: false, message });

function describe(input: unknown): string {
  if (typeof input === 'string') return `'${input.length > 40 ? `${input.slice(0, 40)}...` : input}'`;
  if (Array.isArray(input)) return 'a list';
  if (input === null) return 'null';
  if (typeof input === 'object') return 'an object';
  return String(input);
}

function finish(sign: number, minutes: number, options: DurationOptions, input: unknown): DurationResult {
  if (!Number.isFinite(minutes)) return fail(`must be ${EXAMPLES}, got ${describe(input)} (too large)`);
  if (sign < 0 && !options.allowNegative) return fail(`must not be negative, got ${describe(input)}`);
  return { ok: true, minutes: sign < 0 && minutes !== 0 ? -minutes : minutes };
}

function parseShort(body: string): number | string {
  SHORT_PART.lastIndex = 0;
  let total = 0;
  let lastUnit = -1;
  let match: RegExpExecArray | null;
  while (SHORT_PART.lastIndex < body.length && (match = SHORT_PART.exec(body)) !== null) {
    const word = match[2];
    const unit = UNITS.findIndex((u) => u.words.includes(word));
    if (unit < 0) return `has an unknown unit '${word}' (use s, m, h, d or w)`;
    if (unit <= lastUnit) return 'must give each unit once, largest first (like 1h30m)';
    lastUnit = unit;
    total += Number(match[1]) * UNITS[unit].minutes;
  }
  if (lastUnit < 0 || SHORT_PART.lastIndex !== body.length) return '';
  return total;
}

function parseIso(body: string): number | string {
  const m = ISO.exec(body);
  if (!m || body === 'P' || body.endsWith('T')) return '';
  const [, years, months, weeks, days, hours, minutes, seconds] = m.map((g) => (g === undefined ? undefined : Number(g.replace(',', '.'))));
  if (years !== undefined || months !== undefined) return 'uses years or months, which have no fixed length; write days instead (P30D)';
  return (weeks ?? 0) * 10080 + (days ?? 0) * 1440 + (hours ?? 0) * 60 + (minutes ?? 0) + (seconds ?? 0) / 60;
}

/** Reads a duration (a number of minutes, `90s`, `5m`, `2h`, `30d`, `1w`, `1h30m`, or ISO-8601 such as `P3DT10H`) as minutes. */
export function parseDuration(input: unknown, options: DurationOptions = {}): DurationResult {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail(`must be a finite number of minutes, got ${String(input)}`);
    return finish(Math.sign(input), Math.abs(input), options, input);
  }
  if (typeof input !== 'string') return fail(`must be ${EXAMPLES}, got ${describe(input)}`);
  let body = input.trim();
  let sign = 1;
  if (body.startsWith('-') || body.startsWith('+')) {
    sign = body.startsWith('-') ? -1 : 1;
    body = body.slice(1).trim();
  }
  if (body === '') return fail(`must be ${EXAMPLES}, got ${describe(input)}`);
  const iso = /^p/i.test(body);
  const value = iso ? parseIso(body.toUpperCase()) : parseShort(body.toLowerCase());
  if (typeof value === 'string') {
    if (value !== '') return fail(`${value}, got ${describe(input)}`);
    if (/^\d+(?:\.\d+)?$/.test(body)) return fail(`needs a unit (such as ${body}m or ${body}d), got ${describe(input)}`);
    return fail(`must be ${EXAMPLES}, got ${describe(input)}`);
  }
  return finish(sign, value, options, input);
}

/** Writes minutes as a compact duration (`1h30m`, `30d`, `90s` for 1.5 minutes). */
export function formatDuration(minutes: number): string {
  if (!Number.isFinite(minutes)) return String(minutes);
  if (minutes === 0) return '0';
  const sign = minutes < 0 ? '-' : '';
  let rest = Math.round(Math.abs(minutes) * 60 * 1000) / 1000;
  let out = '';
  for (const [seconds, unit] of [[86400, 'd'], [3600, 'h'], [60, 'm']] as const) {
    const n = Math.floor(rest / seconds);
    if (n > 0) out += `${n}${unit}`;
    rest = Math.round((rest - n * seconds) * 1000) / 1000;
  }
  if (rest > 0) out += `${rest}s`;
  return sign + out;
}
