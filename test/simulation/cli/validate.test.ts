import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, hasStackTrace, lines, runCli } from './run-cli';

const small = join(FIXTURES, 'small.yaml');
const bad = join(FIXTURES, 'bad.yaml');

describe('budgetcast validate', () => {
  it('says ok with the number of services and SLOs, exit 0', async () => {
    const run = await runCli(['validate', small]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${small}: ok (2 services, 3 SLOs)\n`);
    expect(run.stderr).toBe('');
  });

  it('lists every problem of a bad file as `<file>: <path>: <message>`, one a line, exit 2, no stack trace', async () => {
    const run = await runCli(['validate', bad]);
    expect(run.code).toBe(2);
    const issues = lines(run.stderr);
    // bad.yaml plants three mistakes: a misspelt key, a target of 120 and an SLO on a missing service.
    expect(issues.length).toBeGreaterThanOrEqual(3);
    for (const issue of issues) expect(issue).toMatch(new RegExp(`^${bad}: \\S+: \\S.*$`));
    const paths = issues.map((issue) => issue.slice(bad.length + 2).split(': ')[0]);
    expect(paths).toEqual(expect.arrayContaining(['services[0]', 'slos[0].target', 'slos[1].service']));
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('checks every file it is given and fails when any one is bad', async () => {
    const run = await runCli(['validate', small, bad]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(`${small}: ok (2 services, 3 SLOs)\n`);
    expect(lines(run.stderr).every((line) => line.startsWith(`${bad}: `))).toBe(true);
  });

  it('reports a missing file as one plain line, exit 2', async () => {
    const run = await runCli(['validate', 'no-such-file.yaml']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(['no-such-file.yaml: cannot read: ENOENT: no such file or directory']);
  });

  it('validates the bench scenario: five services and eight SLOs', async () => {
    const run = await runCli(['validate', 'scenarios/bench/bench-5-services.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('scenarios/bench/bench-5-services.yaml: ok (5 services, 8 SLOs)\n');
  });
});
