import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../simulation/cli/errors';
import { runOnPool } from '../../../simulation/cli/pool';
import { compileScenario, createAccumulator } from '../../../simulation/run/engine';
import { batchRanges } from '../../../simulation/run/schedule';
import { parseScenarioText } from '../../../simulation/scenario/index';
import type { Scenario } from '../../../simulation/scenario/types';
import { FIXTURES, ROOT } from './run-cli';

/** The bundled worker (built by `npm test` before vitest, as for the command's tests). */
const WORKER = pathToFileURL(join(ROOT, 'dist', 'node-worker.mjs'));

function smallScenario(): Scenario {
  const file = join(FIXTURES, 'small.yaml');
  const parsed = parseScenarioText(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error('small.yaml should be valid');
  return parsed.scenario;
}

/** What the pool rejected with: a CliError's lines and exit code. */
async function failure(promise: Promise<unknown>): Promise<{ lines: string[]; exitCode: number }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return { lines: error.lines, exitCode: error.exitCode };
}

describe('runOnPool', () => {
  it('ends the run with one line and exit code 1 when a worker throws', async () => {
    const result = await failure(
      runOnPool({
        scenario: smallScenario(),
        batches: batchRanges(0, 2048),
        workers: 2,
        workerUrl: pathToFileURL(join(FIXTURES, 'throwing-worker.mjs')),
      }),
    );
    expect(result.exitCode).toBe(1);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(/^budgetcast: worker [12] failed: boom at trial \d+$/);
  });

  it('ends the run with one line and exit code 1 when a worker thread dies', async () => {
    const result = await failure(
      runOnPool({
        scenario: smallScenario(),
        batches: batchRanges(0, 1024),
        workers: 2,
        workerUrl: pathToFileURL(join(FIXTURES, 'exiting-worker.mjs')),
      }),
    );
    expect(result.exitCode).toBe(1);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(/^budgetcast: worker [12] stopped unexpectedly \(exit code 3\)$/);
  });

  it('reports progress as trials finish, ending at the number of trials, on this thread alone', async () => {
    const seen: number[] = [];
    const { acc, workers } = await runOnPool({ scenario: smallScenario(), batches: batchRanges(0, 600, 64), workers: 1, onProgress: (done) => seen.push(done) });
    expect(workers).toBe(1);
    expect(acc.trials).toBe(600);
    expect(seen.at(-1)).toBe(600);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });

  it('ends a worker as soon as its accumulator is in, without taking that for a dead worker', async () => {
    const scenario = smallScenario();
    const file = join(mkdtempSync(join(tmpdir(), 'budgetcast-pool-')), 'empty.json');
    writeFileSync(file, JSON.stringify(createAccumulator(compileScenario(scenario)).toJSON()));
    process.env.BUDGETCAST_TEST_ACCUMULATOR = file;
    try {
      // The worker claims nothing and is ended at once, while this thread runs every batch.
      const alone = await runOnPool({ scenario, batches: batchRanges(0, 3000, 16), workers: 1 });
      const run = await runOnPool({ scenario, batches: batchRanges(0, 3000, 16), workers: 2, workerUrl: pathToFileURL(join(FIXTURES, 'idle-worker.mjs')) });
      expect(run.batchesRun).toEqual([batchRanges(0, 3000, 16).length, 0]);
      expect(JSON.stringify(run.acc.toJSON())).toBe(JSON.stringify(alone.acc.toJSON()));
    } finally {
      delete process.env.BUDGETCAST_TEST_ACCUMULATOR;
    }
  });

  it('this thread and a worker thread together give what this thread gives alone, digit for digit', async () => {
    const scenario = smallScenario();
    const alone = await runOnPool({ scenario, batches: batchRanges(0, 12_000, 16), workers: 1 });
    const seen: number[] = [];
    const shared = await runOnPool({ scenario, batches: batchRanges(0, 12_000, 16, 2), workers: 2, workerUrl: WORKER, onProgress: (done) => seen.push(done) });
    expect(shared.workers).toBe(2);
    // Both threads ran batches (the worker starts while this thread compiles; 12,000 trials here take about a second).
    expect(shared.batchesRun).toHaveLength(2);
    expect(Math.min(...shared.batchesRun)).toBeGreaterThan(0);
    expect(shared.batchesRun[0] + shared.batchesRun[1]).toBe(batchRanges(0, 12_000, 16, 2).length);
    expect(shared.acc.trials).toBe(12_000);
    expect(seen.at(-1)).toBe(12_000);
    expect(JSON.stringify(shared.acc.toJSON())).toBe(JSON.stringify(alone.acc.toJSON()));
  });
});
