/** The command's failures: each carries the one-line messages to print and the exit code. */

/** Exit codes of the `budgetcast` command. */
export const EXIT_OK = 0;
export const EXIT_RUN_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** A failure reported as plain lines on stderr, never with a stack trace. */
export class CliError extends Error {
  readonly lines: string[];
  readonly exitCode: number;

  constructor(lines: string[], exitCode: number) {
    super(lines.join('\n'));
    this.name = 'CliError';
    this.lines = lines;
    this.exitCode = exitCode;
  }
}

/** A usage mistake on the command line: `budgetcast: <message>`, exit 2. */
export function usageError(message: string): CliError {
  return new CliError([`budgetcast: ${message}`], EXIT_BAD_INPUT);
}

/** Bad content in an input file: `<file>: <path>: <message>`, exit 2. */
export function inputError(file: string, path: string, message: string): CliError {
  return new CliError([`${file}: ${path}: ${message}`], EXIT_BAD_INPUT);
}

/** A run that could not finish (a worker threw or died), exit 1. */
export function runError(message: string): CliError {
  return new CliError([`budgetcast: ${message}`], EXIT_RUN_FAILURE);
}

/** The first line of whatever was thrown, for messages that must stay on one line. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').trim() || 'unknown error';
}
