/** Reads and validates a scenario file, turning every problem into its one-line message. */
import { formatIssue, parseScenarioText } from '../scenario/index';
import type { Scenario } from '../scenario/types';
import { CliError, EXIT_BAD_INPUT } from './errors';
import { readText } from './io';

/** The file's validated, normalised scenario, or a CliError listing every issue as `<file>: <path>: <message>` (exit 2). */
export async function loadScenario(file: string): Promise<Scenario> {
  const text = await readText(file);
  const parsed = parseScenarioText(text, file);
  if (!parsed.ok) throw new CliError(parsed.issues.map((issue) => formatIssue(file, issue)), EXIT_BAD_INPUT);
  return parsed.scenario;
}
