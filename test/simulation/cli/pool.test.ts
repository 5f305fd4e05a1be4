import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../simulation/cli/errors';
import { runOnPool } from '../../../simulation/cli/pool';
import { batchRanges } from '../../../simulation/run/schedule';
import { parseScenarioText } from '../../../simulation/scenario/index';
import type { Scenario } from '../../../simulation/scenario/types';
import { FIXTURES } from './run-cli';

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

  it('reports progress after every batch, ending at the number of trials', async () => {
    const seen: number[] = [];
    const result = await failure(
      runOnPool({
        scenario: smallScenario(),
        batches: batchRanges(0, 2048),
        workers: 1,
        onProgress: (done) => seen.push(done),
        workerUrl: pathToFileURL(join(FIXTURES, 'throwing-worker.mjs')),
      }),
    );
    // The one worker runs batches [0, 256) and [256, 512), then fails at 512.
    expect(seen).toEqual([256, 512]);
    expect(result.lines).toEqual(['budgetcast: worker 1 failed: boom at trial 512']);
  });
});
