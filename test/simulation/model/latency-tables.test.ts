import { describe, expect, it } from 'vitest';
import { compileScenario, outcomeFor } from '../../../simulation/run/engine';
import { TrialRunner } from '../../../simulation/model/trial';
import { type CompiledScenario } from '../../../simulation/model/compile';
import { buildLatencyTables, latencyStepTable, latencyTable, slowedGood, staticLatencyFactors } from '../../../simulation/model/latency-tables';
import { instancesFromLaggedDemand } from '../../../simulation/model/capacity';
import { cumBetween } from '../../../simulation/model/slo-step';
import type { Scenario } from '../../../simulation/scenario/types';
import type { SloOutcome } from '../../../simulation/aggregate/outcome';
import { outage, scenario, service, slo } from '../../helpers/make-scenario';

const constant = (value: number) => ({ kind: 'constant' as const, value });
const lognormal = (median: number, p90: number) => ({ kind: 'lognormal' as const, median, p90 });

/** A queueing service slowed by failures (factors 3 and 1.5), failed deploys (2) and a scripted event (2), with maintenance. */
function slowedScenario(): Scenario {
  return scenario(
    [
      service('api', {
        traffic: { rps: 300, diurnal: { amplitude: 0.4, peakHour: 14 } },
        capacity: { instances: 2, rpsPerInstance: 250, autoscale: { min: 2, max: 6, targetUtilization: 0.6, reaction: 5 } },
        latency: { serviceTime: lognormal(20, 60), workersPerInstance: 8 },
        baselineErrorFraction: 0.001,
        failures: [
          outage('slow', 20, 0, { errorFraction: constant(0.02), latencyFactor: 3, repair: lognormal(30, 120) }),
          outage('sluggish', 10, 0, { errorFraction: constant(0), latencyFactor: 1.5, repair: lognormal(60, 200) }),
          outage('down', 0, 10),
        ],
        deploys: { perWeek: 20, failureProbability: 0.1, impact: { errorFraction: constant(0.05), latencyFactor: 2, capacityLoss: 0 }, rollback: lognormal(10, 30) },
        scripted: [{ at: 1000.5, duration: 90.25, errorFraction: constant(0), latencyFactor: 2, capacityLoss: 0 }],
        maintenance: [{ weekday: 'sun', start: 180, duration: 60, errorFraction: 0.1 }],
      }),
    ],
    [
      slo('p99', 'api', { sli: 'latency', thresholdMs: 150, target: 99, window: { kind: 'rolling', days: 7 } }),
      slo('p95-excl', 'api', { sli: 'latency', thresholdMs: 80, target: 95, window: { kind: 'calendar', unit: 'week' }, excludeMaintenance: true }),
      slo('avail', 'api', { target: 99.9, window: { kind: 'rolling', days: 7 } }),
    ],
    { horizonDays: 21 },
  );
}

/**
 * Every SLO's daily budget, attainment and worst window over the first `trials` trials, then each alert rule's
 * firings, false firings, incidents caught and their detection delays (none without rules); `each` sees every
 * SLO's outcome as it is read.
 */
function outcomes(c: CompiledScenario, trials: number, each?: (o: SloOutcome, index: number) => void): number[][] {
  const runner = new TrialRunner(c);
  const out = outcomeFor(c);
  const rows: number[][] = [];
  for (let i = 0; i < trials; i++) {
    runner.run(i, out);
    out.slos.forEach((o, oi) => {
      rows.push([...o.budgetRemaining, o.attainment, o.worstWindow, ...o.alerts.flatMap((a) => [a.firings, a.falseFirings, a.caught, ...a.delays.slice(0, a.caught)])]);
      each?.(o, oi);
    });
  }
  return rows;
}

