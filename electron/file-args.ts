/** Scenario files named on a command line (first start, or a second instance's argv). */
const SCENARIO_FILE = /\.(budgetcast\.ya?ml|ya?ml|json)$/i;

/** The scenario paths among the arguments, skipping Electron's and Chromium's own switches. */
export function scenarioPathsIn(argv: readonly string[]): string[] {
  return argv.slice(1).filter((a) => !a.startsWith('-') && SCENARIO_FILE.test(a));
}
