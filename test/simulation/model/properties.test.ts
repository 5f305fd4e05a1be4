import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../simulation/scenario/types';
import { outage, scenario, service, slo } from '../../helpers/make-scenario';
import { eachTrial } from '../../helpers/run';

/** A small random scenario: one or two services, random failure rates and lengths, a calendar or rolling window. */
const scenarioArb = fc
  .record({
    perMonth: fc.double({ min: 0, max: 20, noNaN: true }),
    repair: fc.double({ min: 1, max: 600, noNaN: true }),
    errorFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    base: fc.double({ min: 0, max: 0.002, noNaN: true }),
    unit: fc.constantFrom('week' as const, 'month' as const, 'quarter' as const),
    rollingDays: fc.integer({ min: 1, max: 30 }),
    calendar: fc.boolean(),
    dependency: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map((p): Scenario => {
    const failures = [outage('o', p.perMonth, p.repair, { errorFraction: { kind: 'constant', value: p.errorFraction } })];
    const services = [service('db', { failures, baselineErrorFraction: p.base }), service('api', { dependsOn: p.dependency ? [{ service: 'db', impact: 0.7 }] : [], failures })];
    const window = p.calendar ? { kind: 'calendar' as const, unit: p.unit } : { kind: 'rolling' as const, days: p.rollingDays };
    return scenario(services, [slo('api', 'api', { window }), slo('db', 'db', { window, target: 99.5 })], { horizonDays: 45, seed: p.seed });
  });

describe('engine invariants', () => {
  it('never lets budget remaining rise from one day to the next within one calendar window', () => {
    fc.assert(
      fc.property(scenarioArb.filter((s) => s.slos[0].window.kind === 'calendar'), (s) => {
        const unit = (s.slos[0].window as { unit: 'week' | 'month' | 'quarter' }).unit;
        const start = Date.parse(s.simulation.start);
        const windowOf = (day: number) => {
          const d = new Date(start + (day + 1) * 86400000 - 1);
          if (unit === 'month') return d.getUTCFullYear() * 12 + d.getUTCMonth();
          if (unit === 'quarter') return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
          return Math.floor((Math.floor(d.getTime() / 86400000) + 3) / 7); // ISO weeks start on Monday
        };
        eachTrial(s, 20, (o) => {
          for (const x of o.slos) {
            for (let d = 1; d < x.budgetRemaining.length; d++) {
              if (windowOf(d) === windowOf(d - 1)) expect(x.budgetRemaining[d]).toBeLessThanOrEqual(x.budgetRemaining[d - 1] + 1e-12);
            }
          }
        });
      }),
      { numRuns: 25, seed: 42 },
    );
  });

  it('makes breach monotone in the target: a trial breached at a lower target is breached at a higher one', () => {
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 90, max: 99.99, noNaN: true }), fc.double({ min: 0.001, max: 5, noNaN: true }), (s, lo, gap) => {
        const hi = Math.min(99.999, lo + gap);
        const at = (target: number) => {
          const t: Scenario = { ...s, slos: s.slos.map((o) => ({ ...o, target })) };
          const breached: boolean[] = [];
          eachTrial(t, 30, (o) => breached.push(o.slos[0].breached));
          return breached;
        };
        const low = at(lo);
        const high = at(hi);
        low.forEach((b, i) => {
          if (b) expect(high[i]).toBe(true);
        });
      }),
      { numRuns: 20, seed: 7 },
    );
  });

  it('keeps budget and SLI figures finite and consistent whatever the inputs', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        eachTrial(s, 10, (o) => {
          for (const x of o.slos) {
            expect(Number.isFinite(x.attainment)).toBe(true);
            expect(x.worstWindow).toBeLessThanOrEqual(100);
            for (const b of x.budgetRemaining) expect(b).toBeLessThanOrEqual(1 + 1e-12);
            if (x.exhaustionDay >= 0) expect(x.budgetRemaining[x.exhaustionDay]).toBeLessThanOrEqual(0);
          }
        });
      }),
      { numRuns: 25, seed: 3 },
    );
  });
});
