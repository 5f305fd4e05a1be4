import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildResult } from '../../../simulation/aggregate/result';
import { compileScenario, createAccumulator, runTrials } from '../../../simulation/run/engine';
import { parseScenarioObject } from '../../../simulation/scenario';

const full = parse(readFileSync(new URL('../../../scenarios/examples/full.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
(full.simulation as Record<string, unknown>).horizonDays = 5;

/** Every path to a leaf or container inside a JSON-like value. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

const allPaths = paths(full).filter((p) => p.length > 0);

const replacement = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.constantFrom(0, -1, 1, 0.5, 1e12, 100, 101, 1096, 10_000_001, 'Infinity', 'NaN', '', '5m', 'P3DT10H', '-5m', '30d', null, true, [], {}),
  fc.string(),
  fc.constant(undefined),
);

describe('bad input never crashes the engine', () => {
  it('turns any mutated scenario into either a result or validation issues, never an exception', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: allPaths.length - 1 }), replacement, (pathIndex, value) => {
        const doc = structuredClone(full);
        const path = allPaths[pathIndex];
        let node = doc as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        const last = path[path.length - 1];
        if (value === undefined) delete node[last];
        else node[last] = value;
        const parsed = parseScenarioObject(doc);
        if (!parsed.ok) {
          expect(parsed.issues.length).toBeGreaterThan(0);
          for (const issue of parsed.issues) expect(issue.message.length).toBeGreaterThan(0);
          return;
        }
        const compiled = compileScenario(parsed.scenario);
        const acc = createAccumulator(compiled);
        runTrials(compiled, 0, 3, acc);
        const result = buildResult(parsed.scenario, acc, { hash: 'x', timing: { ms: 0, trialsPerSecond: 0, workers: 1 } });
        expect(result.slos.length).toBe(parsed.scenario.slos.length);
        for (const slo of result.slos) expect(slo.breachProbability.estimate).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});
