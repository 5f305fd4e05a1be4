/** Building blocks of the scenario schema: bounded numbers, durations, ids, strict objects, each with plain messages. */
import * as z from 'zod';
import { formatDuration, parseDuration } from './duration';
import type { NumberRange, RawIssue } from './messages';
import { describeValue, inRange, issueMessage, rangeMessage, rangeText, unknownKeysMessage } from './messages';

const plain = (issue: RawIssue): string => issueMessage(issue);

/** A finite number inside the range. */
export function num(range: NumberRange) {
  return z.number({ error: plain }).refine((n) => inRange(n, range), { error: (issue) => rangeMessage(range, issue.input) });
}

/** A whole number inside the range. */
export function int(min: number, max: number) {
  return num({ min, max, integer: true });
}

/** A fraction in [0, 1]. */
export const fraction = () => num({ min: 0, max: 1 });

/** A non-empty string of at most `max` characters. */
export function text(max = 1000) {
  return z.string({ error: plain }).min(1, { error: plain }).max(max, { error: plain });
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** An identifier: letters, digits, '.', '_', ':' and '-', starting with a letter or digit. */
export function idString() {
  return z.string({ error: plain }).refine((s) => s.length <= 100 && ID.test(s), {
    error: (issue) => `must be an id of letters, digits, '.', '_', ':' or '-' that starts with a letter or digit (at most 100 characters), got ${describeValue(issue.input)}`,
  });
}

/** true or false. */
export const bool = () => z.boolean({ error: plain });

/** One of the listed strings (with a did-you-mean for near misses). */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: plain });
}

/** Exactly this string. */
export function exactly<const T extends string>(value: T) {
  return z.literal(value, { error: plain });
}

/** A list of at most `max` items (and at least `min`). */
export function list<T extends z.ZodType>(item: T, max: number, min = 0) {
  const base = z.array(item, { error: plain }).max(max, { error: plain });
  return min > 0 ? base.min(min, { error: plain }) : base;
}

/** An object that rejects unknown keys, guessing what each unknown key meant. */
export function obj<S extends z.core.$ZodLooseShape>(shape: S) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, allowed) : plain(issue)),
  });
}

/** A duration (minutes, `5m`, `1h30m`, `PT15M`) read as minutes, inside the range. */
export function duration(range: NumberRange, options: { allowNegative?: boolean } = {}) {
  return z.unknown().transform((input, ctx): number => {
    if (input === undefined) {
      ctx.addIssue({ code: 'custom', message: 'is required', input });
      return z.NEVER;
    }
    const read = parseDuration(input, options);
    if (!read.ok) {
      ctx.addIssue({ code: 'custom', message: read.message, input });
      return z.NEVER;
    }
    if (!inRange(read.minutes, range)) {
      const whole = range.integer ? 'a whole number of minutes' : 'a duration';
      ctx.addIssue({ code: 'custom', message: `must be ${whole} ${rangeText(range, formatDuration)}, got ${describeValue(input)}`, input });
      return z.NEVER;
    }
    return read.minutes;
  });
}

/** A value read by a plain function: `read` returns the value or a message. */
export function readWith<T>(read: (input: unknown) => { ok: true; value: T } | { ok: false; message: string }) {
  return z.unknown().transform((input, ctx): T => {
    if (input === undefined) {
      ctx.addIssue({ code: 'custom', message: 'is required', input });
      return z.NEVER;
    }
    const result = read(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message, input });
    return z.NEVER;
  });
}

/** The schema a `dispatch` picked, and the value it should read (the input, or the input with its form made explicit). */
export interface Picked<T> {
  schema: z.ZodType<T>;
  value: unknown;
}

/**
 * A value whose form is chosen from its keys: `pick` names the schema to apply, or returns
 * a message when no form fits. The chosen schema's issues keep their paths.
 */
export function dispatch<T>(pick: (input: unknown) => Picked<T> | string) {
  return z.unknown().transform((input, ctx): T => {
    const chosen = input === undefined ? 'is required' : pick(input);
    if (typeof chosen === 'string') {
      ctx.addIssue({ code: 'custom', message: chosen, input });
      return z.NEVER;
    }
    const result = chosen.schema.safeParse(chosen.value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path], input });
    }
    return z.NEVER;
  });
}

/** Optional traceability keys for built-in scenarios: where a number came from and whether it is assumed. */
export const trace = () => ({
  source: z.union([text(2000), list(text(2000), 100, 1)], { error: () => 'must be a quotation such as "002 §Latency SLO: p95 < 100ms", or a list of them' }).optional(),
  assumed: bool().optional(),
  reason: text(2000).optional(),
});

/** A check on an object that runs whenever the named fields themselves are valid, even if siblings are not. */
export function whenValid(...fields: string[]) {
  return {
    when: (payload: { value: unknown; issues: ReadonlyArray<{ path?: PropertyKey[]; code?: string }> }): boolean =>
      typeof payload.value === 'object' && payload.value !== null
      && !payload.issues.some((issue) => issue.code !== 'unrecognized_keys' && fields.includes(String(issue.path?.[0]))),
  };
}

/** What a check needs from zod's refinement context. */
export interface CheckContext {
  issues: ReadonlyArray<{ path?: PropertyKey[]; code?: string }>;
  addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void;
}

/** A check on a list that runs whenever the value is a list, even if some of its entries are not valid. */
export const anyList = { when: (payload: { value: unknown }): boolean => Array.isArray(payload.value) };

/** Whether an issue at `path` (other than unknown keys) lies on the list entry `index` itself or its `key`. */
function entryFailed(issues: CheckContext['issues'], index: number, key: string): boolean {
  return issues.some((issue) => issue.code !== 'unrecognized_keys' && issue.path?.[0] === index
    && (issue.path.length === 1 || issue.path[1] === key));
}

/**
 * Reports each list entry whose `key` repeats an earlier entry's, at that key, naming the first holder;
 * an entry whose key did not validate is left out.
 */
export function checkDistinct(items: readonly unknown[], ctx: CheckContext, listName: string, key: string, label: (value: string | number) => string): void {
  const first = new Map<string | number, number>();
  items.forEach((item, i) => {
    if (!isPlainObject(item) || entryFailed(ctx.issues, i, key)) return;
    const value = item[key];
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const seen = first.get(value);
    if (seen === undefined) first.set(value, i);
    else ctx.addIssue({ code: 'custom', path: [i, key], message: `duplicate ${label(value)} (${listName}[${seen}] has it too)` });
  });
}

/** Entries ordered by `below`, highest first (thresholds and credit tiers). */
export function byBelowDescending<T extends { below: number }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => b.below - a.below);
}

/** Whether a value is a plain object (a mapping), not a list, date or class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
