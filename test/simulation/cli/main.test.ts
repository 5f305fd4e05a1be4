import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, hasStackTrace, lines, runCli } from './run-cli';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('budgetcast (usage)', () => {
  it('prints the usage on stdout and exits 0 for --help', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage:');
    expect(run.stdout).toContain('budgetcast run FILE [--trials N] [--seed S] [--workers W] [--shard K/N] [--out result.json] [--quiet]');
    expect(run.stderr).toBe('');
  });

  it('prints the usage on stderr and exits 2 with no arguments', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage:');
  });

  it('prints the package version for --version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`budgetcast ${version}\n`);
  });

  it('answers an unknown command, an unknown option and a bad number with one line and exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['simulate', 'x.yaml'], "budgetcast: unknown command 'simulate' (commands: validate, run, merge)"],
      [['run', 'x.yaml', '--csv', 'out'], "budgetcast: unknown option '--csv' for run (known: --trials, --seed, --workers, --shard, --out, --quiet, --help)"],
      [['run', 'x.yaml', '--trials', 'many'], "budgetcast: --trials must be a whole number from 1 to 10,000,000, got 'many'"],
      [['run', 'x.yaml', '--shard', '3/2'], "budgetcast: --shard must be K/N with 1 <= K <= N (e.g. --shard 2/8), got '3/2'"],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(lines(run.stderr)).toEqual([message]);
    }
  });

  it('runs the same bundle through bin/budgetcast.mjs', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/budgetcast.mjs'), '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`budgetcast ${version}\n`);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
