/** Entry of the `budgetcast` command: parses the command line, runs one command, and turns every failure into one line and an exit code. */
import { version } from '../../package.json';
import { parseCommand } from './args';
import { CliError, EXIT_BAD_INPUT, EXIT_OK, EXIT_RUN_FAILURE, firstLine } from './errors';
import { mergeCommand } from './merge';
import { runCommand } from './run';
import { USAGE } from './usage';
import { validateCommand } from './validate';

/** Runs the command named by `argv` (without node and script) and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) {
    process.stderr.write(USAGE);
    return EXIT_BAD_INPUT;
  }
  const command = parseCommand(argv);
  switch (command.name) {
    case 'help':
      process.stdout.write(USAGE);
      return EXIT_OK;
    case 'version':
      process.stdout.write(`budgetcast ${version}\n`);
      return EXIT_OK;
    case 'validate':
      return validateCommand(command.files);
    case 'run':
      return runCommand(command);
    case 'merge':
      return mergeCommand(command.files, command.out, command.quiet);
  }
}

/** Prints a failure as its one-line messages (never a stack trace) and sets the exit code. */
function report(error: unknown): void {
  if (error instanceof CliError) {
    for (const line of error.lines) process.stderr.write(`${line}\n`);
    process.exitCode = error.exitCode;
    return;
  }
  process.stderr.write(`budgetcast: internal error: ${firstLine(error)}\n`);
  process.exitCode = EXIT_RUN_FAILURE;
}

/** Reports something thrown outside the command's promise chain and stops at once. */
function reportAndExit(error: unknown): never {
  report(error);
  process.exit();
}

process.on('uncaughtException', reportAndExit);
process.on('unhandledRejection', reportAndExit);
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, report);
