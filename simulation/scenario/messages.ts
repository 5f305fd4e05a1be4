/** Plain-language validation messages: what a value should be, what it was, and what was probably meant. */
import { distance } from 'fastest-levenshtein';

/** The path of an issue about the document as a whole (syntax errors, a document that is not a mapping). */
export const DOCUMENT_PATH = '(document)';

/** Writes a path as `services[0].traffic.rps`; the empty path is the document itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      out += /^[A-Za-z_$][\w$]*$/.test(name) ? (out === '' ? name : `.${name}`) : `[${JSON.stringify(name)}]`;
    }
  }
  return out === '' ? DOCUMENT_PATH : out;
}

/** Zod's issues as scenario issues, each path and message once, in order; `prefix` is prepended to every path (such as 'ml'). */
export function distinctIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix: readonly PropertyKey[] = []): { path: string; message: string }[] {
  const seen = new Set<string>();
  const out: { path: string; message: string }[] = [];
  for (const issue of issues) {
    const converted = { path: formatPath([...prefix, ...issue.path]), message: issue.message };
    const key = `${converted.path}\u0000${converted.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(converted);
  }
  return out;
}

/** A number written for a reader: thousands separated from 10,000 up. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 10000) return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return String(n);
}

/** How a value is named in a message: strings quoted and shortened, containers by kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : `the date ${value.toISOString()}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'bigint') return `${value}`;
  if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
  return String(value);
}

/** Whether b is a with two neighbouring letters swapped. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

/** The candidate a misspelt word most likely meant, or undefined when none is close. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const d = isTransposition(lower, c) ? 1 : distance(lower, c);
    const close = d <= Math.max(1, Math.floor(Math.max(lower.length, c.length) / 3));
    const prefix = c.length >= 2 && lower.length >= 2 && (lower.startsWith(c) || c.startsWith(lower));
    // Among equally close candidates, one the word extends or shortens (a plural, an abbreviation) wins.
    const score = close ? d - (prefix ? 0.25 : 0) : prefix ? Math.abs(lower.length - c.length) + 0.5 : Infinity;
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

/** "; did you mean 'x'?" or nothing. */
export function suggestion(word: string, candidates: readonly string[]): string {
  const guess = didYouMean(word, candidates);
  return guess === undefined || guess === word ? '' : `; did you mean '${guess}'?`;
}

/** The message for keys an object does not allow, with a guess at each one. */
export function unknownKeysMessage(keys: readonly string[], allowed: readonly string[]): string {
  if (keys.length === 1) return `unknown key '${keys[0]}'${suggestion(keys[0], allowed)}`;
  const parts = keys.map((k) => {
    const guess = didYouMean(k, allowed);
    return guess === undefined ? `'${k}'` : `'${k}' (did you mean '${guess}'?)`;
  });
  return `unknown keys ${parts.join(', ')}`;
}

export interface NumberRange {
  min: number;
  max: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
}

/** The allowed range in words: "between 0 and 1", "greater than 0 and less than 100". */
export function rangeText(r: NumberRange, format: (n: number) => string = formatNumber): string {
  if (!r.minExclusive && !r.maxExclusive) return `between ${format(r.min)} and ${format(r.max)}`;
  const low = r.minExclusive ? `greater than ${format(r.min)}` : `at least ${format(r.min)}`;
  const high = r.maxExclusive ? `less than ${format(r.max)}` : `at most ${format(r.max)}`;
  return `${low} and ${high}`;
}

/** Whether n lies in the range (and is whole when the range asks for it). */
export function inRange(n: number, r: NumberRange): boolean {
  if (!Number.isFinite(n)) return false;
  if (r.integer && !Number.isInteger(n)) return false;
  if (r.minExclusive ? n <= r.min : n < r.min) return false;
  return r.maxExclusive ? n < r.max : n <= r.max;
}

/** "must be a number between 0 and 1, got 1.5". */
export function rangeMessage(r: NumberRange, got: unknown): string {
  return `must be ${r.integer ? 'a whole number' : 'a number'} ${rangeText(r)}, got ${describeValue(got)}`;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object (a mapping of keys to values)',
  array: 'a list',
};

/** Minimal view of a zod 4 raw issue, as seen by error maps. */
export interface RawIssue {
  code?: string;
  input?: unknown;
  expected?: string;
  received?: string;
  keys?: string[];
  values?: unknown[];
  options?: unknown[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  message?: string;
}

function literal(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}

/** The plain message for any zod issue the scenario schema can raise. */
export function issueMessage(issue: RawIssue): string {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return 'is required';
      if (issue.expected === 'number' && typeof input === 'number') return `must be a finite number, got ${describeValue(input)}`;
      const expected = EXPECTED[issue.expected ?? ''] ?? `of type ${issue.expected}`;
      return `must be ${expected}, got ${describeValue(input)}`;
    }
    case 'invalid_value': {
      const values = issue.values ?? [];
      const strings = values.filter((v): v is string => typeof v === 'string');
      if (values.length === 1) return `must be ${literal(values[0])}, got ${describeValue(input)}`;
      const hint = typeof input === 'string' ? suggestion(input, strings) : '';
      return `must be one of ${values.map(literal).join(', ')}, got ${describeValue(input)}${hint}`;
    }
    case 'unrecognized_keys':
      return unknownKeysMessage(issue.keys ?? [], []);
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${formatNumber(Number(issue.minimum))} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}`;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${formatNumber(Number(issue.minimum))} characters long`;
      return `is too small, got ${describeValue(input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${formatNumber(Number(issue.maximum))} entries, got ${Array.isArray(input) ? formatNumber(input.length) : describeValue(input)}`;
      if (issue.origin === 'string') return `must be at most ${formatNumber(Number(issue.maximum))} characters long`;
      return `is too large, got ${describeValue(input)}`;
    case 'invalid_union':
      return `does not match any allowed form, got ${describeValue(input)}`;
    default:
      return issue.message ?? `is not valid, got ${describeValue(input)}`;
  }
}
