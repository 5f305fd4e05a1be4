/** The schema of an SLO: its SLI, target, window and budgeting method. */
import type { z } from 'zod';
import type { Budgeting, StateSli, Window } from './types';
import { isStateSli } from './types';
import { parseDuration } from './duration';
import type { Picked } from './fields';
import { bool, dispatch, exactly, idString, int, isPlainObject, num, obj, oneOf, readWith, text, trace, whenValid } from './fields';
import { describeValue, unknownKeysMessage } from './messages';

const DAY = 1440;
const UNITS = ['week', 'month', 'quarter'] as const;

/** Reads a rolling window's length: a duration that is a whole number of days, 1 to 366. */
function rollingDays(input: unknown): { ok: true; value: number } | { ok: false; message: string } {
  const read = parseDuration(input);
  if (!read.ok) return { ok: false, message: read.message };
  const bare = typeof input === 'number' ? ' (a bare number is minutes)' : '';
  if (read.minutes % DAY !== 0 || read.minutes === 0) {
    return { ok: false, message: `must be a whole number of days, such as 30d or 24h, got ${describeValue(input)}${bare}` };
  }
  const days = read.minutes / DAY;
  if (days > 366) return { ok: false, message: `must be between 1d and 366d, got ${describeValue(input)}` };
  return { ok: true, value: days };
}

/** Reads a slice length: whole minutes that divide a day. */
function sliceMinutes(input: unknown): { ok: true; value: number } | { ok: false; message: string } {
  const read = parseDuration(input);
  if (!read.ok) return { ok: false, message: read.message };
  const m = read.minutes;
  if (!Number.isInteger(m) || m < 1 || m > DAY || DAY % m !== 0) {
    return { ok: false, message: `must be whole minutes that divide a day (such as 1m, 5m, 10m, 1h or 1d), got ${describeValue(input)}` };
  }
  return { ok: true, value: m };
}

const sliceTarget = () => num({ min: 0, max: 100, minExclusive: true });

const windowForms = {
  rolling: obj({ rolling: readWith(rollingDays) }).transform((w): Window => ({ kind: 'rolling', days: w.rolling })),
  calendar: obj({ calendar: oneOf(UNITS) }).transform((w): Window => ({ kind: 'calendar', unit: w.calendar })),
  kindRolling: obj({ kind: exactly('rolling'), days: int(1, 366) }),
  kindCalendar: obj({ kind: exactly('calendar'), unit: oneOf(UNITS) }),
};

/** `{rolling: 30d}` or `{calendar: week|month|quarter}` (or the normalised `{kind, ...}` form). */
export const WindowSchema = dispatch<Window>((input): Picked<Window> | string => {
  const forms = 'must be {rolling: 30d} or {calendar: week|month|quarter}';
  if (!isPlainObject(input)) return `${forms}, got ${describeValue(input)}`;
  const pick = (schema: z.ZodType<Window>): Picked<Window> => ({ schema, value: input });
  if ('kind' in input) {
    if (input.kind === 'rolling') return pick(windowForms.kindRolling);
    if (input.kind === 'calendar') return pick(windowForms.kindCalendar);
    return `has kind ${describeValue(input.kind)}; it must be 'rolling' or 'calendar'`;
  }
  if ('rolling' in input && 'calendar' in input) return `${forms}, not both`;
  if ('rolling' in input) return pick(windowForms.rolling);
  if ('calendar' in input) return pick(windowForms.calendar);
  const first = Object.keys(input)[0];
  return first === undefined ? `${forms}, got an empty object` : `${unknownKeysMessage([first], ['rolling', 'calendar'])} (a window ${forms})`;
});

const budgetingForms = {
  timeslices: obj({ timeslices: readWith(sliceMinutes), sliceTarget: sliceTarget() })
    .transform((b): Budgeting => ({ kind: 'timeslices', sliceMinutes: b.timeslices, sliceTarget: b.sliceTarget })),
  ratioTimeslices: obj({ ratioTimeslices: readWith(sliceMinutes) })
    .transform((b): Budgeting => ({ kind: 'ratioTimeslices', sliceMinutes: b.ratioTimeslices })),
  kindOccurrences: obj({ kind: exactly('occurrences') }),
  kindTimeslices: obj({ kind: exactly('timeslices'), sliceMinutes: readWith(sliceMinutes), sliceTarget: sliceTarget() }),
  kindRatioTimeslices: obj({ kind: exactly('ratioTimeslices'), sliceMinutes: readWith(sliceMinutes) }),
};

