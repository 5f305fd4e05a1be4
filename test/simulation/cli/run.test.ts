import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../simulation/aggregate/result-types';
import { FIXTURES, hasStackTrace, lines, runCli } from './run-cli';

const small = join(FIXTURES, 'small.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'budgetcast-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const read = (file: string): ResultDocument => JSON.parse(readFileSync(file, 'utf8')) as ResultDocument;

describe('budgetcast run', () => {
  it('writes a budgetcast/result@1 document with one entry per SLO and service and a budget for each of the 30 days', async () => {
    const out = join(scratch, 'new', 'folder', 'result.json');
    const run = await runCli(['run', small, '--trials', '300', '--workers', '2', '--quiet', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
    const doc = read(out);
    expect(doc.schema).toBe('budgetcast/result@1');
    expect(doc.scenario.name).toBe('cli-small');
    expect(doc.scenario.hash).toMatch(/^[0-9a-f]{16}$/);
    expect([doc.seed, doc.trials, doc.horizonDays, doc.start]).toEqual([11, 300, 30, '2027-01-01T00:00:00.000Z']);
    expect(doc.slos.map((s) => s.id)).toEqual(['api-availability', 'api-latency', 'db-availability']);
    expect(doc.services.map((s) => s.id)).toEqual(['api', 'db']);
    for (const slo of doc.slos) {
      const { estimate, ci95 } = slo.breachProbability;
      expect(ci95[0]).toBeLessThanOrEqual(estimate);
      expect(estimate).toBeLessThanOrEqual(ci95[1]);
      expect(slo.budgetRemaining.day).toEqual(Array.from({ length: 30 }, (_, i) => i));
      expect(slo.budgetRemaining.p50).toHaveLength(30);
    }
    expect(doc.timing.workers).toBe(2);
    expect(doc.timing.ms).toBeGreaterThan(0);
    expect(doc.partial).toBeUndefined();
  });

  it('writes pretty JSON (2 spaces) to stdout without --out', async () => {
    const run = await runCli(['run', small, '--trials', '20', '--workers', '1', '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('{\n  "schema": "budgetcast/result@1",\n')).toBe(true);
    expect((JSON.parse(run.stdout) as ResultDocument).trials).toBe(20);
  });

  it('takes --seed over the scenario seed and prints one summary line per SLO on stderr, with no progress bar off a terminal', async () => {
    const out = join(scratch, 'seeded.json');
    const run = await runCli(['run', small, '--trials', '40', '--seed', '5', '--workers', '1', '--out', out]);
    expect(run.code).toBe(0);
    expect(read(out).seed).toBe(5);
    const summary = lines(run.stderr);
    expect(summary).toHaveLength(4);
    expect(summary.slice(0, 3).map((line) => line.split(' ')[0])).toEqual(['api-availability', 'api-latency', 'db-availability']);
    for (const line of summary.slice(0, 3)) expect(line).toMatch(/ breach \d+\.\d % \[\d+\.\d, \d+\.\d\] {2}budget p50 at day 29: -?\d+\.\d % left$/);
    expect(summary[3]).toMatch(/^budgetcast: 40 trials in \d+\.\d\d s on 1 thread -> /);
    expect(run.stderr).not.toContain('\r');
  });

  it('runs shard 2 of 3 as trials [100, 200) of 300 and carries the state and the scenario for merge', async () => {
    const out = join(scratch, 'part-2.json');
    const run = await runCli(['run', small, '--trials', '300', '--shard', '2/3', '--workers', '1', '--quiet', '--out', out]);
    expect(run.code).toBe(0);
    const doc = read(out);
    expect(doc.trials).toBe(100);
    const partial = doc.partial as { from: number; to: number; totalTrials: number; state: { trials: number }; scenario: { metadata: { name: string } } };
    expect([partial.from, partial.to, partial.totalTrials]).toEqual([100, 200, 300]);
    expect(partial.state.trials).toBe(100);
    expect(partial.scenario.metadata.name).toBe('cli-small');
  });

  it('refuses more shards than trials with one line, exit 2', async () => {
    const run = await runCli(['run', small, '--trials', '2', '--shard', '3/3', '--quiet']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(['budgetcast: --shard 3/3: cannot cut 2 trials into 3 shards']);
  });

  it('reports an invalid scenario as one line per issue and a missing one as one plain line, exit 2, no stack trace', async () => {
    const bad = join(FIXTURES, 'bad.yaml');
    const invalid = await runCli(['run', bad, '--quiet']);
    expect(invalid.code).toBe(2);
    expect(lines(invalid.stderr).length).toBeGreaterThanOrEqual(3);
    for (const line of lines(invalid.stderr)) expect(line.startsWith(`${bad}: `)).toBe(true);
    expect(hasStackTrace(invalid.stderr)).toBe(false);

    const missing = await runCli(['run', 'missing.yaml']);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toEqual(['missing.yaml: cannot read: ENOENT: no such file or directory']);
  });
});
