import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../simulation/aggregate/result-types';
import { FIXTURES, hasStackTrace, lines, runCli } from './run-cli';

const small = join(FIXTURES, 'small.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'budgetcast-merge-'));
const part = (k: number, seed = 11): string => join(scratch, `part-${k}-of-3-seed-${seed}.json`);
const read = (file: string): ResultDocument => JSON.parse(readFileSync(file, 'utf8')) as ResultDocument;

beforeAll(async () => {
  const runs = [1, 2, 3].map((k) => runCli(['run', small, '--trials', '60', '--shard', `${k}/3`, '--workers', '1', '--quiet', '--out', part(k)]));
  runs.push(runCli(['run', small, '--trials', '60', '--seed', '12', '--shard', '3/3', '--workers', '1', '--quiet', '--out', part(3, 12)]));
  for (const run of await Promise.all(runs)) expect(run.code).toBe(0);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('budgetcast merge', () => {
  it('joins three shards, given in any order, into one document of all 60 trials without partial state', async () => {
    const out = join(scratch, 'merged.json');
    const run = await runCli(['merge', part(3), part(1), part(2), '--out', out, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const doc = read(out);
    expect(doc.trials).toBe(60);
    expect(doc.seed).toBe(11);
    expect(doc.partial).toBeUndefined();
    expect(doc.scenario).toEqual(read(part(1)).scenario);
  });

  it('merges parts that carry no scenario from their documents alone, to the same result', async () => {
    const bare = [1, 2, 3].map((k) => {
      const doc = read(part(k));
      delete (doc.partial as { scenario?: unknown }).scenario;
      const file = join(scratch, `bare-${k}.json`);
      writeFileSync(file, JSON.stringify(doc));
      return file;
    });
    const [withScenario, without] = await Promise.all([
      runCli(['merge', part(1), part(2), part(3), '--quiet']),
      runCli(['merge', ...bare, '--quiet']),
    ]);
    expect(without.code).toBe(0);
    expect(without.stdout).toBe(withScenario.stdout);
  });

  it('refuses a part whose carried scenario does not match its scenario hash, exit 2', async () => {
    const doc = read(part(2));
    (doc.partial as unknown as { scenario: { metadata: { name: string } } }).scenario.metadata.name = 'edited';
    const edited = join(scratch, 'edited-2.json');
    writeFileSync(edited, JSON.stringify(doc));
    const run = await runCli(['merge', edited, part(1), part(3)]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(lines(run.stderr)[0]).toMatch(new RegExp(`^${edited}: partial.scenario: its hash [0-9a-f]{16} is not the document's scenario.hash ${doc.scenario.hash}$`));
  });

  it('names the trials no part covers, exit 2', async () => {
    const run = await runCli(['merge', part(1), part(2), '--out', join(scratch, 'x.json')]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(['budgetcast: merge: trials [40, 60) are in no part']);
  });

  it('refuses a part given twice as overlapping, exit 2', async () => {
    const run = await runCli(['merge', part(1), part(2), part(2), part(3)]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(lines(run.stderr)[0]).toContain('overlap on trials [20, 40)');
  });

  it('refuses parts of different seeds, naming the file, exit 2', async () => {
    const run = await runCli(['merge', part(1), part(2), part(3, 12)]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(lines(run.stderr)[0]).toMatch(new RegExp(`^${part(3, 12)}: partial: `));
  });

  it('refuses a whole-run result, which has no partial state, exit 2', async () => {
    const whole = join(scratch, 'whole.json');
    expect((await runCli(['run', small, '--trials', '10', '--workers', '1', '--quiet', '--out', whole])).code).toBe(0);
    const run = await runCli(['merge', whole]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([`${whole}: partial: has no partial state (only documents of a --shard run can be merged)`]);
  });

  it('reports a file that is not JSON as one line, exit 2, no stack trace', async () => {
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '{"schema": ');
    const run = await runCli(['merge', broken]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(lines(run.stderr)[0]).toMatch(new RegExp(`^${broken}: \\(document\\): not valid JSON: `));
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