/** `{timeslices: 1m, sliceTarget: 95}`, `{ratioTimeslices: 1m}` or `{kind: occurrences}`. */
export const BudgetingSchema = dispatch<Budgeting>((input): Picked<Budgeting> | string => {
  const forms = 'must be {timeslices: 1m, sliceTarget: 95}, {ratioTimeslices: 1m} or {kind: occurrences}';
  if (!isPlainObject(input)) return `${forms}, got ${describeValue(input)}`;
  const pick = (schema: z.ZodType<Budgeting>): Picked<Budgeting> => ({ schema, value: input });
  if ('kind' in input) {
    if (input.kind === 'occurrences') return pick(budgetingForms.kindOccurrences);
    if (input.kind === 'timeslices') return pick(budgetingForms.kindTimeslices);
    if (input.kind === 'ratioTimeslices') return pick(budgetingForms.kindRatioTimeslices);
    return `has kind ${describeValue(input.kind)}; it must be 'occurrences', 'timeslices' or 'ratioTimeslices'`;
  }
  if ('timeslices' in input && 'ratioTimeslices' in input) return `${forms}, not both timeslices and ratioTimeslices`;
  if ('timeslices' in input || 'sliceTarget' in input) return pick(budgetingForms.timeslices);
  if ('ratioTimeslices' in input) return pick(budgetingForms.ratioTimeslices);
  const first = Object.keys(input)[0];
  return first === undefined ? `${forms}, got an empty object` : `${unknownKeysMessage([first], ['timeslices', 'sliceTarget', 'ratioTimeslices', 'kind'])} (budgeting ${forms})`;
});

/** One SLO; `thresholdMs` is required exactly when the SLI is latency. */
export const SloSchema = obj({
  id: idString(),
  service: idString(),
  sli: oneOf(['availability', 'latency', 'utilization', 'queueLength', 'concurrency']),
  thresholdMs: num({ min: 0, max: 3_600_000, minExclusive: true }).optional(),
  limit: num({ min: 0, max: 1e9, minExclusive: true }).optional(),
  perInstance: bool().optional(),
  target: num({ min: 0, max: 100, minExclusive: true, maxExclusive: true }),
  window: WindowSchema,
  excludeMaintenance: bool().default(false),
  budgeting: BudgetingSchema.default(() => ({ kind: 'occurrences' as const })),
  description: text(10000).optional(),
  ...trace(),
}).superRefine((slo, ctx) => {
  const add = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (slo.sli === 'latency' && slo.thresholdMs === undefined) add('thresholdMs', 'is required for a latency SLI');
  if (slo.sli !== 'latency' && slo.thresholdMs !== undefined) add('thresholdMs', `applies only to a latency SLI (this SLO's sli is ${slo.sli})`);
  const state = isStateSli(slo.sli);
  if (state && slo.limit === undefined) add('limit', `is required for a ${slo.sli} SLI (${LIMIT_UNITS[slo.sli as StateSli]})`);
  if (!state && slo.limit !== undefined) add('limit', `applies only to the utilization, queueLength and concurrency SLIs (this SLO's sli is ${slo.sli})`);
  if (slo.sli === 'utilization' && slo.limit !== undefined && slo.limit > 100) add('limit', `is a percentage of workers busy, at most 100, got ${slo.limit}`);
  if (slo.sli !== 'concurrency' && slo.perInstance !== undefined) add('perInstance', `applies only to a concurrency SLI (this SLO's sli is ${slo.sli})`);
}, whenValid('sli', 'thresholdMs', 'limit', 'perInstance'));

/** What each state SLI's `limit` measures. */
export const LIMIT_UNITS: Record<StateSli, string> = {
  utilization: 'percent of the workers busy',
  queueLength: 'requests waiting',
  concurrency: 'requests in flight',
};
