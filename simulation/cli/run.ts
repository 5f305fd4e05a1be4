/** `budgetcast run FILE`: simulates a scenario on this thread and worker threads, and writes the result document. */
import { availableParallelism } from 'node:os';
import { buildResult } from '../aggregate/result';
import type { ResultDocument } from '../aggregate/result-types';
import { scenarioHash } from '../scenario/index';
import type { Scenario } from '../scenario/types';
import { BATCH_SIZE, batchRanges, shardRange, type TrialRange } from '../run/schedule';
import type { RunOptions } from './args';
import { EXIT_OK, usageError } from './errors';
import { writeJson } from './io';
import { loadScenario } from './load';
import { runOnPool } from './pool';
import { createProgressBar } from './progress';
import { formatSummary } from './summary';

/** The scenario as it will run: the file's, with --trials and --seed applied. */
export function applyOverrides(scenario: Scenario, options: Pick<RunOptions, 'trials' | 'seed'>): Scenario {
  return {
    ...scenario,
    simulation: {
      ...scenario.simulation,
      trials: options.trials ?? scenario.simulation.trials,
      seed: options.seed ?? scenario.simulation.seed,
    },
  };
}

/** The trials this invocation runs: all of them, or the K-th of N shards. */
function trialRange(trials: number, shard: RunOptions['shard']): TrialRange {
  if (shard === undefined) return { from: 0, to: trials };
  if (shard.n > trials) throw usageError(`--shard ${shard.k}/${shard.n}: cannot cut ${trials} trials into ${shard.n} shards`);
  return shardRange(trials, shard.k, shard.n);
}

/** Runs the scenario (or one shard of it) and returns the result document; a shard's carries `partial` with the scenario. */
export async function simulate(scenario: Scenario, options: RunOptions, progress: (done: number) => void): Promise<ResultDocument> {
  const totalTrials = scenario.simulation.trials;
  const range = trialRange(totalTrials, options.shard);
  const started = performance.now();
  const pool = options.workers ?? availableParallelism();
  const { acc, workers } = await runOnPool({
    scenario,
    batches: batchRanges(range.from, range.to, BATCH_SIZE, pool),
    workers: pool,
    onProgress: progress,
  });
  const ms = Math.max(1, Math.round(performance.now() - started));
  const timing = { ms, trialsPerSecond: Math.round((acc.trials * 1000) / ms), workers };
  const hash = scenarioHash(scenario);
  if (options.shard === undefined) return buildResult(scenario, acc, { hash, timing });
  const doc = buildResult(scenario, acc, { hash, timing, shard: { ...range, totalTrials } });
  // merge rebuilds the result from the scenario itself, so a set of parts needs nothing else.
  if (doc.partial) doc.partial.scenario = scenario;
  return doc;
}

/** The `run` command: load, simulate with a progress bar, write the JSON, summarise on stderr. */
export async function runCommand(options: RunOptions): Promise<number> {
  const scenario = applyOverrides(await loadScenario(options.file), options);
  const range = trialRange(scenario.simulation.trials, options.shard);
  const bar = createProgressBar(range.to - range.from, process.stderr, !options.quiet && process.stderr.isTTY === true);
  let doc: ResultDocument;
  try {
    doc = await simulate(scenario, options, (done) => bar.update(done));
  } finally {
    bar.finish();
  }
  await writeJson(options.out, doc);
  if (!options.quiet) {
    for (const line of formatSummary(doc)) process.stderr.write(`${line}\n`);
    const where = options.out === undefined ? '' : ` -> ${options.out}`;
    const shard = options.shard === undefined ? '' : `, shard ${options.shard.k}/${options.shard.n} [${range.from}, ${range.to})`;
    process.stderr.write(`budgetcast: ${doc.trials.toLocaleString('en-US')} trials${shard} in ${(doc.timing.ms / 1000).toFixed(2)} s on ${doc.timing.workers} thread${doc.timing.workers === 1 ? '' : 's'}${where}\n`);
  }
  return EXIT_OK;
}