describe('latency tables (DESIGN 6)', () => {
  it('takes the latency factors of failures with a rate, failed deploys and scripted events, not 1', () => {
    const s = slowedScenario();
    expect(staticLatencyFactors(s.services[0]).sort()).toEqual([1.5, 2, 3]);
  });

  it('builds one table per latency SLO and factor, within the memory budget', () => {
    const c = compileScenario(slowedScenario());
    expect(c.slos.map((o) => o.phis.length)).toEqual([3, 3, 0]);
    for (const o of c.slos) {
      o.phis = [];
      o.phiGood = [];
    }
    buildLatencyTables(c.services, c.slos, c.timeline.steps, 4 * (c.timeline.steps + 1) * 8);
    expect(c.slos.map((o) => o.phis.length)).toEqual([3, 1, 0]);
  });

  it('gives a table whose running sum at factor 1 would be the baseline good requests', () => {
    // Under factor 1 the table is the baseline itself: check the build against goodCum through the same code path.
    const c = compileScenario(slowedScenario());
    const o = c.slos[0];
    o.phis = [];
    o.phiGood = [];
    const svc = c.services[0];
    const spec = { ...svc.spec, failures: [], deploys: undefined, scripted: [{ at: 0, duration: 1, errorFraction: constant(0), latencyFactor: 1.000000001, capacityLoss: 0 }] };
    buildLatencyTables([{ ...svc, spec }], c.slos, c.timeline.steps);
    const T = latencyTable(o, 1.000000001) as Float64Array;
    expect(T).not.toBeNull();
    const steps = c.timeline.steps;
    expect(cumBetween(T, 0, steps) / cumBetween(o.goodCum, 0, steps)).toBeCloseTo(1, 6);
  });

  it('gives the same budgets as evaluating the slowed stretches step by step', () => {
    const tables = compileScenario(slowedScenario());
    const stepped = compileScenario(slowedScenario());
    for (const o of stepped.slos) {
      o.phis = [];
      o.phiGood = [];
    }
    const a = outcomes(tables, 40);
    const b = outcomes(stepped, 40);
    expect(a.length).toBe(b.length);
    let differs = 0;
    for (let i = 0; i < a.length; i++) {
      for (let j = 0; j < a[i].length; j++) {
        expect(a[i][j]).toBeCloseTo(b[i][j], 9);
        if (a[i][j] !== b[i][j]) differs++;
      }
    }
    // The two paths sum in different orders: they cannot agree to the last digit everywhere, which shows both ran.
    expect(differs).toBeGreaterThan(0);
  });

  describe('step tables (SLOs that keep per-step deltas)', () => {
    /** slowedScenario with burn-rate alerts on every SLO and a timeslice SLO: the latency SLOs get step tables. */
    function alerting(): Scenario {
      const s = slowedScenario();
      s.slos.push(slo('p90-slices', 'api', { sli: 'latency', thresholdMs: 120, target: 99, window: { kind: 'calendar', unit: 'week' }, budgeting: { kind: 'timeslices', sliceMinutes: 5, sliceTarget: 0.9 } }));
      s.policy.alerts = [
        { kind: 'burnRate', name: '14.4x 1h/5m', long: 60, short: 5, burnRate: 14.4, severity: 'page' },
        { kind: 'burnRate', name: '1x 1d/2h', long: 1440, short: 120, burnRate: 1, severity: 'ticket' },
      ];
      return s;
    }

    it('builds step tables, not running sums, for latency SLOs with alert rules or timeslices', () => {
      const c = compileScenario(alerting());
      expect(c.slos.map((o) => o.phis.length)).toEqual([0, 0, 0, 0]);
      expect(c.slos.map((o) => o.stepPhis.length)).toEqual([3, 3, 0, 3]);
      expect(c.slos[3].slices).not.toBeNull();
    });

    it('holds the good requests of every step exactly as a step-by-step evaluation computes them', () => {
      const c = compileScenario(alerting());
      const svc = c.services[0];
      const o = c.slos[0];
      const P = latencyStepTable(o, 3) as Float64Array;
      expect(P.length).toBe(c.timeline.steps);
      const r = svc.cap.reactionSteps;
      let differing = 0;
      let slower = 0;
      for (let k = 0; k < c.timeline.steps; k++) {
        const instances = instancesFromLaggedDemand(svc.cap, k - r >= 0 ? svc.demand[k - r] : NaN);
        if (P[k] !== slowedGood(svc, o, k, 3, instances)) differing++;
        if (P[k] < slowedGood(svc, o, k, 1, instances)) slower++;
      }
      expect(differing).toBe(0);
      // Factor 3 costs good requests at many steps (so the comparison above is not between equal constants).
      expect(slower).toBeGreaterThan(c.timeline.steps / 10);
      expect(latencyStepTable(o, 1.25)).toBeNull();
    });

    it('gives the same budgets, alert firings and detection delays, to the last digit, as evaluating each step', () => {
      const tables = compileScenario(alerting());
      const stepped = compileScenario(alerting());
      for (const o of stepped.slos) {
        o.stepPhis = [];
        o.phiStep = [];
      }
      let latencyFirings = 0;
      const a = outcomes(tables, 40, (o, oi) => {
        if (tables.slos[oi].spec.sli === 'latency') latencyFirings += o.alerts.reduce((n, rule) => n + rule.firings, 0);
      });
      expect(a).toEqual(outcomes(stepped, 40));
      // The latency rules saw the slowed stretches: they fired.
      expect(latencyFirings).toBeGreaterThan(0);
    });
  });
});
