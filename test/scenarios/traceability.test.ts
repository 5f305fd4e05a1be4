import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseScenarioText } from '../../simulation/scenario';
import type { Scenario } from '../../simulation/scenario';
import { traceProblems } from '../../simulation/scenario/provenance';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the seed documents live in CI and on the build machines; may be absent. */
const SEEDS = join(ROOT, '..', 'shared', 'seeds');
const haveSeeds = existsSync(SEEDS);

/** The five built-in scenarios and the seed document each comes from. */
const BUILT_IN: ReadonlyArray<[file: string, seed: string]> = [
  ['liquid-edge-lln-kit.yaml', '000'],
  ['lms-backend.yaml', '001'],
  ['mahavishnu.yaml', '002'],
  ['agentmesh-cloud.yaml', '003'],
  ['mlops-platform.yaml', '004'],
];

const seedFiles = haveSeeds ? readdirSync(SEEDS).filter((name) => /^\d{3}_.*\.txt$/.test(name)) : [];

/** The text of seed NNN, or undefined when there is no such file. */
function seedText(seed: string): string | undefined {
  const name = seedFiles.find((file) => file.startsWith(`${seed}_`));
  return name === undefined ? undefined : readFileSync(join(SEEDS, name), 'utf8');
}

/** The raw document and the normalised scenario of a built-in file (fails the test when it is missing or invalid). */
function load(file: string): { raw: unknown; scenario: Scenario } {
  const path = join(ROOT, 'scenarios', file);
  expect(existsSync(path), `scenarios/${file} is missing`).toBe(true);
  const text = readFileSync(path, 'utf8');
  const result = parseScenarioText(text, file);
  if (!result.ok) expect.fail(`${file} does not validate:\n${result.issues.map((i) => `${file}: ${i.path}: ${i.message}`).join('\n')}`);
  return { raw: parse(text) as unknown, scenario: result.scenario };
}

describe('the built-in scenarios are traceable to their seed documents', () => {
  if (!haveSeeds) it.skip('checks no quote against its document and no seed file name: ../shared/seeds is absent', () => {});

  describe.each(BUILT_IN)('%s', (file, seed) => {
    it('traces every number to a quotation or an assumption with a reason', () => {
      const { raw, scenario } = load(file);
      const unknownSeeds = new Set<string>();
      const lookup = haveSeeds
        ? (quoted: string): string | undefined => {
            const text = seedText(quoted);
            if (text === undefined) unknownSeeds.add(quoted);
            return text;
          }
        : undefined;
      const problems = traceProblems(raw, scenario, lookup).map((p) => `${file}: ${p.path}: ${p.message}`);
      for (const quoted of unknownSeeds) problems.push(`${file}: quotes seed ${quoted}, but ../shared/seeds has no ${quoted}_*.txt`);
      expect(problems).toEqual([]);
    });

    it(`names seed ${seed}'s file in metadata.source`, () => {
      const { scenario } = load(file);
      expect(scenario.metadata.source ?? '').toMatch(new RegExp(`^${seed}_[0-9a-f]+\\.txt$`));
      if (haveSeeds) expect(seedFiles).toContain(scenario.metadata.source);
    });

    it('lists what it cannot simulate under notes', () => {
      const { scenario } = load(file);
      expect(scenario.notes.length).toBeGreaterThan(0);
      for (const note of scenario.notes) expect(note.trim()).not.toBe('');
    });
  });
});
