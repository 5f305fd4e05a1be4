/** `budgetcast validate FILE...`: checks each scenario file and reports every problem. */
import { CliError, EXIT_BAD_INPUT, EXIT_OK } from './errors';
import { loadScenario } from './load';

/** What one file's check printed and whether it passed. */
export interface FileCheck {
  ok: boolean;
  lines: string[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Checks one scenario file: `FILE: ok (N services, M SLOs)` or one line per issue. */
export async function checkFile(file: string): Promise<FileCheck> {
  try {
    const scenario = await loadScenario(file);
    return { ok: true, lines: [`${file}: ok (${plural(scenario.services.length, 'service')}, ${plural(scenario.slos.length, 'SLO')})`] };
  } catch (error) {
    if (error instanceof CliError) return { ok: false, lines: error.lines };
    throw error;
  }
}

/** Validates every file: ok lines on stdout, issues on stderr; exit 2 when any file is invalid. */
export async function validateCommand(files: string[]): Promise<number> {
  let allOk = true;
  for (const file of files) {
    const check = await checkFile(file);
    allOk &&= check.ok;
    for (const line of check.lines) (check.ok ? process.stdout : process.stderr).write(`${line}\n`);
  }
  return allOk ? EXIT_OK : EXIT_BAD_INPUT;
}
