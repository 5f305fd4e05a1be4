import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../simulation/scenario';
import type { ResultDocument } from '../../simulation/aggregate/result-types';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli.mjs');
const TIMEOUT_MS = 120_000;

/** The five built-in scenarios. */
const BUILT_IN = ['liquid-edge-lln-kit.yaml', 'lms-backend.yaml', 'mahavishnu.yaml', 'agentmesh-cloud.yaml', 'mlops-platform.yaml'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built command (dist/cli.mjs, built by `npm test` before vitest) from the repository root. */
function budgetcast(args: string[]): Promise<Run> {
  if (!existsSync(CLI)) throw new Error('dist/cli.mjs is missing: run `npm run build:cli` first (npm test does)');
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr: error !== null && code === -1 ? `${stderr}${error.message}` : stderr });
    });
  });
}

const work = mkdtempSync(join(tmpdir(), 'budgetcast-builtin-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(BUILT_IN)('scenarios/%s', (file) => {
  const path = join('scenarios', file);

  it('validates with exit code 0', async () => {
    expect(existsSync(join(ROOT, path)), `${path} is missing`).toBe(true);
    const run = await budgetcast(['validate', path]);
    expect(run.code, run.stderr).toBe(0);
  }, TIMEOUT_MS + 10_000);

  it('runs 2,000 trials into a result with one breach probability in [0, 1] per SLO', async () => {
    expect(existsSync(join(ROOT, path)), `${path} is missing`).toBe(true);
    const out = join(work, `${file}.json`);
    const run = await budgetcast(['run', path, '--trials', '2000', '--quiet', '--out', out]);
    expect(run.code, run.stderr).toBe(0);

    const parsed = parseScenarioText(readFileSync(join(ROOT, path), 'utf8'), file);
    if (!parsed.ok) throw new Error(`${file} does not validate`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultDocument;
    expect(result.schema).toBe('budgetcast/result@1');
    expect(result.trials).toBe(2000);
    expect(result.slos.map((s) => s.id)).toEqual(parsed.scenario.slos.map((s) => s.id));
    for (const slo of result.slos) {
      const { estimate, ci95 } = slo.breachProbability;
      expect(estimate, slo.id).toBeGreaterThanOrEqual(0);
      expect(estimate, slo.id).toBeLessThanOrEqual(1);
      expect(ci95[0], slo.id).toBeLessThanOrEqual(estimate);
      expect(ci95[1], slo.id).toBeGreaterThanOrEqual(estimate);
    }
  }, TIMEOUT_MS + 10_000);
});

describe('the README table of the built-in scenarios (npm run scenarios:table)', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('<!-- scenarios:table:start -->'), readme.indexOf('<!-- scenarios:table:end -->'));
  const rows = table.split('\n').filter((line) => /^\| [a-z0-9-]+\.yaml \|/.test(line)).map((line) => line.split('|').map((cell) => cell.trim()));

  it.each(BUILT_IN)('has a row for every SLO of %s, in the scenario\'s order', (file) => {
    const read = parseScenarioText(readFileSync(join(ROOT, 'scenarios', file), 'utf8'), file);
    if (!read.ok) throw new Error(`${file} does not validate`);
    const listed = rows.filter((r) => r[1] === file && !r[2].startsWith('ml:')).map((r) => r[2]);
    expect(listed).toEqual(read.scenario.slos.map((o) => o.id));
  });
});
