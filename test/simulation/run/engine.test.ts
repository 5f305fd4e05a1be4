import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario, compileShared, createAccumulator, fromPortable, runTrials, toPortable } from '../../../simulation/run/engine';
import { goodStep } from '../../../simulation/model/slo-step';
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

  it('shares the arrays trials read good sums from, side by side or interleaved, and reads the same values after the clone', () => {
    const bench = parseScenarioText(readFileSync(new URL('../../../scenarios/bench/bench-5-services-policy.yaml', import.meta.url), 'utf8'), 'bench');
    if (!bench.ok) throw new Error('the bench scenario should be valid');
    const s = bench.scenario;
    // Gateway's and api's SLOs without alert rules (a rule watching only gateway's latency) go side by side.
    const alerts = s.policy.alerts.map((r) => ({ ...r, slos: ['gateway-latency-p99'] }));
    const shared = compileShared({ ...s, simulation: { ...s.simulation, horizonDays: 7 }, policy: { ...s.policy, alerts } });
    const strides = new Set(shared.slos.map((o) => o.goodStride));
    expect([...strides].sort()).toEqual([1, 2, 3]);
    const received = fromPortable(structuredClone(toPortable(shared)));
    for (const o of received.slos) {
      expect(o.goodData.buffer).toBeInstanceOf(SharedArrayBuffer);
      for (const k of [0, 17, 5000, received.timeline.steps - 1]) expect(goodStep(o, k)).toBe(o.goodCum[k + 1] - o.goodCum[k]);
    }
  });
});
