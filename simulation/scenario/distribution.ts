/** Distributions as written in a scenario: a constant, {median, p90}, {mean} or {min, max}, normalised to `Dist`. */
import type { z } from 'zod';
import type { Dist } from './types';
import type { NumberRange } from './messages';
import { describeValue, unknownKeysMessage } from './messages';
import type { Picked } from './fields';
import { dispatch, duration, exactly, isPlainObject, num, obj, whenValid } from './fields';
import { formatDuration } from './duration';

export interface DistBounds extends NumberRange {
  /** Values are durations (accept `5m`, `1h30m`), read as minutes. */
  time?: boolean;
}

const FORMS = 'a number or one of {median, p90} (lognormal), {mean} (exponential), {min, max} (uniform)';

const FAMILIES = [
  { kind: 'lognormal', keys: ['median', 'p90'] },
  { kind: 'exponential', keys: ['mean'] },
  { kind: 'uniform', keys: ['min', 'max'] },
  { kind: 'constant', keys: ['value'] },
] as const;

const ALL_KEYS = ['kind', ...FAMILIES.flatMap((f) => f.keys)];

function forms(bounds: DistBounds) {
  const value = (range: NumberRange) => (bounds.time ? duration(range) : num(range));
  const show = (n: number) => (bounds.time ? formatDuration(n) : String(n));
  const positive: NumberRange = {
    min: Math.max(bounds.min, 0),
    max: bounds.max,
    minExclusive: bounds.min <= 0 ? true : bounds.minExclusive,
    maxExclusive: bounds.maxExclusive,
  };
  return {
    bare: value(bounds).transform((v) => ({ kind: 'constant' as const, value: v })),
    constant: obj({ kind: exactly('constant'), value: value(bounds) }),
    lognormal: obj({ kind: exactly('lognormal'), median: value(positive), p90: value(positive) }).superRefine((d, ctx) => {
      if (d.p90 < d.median) ctx.addIssue({ code: 'custom', path: ['p90'], message: `must be at least the median (${show(d.median)}), got ${show(d.p90)}` });
    }, whenValid('median', 'p90')),
    exponential: obj({ kind: exactly('exponential'), mean: value(positive) }),
    uniform: obj({ kind: exactly('uniform'), min: value(bounds), max: value(bounds) }).superRefine((d, ctx) => {
      if (d.max < d.min) ctx.addIssue({ code: 'custom', path: ['max'], message: `must be at least min (${show(d.min)}), got ${show(d.max)}` });
    }, whenValid('min', 'max')),
  };
}

type Kind = 'constant' | 'lognormal' | 'exponential' | 'uniform';

/** A distribution schema whose values lie in `bounds`; lognormal and exponential parameters must be positive. */
export function distribution(bounds: DistBounds) {
  const f = forms(bounds);
  const byKind: Record<Kind, z.ZodType<Dist>> = { constant: f.constant, lognormal: f.lognormal, exponential: f.exponential, uniform: f.uniform };
  return dispatch<Dist>((input): Picked<Dist> | string => {
    if (typeof input === 'number' || (bounds.time && typeof input === 'string')) return { schema: f.bare, value: input };
    if (!isPlainObject(input)) return `must be ${FORMS}, got ${describeValue(input)}`;
    if ('kind' in input) {
      const kind = input.kind;
      if (typeof kind === 'string' && Object.hasOwn(byKind, kind)) return { schema: byKind[kind as Kind], value: input };
      return `has kind ${describeValue(kind)}; it must be one of 'constant', 'lognormal', 'exponential', 'uniform'`;
    }
    const keys = Object.keys(input);
    const families = FAMILIES.filter((family) => family.keys.some((k) => keys.includes(k)));
    if (families.length > 1) {
      return `mixes ${families.map((family) => `{${family.keys.join(', ')}}`).join(' and ')}; a distribution is ${FORMS}`;
    }
    if (families.length === 0) {
      const first = keys[0];
      return first === undefined ? `must be ${FORMS}, got an empty object` : `${unknownKeysMessage([first], ALL_KEYS)} (a distribution is ${FORMS})`;
    }
    const kind = families[0].kind;
    return { schema: byKind[kind], value: { ...input, kind } };
  });
}
