import { describe, expect, it } from 'vitest';
import { Accumulator } from '../../../simulation/aggregate/accumulator';
import { mergeParts, mergeResultParts } from '../../../simulation/aggregate/merge-parts';
import { buildResult, stripTiming } from '../../../simulation/aggregate/result';
import type { ResultDocument } from '../../../simulation/aggregate/result-types';
import { randomOutcome, scenarioFixture } from './fixtures';

const TRIALS = 60;
const DAYS = 8;
const scenario = scenarioFixture(DAYS, TRIALS);
const timing = { ms: 10, trialsPerSecond: 6000, workers: 1 };

function run(from: number, to: number): Accumulator {
  const acc = Accumulator.forScenario(scenario);
  for (let i = from; i < to; i++) acc.add(randomOutcome(i, 2, 2, DAYS));
  return acc;
}

function shard(from: number, to: number, totalTrials = TRIALS, hash = 'h1'): ResultDocument {
  return buildResult(scenario, run(from, to), { hash, timing, shard: { from, to, totalTrials } });
}

/** Shard documents as the CLI would read them back from files. */
function fromFiles(parts: ResultDocument[]): ResultDocument[] {
  return JSON.parse(JSON.stringify(parts)) as ResultDocument[];
}

function message(parts: ResultDocument[], labels?: string[]): string {
  const r = mergeParts(parts, { labels });
  return r.ok ? 'ok' : r.message;
}

describe('mergeResultParts', () => {
  const whole = JSON.stringify(stripTiming(buildResult(scenario, run(0, TRIALS), { hash: 'h1', timing })));

  it.each([
    ['two halves', [0, 30, 60]],
    ['seven uneven parts', [0, 1, 9, 10, 33, 34, 59, 60]],
    ['one part and an empty one', [0, 60, 60]],
  ])('rebuilds the unsharded result to the last digit from %s, in any order', (_name, edges) => {
    const parts = fromFiles(edges.slice(1).map((to, k) => shard(edges[k], to)));
    for (const order of [parts, [...parts].reverse()]) {
      const merged = mergeResultParts(order, timing);
      expect(merged.ok).toBe(true);
      if (merged.ok) {
        expect(merged.doc.partial).toBeUndefined();
        expect(JSON.stringify(stripTiming(merged.doc))).toBe(whole);
      }
    }
  });

  it('reports why parts do not merge instead of a result', () => {
    expect(mergeResultParts([shard(0, 30)], timing)).toEqual({ ok: false, message: 'trials [30, 60) are in no part' });
  });
});

describe('mergeParts', () => {
  it('returns the merged accumulator and the range it covers', () => {
    const r = mergeParts(fromFiles([shard(20, 60), shard(0, 20)]));
    expect(r.ok && { trials: r.acc.trials, from: r.from, to: r.to }).toEqual({ trials: 60, from: 0, to: 60 });
  });

  it('refuses nothing to merge', () => {
    expect(message([])).toBe('no parts to merge');
  });

  it('refuses a document that is not a shard', () => {
    const full = buildResult(scenario, run(0, 60), { hash: 'h1', timing });
    expect(message([full])).toBe('part 1: has no partial state (only documents of a --shard run can be merged)');
    expect(message([{} as ResultDocument])).toBe('part 1: not a budgetcast/result@1 document');
  });

  it('refuses gaps, overlaps and a missing tail', () => {
    expect(message([shard(0, 20), shard(30, 60)])).toBe('trials [20, 30) are in no part');
    expect(message([shard(0, 40), shard(30, 60)])).toBe('part 1 and part 2 overlap on trials [30, 40)');
    expect(message([shard(0, 30), shard(0, 30), shard(30, 60)])).toBe('part 1 and part 2 overlap on trials [0, 30)');
    expect(message([shard(10, 60)])).toBe('trials [0, 10) are in no part');
  });

  it('refuses parts of another scenario, seed or trial total, naming them by their labels', () => {
    expect(message([shard(0, 30), shard(30, 60, 60, 'h2')], ['a.json', 'b.json'])).toBe('b.json: scenario hash "h2" differs from a.json\'s "h1"');
    const otherSeed = { ...shard(30, 60), seed: 8 };
    expect(message([shard(0, 30), otherSeed])).toBe('part 2: seed 8 differs from part 1\'s 7');
    expect(message([shard(0, 30), shard(30, 60, 90)])).toBe('part 2: trial total 90 differs from part 1\'s 60');
  });

  it('refuses ranges that do not fit and states that do not match them', () => {
    const tooLong = shard(0, 60);
    tooLong.partial = { ...tooLong.partial!, totalTrials: 50 };
    expect(message([tooLong])).toBe('part 1: trial range [0, 60) does not fit in 50 trials');
    const liar = { ...shard(30, 60), trials: 31 };
    expect(message([shard(0, 30), liar])).toBe('part 2: says 31 trials but covers [30, 60)');
    const swapped = shard(30, 60);
    swapped.partial = { ...swapped.partial!, state: shard(0, 20).partial!.state, from: 30, to: 60 };
    expect(message([shard(0, 30), swapped])).toBe('part 2: its state holds 20 trials, not 30');
    const corrupt = shard(30, 60);
    corrupt.partial = { ...corrupt.partial!, state: { format: 'budgetcast/accumulator@1' } };
    expect(message([shard(0, 30), corrupt])).toBe('part 2: accumulator.shape: expected an object');
  });
});
