import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TrialOutcome } from '../../../simulation/aggregate/outcome';
import { type CompiledScenario, compileScenario } from '../../../simulation/model/compile';
import { TrialRunner } from '../../../simulation/model/trial';
import { outcomeFor } from '../../../simulation/run/engine';
import { parseScenarioText } from '../../../simulation/scenario';
import type { Scenario } from '../../../simulation/scenario/types';
import { scenario, service, slo } from '../../helpers/make-scenario';

function load(path: string): Scenario {
  const parsed = parseScenarioText(readFileSync(new URL(path, import.meta.url), 'utf8'), path);
  if (!parsed.ok) throw new Error(`${path} should be valid`);
  return parsed.scenario;
}

/** What a runner leaves out of the warm-up: per SLO the first step kept, per service the first minute evaluated. */
interface Skips {
  deltas: { fromStep: Int32Array; fromTime: Float64Array };
  usedFrom: Float64Array;
}

/** A runner that keeps every delta and evaluates every stretch from the timeline's start, as before the skips. */
function keepingEverything(c: CompiledScenario): TrialRunner {
  const runner = new TrialRunner(c);
  const skips = runner as unknown as Skips;
  skips.deltas.fromStep.fill(0);
  skips.deltas.fromTime.fill(c.timeline.t0);
  skips.usedFrom.fill(c.timeline.t0);
  return runner;
}

/** Every number of two outcomes equal to 1e-9 of its size (the deltas left out change sums in their last bits), everything else exactly. */
function expectClose(a: unknown, b: unknown, path: string): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) && !(Number.isNaN(a) && Number.isNaN(b))) throw new Error(`${path}: ${a} against ${b}`);
    return;
  }
  if (ArrayBuffer.isView(a) || Array.isArray(a)) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    expect(y.length, path).toBe(x.length);
    for (let i = 0; i < x.length; i++) expectClose(x[i], y[i], `${path}[${i}]`);
    return;
  }
  if (a !== null && typeof a === 'object') {
    for (const k of Object.keys(a)) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(b, path).toBe(a);
}

describe('what the trials leave out of the warm-up', () => {
  // The policy benchmark (alert rules on every SLO, a budget policy, an SLA, single-step timeslices), with traffic
  // noise and its windows changed so that services and SLOs need different parts of the 30-day warm-up: cache's
  // 30-day window needs it all, api (a dependent of cache) needs 7 days, db's calendar month and dependents
  // need what api and auth need, gateway's 7-day and calendar windows less.
  const base = load('../../../scenarios/bench/bench-5-services-policy.yaml');
  const windows: Record<string, Scenario['slos'][number]['window']> = {
    'gateway-availability': { kind: 'calendar', unit: 'month' },
    'api-availability': { kind: 'rolling', days: 7 },
    'cache-latency': { kind: 'rolling', days: 30 },
  };
  const mixed: Scenario = {
    ...base,
    services: base.services.map((s) => ({ ...s, traffic: { ...s.traffic, noise: { cv: 0.2, correlationMinutes: 15 } } })),
    slos: base.slos.map((o) => (windows[o.id] ? { ...o, window: windows[o.id] } : o)),
  };

  it.each([
    ['the mixed policy benchmark', mixed, 24],
    ['liquid-edge-lln-kit', load('../../../scenarios/liquid-edge-lln-kit.yaml'), 60],
    ['lms-backend', load('../../../scenarios/lms-backend.yaml'), 24],
  ] as const)('changes nothing any figure of a trial reads (%s)', (_, s, trials) => {
    const c = compileScenario(s);
    const runner = new TrialRunner(c);
    const skips = runner as unknown as Skips;
    // Something is left out: some SLO keeps its deltas from later than the timeline's start, some service is
    // evaluated from later, and none later than the horizon's start.
    expect(Math.max(...skips.deltas.fromStep)).toBeGreaterThan(0);
    expect(Math.max(...skips.usedFrom)).toBeGreaterThan(c.timeline.t0);
    expect(Math.max(...skips.usedFrom)).toBeLessThanOrEqual(0);
    const all = keepingEverything(c);
    const a: TrialOutcome = outcomeFor(c);
    const b: TrialOutcome = outcomeFor(c);
    for (let i = 0; i < trials; i++) {
      runner.run(i, a);
      all.run(i, b);
      expectClose(b, a, `trial ${i}`);
    }
  });

  it('keeps each SLO from the first step its window, rules or slices read', () => {
    const c = compileScenario(mixed);
    const { fromStep } = (new TrialRunner(c) as unknown as Skips).deltas;
    const day = 1440;
    const h = c.timeline.horizonStep;
    const byId = (id: string) => fromStep[c.slos.findIndex((o) => o.spec.id === id)];
    // Rolling windows longer than the rules' reach: the window reported on the horizon's first day.
    expect(byId('cache-latency')).toBe(h - 29 * day);
    expect(byId('auth-availability')).toBe(h - 6 * day);
    // A 1-day and a calendar window: the rules' longest window (3 days) back from their first judged step, which
    // lies within the rule's cadence (under an hour here) of the horizon's start.
    for (const id of ['api-latency-p95', 'gateway-availability']) {
      expect(byId(id)).toBeLessThanOrEqual(h - 3 * day);
      expect(byId(id)).toBeGreaterThan(h - 3 * day - 60);
    }
  });

  it('keeps timeslices whole: from the start of the slice holding the first step read', () => {
    // No rules. A 30-day window makes a 30-day warm-up; 7-minute slices do not divide a day (43,200 = 7 x 6,171 + 3).
    const c = compileScenario(
      scenario(
        [service('api', { baselineErrorFraction: 0.001 })],
        [
          slo('month', 'api', { window: { kind: 'rolling', days: 30 } }),
          slo('slices', 'api', { window: { kind: 'rolling', days: 1 }, budgeting: { kind: 'timeslices', sliceMinutes: 7, sliceTarget: 99 } }),
          slo('calendar', 'api', { window: { kind: 'calendar', unit: 'month' } }),
        ],
      ),
    );
    const { fromStep } = (new TrialRunner(c) as unknown as Skips).deltas;
    expect(c.timeline.horizonStep).toBe(43_200);
    expect(Array.from(fromStep)).toEqual([1440, 43_197, 43_200]);
  });
});
