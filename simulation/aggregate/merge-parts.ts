/**
 * `budgetcast merge`: shard documents back into one accumulator and result.
 * Parts must come from the same scenario hash, seed and trial total, and their
 * trial ranges must be disjoint and cover [0, totalTrials); the merged result
 * is then identical to the unsharded run's (DESIGN 3.8, 5).
 */
import { Accumulator, CORE_SECTIONS, type AnySectionKind } from './accumulator';
import type { ResultDocument } from './result-types';
import { frameOfDocument, summarise, type Timing } from './summarise';

export type MergedParts = { ok: true; acc: Accumulator; from: number; to: number } | { ok: false; message: string };
export type MergedResult = { ok: true; doc: ResultDocument } | { ok: false; message: string };

export interface MergeOptions {
  /** How to name each part in messages (e.g. its file); defaults to "part 1", "part 2", ... */
  labels?: readonly string[];
  /** The accumulator sections the parts were built with. */
  sections?: readonly AnySectionKind[];
}

interface Part {
  index: number;
  hash: unknown;
  seed: unknown;
  horizonDays: unknown;
  from: number;
  to: number;
  totalTrials: number;
  state: unknown;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** What merging needs from one part, or a message saying why it is not a shard document. */
function readPart(doc: unknown, index: number, label: string): Part | string {
  if (!isObject(doc) || doc.schema !== 'budgetcast/result@1' || !isObject(doc.scenario)) return `${label}: not a budgetcast/result@1 document`;
  const partial = doc.partial;
  if (!isObject(partial)) return `${label}: has no partial state (only documents of a --shard run can be merged)`;
  const { from, to, totalTrials } = partial;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || !Number.isSafeInteger(totalTrials)) {
    return `${label}: partial.from, .to and .totalTrials must be integers`;
  }
  const [a, b, total] = [from as number, to as number, totalTrials as number];
  if (!(a >= 0 && a <= b && b <= total)) return `${label}: trial range [${a}, ${b}) does not fit in ${total} trials`;
  if (doc.trials !== b - a) return `${label}: says ${String(doc.trials)} trials but covers [${a}, ${b})`;
  return { index, hash: doc.scenario.hash, seed: doc.seed, horizonDays: doc.horizonDays, from: a, to: b, totalTrials: total, state: partial.state };
}

/** Checks that shard documents fit together and merges their accumulators. */
export function mergeParts(parts: readonly ResultDocument[], options: MergeOptions = {}): MergedParts {
  const label = (i: number): string => options.labels?.[i] ?? `part ${i + 1}`;
  const fail = (message: string): MergedParts => ({ ok: false, message });
  if (parts.length === 0) return fail('no parts to merge');
  const read: Part[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = readPart(parts[i], i, label(i));
    if (typeof part === 'string') return fail(part);
    read.push(part);
  }
  const first = read[0];
  for (const p of read.slice(1)) {
    const differs = (what: string, mine: unknown, theirs: unknown): MergedParts =>
      fail(`${label(p.index)}: ${what} ${JSON.stringify(mine)} differs from ${label(0)}'s ${JSON.stringify(theirs)}`);
    if (p.hash !== first.hash) return differs('scenario hash', p.hash, first.hash);
    if (p.seed !== first.seed) return differs('seed', p.seed, first.seed);
    if (p.totalTrials !== first.totalTrials) return differs('trial total', p.totalTrials, first.totalTrials);
    if (p.horizonDays !== first.horizonDays) return differs('horizon', p.horizonDays, first.horizonDays);
  }
  const coverage = checkCoverage(read, first.totalTrials, label);
  if (coverage !== null) return fail(coverage);

  const sections = options.sections ?? CORE_SECTIONS;
  let acc: Accumulator | null = null;
  for (const p of [...read].sort((x, y) => x.from - y.from || x.to - y.to)) {
    try {
      const part = Accumulator.fromJSON(p.state, sections);
      if (part.trials !== p.to - p.from) throw new Error(`its state holds ${part.trials} trials, not ${p.to - p.from}`);
      if (acc === null) acc = part;
      else acc.merge(part);
    } catch (e) {
      return fail(`${label(p.index)}: ${(e as Error).message}`);
    }
  }
  return { ok: true, acc: acc as Accumulator, from: 0, to: first.totalTrials };
}

/** The first problem with how the ranges cover [0, total), or null when they tile it exactly. */
function checkCoverage(ranges: readonly Part[], total: number, label: (i: number) => string): string | null {
  const sorted = ranges.filter((r) => r.to > r.from).sort((x, y) => x.from - y.from || x.to - y.to);
  let at = 0;
  let previous = -1;
  for (const r of sorted) {
    if (r.from < at) return `${label(previous)} and ${label(r.index)} overlap on trials [${r.from}, ${Math.min(at, r.to)})`;
    if (r.from > at) return `trials [${at}, ${r.from}) are in no part`;
    at = r.to;
    previous = r.index;
  }
  return at < total ? `trials [${at}, ${total}) are in no part` : null;
}

/** Merges shard documents into the result document of the whole run. */
export function mergeResultParts(parts: readonly ResultDocument[], timing: Timing, options: MergeOptions = {}): MergedResult {
  const merged = mergeParts(parts, options);
  if (!merged.ok) return merged;
  try {
    return { ok: true, doc: summarise(frameOfDocument(parts[0]), merged.acc, timing) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}
