/**
 * Traceability of the built-in scenarios: every number comes from a quotation of a seed document
 * (`source: "NNN §<section>: <quote>"`) or is marked `assumed: true` with a `reason`.
 */
import type { Scenario } from './types';
import { describeValue } from './messages';

/** A problem found in a scenario's traceability, at a path such as `slos[3].source[1]`. */
export interface TraceProblem {
  path: string;
  message: string;
}

/** A quotation read apart: seed number, section label, the quote, and its fragments (split at ` ... `). */
export interface Quote {
  seed: string;
  section: string;
  quote: string;
  fragments: string[];
}

/** One number of a quote as written, and the values it may stand for. */
export interface QuotedNumber {
  text: string;
  readings: number[];
}

const EXAMPLE = '"002 §Latency SLO: p95 < 100ms"';
/** ` ... ` skips text; a `...` at either end of the quote is dropped. */
const SKIP = /(?<=^|\s)\.\.\.(?=\s|$)/g;

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Splits a quotation `NNN §<section>: <quote>` into its parts; the first `: ` after `§` ends the section, ` ... ` parts the fragments. */
export function parseQuote(source: string): Quote | { error: string } {
  const head = /^(\d{3}) §/.exec(source);
  if (!head) return { error: `must start with a three-digit seed number and ' §' (as in ${EXAMPLE}), got ${describeValue(source)}` };
  const rest = source.slice(head[0].length);
  const colon = rest.indexOf(': ');
  if (colon < 0) return { error: `has no ': ' after its section to start the quote (as in ${EXAMPLE}), got ${describeValue(source)}` };
  const section = collapse(rest.slice(0, colon));
  const quote = collapse(rest.slice(colon + 2));
  if (section === '') return { error: `has an empty section after '§' (as in ${EXAMPLE})` };
  if (quote === '') return { error: 'has an empty quote after its section' };
  const fragments = quote.replace(SKIP, '\u0000').split('\u0000').map((fragment) => fragment.trim()).filter((fragment) => fragment !== '');
  if (fragments.length === 0) return { error: `has nothing but '...' after its section` };
  return { seed: head[1], section, quote, fragments };
}

/** Minutes per time unit that may follow a quoted number. */
const UNIT_MINUTES: ReadonlyArray<[RegExp, number]> = [
  [/^ms$/i, 1 / 60000],
  [/^(s|secs?|seconds?)$/i, 1 / 60],
  [/^(m|mins?|minutes?)$/i, 1],
  [/^(h|hrs?|hours?)$/i, 60],
  [/^(d|days?)$/i, 1440],
  [/^(w|wks?|weeks?)$/i, 10080],
  [/^months?$/i, 43200],
];

const NUMBER = /(?<label>[pP](?=\d{2}))?(?<digits>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)(?:[ -]?(?<unit>ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?)(?![A-Za-z]))?/gi;
const LETTER = /[A-Za-z]/;
const DIGIT = /\d/;

/** Whether the match at `at` is glued to a word before it (EC2, S3, v1, P1) rather than a number of its own; `24x7` counts. */
function gluedToWord(text: string, at: number): boolean {
  const before = text[at - 1] ?? '';
  if (!LETTER.test(before)) return false;
  return !(/[xX×]/.test(before) && DIGIT.test(text[at - 2] ?? ''));
}

/** A time of day such as 02:00 (its reading: minutes after midnight). */
const TIME_OF_DAY = /(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])/g;

/**
 * Every number of a quote with the values it may stand for: itself, /100 and x100 (percent and fraction),
 * 100 - x for a percentage (its complement: "< 0.1 % errors" is a 99.9 target), minutes and days when a
 * time unit follows, milliseconds for seconds, minutes after midnight for a time of day such as 02:00.
 * `1,000` is 1000, `p95` is 95, `-5` (not `50-80`) is negative.
 */
