/**
 * DESIGN 3.8 and 5: the same scenario and seed give the same result whatever the
 * number of workers or shards, to the last digit. Runs the built command
 * (dist/cli.mjs) the way a user would.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../simulation/aggregate/result-types';
import { FIXTURES, runCli } from '../cli/run-cli';

const TRIALS = 2000;
const scenario = join(FIXTURES, 'small.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'budgetcast-determinism-'));
const texts = new Map<string, string>();

/** The document's JSON text with its timing, the one field allowed to differ, set aside. */
function withoutTiming(text: string): string {
  const doc = JSON.parse(text) as Partial<ResultDocument>;
  delete doc.timing;
  return JSON.stringify(doc, null, 2);
}

async function run(name: string, args: string[]): Promise<void> {
  const out = join(scratch, `${name}.json`);
  const result = await runCli([...args, '--quiet', '--out', out]);
  if (result.code !== 0) throw new Error(`${name}: exit ${result.code}: ${result.stderr}`);
  texts.set(name, readFileSync(out, 'utf8'));
}

beforeAll(async () => {
  const base = ['run', scenario, '--trials', String(TRIALS)];
  for (const workers of [1, 2, 4]) await run(`workers-${workers}`, [...base, '--workers', String(workers)]);
  for (const k of [1, 2, 3]) await run(`shard-${k}`, [...base, '--shard', `${k}/3`, '--workers', String(k)]);
  const merged = join(scratch, 'merged.json');
  const result = await runCli(['merge', ...[3, 1, 2].map((k) => join(scratch, `shard-${k}.json`)), '--quiet', '--out', merged]);
  if (result.code !== 0) throw new Error(`merge: exit ${result.code}: ${result.stderr}`);
  texts.set('merged', readFileSync(merged, 'utf8'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a run of 2,000 trials', () => {
  it('is non-trivial: some SLO is breached in some trials but not all', () => {
    const doc = JSON.parse(texts.get('workers-1') as string) as ResultDocument;
    expect(doc.trials).toBe(TRIALS);
    const between = doc.slos.filter((slo) => slo.breachProbability.estimate > 0 && slo.breachProbability.estimate < 1);
    expect(between.length).toBeGreaterThan(0);
  });

  it('gives byte-identical results, timing aside, on 1, 2 and 4 workers', () => {
    const one = withoutTiming(texts.get('workers-1') as string);
    expect(withoutTiming(texts.get('workers-2') as string)).toBe(one);
    expect(withoutTiming(texts.get('workers-4') as string)).toBe(one);
  });

  it('gives the same document when cut into 3 shards and merged', () => {
    expect(withoutTiming(texts.get('merged') as string)).toBe(withoutTiming(texts.get('workers-1') as string));
  });

  it('differs only in timing, which the runs on different worker counts do report differently', () => {
    const workers = (name: string): number => (JSON.parse(texts.get(name) as string) as ResultDocument).timing.workers;
    expect([workers('workers-1'), workers('workers-2'), workers('workers-4')]).toEqual([1, 2, 4]);
  });
});
