/** `budgetcast merge PART.json...`: joins the documents of `run --shard K/N` into the result of the whole run. */
import { buildResult, mergeParts } from '../aggregate/result';
import type { ResultDocument } from '../aggregate/result-types';
import { frameOfDocument, summarise } from '../aggregate/summarise';
import { scenarioHash } from '../scenario/index';
import type { Scenario } from '../scenario/types';
import { CliError, EXIT_BAD_INPUT, EXIT_OK, inputError } from './errors';
import { readText, writeJson } from './io';
import { formatSummary } from './summary';

/** Reads one part file as JSON, or fails with `<file>: (document): <reason>`. */
async function readPart(file: string): Promise<ResultDocument> {
  const text = await readText(file);
  try {
    return JSON.parse(text) as ResultDocument;
  } catch (error) {
    throw inputError(file, '(document)', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The scenario a part carries in `partial.scenario`, when its hash matches the document's; null for parts without one. */
function carriedScenario(file: string, part: ResultDocument): Scenario | null {
  const scenario = (part.partial as { scenario?: Scenario } | undefined)?.scenario;
  if (scenario === undefined) return null;
  let hash: string;
  try {
    hash = scenarioHash(scenario);
  } catch {
    throw inputError(file, 'partial.scenario', 'is not a scenario');
  }
  if (hash !== part.scenario.hash) throw inputError(file, 'partial.scenario', `its hash ${hash} is not the document's scenario.hash ${part.scenario.hash}`);
  return scenario;
}

/**
 * Merges the parts into one document. Its timing is the parts' summed:
 * total milliseconds spent, trials per second of that time, workers of all parts.
 */
export async function mergeFiles(files: string[]): Promise<ResultDocument> {
  const parts: ResultDocument[] = [];
  for (const file of files) parts.push(await readPart(file));
  const merged = mergeParts(parts, { labels: files });
  if (!merged.ok) {
    const [where, ...rest] = merged.message.split(': ');
    const reason = rest.join(': ');
    const path = reason.startsWith('not a ') ? '(document)' : 'partial';
    const line = files.includes(where ?? '') ? `${where}: ${path}: ${reason}` : `budgetcast: merge: ${merged.message}`;
    throw new CliError([line], EXIT_BAD_INPUT);
  }
  const ms = parts.reduce((sum, part) => sum + (Number(part.timing?.ms) || 0), 0);
  const workers = parts.reduce((sum, part) => sum + (Number(part.timing?.workers) || 0), 0);
  const timing = { ms, trialsPerSecond: ms > 0 ? Math.round((merged.acc.trials * 1000) / ms) : 0, workers };
  const first = parts[0] as ResultDocument;
  const scenario = carriedScenario(files[0] as string, first);
  if (scenario === null) return summarise(frameOfDocument(first), merged.acc, timing);
  return buildResult(scenario, merged.acc, { hash: first.scenario.hash, timing });
}

/** The `merge` command: merge, write the JSON, summarise on stderr. */
export async function mergeCommand(files: string[], out: string | undefined, quiet: boolean): Promise<number> {
  const doc = await mergeFiles(files);
  await writeJson(out, doc);
  if (!quiet) {
    for (const line of formatSummary(doc)) process.stderr.write(`${line}\n`);
    process.stderr.write(`budgetcast: merged ${files.length} parts, ${doc.trials.toLocaleString('en-US')} trials${out === undefined ? '' : ` -> ${out}`}\n`);
  }
  return EXIT_OK;
}
