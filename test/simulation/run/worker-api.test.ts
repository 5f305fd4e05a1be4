import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Accumulator } from '../../../simulation/aggregate/accumulator';
import type { BudgetDaysTransfer } from '../../../simulation/aggregate/budget-days';
import { createAccumulator, compileScenario, runTrials } from '../../../simulation/run/engine';
import { createWorkerApi, transferablesOf } from '../../../simulation/run/worker-api';
import { parseScenarioText } from '../../../simulation/scenario';

const file = new URL('../cli/fixtures/small-policy.yaml', import.meta.url);
const parsed = parseScenarioText(readFileSync(file, 'utf8'), 'small-policy.yaml');

describe('transferablesOf', () => {
  it('lists each whole, unshared buffer once, at any depth, and leaves views and shared memory out', () => {
    const whole = new Float64Array(8);
    const other = new Uint32Array(3);
    const parent = new Float64Array(16);
    const shared = new Int32Array(new SharedArrayBuffer(16));
    const value = { a: whole, b: [{ c: other, d: whole }], e: parent.subarray(2, 6), f: shared, g: null, h: 'text', i: [1, 2] };
    expect(transferablesOf(value)).toEqual([whole.buffer, other.buffer]);
    expect(transferablesOf(null)).toEqual([]);
  });

  it("moves a worker's accumulator without leaving the worker anything it still uses", () => {
    if (!parsed.ok) throw new Error('fixture should be valid');
    const api = createWorkerApi();
    api.init(parsed.scenario);
    api.runBatch(0, 40);
    const json = api.takeAccumulator();
    const budget = (json.sections.slos as { budget: BudgetDaysTransfer[] }).budget;
    const buffers = transferablesOf(json);
    // Every budget day's counters, day table and checks go, and they are all there is to move.
    expect(buffers).toHaveLength(3 * budget.length);
    for (const days of budget) for (const a of [days.counts, days.meta, days.checkedAt]) expect(buffers).toContain(a.buffer);
    const moved = structuredClone(json, { transfer: buffers });
    expect(budget[0].counts.length).toBe(0); // detached on this side
    const expected = createAccumulator(compileScenario(parsed.scenario));
    runTrials(compileScenario(parsed.scenario), 0, 40, expected);
    const received = Accumulator.fromJSON(moved);
    expect(JSON.stringify(received.toJSON())).toBe(JSON.stringify(expected.toJSON()));
    // The worker goes on with a fresh accumulator: the next batch's is trials 40-70's alone.
    api.runBatch(40, 70);
    const next = Accumulator.fromJSON(structuredClone(api.takeAccumulator()));
    const alone = createAccumulator(compileScenario(parsed.scenario));
    runTrials(compileScenario(parsed.scenario), 40, 70, alone);
    expect(JSON.stringify(next.toJSON())).toBe(JSON.stringify(alone.toJSON()));
  });
});
