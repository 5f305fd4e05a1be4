/** Scenario files named on a command line (first start, or a second instance's argv). */
import { resolve } from 'node:path';

const SCENARIO_FILE = /\.(budgetcast\.ya?ml|ya?ml|json)$/i;

/** The scenario paths among the arguments, skipping Electron's and Chromium's own switches, made absolute against the directory the command ran in. */
export function scenarioPathsIn(argv: readonly string[], workingDirectory: string): string[] {
  return argv.slice(1).filter((a) => !a.startsWith('-') && SCENARIO_FILE.test(a)).map((a) => resolve(workingDirectory, a));
}