export function quotedNumbers(quote: string): QuotedNumber[] {
  const out: QuotedNumber[] = [];
  // Times of day first, blanked out so their digits are not read again.
  const text = collapse(quote).replace(TIME_OF_DAY, (whole: string, h: string, m: string) => {
    out.push({ text: whole, readings: [Number(h) * 60 + Number(m)] });
    return ' '.repeat(whole.length);
  });
  for (const match of text.matchAll(NUMBER)) {
    const at = match.index;
    const { label, digits, unit } = match.groups as { label?: string; digits: string; unit?: string };
    if (gluedToWord(text, at)) continue;
    const before = text[at - 1] ?? '';
    const negative = label === undefined && (before === '-' || before === '\u2212') && !/[A-Za-z0-9.]/.test(text[at - 2] ?? '');
    const x = (negative ? -1 : 1) * Number(digits.replace(/,/g, ''));
    const readings = [x, x / 100, x * 100];
    if (unit === undefined && /^\s?%/.test(text.slice(at + match[0].length))) readings.push(100 - x, (100 - x) / 100);
    const perUnit = unit === undefined ? undefined : UNIT_MINUTES.find(([re]) => re.test(unit))?.[1];
    if (perUnit !== undefined) readings.push(x * perUnit, (x * perUnit) / 1440);
    if (perUnit === 1 / 60) readings.push(x * 1000);
    out.push({ text: (negative ? '-' : '') + match[0], readings: [...new Set(readings)] });
  }
  return out;
}

const TRACE_KEYS = new Set(['source', 'assumed', 'reason']);

/** Every finite number an object holds, nested objects and lists included, once each, leaving out its traceability keys. */
export function objectNumbers(value: unknown): number[] {
  const found = new Set<number>();
  const walk = (v: unknown): void => {
    if (typeof v === 'number') {
      if (Number.isFinite(v)) found.add(v);
    } else if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, child] of Object.entries(v)) if (!TRACE_KEYS.has(key)) walk(child);
    }
  };
  walk(value);
  return [...found];
}

/** Whether the quote's fragments are in the document: one fragment anywhere (across lines), several in order on one line. */
export function quoteAppears(documentText: string, fragments: string[]): boolean {
  const wanted = fragments.map(collapse);
  if (wanted.length === 0) return false;
  if (wanted.length === 1) return collapse(documentText).includes(wanted[0]);
  return documentText.split(/\r?\n/).some((line) => {
    const text = collapse(line);
    let from = 0;
    for (const fragment of wanted) {
      const at = text.indexOf(fragment, from);
      if (at < 0) return false;
      from = at + fragment.length;
    }
    return true;
  });
}

const same = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

type Row = Record<string, unknown>;

interface Traced {
  path: string;
  value: Row;
  /** The coverage rules ask this object for a source or an assumption. */
  required: boolean;
  /** Its `source` is a quotation (metadata's is the seed file name). */
  quoted: boolean;
}

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

