import { describe, expect, it } from 'vitest';
import { MAX_TRIALS, parseCommand, parseShard, parseWholeNumber } from '../../../simulation/cli/args';
import { CliError } from '../../../simulation/cli/errors';

/** The one-line message and exit code of a usage error thrown by `fn`. */
function usageFailure(fn: () => unknown): { line: string; exitCode: number } {
  try {
    fn();
  } catch (error) {
    if (error instanceof CliError) return { line: error.lines.join('\n'), exitCode: error.exitCode };
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('parseCommand', () => {
  it('reads a run with every option', () => {
    expect(
      parseCommand(['run', 'a.yaml', '--trials', '5000', '--seed', '42', '--workers', '3', '--shard', '2/4', '--out', 'out/r.json', '--quiet']),
    ).toEqual({ name: 'run', file: 'a.yaml', trials: 5000, seed: 42, workers: 3, shard: { k: 2, n: 4 }, out: 'out/r.json', quiet: true });
  });

  it('leaves options that were not given undefined so the scenario decides', () => {
    expect(parseCommand(['run', 'a.yaml'])).toEqual({
      name: 'run',
      file: 'a.yaml',
      trials: undefined,
      seed: undefined,
      workers: undefined,
      shard: undefined,
      out: undefined,
      quiet: false,
    });
  });

  it('accepts --name=value and short -o / -q', () => {
    expect(parseCommand(['run', '--trials=1_000', 'a.yaml', '-o', 'r.json', '-q'])).toMatchObject({ trials: 1000, out: 'r.json', quiet: true });
  });

  it('reads validate with several files and merge with its parts', () => {
    expect(parseCommand(['validate', 'a.yaml', 'b.json'])).toEqual({ name: 'validate', files: ['a.yaml', 'b.json'] });
    expect(parseCommand(['merge', 'p1.json', 'p2.json', '--out', 'r.json'])).toEqual({
      name: 'merge',
      files: ['p1.json', 'p2.json'],
      out: 'r.json',
      quiet: false,
    });
  });

  it('answers --help anywhere and --version first', () => {
    expect(parseCommand(['--help'])).toEqual({ name: 'help' });
    expect(parseCommand(['run', 'a.yaml', '--help'])).toEqual({ name: 'help' });
    expect(parseCommand(['--version'])).toEqual({ name: 'version' });
  });

  it('names the unknown option and lists the known ones, exit 2', () => {
    const failure = usageFailure(() => parseCommand(['run', 'a.yaml', '--report', 'out.html']));
    expect(failure.exitCode).toBe(2);
    expect(failure.line).toBe("budgetcast: unknown option '--report' for run (known: --trials, --seed, --workers, --shard, --out, --quiet, --help)");
  });

  it('rejects an unknown command, a missing file, two files for run and a missing value', () => {
    expect(usageFailure(() => parseCommand(['simulate', 'a.yaml'])).line).toBe("budgetcast: unknown command 'simulate' (commands: validate, run, merge)");
    expect(usageFailure(() => parseCommand(['run'])).line).toBe('budgetcast: run needs a scenario file');
    expect(usageFailure(() => parseCommand(['run', 'a.yaml', 'b.yaml'])).line).toBe('budgetcast: run takes one scenario file, got 2');
    expect(usageFailure(() => parseCommand(['run', 'a.yaml', '--trials'])).line).toBe("budgetcast: option '--trials' needs a value");
    expect(usageFailure(() => parseCommand(['run', 'a.yaml', '--quiet=yes'])).line).toBe("budgetcast: option '--quiet' takes no value");
    expect(usageFailure(() => parseCommand(['validate'])).line).toBe('budgetcast: validate needs at least one scenario file');
  });

  it('rejects trials outside 1..10,000,000 and seeds that are not whole numbers', () => {
    expect(usageFailure(() => parseCommand(['run', 'a.yaml', '--trials', '0'])).line).toBe(
      "budgetcast: --trials must be a whole number from 1 to 10,000,000, got '0'",
    );
    expect(usageFailure(() => parseCommand(['run', 'a.yaml', '--trials', '10000001'])).exitCode).toBe(2);
    expect(usageFailure(() => parseCommand(['run', 'a.yaml', '--seed', '-1'])).exitCode).toBe(2);
    expect(usageFailure(() => parseCommand(['run', 'a.yaml', '--seed', '1.5'])).exitCode).toBe(2);
    expect(usageFailure(() => parseCommand(['run', 'a.yaml', '--workers', '0'])).exitCode).toBe(2);
  });
});

describe('parseWholeNumber', () => {
  it('takes the bounds themselves', () => {
    expect(parseWholeNumber('trials', '1', 1, MAX_TRIALS)).toBe(1);
    expect(parseWholeNumber('trials', '10000000', 1, MAX_TRIALS)).toBe(10_000_000);
  });

  it('refuses words, decimals, exponents and empty text', () => {
    for (const text of ['abc', '2.5', '1e6', '', '0x10']) {
      expect(() => parseWholeNumber('trials', text, 1, MAX_TRIALS)).toThrow(CliError);
    }
  });
});

describe('parseShard', () => {
  it('reads K/N', () => {
    expect(parseShard('3/8')).toEqual({ k: 3, n: 8 });
    expect(parseShard('1/1')).toEqual({ k: 1, n: 1 });
  });

  it('refuses K = 0, K > N and anything that is not K/N', () => {
    for (const text of ['0/3', '4/3', '3', '1/0', 'a/b', '1/2/3']) {
      expect(() => parseShard(text)).toThrow(CliError);
    }
  });
});
