import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario, compileShared, createAccumulator, fromPortable, runTrials, toPortable } from '../../../simulation/run/engine';
import { parseScenarioText } from '../../../simulation/scenario';

const file = new URL('../cli/fixtures/small-policy.yaml', import.meta.url);
const parsed = parseScenarioText(readFileSync(file, 'utf8'), 'small-policy.yaml');

describe('a scenario compiled once and shared with workers', () => {
  it('keeps its curves on shared memory and gives, after a structured clone, the same trials as a fresh compile', () => {
    if (!parsed.ok) throw new Error('fixture should be valid');
    const shared = compileShared(parsed.scenario);
    expect(shared.services[0].demand.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.slos[0].goodCum.buffer).toBeInstanceOf(SharedArrayBuffer);
    const received = fromPortable(structuredClone(toPortable(shared)));
    const direct = compileScenario(parsed.scenario);
    const a = createAccumulator(received);
    const b = createAccumulator(direct);
    runTrials(received, 0, 60, a);
    runTrials(direct, 0, 60, b);
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    // The clone shares the curves rather than copying them: a write on one side shows on the other.
    const kept = shared.services[0].demand[5];
    shared.services[0].demand[5] = 12345;
    expect(received.services[0].demand[5]).toBe(12345);
    shared.services[0].demand[5] = kept;
  });
});