function rawAt(raw: unknown, ...keys: (string | number)[]): unknown {
  let v = raw;
  for (const key of keys) v = isRow(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[key] : undefined;
  return v;
}

/** Entries of a list the schema sorts by `below`, each with its index in the file as written (distinct `below` values). */
function asWritten<T extends { below: number }>(entries: readonly T[], raw: unknown): [number, T][] {
  const written = Array.isArray(raw) ? raw : [];
  return entries
    .map((entry, i): [number, T] => {
      const at = written.findIndex((w) => isRow(w) && w.below === entry.below);
      return [at < 0 ? i : at, entry];
    })
    .sort((a, b) => a[0] - b[0]);
}

/** Every object that may carry traceability keys, in document order, with whether the coverage rules require them. */
function tracedObjects(s: Scenario, raw: unknown): Traced[] {
  const out: Traced[] = [];
  const add = (path: string, value: unknown, required: boolean, quoted = true): void => {
    if (isRow(value)) out.push({ path, value, required, quoted });
  };
  add('metadata', s.metadata, false, false);
  s.services.forEach((service, i) => {
    const p = `services[${i}]`;
    add(p, service, true);
    add(`${p}.traffic`, service.traffic, true);
    for (const part of ['diurnal', 'weekly', 'growth', 'noise', 'bursts'] as const) add(`${p}.traffic.${part}`, service.traffic[part], false);
    add(`${p}.capacity`, service.capacity, true);
    add(`${p}.capacity.autoscale`, service.capacity?.autoscale, false);
    add(`${p}.latency`, service.latency, true);
    service.failures.forEach((failure, j) => add(`${p}.failures[${j}]`, failure, true));
    add(`${p}.deploys`, service.deploys, true);
    service.scripted.forEach((event, j) => add(`${p}.scripted[${j}]`, event, false));
    service.maintenance.forEach((window, j) => add(`${p}.maintenance[${j}]`, window, true));
    service.dependsOn.forEach((dependency, j) => add(`${p}.dependsOn[${j}]`, dependency, true));
  });
  s.slos.forEach((slo, i) => add(`slos[${i}]`, slo, true));
  add('policy', s.policy, false);
  for (const [j, threshold] of asWritten(s.policy.budget, rawAt(raw, 'policy', 'budget'))) add(`policy.budget[${j}]`, threshold, true);
  s.policy.alerts.forEach((rule, j) => add(`policy.alerts[${j}]`, rule, true));
  s.sla.forEach((sla, i) => {
    add(`sla[${i}]`, sla, true);
    for (const [j, tier] of asWritten(sla.credits, rawAt(raw, 'sla', i, 'credits'))) add(`sla[${i}].credits[${j}]`, tier, true);
  });
  const ml = s.ml;
  if (ml) {
    add('ml', ml, false);
    add('ml.gpuPool', ml.gpuPool, true);
    ml.serving.forEach((model, i) => {
      const p = `ml.serving[${i}]`;
      add(p, model, true);
      add(`${p}.traffic`, model.traffic, true);
      for (const part of ['diurnal', 'weekly', 'growth', 'bursts'] as const) add(`${p}.traffic.${part}`, model.traffic[part], false);
      add(`${p}.autoscale`, model.autoscale, false);
    });
    add('ml.training', ml.training, false);
    ml.training?.classes.forEach((c, i) => {
      add(`ml.training.classes[${i}]`, c, true);
      add(`ml.training.classes[${i}].weekly`, c.weekly, false);
    });
    add('ml.batchInference', ml.batchInference, true);
    add('ml.featureStore', ml.featureStore, true);
  }
  return out;
}

function coverageProblems({ path, value, required }: Traced): TraceProblem[] {
  const hasSource = value.source !== undefined;
  const assumed = value.assumed === true;
  const hasReason = value.reason !== undefined;
  if (assumed && !hasReason) return [{ path, message: 'has assumed: true but no reason; say in one line why the numbers are assumed' }];
  if (hasReason && !assumed && !hasSource) return [{ path, message: 'has a reason but neither assumed: true nor a source' }];
  if (required && !hasSource && !assumed) return [{ path, message: `needs a source (a quotation such as ${EXAMPLE}), or assumed: true with a reason` }];
  return [];
}

function quoteProblems(path: string, source: string, numbers: number[], seedText: (seed: string) => string | undefined): TraceProblem[] {
  const read = parseQuote(source);
  if ('error' in read) return [{ path, message: read.error }];
  const problems: TraceProblem[] = [];
  for (const quoted of quotedNumbers(read.quote)) {
    if (quoted.readings.some((r) => numbers.some((n) => same(r, n)))) continue;
    const has = numbers.length === 0 ? 'it has none' : numbers.map(String).join(', ');
    problems.push({ path, message: `quoted number '${quoted.text}' matches no number of this object (${has}); trim the quote with ' ... ' or fix the number` });
  }
  const text = seedText(read.seed);
  if (text !== undefined && !quoteAppears(text, read.fragments)) {
    problems.push({
      path,
      message: read.fragments.length === 1
        ? `is not in seed ${read.seed} (whitespace collapsed, case-sensitive): "${read.quote}"`
        : `is not in seed ${read.seed}: the fragments ${read.fragments.map((f) => `"${f}"`).join(', ')} do not appear in this order on one line`,
    });
  }
  return problems;
}

/**
 * Every traceability problem of a normalised scenario: quotations that cannot be read, quoted numbers the object
 * does not use, quotes not in their seed document (when `seeds` gives its text), and objects the coverage rules
 * want sourced or assumed. `raw` (the document as written) only maps sorted lists back to the file's order.
 */
export function traceProblems(raw: unknown, normalised: Scenario, seeds?: (seed: string) => string | undefined): TraceProblem[] {
  const cache = new Map<string, string | undefined>();
  const seedText = (seed: string): string | undefined => {
    if (!seeds) return undefined;
    if (!cache.has(seed)) cache.set(seed, seeds(seed));
    return cache.get(seed);
  };
  const problems: TraceProblem[] = [];
  for (const traced of tracedObjects(normalised, raw)) {
    problems.push(...coverageProblems(traced));
    const source = traced.value.source;
    if (!traced.quoted || source === undefined) continue;
    const numbers = objectNumbers(traced.value);
    const quotes = Array.isArray(source) ? source.map((q, k): [string, unknown] => [`${traced.path}.source[${k}]`, q]) : [[`${traced.path}.source`, source] as [string, unknown]];
    for (const [path, quote] of quotes) {
      if (typeof quote === 'string') problems.push(...quoteProblems(path, quote, numbers, seedText));
      else problems.push({ path, message: `must be a quotation such as ${EXAMPLE}, got ${describeValue(quote)}` });
    }
  }
  return problems;
}
