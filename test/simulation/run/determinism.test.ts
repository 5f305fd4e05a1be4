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

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a scenario on 1, 2 and 4 workers and as 3 shards merged, keeping each result's text under `<prefix>-...`. */
async function runAllWays(prefix: string, scenario: string, trials: number): Promise<void> {
  const base = ['run', scenario, '--trials', String(trials)];
  for (const workers of [1, 2, 4]) await run(`${prefix}workers-${workers}`, [...base, '--workers', String(workers)]);
  for (const k of [1, 2, 3]) await run(`${prefix}shard-${k}`, [...base, '--shard', `${k}/3`, '--workers', String(k)]);
  const merged = join(scratch, `${prefix}merged.json`);
  const result = await runCli(['merge', ...[3, 1, 2].map((k) => join(scratch, `${prefix}shard-${k}.json`)), '--quiet', '--out', merged]);
  if (result.code !== 0) throw new Error(`merge: exit ${result.code}: ${result.stderr}`);
  texts.set(`${prefix}merged`, readFileSync(merged, 'utf8'));
}

const TRIALS = 2000;

describe('a run of 2,000 trials', () => {
  beforeAll(() => runAllWays('', join(FIXTURES, 'small.yaml'), TRIALS));

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

describe('a run of 1,000 trials with noise, bursts, maintenance, timeslices, budget policy, alerts and an SLA', () => {
  beforeAll(() => runAllWays('policy-', join(FIXTURES, 'small-policy.yaml'), 1000));

  it('exercises every layer: policy states reached, alerts fired, credits owed in some trials', () => {
    const doc = JSON.parse(texts.get('policy-workers-1') as string) as ResultDocument;
    expect(doc.slos.some((slo) => slo.breachProbability.estimate > 0 && slo.breachProbability.estimate < 1)).toBe(true);
    expect(doc.slos[0].alerts.map((a) => a.rule)).toEqual(['14.4x 1h/5m', '1x 3d/6h', '50% consumed']);
    expect(doc.slos[0].alerts[0].firingsMean).toBeGreaterThan(0);
    expect(doc.services[0].policy?.probability.caution).toBeGreaterThan(0);
    expect(doc.sla[0].creditProbability).toBeGreaterThan(0);
    expect(doc.sla[0].creditProbability).toBeLessThan(1);
  });

  it('gives byte-identical results, timing aside, on 1, 2 and 4 workers and as 3 shards merged', () => {
    const one = withoutTiming(texts.get('policy-workers-1') as string);
    expect(withoutTiming(texts.get('policy-workers-2') as string)).toBe(one);
    expect(withoutTiming(texts.get('policy-workers-4') as string)).toBe(one);
    expect(withoutTiming(texts.get('policy-merged') as string)).toBe(one);
  });
});

describe('a run of 600 trials of the ML platform example (GPU pool, serving, training, batch inference, feature store)', () => {
  beforeAll(() => runAllWays('ml-', join(FIXTURES, '..', '..', '..', '..', 'scenarios', 'examples', 'ml-platform.yaml'), 600));

  it('reports the ML platform, with jobs completed and a utilisation between 0 and 100 %', () => {
    const doc = JSON.parse(texts.get('ml-workers-1') as string) as ResultDocument;
    const ml = doc.ml as NonNullable<ResultDocument['ml']>;
    expect(ml.trials).toBe(600);
    expect(ml.training?.utilization.mean).toBeGreaterThan(0);
    expect(ml.training?.utilization.mean).toBeLessThan(100);
  });

  it('gives byte-identical results, timing aside, on 1, 2 and 4 workers and as 3 shards merged', () => {
    const one = withoutTiming(texts.get('ml-workers-1') as string);
    expect(withoutTiming(texts.get('ml-workers-2') as string)).toBe(one);
    expect(withoutTiming(texts.get('ml-workers-4') as string)).toBe(one);
    expect(withoutTiming(texts.get('ml-merged') as string)).toBe(one);
  });
});
