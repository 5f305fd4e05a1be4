/** The help text of the `budgetcast` command. */

/** Usage text printed by `--help` (stdout) and after a missing command (stderr). */
export const USAGE = `budgetcast: Monte Carlo forecasts of SLO error budgets

Usage:
  budgetcast validate FILE...
  budgetcast run FILE [--trials N] [--seed S] [--workers W] [--shard K/N] [--out result.json] [--quiet]
  budgetcast merge PART.json... [--out result.json] [--quiet]
  budgetcast --help | --version

Commands:
  validate   check scenario files (YAML or JSON) and list every problem
  run        simulate a scenario and write the result document (JSON) to --out or stdout
  merge      join the results of 'run --shard K/N' for K = 1..N into the unsharded result

Options of run:
  --trials N     trials to simulate, 1 to 10,000,000 (default: the scenario's)
  --seed S       random seed, a whole number (default: the scenario's)
  --workers W    threads that run trials: this one and W - 1 worker threads (default: the number of CPUs)
  --shard K/N    run only the K-th of N equal trial ranges, for merge
  --out FILE     where to write the result (default: stdout)
  --quiet        no progress bar and no summary on stderr

Exit codes: 0 success, 1 run failure, 2 bad input or usage.
`;
